//! Client configuration: base URL, credentials, limits, retries, pre-flight.

use std::time::Duration;

use crate::Secret;

/// Feishu's open platform (the default).
pub const FEISHU_BASE_URL: &str = "https://open.feishu.cn";
/// Lark's open platform (international).
pub const LARK_BASE_URL: &str = "https://open.larksuite.com";

/// The platform's documented rate limits, enforced client-side so a well-behaved program never
/// sees 230020. Each API has its own counters (the platform counts per API, app and tenant).
///
/// The per-minute limit is a GCRA with a burst: `minute_burst` requests may go at the
/// per-second rate, after which the rate falls to what keeps any 60 s window within
/// `per_minute` (burst + 60 s ÷ interval − 1 ≤ per_minute). A bigger burst is faster for short
/// bursts and slower when sustained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Send, PATCH and edit: per app and API, per second (seeds 000: 50).
    pub app_per_second: u32,
    /// Send, PATCH and edit: per app and API, per minute (seed 000: 1000).
    pub app_per_minute: u32,
    /// How many of the per-minute requests may go at the per-second rate before it slows down.
    pub minute_burst: u32,
    /// PATCH of one message, per second (seed 000: 5).
    pub message_per_second: u32,
    /// Sends to one user or chat, per second (send docs: 5).
    pub receiver_per_second: u32,
    /// chat_button updates, per second (seed 002: 10).
    pub chat_button_per_second: u32,
    /// Spacing added to every limit, in percent (default 3): requests leave the process evenly
    /// spaced, but arrive with network and scheduling jitter, and a server counting in windows
    /// sees two that came closer. 3 % tolerates ~30 ms of jitter at 50/s.
    pub headroom_percent: u32,
}

impl Limits {
    /// The documented limits (seeds 000 and 002, the send docs); the emulator enforces these.
    pub const DOCUMENTED: Limits = Limits {
        app_per_second: crate::platform::APP_PER_SECOND,
        app_per_minute: crate::platform::APP_PER_MINUTE,
        minute_burst: 200,
        message_per_second: crate::platform::MESSAGE_PER_SECOND,
        receiver_per_second: crate::platform::RECEIVER_PER_SECOND,
        chat_button_per_second: crate::platform::CHAT_BUTTON_PER_SECOND,
        headroom_percent: 3,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DOCUMENTED
    }
}

/// How failed requests are retried. Only retryable failures are (230020 and the generic rate
/// limit, 5xx, timeouts, dropped connections); a token-invalid reply refreshes the token and
/// retries once; every other code is final at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Requests per call, the first included.
    pub max_attempts: u32,
    /// The first backoff; doubled per attempt, with jitter.
    pub base_delay: Duration,
    /// The longest wait, also for a server's `x-ogw-ratelimit-reset`.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1` (1-based `attempt` just failed), honouring a
    /// server-given reset time.
    pub(crate) fn delay(
        &self,
        attempt: u32,
        server_reset: Option<Duration>,
        jitter: f64,
    ) -> Duration {
        if let Some(reset) = server_reset {
            return reset.min(self.max_delay);
        }
        let exp = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        // Jitter in [0.5, 1.0): spreads retries of concurrent calls.
        exp.mul_f64(0.5 + jitter / 2.0).min(self.max_delay)
    }
}

/// Settings of a [`crate::Client`]; made by [`ClientBuilder`].
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// `https://open.feishu.cn` or another base (no trailing slash).
    pub base_url: String,
    /// The app id (`cli_…`).
    pub app_id: String,
    /// The app secret (never printed).
    pub app_secret: Secret,
    /// Client-side rate limits.
    pub limits: Limits,
    /// Retries.
    pub retry: RetryPolicy,
    /// Check payloads with card-validate before sending (on by default).
    pub preflight: bool,
    /// Pre-flight in strict mode: keys and values the 2.0 docs do not list stop a send too
    /// (off by default: they are warnings, since the server takes many of them).
    pub strict: bool,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Refresh the token this long before it expires (at most a quarter of its lifetime).
    pub token_refresh_margin: Duration,
}

impl ClientConfig {
    /// The validator options pre-flight runs with.
    pub fn validation(&self) -> card_validate::Options {
        card_validate::Options::default().strict(self.strict)
    }
}

/// Builds a [`crate::Client`].
///
/// ```no_run
/// # async fn run() -> Result<(), card_send::Error> {
/// let client = card_send::Client::builder()
///     .app_id("cli_a1b2c3")
///     .app_secret(std::env::var("FEISHU_APP_SECRET").unwrap_or_default())
///     .base_url(card_send::LARK_BASE_URL)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    app_id: Option<String>,
    app_secret: Option<Secret>,
    limits: Option<Limits>,
    retry: Option<RetryPolicy>,
    preflight: Option<bool>,
    strict: bool,
    timeout: Option<Duration>,
    token_refresh_margin: Option<Duration>,
}

impl ClientBuilder {
    /// The app id (required).
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }
    /// The app secret (required).
    pub fn app_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.app_secret = Some(secret.into());
        self
    }
    /// The platform base URL: [`FEISHU_BASE_URL`] (default), [`LARK_BASE_URL`], or an emulator.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// Client-side rate limits (default: the documented ones).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = Some(limits);
        self
    }
    /// Retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }
    /// Turns pre-flight validation on (default) or off.
    pub fn preflight(mut self, on: bool) -> Self {
        self.preflight = Some(on);
        self
    }
    /// Pre-flight in strict mode (default off): the validator's `unknown-property` and
    /// `undocumented-value` warnings stop a send as errors. See `card_validate::Options`.
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }
    /// Per-request timeout (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// How long before expiry the token is refreshed (default 5 min).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = Some(margin);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Config`] naming the setting: a missing app_id or app_secret, a base_url that
    /// is not https (plain http only to a loopback host), zero limits or retry attempts, or an HTTP
    /// client that cannot be built.
    pub fn build(self) -> Result<crate::Client, crate::Error> {
        let config = self.into_config()?;
        crate::Client::from_config(config)
    }

    pub(crate) fn into_config(self) -> Result<ClientConfig, crate::Error> {
        let bad = |m: &str| crate::Error::Config(m.to_owned());
        let app_id = self
            .app_id
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("app_id is required"))?;
        let app_secret = self
            .app_secret
            .filter(|s| !s.expose().is_empty())
            .ok_or_else(|| bad("app_secret is required"))?;
        let base_url = self.base_url.unwrap_or_else(|| FEISHU_BASE_URL.to_owned());
        let base_url = base_url.trim_end_matches('/').to_owned();
        check_base_url(&base_url)?;
        let limits = self.limits.unwrap_or_default();
        let nonzero = [
            limits.app_per_second,
            limits.app_per_minute,
            limits.message_per_second,
            limits.receiver_per_second,
            limits.chat_button_per_second,
        ];
        if nonzero.contains(&0)
            || limits.minute_burst == 0
            || limits.minute_burst > limits.app_per_minute
        {
            return Err(bad(
                "limits must be positive, and minute_burst at most app_per_minute",
            ));
        }
        let retry = self.retry.unwrap_or_default();
        if retry.max_attempts == 0 {
            return Err(bad("retry.max_attempts must be at least 1"));
        }
        Ok(ClientConfig {
            base_url,
            app_id,
            app_secret,
            limits,
            retry,
            preflight: self.preflight.unwrap_or(true),
            strict: self.strict,
            timeout: self.timeout.unwrap_or(Duration::from_secs(10)),
            token_refresh_margin: self
                .token_refresh_margin
                .unwrap_or(Duration::from_secs(300)),
        })
    }
}

/// The app secret and every token travel to `base_url`: https is required, except for a
/// loopback host (127.0.0.0/8, ::1, localhost), where the emulator and local proxies run.
fn check_base_url(base_url: &str) -> Result<(), crate::Error> {
    let url = reqwest::Url::parse(base_url)
        .map_err(|e| crate::Error::Config(format!("base_url {base_url:?} is not a URL: {e}")))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(crate::Error::Config(format!(
            "base_url {base_url:?} would send the app secret and tokens in clear text: use https:// (plain http:// is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)"
        ))),
        other => Err(crate::Error::Config(format!(
            "base_url must be https:// (or http:// to a loopback host), got the scheme {other:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_required_except_for_loopback_hosts() {
        for ok in [
            "https://open.feishu.cn",
            "https://open.larksuite.com/",
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:9000",
            "http://localhost:3000",
            "http://LOCALHOST",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://open.feishu.cn",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "open.feishu.cn",
        ] {
            let e = check_base_url(bad).unwrap_err().to_string();
            assert!(e.contains("base_url"), "{bad}: {e}");
        }
        let e = crate::Client::builder()
            .app_id("cli_x")
            .app_secret("s")
            .base_url("http://open.feishu.cn")
            .build()
            .unwrap_err()
            .to_string();
        assert!(e.contains("clear text"), "{e}");
    }

    #[test]
    fn backoff_doubles_and_is_bounded() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, None, 1.0), Duration::from_millis(200));
        assert_eq!(p.delay(3, None, 1.0), Duration::from_millis(800));
        assert_eq!(p.delay(30, None, 1.0), Duration::from_secs(10));
        assert_eq!(p.delay(1, None, 0.0), Duration::from_millis(100));
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3)), 0.3),
            Duration::from_secs(3)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(99)), 0.3),
            Duration::from_secs(10)
        );
    }

    #[test]
    fn builder_checks() {
        let e = ClientBuilder::default()
            .app_secret("s")
            .into_config()
            .unwrap_err();
        assert!(e.to_string().contains("app_id"), "{e}");
        let e = ClientBuilder::default()
            .app_id("a")
            .into_config()
            .unwrap_err();
        assert!(e.to_string().contains("app_secret"), "{e}");
        let e = ClientBuilder::default()
            .app_id("a")
            .app_secret("s")
            .base_url("open.feishu.cn")
            .into_config()
            .unwrap_err();
        assert!(e.to_string().contains("base_url"), "{e}");
        let c = ClientBuilder::default()
            .app_id("a")
            .app_secret("s")
            .into_config()
            .unwrap();
        assert_eq!(c.base_url, FEISHU_BASE_URL);
        assert!(c.preflight);
        assert!(!format!("{c:?}").contains("\"s\""));
    }
}

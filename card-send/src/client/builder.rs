//! [`ClientBuilder`]: the settings of a [`Client`](super::Client), checked when it is built
//! (credentials present, https except to loopback, limits and retries positive).

use std::time::Duration;

use crate::config::{ClientConfig, FEISHU_BASE_URL, Limits, RetryPolicy};
use crate::{Client, Secret};

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
    deny_warnings: bool,
    shared_limits: Option<String>,
    store: Option<std::sync::Arc<dyn card_store::Store>>,
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
    /// The platform base URL: [`crate::FEISHU_BASE_URL`] (default), [`crate::LARK_BASE_URL`], or an emulator.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// The app's credentials from the environment: `FEISHU_APP_ID` and `FEISHU_APP_SECRET`
    /// (`FEISHU_BASE_URL` for Lark or another base); `None` when either is unset or empty, so a
    /// program can fall back to an emulator (as teloxide's `Bot::from_env`):
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use card_send::{Client, ClientBuilder};
    /// let client = match ClientBuilder::from_env() {
    ///     Some(feishu) => feishu.build()?,
    ///     None => Client::builder().base_url("http://127.0.0.1:8080").app_id("cli_test").app_secret("s").build()?,
    /// };
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Option<ClientBuilder> {
        ClientBuilder::from_vars(|k| std::env::var(k).ok())
    }

    /// [`ClientBuilder::from_env`] over any lookup.
    fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Option<ClientBuilder> {
        let var = |k: &str| lookup(k).filter(|v| !v.is_empty());
        let builder = Client::builder()
            .app_id(var("FEISHU_APP_ID")?)
            .app_secret(var("FEISHU_APP_SECRET")?);
        Some(match var("FEISHU_BASE_URL") {
            Some(base) => builder.base_url(base),
            None => builder,
        })
    }
    /// Points the client at `server` with its credentials: base URL, App ID and App Secret
    /// (card-emulator's `Emulator` is one).
    pub fn against(self, server: &impl card_platform::AppServer) -> Self {
        self.base_url(server.base_url())
            .app_id(server.app_id())
            .app_secret(server.app_secret())
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
    /// Pre-flight warnings stop a send as errors (default off). Either way each warning is
    /// logged through `tracing` (target `card_send::preflight`, level `warn`).
    pub fn deny_warnings(mut self, on: bool) -> Self {
        self.deny_warnings = on;
        self
    }
    /// Keeps the rate limits in Redis at `url` (`redis://127.0.0.1/`), shared by every process
    /// of this app, so replicas together stay under the app's 50/s and 1000/min (feature `redis`;
    /// keys are prefixed with the app id). Without it, the limits are this process's.
    #[cfg(feature = "redis")]
    pub fn shared_limits(mut self, url: impl Into<String>) -> Self {
        self.shared_limits = Some(url.into());
        self
    }
    /// Shares this client's state with the app's other replicas through `store` (a
    /// `card_send::store::RedisStore` with feature `redis`): each card entity's `sequence`
    /// strictly increases across every writer and its operations take turns across processes
    /// (no 300317), a delayed-update token's two uses are counted across replicas, and a
    /// `CardStream` can be continued by another replica ([`super::Client::resume_stream`]).
    /// Without it, that state is this process's (a single process needs nothing).
    pub fn store(mut self, store: std::sync::Arc<dyn card_store::Store>) -> Self {
        self.store = Some(store);
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
    pub fn build(self) -> Result<super::Client, crate::Error> {
        let config = self.into_config()?;
        super::Client::from_config(config)
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
        if nonzero.contains(&0) {
            return Err(bad("limits must be positive"));
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
            deny_warnings: self.deny_warnings,
            shared_limits: self.shared_limits,
            store: self.store,
            timeout: self.timeout.unwrap_or(Duration::from_secs(10)),
            token_refresh_margin: self
                .token_refresh_margin
                .unwrap_or(Duration::from_secs(300)),
        })
    }
}

/// [`card_platform::base_url::check`] as this crate's error.
pub(crate) fn check_base_url(base_url: &str) -> Result<(), crate::Error> {
    card_platform::base_url::check(base_url).map_err(crate::Error::Config)
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

    #[test]
    fn from_env_needs_both_credentials_and_takes_the_base_url() {
        fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        }
        assert!(ClientBuilder::from_vars(vars(&[("FEISHU_APP_ID", "cli_1")])).is_none());
        const EMPTY: [(&str, &str); 2] = [("FEISHU_APP_ID", "cli_1"), ("FEISHU_APP_SECRET", "")];
        assert!(ClientBuilder::from_vars(vars(&EMPTY)).is_none());
        const SET: [(&str, &str); 3] = [
            ("FEISHU_APP_ID", "cli_1"),
            ("FEISHU_APP_SECRET", "s3cret"),
            ("FEISHU_BASE_URL", "https://open.larksuite.com"),
        ];
        let b = ClientBuilder::from_vars(vars(&SET)).unwrap();
        assert_eq!(b.app_id.as_deref(), Some("cli_1"));
        assert_eq!(b.base_url.as_deref(), Some("https://open.larksuite.com"));
        assert!(
            !format!("{b:?}").contains("s3cret"),
            "the secret stays out of Debug"
        );
        assert!(b.build().is_ok());
    }
}

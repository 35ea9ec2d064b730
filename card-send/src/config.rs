//! Client configuration: base URL, credentials, limits, retries, pre-flight.

use std::time::Duration;

use crate::Secret;

pub use card_platform::{FEISHU_BASE_URL, LARK_BASE_URL};

/// The platform's documented rate limits, enforced client-side so a well-behaved program never
/// sees 230020. Each API has its own counters (the platform counts per API, app and tenant).
///
/// The per-minute limit is a sliding window: a request goes when fewer than `app_per_minute`
/// went in the last 60 s (stretched by the headroom), so a sustained load runs at the
/// per-second rate until the window is full and then as the window frees — the fastest any
/// 60 s window allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Send, PATCH and edit: per app and API, per second (seeds 000: 50).
    pub app_per_second: u32,
    /// Send, PATCH and edit: per app and API, per minute (seed 000: 1000).
    pub app_per_minute: u32,
    /// PATCH of one message, per second (seed 000: 5).
    pub message_per_second: u32,
    /// Sends to one user or chat, per second (send docs: 5).
    pub receiver_per_second: u32,
    /// chat_button updates, per second (seed 002: 10).
    pub chat_button_per_second: u32,
    /// Operations on one card entity, per second, across every CardKit card and element call
    /// (streaming overview: 10). Each CardKit API also has the app's 50/s and 1000/min.
    pub entity_per_second: u32,
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
        message_per_second: crate::platform::MESSAGE_PER_SECOND,
        receiver_per_second: crate::platform::RECEIVER_PER_SECOND,
        chat_button_per_second: crate::platform::CHAT_BUTTON_PER_SECOND,
        entity_per_second: crate::platform::ENTITY_PER_SECOND,
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

/// Settings of a [`crate::Client`]; made by [`crate::ClientBuilder`].
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
    /// Pre-flight warnings stop a send too (off by default; they are logged through `tracing`
    /// at `warn` either way).
    pub deny_warnings: bool,
    /// Redis URL of the limits shared by every process of the app (feature `redis`); `None`
    /// keeps them in this process.
    pub shared_limits: Option<String>,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Refresh the token this long before it expires (at most a quarter of its lifetime).
    pub token_refresh_margin: Duration,
    /// The state shared with the app's other replicas (CardKit sequences and turns, delayed-update
    /// token uses, streams another replica may take over); `None`: this process's own.
    pub store: Option<std::sync::Arc<dyn card_store::Store>>,
}

impl ClientConfig {
    /// The validator options pre-flight runs with.
    pub fn validation(&self) -> card_validate::Options {
        card_validate::Options::default().strict(self.strict)
    }

    /// What pre-flight stops: the validator options, and warnings when `deny_warnings` is set.
    pub fn preflight_policy(&self) -> crate::preflight::Policy {
        crate::preflight::Policy {
            options: self.validation(),
            deny_warnings: self.deny_warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

//! Client-side rate limits (governor): the seeds' per-app, per-message and chat_button limits.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota};

use crate::config::Limits;
use crate::error::Endpoint;

/// Per-second and per-minute limiters of one API.
#[derive(Debug)]
struct AppLimit {
    second: DefaultDirectRateLimiter,
    minute: DefaultDirectRateLimiter,
}

/// All limiters of one client.
#[derive(Debug)]
pub(crate) struct RateLimits {
    send: AppLimit,
    patch: AppLimit,
    edit: AppLimit,
    per_message: DefaultKeyedRateLimiter<String>,
    per_receiver: DefaultKeyedRateLimiter<String>,
    chat_button: DefaultDirectRateLimiter,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// At most `n` in any 1 s window: one every 1/n s, no burst (a burst of b would allow b + n − 1).
fn per_second(n: u32) -> Quota {
    Quota::with_period(Duration::from_secs(1) / n.max(1))
        .unwrap_or_else(|| Quota::per_second(nz(n)))
        .allow_burst(NonZeroU32::MIN)
}

/// At most `n` in any 60 s window with a burst of `b`: interval 60 s ÷ (n − b + 1).
fn per_minute(n: u32, b: u32) -> Quota {
    let steady = (n.saturating_sub(b) + 1).max(1);
    Quota::with_period(Duration::from_secs(60) / steady)
        .unwrap_or_else(|| Quota::per_minute(nz(n)))
        .allow_burst(nz(b))
}

impl AppLimit {
    fn new(l: &Limits) -> Self {
        AppLimit {
            second: governor::RateLimiter::direct(per_second(l.app_per_second)),
            minute: governor::RateLimiter::direct(per_minute(l.app_per_minute, l.minute_burst)),
        }
    }

    async fn acquire(&self) {
        // The minute cell first: waiting on it can be long, and the second's cell must be taken
        // right before the request goes out.
        self.minute.until_ready().await;
        self.second.until_ready().await;
    }
}

impl RateLimits {
    pub(crate) fn new(l: &Limits) -> Self {
        RateLimits {
            send: AppLimit::new(l),
            patch: AppLimit::new(l),
            edit: AppLimit::new(l),
            per_message: governor::RateLimiter::keyed(per_second(l.message_per_second)),
            per_receiver: governor::RateLimiter::keyed(per_second(l.receiver_per_second)),
            chat_button: governor::RateLimiter::direct(per_second(l.chat_button_per_second)),
        }
    }

    /// Waits until a request to `endpoint` (for `key`: the message or receiver) may go.
    pub(crate) async fn acquire(&self, endpoint: Endpoint, key: Option<&str>) {
        match endpoint {
            Endpoint::Send => {
                if let Some(k) = key {
                    self.per_receiver.until_key_ready(&k.to_owned()).await;
                }
                self.send.acquire().await;
            }
            Endpoint::UpdateCard => {
                if let Some(k) = key {
                    self.per_message.until_key_ready(&k.to_owned()).await;
                }
                self.patch.acquire().await;
            }
            Endpoint::EditMessage => self.edit.acquire().await,
            Endpoint::ChatButton => self.chat_button.until_ready().await,
            Endpoint::Token | Endpoint::GetMessage => {}
        }
    }

    /// Drops the state of keys idle long enough to be back at full capacity.
    pub(crate) fn prune(&self) {
        self.per_message.retain_recent();
        self.per_receiver.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn quotas_keep_every_window() {
        // burst + 60 s / interval - 1 <= 1000
        let q = per_minute(1000, 200);
        let steady = Duration::from_secs(60).as_nanos() / q.replenish_interval().as_nanos();
        assert!(200 + steady as u32 - 1 <= 1000, "{steady}");
        assert_eq!(
            per_second(50).replenish_interval(),
            Duration::from_millis(20)
        );
        assert_eq!(per_second(50).burst_size().get(), 1);
    }

    #[tokio::test]
    async fn per_message_limit_spaces_requests() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for _ in 0..3 {
            l.acquire(Endpoint::UpdateCard, Some("om_1")).await;
        }
        // Two intervals of 200 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(390),
            "{:?}",
            start.elapsed()
        );
        // Another message is not held back by om_1.
        let t = Instant::now();
        l.acquire(Endpoint::UpdateCard, Some("om_2")).await;
        assert!(t.elapsed() < Duration::from_millis(100));
    }
}

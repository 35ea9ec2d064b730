//! Rate limits kept in Redis (feature `redis`), so every process of one app stays under the
//! platform's limits together: N replicas with their own in-process limiters would each believe
//! they own the app's 50/s and 1000/min.
//!
//! One Lua script, run atomically on the Redis server with the server's clock (`TIME`, so the
//! replicas' clocks do not matter), reserves in one step the earliest slot that fits the app's
//! per-second spacing (a GCRA with a burst of 1, as in-process), the app's per-minute sliding
//! window (a sorted set of the window's requests) and the message's or receiver's per-second
//! spacing; the caller sleeps until its slot.

use std::time::Duration;

use tokio::sync::OnceCell;

use crate::Endpoint;
use crate::Error;
use crate::config::Limits;

/// The script: KEYS = app spacing, app minute window, key spacing (or an unused key);
/// ARGV = app interval µs, minute limit, minute window µs, key interval µs (0: none), member.
/// It reserves the earliest slot every limit allows — the app's next spacing slot, the key's,
/// and a free place in the minute window — takes it in all three, and returns how many µs from
/// now it is. Reserving (rather than checking and retrying) means waiters never race for a slot
/// and a late timer wake-up never loses one.
const SCRIPT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = now
local app_tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if app_tat > at then at = app_tat end
local key_interval = tonumber(ARGV[4])
if key_interval > 0 then
  local key_tat = tonumber(redis.call('GET', KEYS[3]) or '0')
  if key_tat > at then at = key_tat end
end
local window = tonumber(ARGV[3])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[2])
if n >= limit then
  -- The slot frees when the request `n - limit` places from the oldest leaves the window.
  local e = redis.call('ZRANGE', KEYS[2], n - limit, n - limit, 'WITHSCORES')
  local free = tonumber(e[2]) + window
  if free > at then at = free end
end
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', 120000)
redis.call('ZADD', KEYS[2], at, ARGV[5])
redis.call('PEXPIRE', KEYS[2], math.floor(window / 1000) + 120000)
if key_interval > 0 then
  redis.call('SET', KEYS[3], at + key_interval, 'PX', 120000)
end
return at - now
";

/// The shared limiter of one client: a Redis connection (opened on first use) and the script.
pub(crate) struct SharedLimits {
    client: redis::Client,
    conn: OnceCell<redis::aio::MultiplexedConnection>,
    script: redis::Script,
    /// Keys are `<prefix>:<api>:…`; replicas of one app share a prefix (the app id by default).
    prefix: String,
    app_interval: Duration,
    message_interval: Duration,
    receiver_interval: Duration,
    minute_limit: u32,
    minute_window: Duration,
}

impl std::fmt::Debug for SharedLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedLimits")
            .field("prefix", &self.prefix)
            .finish()
    }
}

fn stretch(d: Duration, headroom: u32) -> Duration {
    d * (100 + headroom) / 100
}

impl SharedLimits {
    /// A shared limiter for `limits` at `url` (connected on first use).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a URL the Redis client does not take.
    pub(crate) fn new(url: &str, prefix: String, limits: &Limits) -> Result<Self, Error> {
        let client =
            redis::Client::open(url).map_err(|e| Error::Config(format!("shared_limits: {e}")))?;
        let h = limits.headroom_percent;
        let per = |n: u32| stretch(Duration::from_secs(1) / n.max(1), h);
        Ok(SharedLimits {
            client,
            conn: OnceCell::new(),
            script: redis::Script::new(SCRIPT),
            prefix,
            app_interval: per(limits.app_per_second),
            message_interval: per(limits.message_per_second),
            receiver_interval: per(limits.receiver_per_second),
            minute_limit: limits.app_per_minute,
            minute_window: stretch(Duration::from_secs(60), h),
        })
    }

    /// Whether this limiter covers `endpoint` (the APIs with documented app limits).
    pub(crate) fn covers(endpoint: Endpoint) -> bool {
        matches!(
            endpoint,
            Endpoint::Send | Endpoint::UpdateCard | Endpoint::EditMessage
        )
    }

    /// Waits until Redis grants one request to `endpoint` (for `key`: message or receiver).
    ///
    /// # Errors
    ///
    /// [`Error::Transport`]-like [`Error::Config`] naming Redis when it cannot be reached or the
    /// script fails (the request is not sent: going on unlimited could earn the app 230020).
    pub(crate) async fn acquire(&self, endpoint: Endpoint, key: Option<&str>) -> Result<(), Error> {
        let wait = self.reserve(endpoint, key).await?;
        // The slot is ours: wait for it (sleeping to just short of it, as in-process).
        let until = tokio::time::Instant::now() + wait;
        let spin = Duration::from_micros(1500);
        loop {
            let left = until.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            if left > spin {
                tokio::time::sleep(left - spin).await;
            } else {
                tokio::task::yield_now().await;
            }
        }
    }

    /// Reserves the earliest slot for one request and returns how long from now it is.
    async fn reserve(&self, endpoint: Endpoint, key: Option<&str>) -> Result<Duration, Error> {
        let redis_err = |e: redis::RedisError| Error::Config(format!("shared limits (Redis): {e}"));
        let mut conn = self
            .conn
            .get_or_try_init(|| self.client.get_multiplexed_async_connection())
            .await
            .map_err(redis_err)?
            .clone();
        let api = match endpoint {
            Endpoint::Send => "send",
            Endpoint::UpdateCard => "patch",
            _ => "edit",
        };
        let (key_name, key_interval) = match (endpoint, key) {
            (Endpoint::UpdateCard, Some(k)) => {
                (format!("{}:msg:{k}", self.prefix), self.message_interval)
            }
            (Endpoint::Send, Some(k)) => {
                (format!("{}:to:{k}", self.prefix), self.receiver_interval)
            }
            _ => (format!("{}:none", self.prefix), Duration::ZERO),
        };
        let member = uuid::Uuid::new_v4().to_string();
        let wait: i64 = self
            .script
            .key(format!("{}:{api}:second", self.prefix))
            .key(format!("{}:{api}:minute", self.prefix))
            .key(&key_name)
            .arg(self.app_interval.as_micros() as u64)
            .arg(self.minute_limit)
            .arg(self.minute_window.as_micros() as u64)
            .arg(key_interval.as_micros() as u64)
            .arg(&member)
            .invoke_async(&mut conn)
            .await
            .map_err(redis_err)?;
        Ok(Duration::from_micros(wait.max(0) as u64))
    }
}

/// The integration tests' redis-server helper (a path outside an inline module is relative to
/// this file's folder).
#[cfg(test)]
#[path = "../tests/redis_server/mod.rs"]
mod redis_server;

/// Against a real redis-server (skipped with a line when it is missing, a failure under
/// `CI=true`): the reservations two replicas get, read without waiting for them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Two replicas of one app (one prefix) with `limits`.
    fn replicas(url: &str, prefix: &str, limits: &Limits) -> [SharedLimits; 2] {
        [0, 1].map(|_| SharedLimits::new(url, prefix.to_owned(), limits).unwrap())
    }

    const FAST: Limits = Limits {
        app_per_second: 1000,
        app_per_minute: 1000,
        message_per_second: 5,
        receiver_per_second: 5,
        chat_button_per_second: 10,
        entity_per_second: 10,
        headroom_percent: 0,
    };

    /// When a reserved slot is, as seen from here: the Redis server's clock is read between
    /// `sent` and `answered`, so the slot lies between `sent + wait` and `answered + wait`.
    /// Comparing bounds, not the bare waits, keeps a slow test machine from looking like a
    /// limit that spaces nothing.
    #[derive(Debug, Clone, Copy)]
    struct Slot {
        earliest: std::time::Instant,
        latest: std::time::Instant,
        wait: Duration,
    }

    impl Slot {
        /// The most this slot can be after `before`.
        fn most_after(&self, before: &Slot) -> Duration {
            self.latest.saturating_duration_since(before.earliest)
        }
        /// The least this slot can be after `before`.
        fn least_after(&self, before: &Slot) -> Duration {
            self.earliest.saturating_duration_since(before.latest)
        }
    }

    async fn slot(l: &SharedLimits, endpoint: Endpoint, key: Option<&str>) -> Slot {
        let sent = std::time::Instant::now();
        let wait = l.reserve(endpoint, key).await.unwrap();
        Slot {
            earliest: sent + wait,
            latest: std::time::Instant::now() + wait,
            wait,
        }
    }

    #[tokio::test]
    async fn the_minute_window_is_shared_and_sliding() {
        let redis = card_test_support::need!(super::redis_server::Redis::start());
        // A lowered limit: 5 per minute across both replicas.
        let limits = Limits {
            app_per_minute: 5,
            ..FAST
        };
        let [a, b] = replicas(&redis.url(), "minute", &limits);
        let mut slots = Vec::new();
        for i in 0..8 {
            let r = if i % 2 == 0 { &a } else { &b };
            slots.push(slot(r, Endpoint::UpdateCard, None).await);
        }
        // The first five fit at once (1 ms apart); the sixth waits for the first to leave the
        // window, a minute after it, and so on.
        for (i, s) in slots.iter().enumerate().take(5) {
            assert!(
                s.wait < Duration::from_millis(100),
                "request {i} waits {s:?}"
            );
        }
        for i in 5..8 {
            let (s, first) = (slots[i], slots[i - 5]);
            assert!(
                s.most_after(&first) >= Duration::from_millis(59_990)
                    && s.least_after(&first) < Duration::from_millis(60_500),
                "request {i} ({s:?}) is not a minute after request {} ({first:?})",
                i - 5
            );
        }
        // Each other API of the same app has its own window: five sends fit, and an edit after them.
        for i in 0..5 {
            let w = a.reserve(Endpoint::Send, None).await.unwrap();
            assert!(w < Duration::from_millis(100), "send {i} waits {w:?}");
        }
        let w = b.reserve(Endpoint::EditMessage, None).await.unwrap();
        assert!(w < Duration::from_millis(100), "the edit waits {w:?}");
    }

    #[tokio::test]
    async fn the_per_receiver_limit_is_shared() {
        let redis = card_test_support::need!(super::redis_server::Redis::start());
        let [a, b] = replicas(&redis.url(), "receiver", &FAST);
        // Replicas take turns sending, twice to one receiver, then twice to another …
        let mut slots = Vec::new();
        for i in 0..6 {
            let r = if i % 2 == 0 { &a } else { &b };
            let to = if i % 4 < 2 { "oc_one" } else { "oc_two" };
            slots.push((to, slot(r, Endpoint::Send, Some(to)).await));
        }
        // 5 sends/s to one receiver, whichever replica sends: each receiver's sends are 200 ms
        // apart. (Slots are granted in order, so a send to another receiver queues behind a
        // reserved one: never over a limit, sometimes later than it could be.)
        for to in ["oc_one", "oc_two"] {
            let s: Vec<Slot> = slots
                .iter()
                .filter(|(t, _)| *t == to)
                .map(|(_, s)| *s)
                .collect();
            for pair in s.windows(2) {
                assert!(
                    pair[1].most_after(&pair[0]) >= Duration::from_millis(199),
                    "{to}: sends {s:?} are less than 200 ms apart"
                );
            }
        }
    }

    #[tokio::test]
    async fn the_per_message_limit_is_shared() {
        let redis = card_test_support::need!(super::redis_server::Redis::start());
        let [a, b] = replicas(&redis.url(), "message", &FAST);
        let first = slot(&a, Endpoint::UpdateCard, Some("om_1")).await;
        let other = slot(&b, Endpoint::UpdateCard, Some("om_2")).await;
        let second = slot(&b, Endpoint::UpdateCard, Some("om_1")).await;
        // 5 PATCHes/s of one message, whichever replica sends.
        assert!(
            second.most_after(&first) >= Duration::from_millis(199),
            "PATCHes of om_1 at {first:?} and {second:?}"
        );
        assert!(
            other.wait < Duration::from_millis(100),
            "om_2 waits {other:?}"
        );
    }

    #[test]
    fn only_the_apis_with_documented_app_limits_are_shared() {
        for e in [Endpoint::Send, Endpoint::UpdateCard, Endpoint::EditMessage] {
            assert!(SharedLimits::covers(e), "{e:?}");
        }
        for e in [
            Endpoint::Token,
            Endpoint::ChatButton,
            Endpoint::CardKit,
            Endpoint::Reply,
        ] {
            assert!(!SharedLimits::covers(e), "{e:?}");
        }
    }

    #[test]
    fn debug_shows_the_prefix_and_not_the_url() {
        let l = SharedLimits::new("redis://:hunter2@127.0.0.1:1/", "cli_app".to_owned(), &FAST)
            .unwrap();
        let text = format!("{l:?}");
        assert!(
            text.contains("SharedLimits") && text.contains("cli_app"),
            "{text}"
        );
        assert!(!text.contains("hunter2"), "{text}");
    }
}

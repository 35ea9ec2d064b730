//! Rate limits kept in Redis (feature `redis`), so every process of one app stays under the
//! platform's limits together: N replicas with their own in-process limiters would each believe
//! they own the app's 50/s and 1000/min.
//!
//! One Lua script, run atomically on the Redis server with the server's clock (`TIME`, so the
//! replicas' clocks do not matter), reserves in one step the earliest slot that fits every budget
//! the call's route spends: the API's per-second spacing (a GCRA with a burst of 1, as
//! in-process; chat_button's 10/s the same way), its per-minute sliding window (a sorted set of
//! the window's requests) and the message's, receiver's or card entity's spacing; the caller
//! sleeps until its slot.

use std::time::Duration;

use tokio::sync::OnceCell;

use card_platform::Budget;
use card_platform::routes::Route;

use crate::BoxFuture;
use crate::Error;
use crate::config::Limits;
use crate::limits::Budgets;

/// The script: KEYS = app spacing, app minute window, key spacing (or an unused key);
/// ARGV = app interval µs, minute limit (0: none), minute window µs, key interval µs (0: none),
/// member.
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
if limit > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  local n = redis.call('ZCARD', KEYS[2])
  if n >= limit then
    -- The slot frees when the request `n - limit` places from the oldest leaves the window.
    local e = redis.call('ZRANGE', KEYS[2], n - limit, n - limit, 'WITHSCORES')
    local free = tonumber(e[2]) + window
    if free > at then at = free end
  end
end
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', 120000)
if limit > 0 then
  redis.call('ZADD', KEYS[2], at, ARGV[5])
  redis.call('PEXPIRE', KEYS[2], math.floor(window / 1000) + 120000)
end
if key_interval > 0 then
  redis.call('SET', KEYS[3], at + key_interval, 'PX', 120000)
end
return at - now
";

/// How many µs from now a key's next slot is (0: free now), by the server's clock.
const READY: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat > now then return tat - now end
return 0
";

/// The shared limiter of one client: a Redis connection (opened on first use) and the script.
pub(crate) struct SharedLimits {
    client: redis::Client,
    conn: OnceCell<redis::aio::MultiplexedConnection>,
    script: redis::Script,
    ready: redis::Script,
    /// Keys are `<prefix>:<api>:…`; replicas of one app share a prefix (the app id by default).
    prefix: String,
    app_interval: Duration,
    message_interval: Duration,
    receiver_interval: Duration,
    entity_interval: Duration,
    chat_button_interval: Duration,
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
            ready: redis::Script::new(READY),
            prefix,
            app_interval: per(limits.app_per_second),
            message_interval: per(limits.message_per_second),
            receiver_interval: per(limits.receiver_per_second),
            entity_interval: per(limits.entity_per_second),
            chat_button_interval: per(limits.chat_button_per_second),
            minute_limit: limits.app_per_minute,
            minute_window: stretch(Duration::from_secs(60), h),
        })
    }

    /// Waits until Redis grants one call on `route` (for `key`: its message, receiver or card
    /// entity).
    ///
    /// # Errors
    ///
    /// [`Error::Transport`]-like [`Error::Config`] naming Redis when it cannot be reached or the
    /// script fails (the request is not sent: going on unlimited could earn the app 230020).
    pub(crate) async fn acquire(&self, route: &Route, key: Option<&str>) -> Result<(), Error> {
        let wait = self.reserve(route, key).await?;
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

    async fn connection(&self) -> Result<redis::aio::MultiplexedConnection, Error> {
        Ok(self
            .conn
            .get_or_try_init(|| self.client.get_multiplexed_async_connection())
            .await
            .map_err(redis_err)?
            .clone())
    }

    /// The Redis key and interval of a keyed budget's `key`.
    fn keyed(&self, budget: Budget, key: &str) -> Option<(String, Duration)> {
        let (kind, interval) = match budget {
            Budget::Message => ("msg", self.message_interval),
            Budget::Receiver => ("to", self.receiver_interval),
            Budget::Entity => ("entity", self.entity_interval),
            Budget::App | Budget::ChatButton => return None,
        };
        Some((format!("{}:{kind}:{key}", self.prefix), interval))
    }

    /// Reserves the earliest slot for one call and returns how long from now it is.
    async fn reserve(&self, route: &Route, key: Option<&str>) -> Result<Duration, Error> {
        // The app-wide budget: an API's 50/s and 1000/min, or chat_button's 10/s.
        let (app_interval, minute_limit) = if route.spends.contains(&Budget::App) {
            (self.app_interval, self.minute_limit)
        } else if route.spends.contains(&Budget::ChatButton) {
            (self.chat_button_interval, 0)
        } else {
            return Ok(Duration::ZERO);
        };
        let (key_name, key_interval) = key
            .and_then(|k| route.spends.iter().find_map(|b| self.keyed(*b, k)))
            .unwrap_or_else(|| (format!("{}:none", self.prefix), Duration::ZERO));
        let api = format!("{}:{} {}", self.prefix, route.method, route.path);
        let member = uuid::Uuid::new_v4().to_string();
        let mut conn = self.connection().await?;
        let wait: i64 = self
            .script
            .key(format!("{api}:second"))
            .key(format!("{api}:minute"))
            .key(&key_name)
            .arg(app_interval.as_micros() as u64)
            .arg(minute_limit)
            .arg(self.minute_window.as_micros() as u64)
            .arg(key_interval.as_micros() as u64)
            .arg(&member)
            .invoke_async(&mut conn)
            .await
            .map_err(redis_err)?;
        Ok(Duration::from_micros(wait.max(0) as u64))
    }

    /// How long until `key` has room in `budget`, by the server's clock.
    async fn until_ready(&self, budget: Budget, key: &str) -> Result<Duration, Error> {
        let Some((name, _)) = self.keyed(budget, key) else {
            return Ok(Duration::ZERO);
        };
        let mut conn = self.connection().await?;
        let wait: i64 = self
            .ready
            .key(name)
            .invoke_async(&mut conn)
            .await
            .map_err(redis_err)?;
        Ok(Duration::from_micros(wait.max(0) as u64))
    }
}

fn redis_err(e: redis::RedisError) -> Error {
    Error::Config(format!("shared limits (Redis): {e}"))
}

impl Budgets for SharedLimits {
    fn acquire<'a>(
        &'a self,
        route: &'a Route,
        key: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(SharedLimits::acquire(self, route, key))
    }

    fn ready<'a>(&'a self, budget: Budget, key: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            // Unreachable Redis: the PATCH itself will fail its acquire with the error.
            if let Ok(wait) = self.until_ready(budget, key).await {
                tokio::time::sleep(wait).await;
            }
        })
    }
}

/// Against a real redis-server (skipped with a line when it is missing, a failure under
/// `CI=true`): the reservations two replicas get, read without waiting for them.
#[cfg(test)]
mod tests {
    use super::*;
    use card_platform::routes;

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

    async fn slot(l: &SharedLimits, route: &Route, key: Option<&str>) -> Slot {
        let sent = std::time::Instant::now();
        let wait = l.reserve(route, key).await.unwrap();
        Slot {
            earliest: sent + wait,
            latest: std::time::Instant::now() + wait,
            wait,
        }
    }

    #[tokio::test]
    async fn the_minute_window_is_shared_and_sliding() {
        let redis = card_test_support::need!(card_test_support::redis::Redis::start());
        // A lowered limit: 5 per minute across both replicas.
        let limits = Limits {
            app_per_minute: 5,
            ..FAST
        };
        let [a, b] = replicas(&redis.url(), "minute", &limits);
        let mut slots = Vec::new();
        for i in 0..8 {
            let r = if i % 2 == 0 { &a } else { &b };
            slots.push(slot(r, &routes::UPDATE_CARD, None).await);
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
            let w = a.reserve(&routes::SEND, None).await.unwrap();
            assert!(w < Duration::from_millis(100), "send {i} waits {w:?}");
        }
        let w = b.reserve(&routes::EDIT_MESSAGE, None).await.unwrap();
        assert!(w < Duration::from_millis(100), "the edit waits {w:?}");
    }

    #[tokio::test]
    async fn the_per_receiver_limit_is_shared() {
        let redis = card_test_support::need!(card_test_support::redis::Redis::start());
        let [a, b] = replicas(&redis.url(), "receiver", &FAST);
        // Replicas take turns sending, twice to one receiver, then twice to another …
        let mut slots = Vec::new();
        for i in 0..6 {
            let r = if i % 2 == 0 { &a } else { &b };
            let to = if i % 4 < 2 { "oc_one" } else { "oc_two" };
            slots.push((to, slot(r, &routes::SEND, Some(to)).await));
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
        let redis = card_test_support::need!(card_test_support::redis::Redis::start());
        let [a, b] = replicas(&redis.url(), "message", &FAST);
        let first = slot(&a, &routes::UPDATE_CARD, Some("om_1")).await;
        let other = slot(&b, &routes::UPDATE_CARD, Some("om_2")).await;
        let second = slot(&b, &routes::UPDATE_CARD, Some("om_1")).await;
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

    #[tokio::test]
    async fn card_entities_and_chat_buttons_are_shared_too() {
        let redis = card_test_support::need!(card_test_support::redis::Redis::start());
        let [a, b] = replicas(&redis.url(), "entity", &FAST);
        // 10 operations/s on one card entity across its card and element APIs.
        let first = slot(&a, &routes::ELEMENT_CONTENT, Some("7355")).await;
        let second = slot(&b, &routes::ENTITY_SETTINGS, Some("7355")).await;
        assert!(
            second.most_after(&first) >= Duration::from_millis(99),
            "operations on 7355 at {first:?} and {second:?}"
        );
        // chat_button: 10/s for the app.
        let first = slot(&a, &routes::CHAT_BUTTON, None).await;
        let second = slot(&b, &routes::CHAT_BUTTON, None).await;
        assert!(second.most_after(&first) >= Duration::from_millis(99));
        // Routes that spend no budget never wait and never reach Redis.
        let offline = SharedLimits::new("redis://127.0.0.1:1/", "x".to_owned(), &FAST).unwrap();
        assert_eq!(
            offline.reserve(&routes::TOKEN, None).await.unwrap(),
            Duration::ZERO
        );
        assert!(offline.reserve(&routes::SEND, Some("oc_1")).await.is_err());
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

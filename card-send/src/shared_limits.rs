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

use crate::Error;
use crate::config::Limits;
use crate::error::Endpoint;

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
        // The slot is ours: wait for it (sleeping to just short of it, as in-process).
        let until = tokio::time::Instant::now() + Duration::from_micros(wait.max(0) as u64);
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
}

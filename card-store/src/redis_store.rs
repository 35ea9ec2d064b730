//! `RedisStore` (feature `redis`): the store every replica of one app shares.

use std::time::Duration;

use tokio::sync::OnceCell;

use crate::{BoxFuture, Store, StoreError};

/// Deletes KEYS[1] only if it holds ARGV[1] (its owner), atomically.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// INCR and a fresh expiry, atomically.
const NEXT: &str = r"
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n
";

/// The state of one app's replicas in Redis. Keys are `<prefix>:<key>`.
pub struct RedisStore {
    client: redis::Client,
    conn: OnceCell<redis::aio::MultiplexedConnection>,
    prefix: String,
    release: redis::Script,
    next: redis::Script,
}

impl std::fmt::Debug for RedisStore {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

fn err(e: redis::RedisError) -> StoreError {
    StoreError(e.to_string())
}

impl RedisStore {
    /// A store at `url` (`redis://host:port/db`), its keys under `prefix` (the app id, so apps
    /// sharing a server stay apart). Connects on first use.
    ///
    /// # Errors
    ///
    /// A URL the redis crate cannot read.
    pub fn new(url: &str, prefix: impl Into<String>) -> Result<Self, StoreError> {
        Ok(RedisStore {
            client: redis::Client::open(url).map_err(err)?,
            conn: OnceCell::new(),
            prefix: prefix.into(),
            release: redis::Script::new(RELEASE),
            next: redis::Script::new(NEXT),
        })
    }

    async fn conn(&self) -> Result<redis::aio::MultiplexedConnection, StoreError> {
        self.conn
            .get_or_try_init(|| async {
                self.client
                    .get_multiplexed_async_connection()
                    .await
                    .map_err(err)
            })
            .await
            .cloned()
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.prefix)
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl Store for RedisStore {
    fn claim<'a>(
        &'a self,
        key: &'a str,
        owner: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, StoreError>> {
        Box::pin(async move {
            let mut conn = self.conn().await?;
            let set: Option<String> = redis::cmd("SET")
                .arg(self.key(key))
                .arg(owner)
                .arg("NX")
                .arg("PX")
                .arg(millis(ttl))
                .query_async(&mut conn)
                .await
                .map_err(err)?;
            Ok(set.is_some())
        })
    }

    fn release<'a>(
        &'a self,
        key: &'a str,
        owner: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let mut conn = self.conn().await?;
            let _: i64 = self
                .release
                .key(self.key(key))
                .arg(owner)
                .invoke_async(&mut conn)
                .await
                .map_err(err)?;
            Ok(())
        })
    }

    fn next<'a>(&'a self, key: &'a str, ttl: Duration) -> BoxFuture<'a, Result<u64, StoreError>> {
        Box::pin(async move {
            let mut conn = self.conn().await?;
            self.next
                .key(self.key(key))
                .arg(millis(ttl))
                .invoke_async(&mut conn)
                .await
                .map_err(err)
        })
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let mut conn = self.conn().await?;
            redis::cmd("SET")
                .arg(self.key(key))
                .arg(value)
                .arg("PX")
                .arg(millis(ttl))
                .query_async::<()>(&mut conn)
                .await
                .map_err(err)
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StoreError>> {
        Box::pin(async move {
            let mut conn = self.conn().await?;
            redis::cmd("GET")
                .arg(self.key(key))
                .query_async(&mut conn)
                .await
                .map_err(err)
        })
    }
}

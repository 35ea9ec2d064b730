//! [`MemoryStore`]: the store of one process (a map with expiry times).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{BoxFuture, Store, StoreError};

/// The shared state kept in this process: what one replica needs, and all a single process
/// needs. Expired keys are dropped as they are met, and all of them every 4,096 writes.
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: Mutex<HashMap<String, (String, Instant)>>,
    writes: std::sync::atomic::AtomicU64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, (String, Instant)>, Instant) -> T) -> T {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if self
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .is_multiple_of(4096)
        {
            map.retain(|_, (_, until)| *until > now);
        }
        f(&mut map, now)
    }

    fn live(map: &HashMap<String, (String, Instant)>, key: &str, now: Instant) -> Option<String> {
        map.get(key)
            .filter(|(_, until)| *until > now)
            .map(|(v, _)| v.clone())
    }
}

impl Store for MemoryStore {
    fn claim<'a>(
        &'a self,
        key: &'a str,
        owner: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, StoreError>> {
        let took = self.with(|map, now| {
            if Self::live(map, key, now).is_some() {
                return false;
            }
            map.insert(key.to_owned(), (owner.to_owned(), now + ttl));
            true
        });
        Box::pin(async move { Ok(took) })
    }

    fn release<'a>(
        &'a self,
        key: &'a str,
        owner: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.with(|map, now| {
            if Self::live(map, key, now).as_deref() == Some(owner) {
                map.remove(key);
            }
        });
        Box::pin(async { Ok(()) })
    }

    fn next<'a>(&'a self, key: &'a str, ttl: Duration) -> BoxFuture<'a, Result<u64, StoreError>> {
        let n = self.with(|map, now| {
            let n = Self::live(map, key, now)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
                + 1;
            map.insert(key.to_owned(), (n.to_string(), now + ttl));
            n
        });
        Box::pin(async move { Ok(n) })
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.with(|map, now| map.insert(key.to_owned(), (value.to_owned(), now + ttl)));
        Box::pin(async { Ok(()) })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StoreError>> {
        let v = self.with(|map, now| Self::live(map, key, now));
        Box::pin(async move { Ok(v) })
    }
}

//! The limiters the budgets are made of: a sliding window, one API's 50/s and 1000/min, and the
//! per-key spacing that waits without reserving.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultDirectRateLimiter, Quota};

use crate::config::Limits;

/// At most `limit` requests in any `window`: the times of the requests in the last window.
/// A sliding window lets a sustained load run at the per-second rate until the window is full,
/// then exactly as it frees (a GCRA with a burst runs slower once the burst is spent).
#[derive(Debug)]
pub(super) struct SlidingWindow {
    limit: usize,
    window: Duration,
    times: Mutex<std::collections::VecDeque<Instant>>,
}

impl SlidingWindow {
    pub(super) fn new(limit: u32, window: Duration) -> Self {
        SlidingWindow {
            limit: limit.max(1) as usize,
            window,
            times: Mutex::new(std::collections::VecDeque::new()),
        }
    }

    /// Waits until one more request fits the window, and records it.
    pub(super) async fn acquire(&self) {
        loop {
            let wait = {
                let mut times = self.times.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    times.pop_front();
                }
                if times.len() < self.limit {
                    times.push_back(now);
                    return;
                }
                // The oldest leaves the window at front + window.
                times.front().map_or(Duration::ZERO, |t| {
                    (*t + self.window).saturating_duration_since(now)
                })
            };
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
        }
    }
}

/// Per-second and per-minute limiters of one API.
#[derive(Debug)]
pub(super) struct AppLimit {
    second: DefaultDirectRateLimiter,
    minute: SlidingWindow,
    /// One waiter at a time, in arrival order: many tasks polling one limiter wake together and
    /// all but one sleep again, and each late wake-up is a slot lost for good.
    gate: tokio::sync::Mutex<()>,
}

/// Waits for a cell of `limiter`. A cell is taken when `check` succeeds, so a late wake-up is a
/// slot lost for good (with a burst of 1 the next slot counts from the late one): the wait sleeps
/// to just short of the slot on Tokio's 1 ms timer and yields for the last stretch. Measured on
/// 200 PATCHes at 50/s (`benches/limits.rs`): 4.32 s with a plain sleep, 4.11 s with this.
pub(super) async fn ready(limiter: &DefaultDirectRateLimiter) {
    use governor::clock::{Clock, DefaultClock};
    let clock = DefaultClock::default();
    while let Err(not_until) = limiter.check() {
        let wait = not_until.wait_time_from(clock.now());
        if wait > SPIN {
            tokio::time::sleep(wait - SPIN).await;
        } else {
            tokio::task::yield_now().await;
        }
    }
}

/// How close to a slot the wait stops sleeping (Tokio's timer rounds up to whole milliseconds).
pub(super) const SPIN: Duration = Duration::from_micros(1500);

pub(super) fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// `d` stretched by `headroom` percent.
pub(super) fn stretch(d: Duration, headroom: u32) -> Duration {
    d * (100 + headroom) / 100
}

/// At most `n` in any 1 s window: one every 1/n s, no burst (a burst of b would allow b + n − 1).
pub(super) fn per_second(n: u32, headroom: u32) -> Quota {
    Quota::with_period(stretch(Duration::from_secs(1) / n.max(1), headroom))
        .unwrap_or_else(|| Quota::per_second(nz(n)))
        .allow_burst(NonZeroU32::MIN)
}

impl AppLimit {
    pub(super) fn new(l: &Limits) -> Self {
        AppLimit {
            second: governor::RateLimiter::direct(per_second(l.app_per_second, l.headroom_percent)),
            minute: SlidingWindow::new(
                l.app_per_minute,
                stretch(Duration::from_secs(60), l.headroom_percent),
            ),
            gate: tokio::sync::Mutex::new(()),
        }
    }

    /// Requests counted in the current minute window.
    #[cfg(test)]
    pub(super) fn minute_count(&self) -> usize {
        self.minute.times.lock().unwrap().len()
    }

    pub(super) async fn acquire(&self) {
        let _turn = self.gate.lock().await;
        // The minute cell first: waiting on it can be long, and the second's cell must be taken
        // right before the request goes out.
        self.minute.acquire().await;
        ready(&self.second).await;
    }
}

/// At most one request per key every `interval` (a keyed GCRA with a burst of 1), with waiting
/// and reserving as separate steps.
#[derive(Debug)]
pub(super) struct KeyedSpacing {
    interval: Duration,
    pub(super) next: Mutex<HashMap<String, Instant>>,
    /// Each key's queue of callers (see `turn`).
    turns: Mutex<HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>>,
}

impl KeyedSpacing {
    pub(super) fn new(per_second: u32, headroom: u32) -> Self {
        KeyedSpacing {
            interval: stretch(Duration::from_secs(1) / per_second.max(1), headroom),
            next: Mutex::new(HashMap::new()),
            turns: Mutex::new(HashMap::new()),
        }
    }

    fn slot(&self, key: &str) -> Option<Instant> {
        self.next
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .copied()
    }

    pub(super) async fn wait_ready(&self, key: &str) {
        while let Some(at) = self.slot(key).filter(|at| *at > Instant::now()) {
            tokio::time::sleep_until(at.into()).await;
        }
    }

    /// The key's turn: one call per key at a time gets past this, in arrival order.
    pub(super) async fn turn(&self, key: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let turn = {
            let mut turns = self.turns.lock().unwrap_or_else(|p| p.into_inner());
            turns.entry(key.to_owned()).or_default().clone()
        };
        turn.lock_owned().await
    }

    /// Takes the key's next slot (the caller holds its turn and waited until it was free).
    pub(super) fn reserve(&self, key: &str) {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        next.insert(key.to_owned(), Instant::now() + self.interval);
    }

    pub(super) fn prune(&self) {
        let now = Instant::now();
        self.next
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, at| *at > now);
        // A key nobody waits on holds only the map's reference.
        self.turns
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, turn| std::sync::Arc::strong_count(turn) > 1);
    }
}

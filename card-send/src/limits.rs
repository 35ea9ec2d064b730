//! Client-side rate limits: the seeds' per-app and chat_button limits (governor), and the
//! per-message / per-receiver spacing.
//!
//! Several limits apply to one request, and a cell taken from one limiter while waiting on another
//! is a cell spent at the wrong time: the server counts when the request arrives. So a request
//! first waits (without reserving) until its message may go, then takes the app-wide cells, and
//! only then reserves its message's slot, right before it is sent. governor's keyed limiter cannot
//! wait without consuming, hence the small [`KeyedSpacing`] beside it.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultDirectRateLimiter, Quota};

use crate::Endpoint;
use crate::config::Limits;

/// At most `limit` requests in any `window`: the times of the requests in the last window.
/// A sliding window lets a sustained load run at the per-second rate until the window is full,
/// then exactly as it frees (a GCRA with a burst runs slower once the burst is spent).
#[derive(Debug)]
struct SlidingWindow {
    limit: usize,
    window: Duration,
    times: Mutex<std::collections::VecDeque<Instant>>,
}

impl SlidingWindow {
    fn new(limit: u32, window: Duration) -> Self {
        SlidingWindow {
            limit: limit.max(1) as usize,
            window,
            times: Mutex::new(std::collections::VecDeque::new()),
        }
    }

    /// Waits until one more request fits the window, and records it.
    async fn acquire(&self) {
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
struct AppLimit {
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
async fn ready(limiter: &DefaultDirectRateLimiter) {
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
const SPIN: Duration = Duration::from_micros(1500);

/// All limiters of one client.
#[derive(Debug)]
pub(crate) struct RateLimits {
    send: AppLimit,
    patch: AppLimit,
    edit: AppLimit,
    cardkit: AppLimit,
    per_message: KeyedSpacing,
    per_receiver: KeyedSpacing,
    per_entity: KeyedSpacing,
    chat_button: DefaultDirectRateLimiter,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// `d` stretched by `headroom` percent.
fn stretch(d: Duration, headroom: u32) -> Duration {
    d * (100 + headroom) / 100
}

/// At most `n` in any 1 s window: one every 1/n s, no burst (a burst of b would allow b + n − 1).
fn per_second(n: u32, headroom: u32) -> Quota {
    Quota::with_period(stretch(Duration::from_secs(1) / n.max(1), headroom))
        .unwrap_or_else(|| Quota::per_second(nz(n)))
        .allow_burst(NonZeroU32::MIN)
}

impl AppLimit {
    fn new(l: &Limits) -> Self {
        AppLimit {
            second: governor::RateLimiter::direct(per_second(l.app_per_second, l.headroom_percent)),
            minute: SlidingWindow::new(
                l.app_per_minute,
                stretch(Duration::from_secs(60), l.headroom_percent),
            ),
            gate: tokio::sync::Mutex::new(()),
        }
    }

    async fn acquire(&self) {
        let _turn = self.gate.lock().await;
        // The minute cell first: waiting on it can be long, and the second's cell must be taken
        // right before the request goes out.
        self.minute.acquire().await;
        ready(&self.second).await;
    }
}

impl RateLimits {
    pub(crate) fn new(l: &Limits) -> Self {
        let h = l.headroom_percent;
        RateLimits {
            send: AppLimit::new(l),
            patch: AppLimit::new(l),
            edit: AppLimit::new(l),
            cardkit: AppLimit::new(l),
            per_message: KeyedSpacing::new(l.message_per_second, h),
            per_receiver: KeyedSpacing::new(l.receiver_per_second, h),
            per_entity: KeyedSpacing::new(l.entity_per_second, h),
            chat_button: governor::RateLimiter::direct(per_second(l.chat_button_per_second, h)),
        }
    }

    /// Waits until a request to `endpoint` (for `key`: the message or receiver) may go.
    pub(crate) async fn acquire(&self, endpoint: Endpoint, key: Option<&str>) {
        let (app, keyed) = match endpoint {
            Endpoint::Send => (&self.send, &self.per_receiver),
            Endpoint::UpdateCard => (&self.patch, &self.per_message),
            Endpoint::EditMessage => return self.edit.acquire().await,
            Endpoint::ChatButton => return ready(&self.chat_button).await,
            // Every CardKit call counts (the streaming overview's newer edition drops "streaming
            // mode is not QPS-limited"): 10 operations/s per entity, and the app's 50/s and
            // 1000/min, here shared by all CardKit APIs (each has its own: stricter, never over).
            Endpoint::CardKit => (&self.cardkit, &self.per_entity),
            // Each of these APIs has its own documented quota (50/s, 1000/min); the client leaves
            // them to the server's 230020 / 99991400 and its retry backoff.
            Endpoint::Token
            | Endpoint::GetMessage
            | Endpoint::Reply
            | Endpoint::Recall
            | Endpoint::UploadImage
            | Endpoint::DelayedUpdate => return,
        };
        let Some(key) = key else {
            return app.acquire().await;
        };
        keyed.wait_ready(key).await;
        app.acquire().await;
        keyed.reserve(key).await;
    }

    /// Waits until a PATCH of `message` may go (reserves nothing): the coalescing task waits here
    /// before it picks the card, so the card sent is the latest one at that moment.
    pub(crate) async fn message_ready(&self, message: &str) {
        self.per_message.wait_ready(message).await;
    }

    /// Drops the state of keys whose slot has passed.
    pub(crate) fn prune(&self) {
        self.per_message.prune();
        self.per_receiver.prune();
        self.per_entity.prune();
    }
}

/// At most one request per key every `interval` (a keyed GCRA with a burst of 1), with waiting
/// and reserving as separate steps.
#[derive(Debug)]
struct KeyedSpacing {
    interval: Duration,
    next: Mutex<HashMap<String, Instant>>,
}

impl KeyedSpacing {
    fn new(per_second: u32, headroom: u32) -> Self {
        KeyedSpacing {
            interval: stretch(Duration::from_secs(1) / per_second.max(1), headroom),
            next: Mutex::new(HashMap::new()),
        }
    }

    fn slot(&self, key: &str) -> Option<Instant> {
        self.next
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .copied()
    }

    async fn wait_ready(&self, key: &str) {
        while let Some(at) = self.slot(key).filter(|at| *at > Instant::now()) {
            tokio::time::sleep_until(at.into()).await;
        }
    }

    async fn reserve(&self, key: &str) {
        loop {
            let wait = {
                let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                match next.get(key) {
                    Some(at) if *at > now => *at,
                    _ => {
                        next.insert(key.to_owned(), now + self.interval);
                        return;
                    }
                }
            };
            // Only when two calls for the same key race; the app cells are already held.
            tokio::time::sleep_until(wait.into()).await;
        }
    }

    fn prune(&self) {
        let now = Instant::now();
        self.next
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, at| *at > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_second_quota_spaces_requests() {
        assert_eq!(
            per_second(50, 0).replenish_interval(),
            Duration::from_millis(20)
        );
        assert_eq!(
            per_second(50, 3).replenish_interval(),
            Duration::from_micros(20_600)
        );
        assert_eq!(per_second(50, 0).burst_size().get(), 1);
        // Past a billion a second the period rounds to zero: the quota is then the count itself,
        // not one a second.
        assert!(per_second(u32::MAX, 0).replenish_interval() < Duration::from_millis(1));
    }

    #[tokio::test]
    async fn the_minute_window_holds_at_most_its_limit_in_any_window() {
        let w = SlidingWindow::new(3, Duration::from_millis(300));
        let start = Instant::now();
        for _ in 0..3 {
            w.acquire().await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(50),
            "three fit at once"
        );
        w.acquire().await;
        assert!(
            start.elapsed() >= Duration::from_millis(295),
            "the fourth waits for the first to leave the window: {:?}",
            start.elapsed()
        );
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

    #[tokio::test]
    async fn per_receiver_limit_spaces_sends() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for _ in 0..4 {
            l.acquire(Endpoint::Send, Some("oc_1")).await;
        }
        // Three intervals of 200 ms (5 sends/s to one receiver), with the 3 % headroom.
        assert!(
            start.elapsed() >= Duration::from_millis(600),
            "{:?}",
            start.elapsed()
        );
        // Sends to four other receivers go at the app's 50/s, not 5/s.
        let t = Instant::now();
        for to in ["oc_2", "oc_3", "oc_4", "oc_5"] {
            l.acquire(Endpoint::Send, Some(to)).await;
        }
        assert!(
            t.elapsed() < Duration::from_millis(200),
            "{:?}",
            t.elapsed()
        );
    }

    #[tokio::test]
    async fn the_app_limit_spaces_each_api_at_50_per_second() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for i in 0..11 {
            l.acquire(Endpoint::UpdateCard, Some(&format!("om_{i}")))
                .await;
        }
        // Ten intervals of 20.6 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(200),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn message_ready_waits_for_the_messages_slot() {
        let l = RateLimits::new(&Limits::default());
        l.acquire(Endpoint::UpdateCard, Some("om_1")).await;
        let t = Instant::now();
        l.message_ready("om_1").await;
        assert!(
            t.elapsed() >= Duration::from_millis(190),
            "{:?}",
            t.elapsed()
        );
        let t = Instant::now();
        l.message_ready("om_2").await;
        assert!(t.elapsed() < Duration::from_millis(50));
    }

    #[tokio::test]
    async fn chat_button_updates_go_at_10_per_second() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for _ in 0..4 {
            l.acquire(Endpoint::ChatButton, None).await;
        }
        // Three intervals of 103 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(300),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn each_api_has_its_own_app_limit_and_the_others_none() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        // Sends, PATCHes and edits in turn: each API spaces only its own requests, so 5 of each
        // take 4 intervals of 20.6 ms, not 14.
        for i in 0..5 {
            l.acquire(Endpoint::Send, Some(&format!("oc_{i}"))).await;
            l.acquire(Endpoint::UpdateCard, Some(&format!("om_{i}")))
                .await;
            l.acquire(Endpoint::EditMessage, None).await;
        }
        let spent = start.elapsed();
        assert!(spent >= Duration::from_millis(80), "{spent:?}");
        assert!(spent < Duration::from_millis(200), "{spent:?}");
        // APIs the client leaves to the server's replies are never held.
        let t = Instant::now();
        for e in [Endpoint::Token, Endpoint::GetMessage, Endpoint::Reply] {
            for _ in 0..20 {
                l.acquire(e, None).await;
            }
        }
        assert!(t.elapsed() < Duration::from_millis(20), "{:?}", t.elapsed());
    }

    #[tokio::test]
    async fn one_card_entity_takes_ten_operations_a_second() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        // Three operations on one entity: two intervals of 103 ms (10/s with 3 % headroom).
        for _ in 0..3 {
            l.acquire(Endpoint::CardKit, Some("7355")).await;
        }
        let spent = start.elapsed();
        assert!(spent >= Duration::from_millis(205), "{spent:?}");
        // Other entities only share the app's 50/s: five take four intervals of 20.6 ms.
        let start = Instant::now();
        for i in 0..5 {
            l.acquire(Endpoint::CardKit, Some(&format!("other_{i}")))
                .await;
        }
        let spent = start.elapsed();
        assert!(spent < Duration::from_millis(150), "{spent:?}");
    }

    #[tokio::test]
    async fn prune_forgets_keys_whose_slot_has_passed() {
        let l = RateLimits::new(&Limits::default());
        l.acquire(Endpoint::UpdateCard, Some("om_1")).await;
        l.acquire(Endpoint::Send, Some("oc_1")).await;
        l.prune();
        assert_eq!(
            l.per_message.next.lock().unwrap().len(),
            1,
            "om_1's slot is ahead"
        );
        assert_eq!(
            l.per_receiver.next.lock().unwrap().len(),
            1,
            "oc_1's slot is ahead"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
        l.prune();
        assert!(l.per_message.next.lock().unwrap().is_empty());
        assert!(l.per_receiver.next.lock().unwrap().is_empty());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_requests_for_one_message_take_turns() {
        // Three tasks PATCH one message at once: each waits for the slot the one before it
        // reserved, so they go 200 ms apart, not all together.
        let l = std::sync::Arc::new(RateLimits::new(&Limits::default()));
        // Another message's PATCH takes the app's cell, so all three pass the per-message wait
        // (no slot reserved yet) and then queue for the app: only the reservation spaces them.
        l.acquire(Endpoint::UpdateCard, Some("om_other")).await;
        let start = Instant::now();
        let tasks: Vec<_> = (0..3)
            .map(|_| {
                let l = l.clone();
                tokio::spawn(async move {
                    l.acquire(Endpoint::UpdateCard, Some("om_1")).await;
                    start.elapsed()
                })
            })
            .collect();
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.unwrap());
        }
        times.sort();
        for pair in times.windows(2) {
            assert!(
                pair[1] - pair[0] >= Duration::from_millis(195),
                "PATCHes of one message at {times:?}"
            );
        }
    }
}

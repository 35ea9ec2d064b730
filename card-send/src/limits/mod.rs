//! The budgets a call spends ([`card_platform::Budget`], listed on its route), kept in this
//! process: each API's 50/s (governor) and 1000/min (a sliding window), chat_button's 10/s, and
//! the per-message, per-receiver and per-card-entity spacing. [`Budgets`] is the one interface of
//! this and of the Redis store (`shared_limits`).
//!
//! Several limits apply to one request, and a cell taken from one limiter while waiting on another
//! is a cell spent at the wrong time: the server counts when the request arrives. So a request
//! first takes its turn among the calls on its key (message, receiver, card entity) and waits
//! (without reserving) until the key may go, then takes the app-wide cells, and only then
//! reserves the key's slot, right before it is sent. governor's keyed limiter cannot wait without
//! consuming, hence the small [`KeyedSpacing`] beside it.

use std::collections::HashMap;
use std::sync::Mutex;
#[cfg(test)]
use std::time::{Duration, Instant};

use card_platform::Budget;
use card_platform::routes::{Method, Route};
use governor::DefaultDirectRateLimiter;

use crate::BoxFuture;

mod cells;

use crate::Error;
use crate::config::Limits;
#[cfg(test)]
use cells::SlidingWindow;
use cells::{AppLimit, KeyedSpacing, per_second, ready};

/// Where a client's budgets are kept: [`RateLimits`] in this process, or Redis for every replica
/// of one app (`SharedLimits`, feature `redis`). The transport holds one and asks it before each
/// request.
pub(crate) trait Budgets: Send + Sync + std::fmt::Debug {
    /// Waits until one call on `route` (for `key`: its message, receiver or card entity) fits
    /// every budget the route spends, and takes its place in each.
    ///
    /// # Errors
    ///
    /// A store that cannot be reached (Redis): the request is not sent, since going on
    /// unlimited could earn the app 230020.
    fn acquire<'a>(
        &'a self,
        route: &'a Route,
        key: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), Error>>;

    /// Waits until `key` has room in `budget`, without taking it: the coalescing task picks the
    /// latest card only then.
    fn ready<'a>(&'a self, budget: Budget, key: &'a str) -> BoxFuture<'a, ()>;
}

/// All limiters of one client, in this process.
#[derive(Debug)]
pub(crate) struct RateLimits {
    limits: Limits,
    /// Each API's own 50/s and 1000/min, made on its first call.
    apps: Mutex<HashMap<(Method, &'static str), std::sync::Arc<AppLimit>>>,
    per_message: KeyedSpacing,
    per_receiver: KeyedSpacing,
    per_entity: KeyedSpacing,
    chat_button: DefaultDirectRateLimiter,
    calls: std::sync::atomic::AtomicU64,
}

impl RateLimits {
    pub(crate) fn new(l: &Limits) -> Self {
        let h = l.headroom_percent;
        RateLimits {
            limits: l.clone(),
            apps: Mutex::new(HashMap::new()),
            per_message: KeyedSpacing::new(l.message_per_second, h),
            per_receiver: KeyedSpacing::new(l.receiver_per_second, h),
            per_entity: KeyedSpacing::new(l.entity_per_second, h),
            chat_button: governor::RateLimiter::direct(per_second(l.chat_button_per_second, h)),
            calls: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The app's limit on `route`'s API.
    fn app(&self, route: &Route) -> std::sync::Arc<AppLimit> {
        let mut apps = self.apps.lock().unwrap_or_else(|p| p.into_inner());
        apps.entry((route.method.clone(), route.path))
            .or_insert_with(|| std::sync::Arc::new(AppLimit::new(&self.limits)))
            .clone()
    }

    /// The spacing of a keyed budget.
    fn spacing(&self, budget: Budget) -> Option<&KeyedSpacing> {
        match budget {
            Budget::Message => Some(&self.per_message),
            Budget::Receiver => Some(&self.per_receiver),
            Budget::Entity => Some(&self.per_entity),
            Budget::App | Budget::ChatButton => None,
        }
    }

    /// Waits until a call on `route` (for `key`) may go, in every budget the route spends: its
    /// turn among the calls on the same key (first come, first served), then until the key may
    /// go (without reserving), then the app-wide cells, then the key's slot, right before the
    /// request is sent. Holding the key's turn throughout, the slot is still free when the app's
    /// cells are taken: waiting for the key after taking them would send the request later than
    /// its cells were counted (and the platform, counting arrivals, would see more than 50 in a
    /// second), and taking the cells again would spend the minute's budget on nothing.
    pub(crate) async fn acquire(&self, route: &Route, key: Option<&str>) {
        let keyed = route.spends.iter().find_map(|b| self.spacing(*b)).zip(key);
        let _turn = match keyed {
            Some((spacing, key)) => {
                let turn = spacing.turn(key).await;
                spacing.wait_ready(key).await;
                Some(turn)
            }
            None => None,
        };
        for budget in route.spends {
            match budget {
                Budget::App => self.app(route).acquire().await,
                Budget::ChatButton => ready(&self.chat_button).await,
                Budget::Message | Budget::Receiver | Budget::Entity => {}
            }
        }
        if let Some((spacing, key)) = keyed {
            spacing.reserve(key);
        }
        if self
            .calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .is_multiple_of(4096)
        {
            self.prune();
        }
    }

    /// Drops the state of keys whose slot has passed.
    pub(crate) fn prune(&self) {
        self.per_message.prune();
        self.per_receiver.prune();
        self.per_entity.prune();
    }
}

impl Budgets for RateLimits {
    fn acquire<'a>(
        &'a self,
        route: &'a Route,
        key: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            RateLimits::acquire(self, route, key).await;
            Ok(())
        })
    }

    fn ready<'a>(&'a self, budget: Budget, key: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            if let Some(spacing) = self.spacing(budget) {
                spacing.wait_ready(key).await;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use card_platform::routes;

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
            l.acquire(&routes::UPDATE_CARD, Some("om_1")).await;
        }
        // Two intervals of 200 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(390),
            "{:?}",
            start.elapsed()
        );
        // Another message is not held back by om_1.
        let t = Instant::now();
        l.acquire(&routes::UPDATE_CARD, Some("om_2")).await;
        assert!(t.elapsed() < Duration::from_millis(100));
    }

    /// Concurrent sends to one receiver take turns: each spends one cell of the app's minute,
    /// and goes out as soon as it took it (the receiver's slot is still free).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sends_to_one_receiver_take_turns_and_spend_one_cell_each() {
        let l = std::sync::Arc::new(RateLimits::new(&Limits::default()));
        let start = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let l = l.clone();
            set.spawn(async move {
                l.acquire(&routes::SEND, Some("oc_1")).await;
                Instant::now()
            });
        }
        let mut at = set.join_all().await;
        at.sort();
        assert_eq!(l.app(&routes::SEND).minute_count(), 8);
        for pair in at.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap >= Duration::from_millis(200), "{gap:?}");
        }
        assert!(
            start.elapsed() < Duration::from_millis(1700),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn per_receiver_limit_spaces_sends() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for _ in 0..4 {
            l.acquire(&routes::SEND, Some("oc_1")).await;
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
            l.acquire(&routes::SEND, Some(to)).await;
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
            l.acquire(&routes::UPDATE_CARD, Some(&format!("om_{i}")))
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
        l.acquire(&routes::UPDATE_CARD, Some("om_1")).await;
        let t = Instant::now();
        Budgets::ready(&l, Budget::Message, "om_1").await;
        assert!(
            t.elapsed() >= Duration::from_millis(190),
            "{:?}",
            t.elapsed()
        );
        let t = Instant::now();
        Budgets::ready(&l, Budget::Message, "om_2").await;
        assert!(t.elapsed() < Duration::from_millis(50));
    }

    #[tokio::test]
    async fn chat_button_updates_go_at_10_per_second() {
        let l = RateLimits::new(&Limits::default());
        let start = Instant::now();
        for _ in 0..4 {
            l.acquire(&routes::CHAT_BUTTON, None).await;
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
            l.acquire(&routes::SEND, Some(&format!("oc_{i}"))).await;
            l.acquire(&routes::UPDATE_CARD, Some(&format!("om_{i}")))
                .await;
            l.acquire(&routes::EDIT_MESSAGE, None).await;
        }
        let spent = start.elapsed();
        assert!(spent >= Duration::from_millis(80), "{spent:?}");
        assert!(spent < Duration::from_millis(200), "{spent:?}");
        // Routes that spend no budget (the token, the delayed update) are never held.
        let t = Instant::now();
        for r in [&routes::TOKEN, &routes::DELAYED_UPDATE] {
            for _ in 0..20 {
                l.acquire(r, None).await;
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
            l.acquire(&routes::ELEMENT_CONTENT, Some("7355")).await;
        }
        let spent = start.elapsed();
        assert!(spent >= Duration::from_millis(205), "{spent:?}");
        // Other entities only share the app's 50/s: five take four intervals of 20.6 ms.
        let start = Instant::now();
        for i in 0..5 {
            l.acquire(&routes::ELEMENT_CONTENT, Some(&format!("other_{i}")))
                .await;
        }
        let spent = start.elapsed();
        assert!(spent < Duration::from_millis(150), "{spent:?}");
    }

    #[tokio::test]
    async fn prune_forgets_keys_whose_slot_has_passed() {
        let l = RateLimits::new(&Limits::default());
        l.acquire(&routes::UPDATE_CARD, Some("om_1")).await;
        l.acquire(&routes::SEND, Some("oc_1")).await;
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
        l.acquire(&routes::UPDATE_CARD, Some("om_other")).await;
        let start = Instant::now();
        let tasks: Vec<_> = (0..3)
            .map(|_| {
                let l = l.clone();
                tokio::spawn(async move {
                    l.acquire(&routes::UPDATE_CARD, Some("om_1")).await;
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

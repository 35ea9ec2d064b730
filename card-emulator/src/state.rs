//! The emulator's state: app, tokens, chats, messages, clock, rate windows, faults and counters.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::{Fault, MessageState, Stats};

/// Settings of an emulator (see [`super::EmulatorBuilder`]).
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) app_id: String,
    pub(crate) app_secret: String,
    pub(crate) chat_id: String,
    pub(crate) members: Vec<String>,
    pub(crate) token_ttl: Duration,
    pub(crate) rate_limits: bool,
    pub(crate) edit_window: Duration,
    /// The tenant's recall time limit (none unless set).
    pub(crate) recall_window: Option<Duration>,
    /// The app's Encrypt Key and Verification Token, for the callbacks it sends.
    pub(crate) encrypt_key: String,
    pub(crate) verification_token: String,
}

/// A card entity (CardKit) the emulator holds.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) card: Value,
    pub(crate) created: SystemTime,
    /// The message it was sent as (an entity is sent once).
    pub(crate) message_id: Option<String>,
    pub(crate) last_sequence: u32,
    pub(crate) streaming: bool,
    /// When streaming mode was last switched on (it closes itself 10 minutes later).
    pub(crate) armed_at: SystemTime,
    pub(crate) uuids: HashSet<String>,
    /// A user's interaction in progress until then (operations get 200810).
    pub(crate) interacting_until: Option<SystemTime>,
}

/// A callback token the emulator handed out with a click.
#[derive(Debug, Clone)]
pub(crate) struct CallbackToken {
    pub(crate) message_id: String,
    pub(crate) clicked_at: SystemTime,
    /// Card updates made with it: the answer's card and delayed updates.
    pub(crate) uses: u32,
}

#[derive(Debug)]
pub(crate) struct Chat {
    pub(crate) members: HashSet<String>,
    pub(crate) bot_in_chat: bool,
    pub(crate) dissolved: bool,
    pub(crate) buttons: Option<Value>,
}

/// A user of the emulated tenant, under each id type a receiver may use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmulatedUser {
    /// `ou_…` (this app's open_id for the user).
    pub open_id: String,
    /// The tenant's user_id.
    pub user_id: String,
    /// `on_…`.
    pub union_id: String,
    /// The user's email.
    pub email: String,
}

impl EmulatedUser {
    /// A user with ids derived from a name: `ou_<name>`, `u_<name>`, `on_<name>`,
    /// `<name>@example.com`.
    pub fn named(name: &str) -> Self {
        EmulatedUser {
            open_id: format!("ou_{name}"),
            user_id: format!("u_{name}"),
            union_id: format!("on_{name}"),
            email: format!("{name}@example.com"),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Stored {
    pub(crate) state: MessageState,
    /// The card is shared (`update_multi: true`, explicit in 1.0, default in 2.0).
    pub(crate) shared: bool,
    pub(crate) v2: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) requests: AtomicU64,
    pub(crate) token_requests: AtomicU64,
    pub(crate) rate_limited: AtomicU64,
    pub(crate) errors: AtomicU64,
    pub(crate) faults: AtomicU64,
    pub(crate) sends: AtomicU64,
    pub(crate) updates: AtomicU64,
    pub(crate) edits: AtomicU64,
    pub(crate) chat_buttons: AtomicU64,
}

/// Everything behind one lock per concern; handlers take them briefly and never across awaits.
#[derive(Debug)]
pub(crate) struct EmuState {
    pub(crate) settings: Settings,
    clock_offset: Mutex<Duration>,
    pub(crate) tokens: Mutex<HashMap<String, Instant>>,
    pub(crate) chats: Mutex<HashMap<String, Chat>>,
    pub(crate) users: Mutex<Vec<EmulatedUser>>,
    /// Card entities by card_id.
    pub(crate) entities: Mutex<HashMap<String, Entity>>,
    /// Callback tokens by token.
    pub(crate) callback_tokens: Mutex<HashMap<String, CallbackToken>>,
    /// Uploaded images by key.
    pub(crate) images: Mutex<HashMap<String, Vec<u8>>>,
    pub(crate) messages: Mutex<HashMap<String, Stored>>,
    pub(crate) uuids: Mutex<HashMap<String, (String, SystemTime)>>,
    /// Arrival times of the requests each limit has counted, per key: (window, arrivals).
    windows: Mutex<HashMap<String, (Duration, VecDeque<Instant>)>>,
    faults: Mutex<VecDeque<(Fault, u32)>>,
    pub(crate) counters: Counters,
    /// Every request as it arrived, the oldest dropped past [`MAX_ARRIVALS`].
    pub(crate) arrivals: Mutex<VecDeque<crate::Arrival>>,
    /// The refused API requests (`METHOD path`, code), the first 10,000.
    pub(crate) refusals: Mutex<Vec<Refusal>>,
    next_id: AtomicU64,
    /// The long connection for callbacks.
    pub(crate) long: LongConnections,
}

/// A poisoned lock still holds consistent data here (handlers do whole-value updates).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl EmuState {
    pub(crate) fn new(settings: Settings) -> Self {
        let mut chats = HashMap::new();
        chats.insert(
            settings.chat_id.clone(),
            Chat {
                members: settings.members.iter().cloned().collect(),
                bot_in_chat: true,
                dissolved: false,
                buttons: None,
            },
        );
        let users = settings
            .members
            .iter()
            .map(|m| EmulatedUser::named(m.strip_prefix("ou_").unwrap_or(m)))
            .collect();
        EmuState {
            settings,
            clock_offset: Mutex::new(Duration::ZERO),
            tokens: Mutex::new(HashMap::new()),
            chats: Mutex::new(chats),
            users: Mutex::new(users),
            images: Mutex::new(HashMap::new()),
            callback_tokens: Mutex::new(HashMap::new()),
            entities: Mutex::new(HashMap::new()),
            messages: Mutex::new(HashMap::new()),
            uuids: Mutex::new(HashMap::new()),
            windows: Mutex::new(HashMap::new()),
            faults: Mutex::new(VecDeque::new()),
            counters: Counters::default(),
            arrivals: Mutex::new(VecDeque::new()),
            refusals: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            long: LongConnections::default(),
        }
    }

    /// The emulated wall clock (real time plus what tests advanced it by).
    pub(crate) fn now(&self) -> SystemTime {
        SystemTime::now() + *lock(&self.clock_offset)
    }

    pub(crate) fn advance(&self, by: Duration) {
        *lock(&self.clock_offset) += by;
    }

    pub(crate) fn fresh_id(&self, prefix: &str) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        // Shaped like the platform's ids: a prefix and 32 hex digits.
        format!(
            "{prefix}{:032x}",
            (n as u128) << 64 | u128::from(n.wrapping_mul(0x9e37_79b9_7f4a_7c15))
        )
    }

    /// Counts a request, as it arrives, against sliding windows `(key, window, limit)`: at most
    /// `limit` requests in any `window`, all or none (a refused request counts for none). On
    /// refusal, the whole seconds until the oldest counted request leaves the full window (the
    /// `x-ogw-ratelimit-reset` header).
    pub(crate) fn rate(&self, checks: &[(String, Duration, u32)]) -> Result<(), (u64, String)> {
        if !self.settings.rate_limits {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = lock(&self.windows);
        for (key, window, limit) in checks {
            let Some((_, arrivals)) = windows.get_mut(key) else {
                continue;
            };
            while arrivals
                .front()
                .is_some_and(|t| now.duration_since(*t) >= *window)
            {
                arrivals.pop_front();
            }
            if arrivals.len() >= *limit as usize {
                let oldest = arrivals[arrivals.len() - *limit as usize];
                let left = (oldest + *window).saturating_duration_since(now);
                return Err((left.as_secs_f64().ceil().max(1.0) as u64, key.clone()));
            }
        }
        for (key, window, _) in checks {
            windows
                .entry(key.clone())
                .or_insert_with(|| (*window, VecDeque::new()))
                .1
                .push_back(now);
        }
        if windows.len() > 10_000 {
            // Per-message and per-receiver keys pile up; a key whose last request has left its
            // window counts nothing.
            windows.retain(|_, (w, a)| a.back().is_some_and(|t| now.duration_since(*t) < *w));
        }
        Ok(())
    }

    pub(crate) fn push_fault(&self, fault: Fault, times: u32) {
        if times > 0 {
            lock(&self.faults).push_back((fault, times));
        }
    }

    /// The fault for the next API request, if one is queued.
    pub(crate) fn take_fault(&self) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let (fault, left) = faults.front_mut()?;
        let fault = fault.clone();
        *left -= 1;
        if *left == 0 {
            faults.pop_front();
        }
        self.counters.faults.fetch_add(1, Ordering::Relaxed);
        Some(fault)
    }

    pub(crate) fn stats(&self) -> Stats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Stats {
            requests: get(&c.requests),
            token_requests: get(&c.token_requests),
            rate_limited: get(&c.rate_limited),
            errors: get(&c.errors),
            faults: get(&c.faults),
            sends: get(&c.sends),
            updates: get(&c.updates),
            edits: get(&c.edits),
            chat_buttons: get(&c.chat_buttons),
        }
    }
}

/// The long connections: the connected clients, and the answers the emulator waits for.
#[derive(Debug, Default)]
pub(crate) struct LongConnections {
    /// The open connections (cluster mode: up to 50 per app), each with its id.
    pub(crate) clients: std::sync::Mutex<
        Vec<(
            u64,
            tokio::sync::mpsc::UnboundedSender<axum::extract::ws::Message>,
        )>,
    >,
    /// Picks a connection for each event (xorshift; seeded by the builder).
    pub(crate) rng: std::sync::atomic::AtomicU64,
    /// When a failed event is delivered again (`None`: the documented 15 s, 5 min, 1 h, 6 h).
    pub(crate) ladder: std::sync::Mutex<Option<Vec<std::time::Duration>>>,
    pub(crate) pending: std::sync::Mutex<HashMap<String, tokio::sync::oneshot::Sender<Vec<u8>>>>,
    pub(crate) connections: std::sync::atomic::AtomicU32,
    pub(crate) pings: std::sync::atomic::AtomicU32,
    pub(crate) split: std::sync::atomic::AtomicUsize,
    /// The ping interval handed out, in seconds.
    pub(crate) ping_secs: std::sync::atomic::AtomicU32,
}

/// How many arrivals the emulator remembers.
pub(crate) const MAX_ARRIVALS: usize = 100_000;

impl EmuState {
    /// Notes a request when it arrives, before faults and handlers.
    pub(crate) fn arrived(&self, method: &str, path: &str) {
        let mut log = lock(&self.arrivals);
        if log.len() == MAX_ARRIVALS {
            log.pop_front();
        }
        log.push_back(crate::Arrival {
            at: std::time::Instant::now(),
            method: method.to_owned(),
            path: path.to_owned(),
        });
    }
}

/// A request the emulator refused (see [`crate::Emulator::refusals`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// `METHOD path` as requested.
    pub route: String,
    /// The platform code of the reply.
    pub code: u32,
    /// For a rate limit, the budget that was full: its name, key and window
    /// (`Receiver/oc_1/1s`, `App/POST /open-apis/im/v1/messages/60s`).
    pub reason: Option<String>,
}

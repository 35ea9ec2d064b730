//! What the emulator saw and holds, for assertions: messages, counters, images, users, chat
//! buttons.

use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::state::lock;
use super::{EmulatedUser, Emulator};

/// A message as the emulator holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageState {
    /// `om_…`.
    pub message_id: String,
    /// The chat it is in.
    pub chat_id: String,
    /// `interactive`, `text` or `post`.
    pub msg_type: String,
    /// The current content string.
    pub content: String,
    /// When it was sent (emulated clock).
    pub sent_at: SystemTime,
    /// When it last changed (emulated clock).
    pub updated_at: SystemTime,
    /// Successful PATCHes.
    pub updates: u32,
    /// Successful edits.
    pub edits: u32,
    /// Recalled by [`Emulator::recall`].
    pub recalled: bool,
    /// Deleted by [`Emulator::delete`].
    pub deleted: bool,
    /// The sending app's id.
    pub sender: String,
    /// The root of its reply tree (replies only).
    pub root_id: Option<String>,
    /// The message it replies to (replies only).
    pub parent_id: Option<String>,
    /// Its topic (`omt_…`), when it is in one.
    pub thread_id: Option<String>,
}

impl MessageState {
    /// A message just sent.
    pub(crate) fn new(
        id: &str,
        chat_id: &str,
        msg_type: &str,
        content: &str,
        now: SystemTime,
        sender: &str,
    ) -> Self {
        MessageState {
            message_id: id.to_owned(),
            chat_id: chat_id.to_owned(),
            msg_type: msg_type.to_owned(),
            content: content.to_owned(),
            sent_at: now,
            updated_at: now,
            updates: 0,
            edits: 0,
            recalled: false,
            deleted: false,
            sender: sender.to_owned(),
            root_id: None,
            parent_id: None,
            thread_id: None,
        }
    }

    /// The content parsed as JSON.
    pub fn content_json(&self) -> Option<Value> {
        serde_json::from_str(&self.content).ok()
    }
}

/// Counters since start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// API requests (all but the token endpoint), answered or not.
    pub requests: u64,
    /// Token requests.
    pub token_requests: u64,
    /// Replies with 230020 or 99991400.
    pub rate_limited: u64,
    /// Replies with a non-zero code.
    pub errors: u64,
    /// Faults applied.
    pub faults: u64,
    /// Messages sent.
    pub sends: u64,
    /// Successful PATCHes.
    pub updates: u64,
    /// Successful edits.
    pub edits: u64,
    /// Successful chat_button updates.
    pub chat_buttons: u64,
}

/// One request as it arrived at the emulator (any outcome: served, refused, faulted).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Arrival {
    /// When it arrived.
    pub at: Instant,
    /// `GET`, `POST` …
    pub method: String,
    /// The path, without the query.
    pub path: String,
}

/// The most of `arrivals` in any window of length `window` (sliding, not aligned to a clock):
/// what a limit such as "50/s" counts.
pub fn most_in_any(window: Duration, arrivals: impl IntoIterator<Item = Instant>) -> usize {
    let mut at: Vec<Instant> = arrivals.into_iter().collect();
    at.sort();
    let (mut best, mut lo) = (0, 0);
    for hi in 0..at.len() {
        while at[hi] - at[lo] >= window {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    best
}

impl Emulator {
    /// The API requests the handlers refused, in order: route, code and, for a rate limit, the
    /// budget that was full (the first 10,000; injected faults apart).
    pub fn refusals(&self) -> Vec<crate::Refusal> {
        lock(&self.state.refusals).clone()
    }

    /// The requests as they arrived, oldest first (the last 100,000).
    pub fn arrivals(&self) -> Vec<Arrival> {
        lock(&self.state.arrivals).iter().cloned().collect()
    }

    /// A message's current state (content, update and edit counts …).
    pub fn message(&self, id: impl AsRef<str>) -> Option<MessageState> {
        lock(&self.state.messages)
            .get(id.as_ref())
            .map(|m| m.state.clone())
    }

    /// Counters since start.
    pub fn stats(&self) -> Stats {
        self.state.stats()
    }

    /// The bytes of an image uploaded with this key, if any.
    pub fn image(&self, key: &str) -> Option<Vec<u8>> {
        lock(&self.state.images).get(key).cloned()
    }

    /// The tenant's users (the members of [`Emulator::chat_id`] to start with).
    pub fn users(&self) -> Vec<EmulatedUser> {
        lock(&self.state.users).clone()
    }

    /// The chat's current feed-card buttons (the last chat_button `buttons`).
    pub fn chat_buttons(&self, chat_id: &str) -> Option<Value> {
        lock(&self.state.chats)
            .get(chat_id)
            .and_then(|c| c.buttons.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 40 requests at 0.9 s and 40 at 1.1 s: 80 in one second, though no clock-aligned second
    /// holds more than 40.
    #[test]
    fn most_in_any_window_slides() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let burst = (0..40).map(|_| at(900)).chain((0..40).map(|_| at(1100)));
        assert_eq!(most_in_any(Duration::from_secs(1), burst), 80);
        assert_eq!(
            most_in_any(Duration::from_secs(1), [at(0), at(1000), at(2000)]),
            1
        );
        assert_eq!(most_in_any(Duration::from_secs(1), []), 0);
    }
}

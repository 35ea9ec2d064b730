//! The ledger of messages this client sent (or was told about): when each was sent and how often
//! it was edited, so pre-flight can apply the 14-day update window (230031) and the 20-edit cap
//! (230072) before any request.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use crate::platform::UPDATE_WINDOW;

/// What the ledger knows of one message.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sent {
    pub(crate) at: SystemTime,
    pub(crate) edits: u32,
}

/// Entries kept; older-than-window entries go first when full.
const CAPACITY: usize = 100_000;

/// Messages by id.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    sent: Mutex<HashMap<String, Sent>>,
}

impl Ledger {
    /// What is known of message `id`.
    pub(crate) fn get(&self, id: &str) -> Option<Sent> {
        self.lock().get(id).copied()
    }

    /// Records a message sent at `at` (edits kept if it was known).
    pub(crate) fn sent(&self, id: &str, at: SystemTime) {
        let edits = self.get(id).map_or(0, |s| s.edits);
        let mut sent = self.lock();
        if sent.len() >= CAPACITY {
            let now = SystemTime::now();
            sent.retain(|_, v| {
                now.duration_since(v.at)
                    .map_or(true, |age| age <= UPDATE_WINDOW)
            });
            if sent.len() >= CAPACITY {
                sent.clear();
            }
        }
        sent.insert(id.to_owned(), Sent { at, edits });
    }

    /// Records one more edit of message `id` (first seen now: sent at `at`).
    pub(crate) fn edited(&self, id: &str, at: SystemTime) {
        self.lock()
            .entry(id.to_owned())
            .or_insert(Sent { at, edits: 0 })
            .edits += 1;
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Sent>> {
        // A panic while holding this lock cannot leave the map inconsistent (single inserts).
        self.sent.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_and_edits_are_remembered() {
        let ledger = Ledger::default();
        let at = SystemTime::UNIX_EPOCH;
        assert!(ledger.get("om_1").is_none());
        ledger.edited("om_1", at);
        ledger.edited("om_1", at);
        ledger.sent("om_1", at);
        let s = ledger.get("om_1").unwrap();
        assert_eq!((s.at, s.edits), (at, 2));
    }
}

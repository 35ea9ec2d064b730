//! Time: the emulated clock (the 14-day windows) and token expiry.

use std::time::Duration;

use super::Emulator;
use super::state::lock;

impl Emulator {
    /// Moves the emulated clock forward (for the 14-day window).
    pub fn advance_clock(&self, by: Duration) {
        self.state.advance(by);
    }

    /// Invalidates every token issued so far (the next request gets 99991663).
    pub fn expire_tokens(&self) {
        lock(&self.state.tokens).clear();
    }
}

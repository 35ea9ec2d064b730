//! Faults injected for the next requests: a gateway status, a delay, a dropped connection, a
//! platform code.

use std::time::Duration;

use super::Emulator;

/// A fault for the next API requests (the token endpoint is not affected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status and an HTML body (a gateway error).
    Status(u16),
    /// Wait this long, then answer normally (a client timeout shorter than this sees a timeout).
    Delay(Duration),
    /// Close the connection without answering, before the request is handled.
    Drop,
    /// Handle the request (it takes effect: a message is stored, a card changed), then close the
    /// connection without the answer, as a network fault after the server's work does. The client
    /// sees a dropped connection and retries; only its `uuid` keeps the retry from acting twice.
    LoseReply,
    /// Answer with this platform code and its documented message (HTTP 400).
    Code(u32),
}

impl Emulator {
    /// Applies `fault` to the next `times` API requests (after any queued before).
    pub fn inject(&self, fault: Fault, times: u32) {
        self.state.push_fault(fault, times);
    }
}

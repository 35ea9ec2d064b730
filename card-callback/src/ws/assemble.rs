//! Reassembly of events the platform splits over several data frames (`message_id`, `sum`,
//! `seq`): parts wait at most 10 s, and at most 256 messages wait at once, so a peer cannot
//! make the client hold memory without end.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::frame::Frame;

const MAX_WAITING: usize = 256;
const MAX_PARTS: usize = 64;
const MAX_WAIT: Duration = Duration::from_secs(10);

/// When a message's first part came, and its parts so far.
type Waiting = (Instant, Vec<Option<Vec<u8>>>);

/// Parts of messages not yet complete.
#[derive(Debug, Default)]
pub(super) struct Assembler {
    waiting: HashMap<String, Waiting>,
}

impl Assembler {
    /// Adds `frame`'s part; the whole payload once every part has come.
    pub(super) fn add(&mut self, frame: &Frame) -> Option<Vec<u8>> {
        let sum: usize = frame
            .header("sum")
            .and_then(|s| s.parse().ok())
            .unwrap_or(1);
        let seq: usize = frame
            .header("seq")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if sum <= 1 {
            return Some(frame.payload.clone());
        }
        if sum > MAX_PARTS || seq >= sum {
            tracing::warn!(sum, seq, "long connection: a part out of range; dropped");
            return None;
        }
        let now = Instant::now();
        self.waiting
            .retain(|_, (at, _)| now.duration_since(*at) < MAX_WAIT);
        let id = frame.header("message_id").unwrap_or_default().to_owned();
        if !self.waiting.contains_key(&id) && self.waiting.len() >= MAX_WAITING {
            tracing::warn!("long connection: too many split messages waiting; a part dropped");
            return None;
        }
        let (_, parts) = self
            .waiting
            .entry(id.clone())
            .or_insert_with(|| (now, vec![None; sum]));
        if parts.len() != sum {
            return None;
        }
        parts[seq] = Some(frame.payload.clone());
        if parts.iter().all(Option::is_some) {
            let (_, parts) = self.waiting.remove(&id)?;
            return Some(parts.into_iter().flatten().flatten().collect());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::frame::Header;
    use super::*;

    fn part(id: &str, sum: usize, seq: usize, data: &str) -> Frame {
        let h = |k: &str, v: String| Header {
            key: k.into(),
            value: v,
        };
        Frame {
            headers: vec![
                h("message_id", id.into()),
                h("sum", sum.to_string()),
                h("seq", seq.to_string()),
            ],
            payload: data.as_bytes().to_vec(),
            ..Frame::default()
        }
    }

    #[test]
    fn parts_in_any_order_make_the_message() {
        let mut a = Assembler::default();
        assert_eq!(a.add(&part("m", 3, 2, "c")), None);
        assert_eq!(a.add(&part("x", 1, 0, "whole")), Some(b"whole".to_vec()));
        assert_eq!(a.add(&part("m", 3, 0, "a")), None);
        assert_eq!(a.add(&part("m", 3, 1, "b")), Some(b"abc".to_vec()));
        assert!(a.waiting.is_empty());
        // Out of range: dropped, never a panic.
        assert_eq!(a.add(&part("m", 2, 5, "?")), None);
        assert_eq!(a.add(&part("m", 1000, 0, "?")), None);
    }
}

//! What a page drew, recorded while drawing: the ErrPaths its elements carry (a finding is
//! outlined on the nearest one) and whether it shows a time (the page then carries the script
//! that redraws times in the reader's zone) — so nothing is learnt by scanning the page after.

use std::cell::RefCell;

/// The record of one drawing.
#[derive(Debug, Default)]
pub(crate) struct Drawn {
    /// The ErrPaths of the drawn elements, in drawing order.
    pub(crate) paths: Vec<String>,
    /// Whether a time was drawn.
    pub(crate) time: bool,
}

thread_local! {
    /// The drawing in progress on this thread (drawing is synchronous and never re-entered
    /// across threads).
    static RECORD: RefCell<Option<Drawn>> = const { RefCell::new(None) };
}

/// Runs `draw`, recording what it draws; a recording already in progress is kept and resumed.
pub(crate) fn recording<T>(draw: impl FnOnce() -> T) -> (T, Drawn) {
    let outer = RECORD.with(|r| r.replace(Some(Drawn::default())));
    let value = draw();
    let drawn = RECORD.with(|r| r.replace(outer)).unwrap_or_default();
    (value, drawn)
}

/// An element with this ErrPath was drawn.
pub(crate) fn path(p: &str) {
    RECORD.with(|r| {
        if let Some(d) = r.borrow_mut().as_mut() {
            d.paths.push(p.to_owned());
        }
    });
}

/// A time was drawn.
pub(crate) fn time() {
    RECORD.with(|r| {
        if let Some(d) = r.borrow_mut().as_mut() {
            d.time = true;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_inside_a_recording_and_restores_the_outer_one() {
        path("outside");
        let ((), outer) = recording(|| {
            path("a");
            let ((), inner) = recording(time);
            assert!(inner.time);
            path("b");
        });
        assert_eq!(outer.paths, ["a", "b"]);
        assert!(!outer.time);
    }
}

//! String-shaped values in the walk: each goes through the rule functions of [`crate::literal`]
//! (shared with the `card!` macro); the walker adds the position and notes element_ids.

use super::Checker;
use crate::literal::{self, Finding, Styles};
use crate::spec::{Format, Ty};

impl<'a> Checker<'a> {
    /// Checks a string value of a string-shaped type.
    pub(super) fn check_str(&mut self, s: &'a str, ty: &Ty) {
        let what = self.here();
        let styles = Styles {
            colors: &self.custom_colors,
            text_sizes: &self.custom_sizes,
        };
        match literal::check_str(ty, s, &what, &styles) {
            Some(f) => self.report_finding(f),
            None => {
                if matches!(ty, Ty::Fmt(Format::ElementId)) {
                    let at = self.segs.clone();
                    self.element_ids.note(s, at);
                }
            }
        }
    }

    /// Reports a rule function's finding at the current position.
    pub(super) fn report_finding(&mut self, f: Finding) {
        self.report(f.rule, f.message, f.help);
    }
}

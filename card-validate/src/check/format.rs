//! String-shaped values in the walk: each goes through the rule functions of [`crate::literal`]
//! (shared with the `card!` macro); the walker adds the position and notes element_ids.

use super::Checker;
use crate::literal::{self, Finding, Styles};
use crate::spec::{Format, Ty};

impl<'a> Checker<'a> {
    /// Checks a string value of a string-shaped type.
    pub(super) fn check_str(&mut self, s: &'a str, ty: &Ty) {
        let styles = Styles {
            colors: &self.custom_colors,
            text_sizes: &self.custom_sizes,
        };
        // Name the value only when something is wrong: most values pass, and naming allocates.
        match literal::check_str(ty, s, "", &styles) {
            Some(_) => {
                let what = self.here();
                let styles = Styles {
                    colors: &self.custom_colors,
                    text_sizes: &self.custom_sizes,
                };
                if let Some(f) = literal::check_str(ty, s, &what, &styles) {
                    self.report_finding(f);
                }
            }
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

//! Rule functions about where components sit, shared by the validator's walk and the `card!`
//! macro (and described by [`placement_doc`] for the model's rustdoc and the JSON Schema).

use crate::literal::Finding;
use crate::rules;
use crate::spec::{Component, Placement, Slot};

/// Whether `comp` may sit in `slot`; `in_form` tells whether the slot is inside a form.
pub fn placement(comp: &Component, slot: Slot, in_form: bool) -> Option<Finding> {
    let message = match (slot, comp.placement) {
        (Slot::Columns, Placement::Columns) => return None,
        (Slot::Columns, _) => format!(
            "`column_set.columns` may only hold `column`, found `{}`",
            comp.tag
        ),
        (Slot::Buttons, _) if comp.tag != "button" => format!(
            "`button_area.buttons` may only hold `button`, found `{}`",
            comp.tag
        ),
        (_, Placement::Columns) => "`column` may only sit in `column_set.columns`".to_owned(),
        (Slot::Container | Slot::Buttons, Placement::BodyOnly) => format!(
            "`{}` may only sit directly in `body.elements`, not inside another component",
            comp.tag
        ),
        (_, Placement::FormOnly) if !in_form => {
            format!("`{}` may only be used inside a `form`", comp.tag)
        }
        _ => return None,
    };
    Some(Finding {
        rule: &rules::PLACEMENT,
        message,
        help: None,
    })
}

/// Where a component may appear, in words (for rustdoc and schema descriptions).
pub fn placement_doc(p: Placement) -> &'static str {
    match p {
        Placement::Anywhere => "in `body.elements` and in containers",
        Placement::BodyOnly => "only directly in `body.elements`",
        Placement::FormOnly => "only inside a `form`",
        Placement::Columns => "only in `column_set.columns`",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placement_is_described_in_its_own_words() {
        assert_eq!(
            placement_doc(Placement::Anywhere),
            "in `body.elements` and in containers"
        );
        assert_eq!(
            placement_doc(Placement::BodyOnly),
            "only directly in `body.elements`"
        );
        assert_eq!(placement_doc(Placement::FormOnly), "only inside a `form`");
        assert_eq!(
            placement_doc(Placement::Columns),
            "only in `column_set.columns`"
        );
    }
}

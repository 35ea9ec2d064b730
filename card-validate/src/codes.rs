//! The server's codes, as the docs and field reports give them (spec §8).

/// Declares each code once — a constant, and its `ErrMsg` where the docs give one — and
/// [`CODES`] and [`err_msg`] from them, so a code's number, name and text are written once.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $value:literal $(, $msg:literal)?;)*) => {
        $($(#[$doc])* pub const $name: u32 = $value;)*

        /// Every code this crate knows: number, constant name, and the `ErrMsg` the server
        /// writes for it where the docs give one.
        pub static CODES: &[(u32, &str, Option<&str>)] =
            &[$(($value, stringify!($name), codes!(@msg $($msg)?))),*];
    };
    (@msg $msg:literal) => { Some($msg) };
    (@msg) => { None };
}

codes! {
    /// Outer code: "Failed to create card content" (sub-code in `ext=ErrCode: …`).
    CARD_CONTENT = 230099;
    /// Outer code: message content over its size limit (30 KB cards/post, 150 KB text).
    TOO_LARGE = 230025;
    /// Outer code: invalid request parameter (edit and chat_button bodies).
    INVALID_PARAM = 230001;
    /// Sub-code: invalid user id in at/person/person_list/select_person.
    INVALID_USER = 100290, "There is an invalid user resource(at/person) in your card";
    /// Sub-code: catch-all content rule (>200 elements, >5 tables, form name, unknown block …).
    CONTENT_RULE = 11310;
    /// Sub-code: card JSON could not be parsed into a card (unknown key, wrong type, missing field).
    PARSE = 200621, "parse card json err, please check whether the card json is correct";
    /// Sub-code: an invalid field value (seen as `invalid panel header padding`); used for value warnings.
    INVALID_VALUE = 10002, "invalid field value";
    /// Sub-code: chart_spec fails the chart schema.
    CHART_SPEC = 200550, "chart spec is invalid";
    /// Sub-code: a 1.0-only tag inside a 2.0 card.
    V2_UNSUPPORTED = 200861, "cards of schema V2 no longer support this capability";
    /// Sub-code: invalid image key.
    IMAGE_KEY = 200570, "card contains invalid image keys";
    /// Sub-code: a table cell does not fit its column's `data_type`.
    TABLE_ROWS = 200914, "table rows is invalid";
    /// Sub-code: a table row key is not a declared column name.
    TABLE_ROW_NAME = 200915, "table rows name is invalid";
    /// Sub-code: audio in a card that may be forwarded.
    AUDIO_FORWARD = 300220, "audio elem don't support forward";
    /// Sub-code: the audio `file_key` cannot be read by this app.
    FILE_KEY = 300240, "This application cannot retrieve audio information";
    /// Sub-code: duplicate `audio_id`.
    AUDIO_ID_DUPLICATE = 300230, "duplicate audio id";
    /// Sub-code: bad or duplicate `element_id`.
    ELEMENT_ID = 300301, "Duplicate element_id in card component.";
    /// Sub-code: `config.update_multi: false`.
    UPDATE_MULTI_FALSE = 300302, "update_multi is false";
    /// Sub-code: a 2.0 card replaced by a 1.0 card (PATCH/callback).
    SCHEMA_DOWNGRADE = 200830, "schemaV2 card can not change schemaV1";
}

/// The `ErrMsg` text the server uses for a sub-code, where the docs give one.
pub fn err_msg(sub_code: u32) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == sub_code).and_then(|c| c.2)
}

/// The card content size limit in bytes (30 KB), measured on the serialized `content` string.
pub const CARD_MAX_BYTES: usize = 30 * 1024;
/// The text message size limit (150 KB).
pub const TEXT_MAX_BYTES: usize = 150 * 1024;
/// The post (rich text) size limit (30 KB).
pub const POST_MAX_BYTES: usize = 30 * 1024;
/// Components and elements per 2.0 card.
pub const MAX_ELEMENTS: usize = 200;
/// Tables per card (table components and markdown tables).
pub const MAX_TABLES: usize = 5;
/// Container nesting depth.
pub const MAX_DEPTH: usize = 5;
/// Maximum edits of one text/post message (seed 001, 230072).
pub const MAX_EDITS: u32 = 20;

/// How the `msg` of a 230099 reply starts, before its `ErrCode: …`.
pub const CARD_CONTENT_EXT: &str = "Failed to create card content, ext=";

/// The `msg` of a 230099 reply, in the one form the server writes it:
/// `Failed to create card content, ext=ErrCode: <sub>; [ErrPath: <path>; ]ErrMsg: <msg>; [ErrorValue: <value>; ]`.
pub fn card_content_message(
    sub: u32,
    path: Option<&str>,
    msg: &str,
    value: Option<&str>,
) -> String {
    let mut out = format!("Failed to create card content, ext=ErrCode: {sub}; ");
    if let Some(p) = path {
        out.push_str(&format!("ErrPath: {p}; "));
    }
    out.push_str(&format!("ErrMsg: {msg}; "));
    if let Some(v) = value {
        out.push_str(&format!("ErrorValue: {v}; "));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_code_has_one_name() {
        for (i, c) in super::CODES.iter().enumerate() {
            assert!(
                !super::CODES[..i].iter().any(|o| o.0 == c.0),
                "{} twice",
                c.0
            );
        }
        assert_eq!(
            super::err_msg(super::TABLE_ROWS),
            Some("table rows is invalid")
        );
        assert_eq!(super::err_msg(super::CARD_CONTENT), None);
    }
}

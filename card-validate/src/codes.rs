//! The server's codes, as the docs and field reports give them (spec §8).

/// Outer code: "Failed to create card content" (sub-code in `ext=ErrCode: …`).
pub const CARD_CONTENT: u32 = 230099;
/// Outer code: message content over its size limit (30 KB cards/post, 150 KB text).
pub const TOO_LARGE: u32 = 230025;
/// Outer code: invalid request parameter (edit and chat_button bodies).
pub const INVALID_PARAM: u32 = 230001;

/// Sub-code: invalid user id in at/person/person_list/select_person.
pub const INVALID_USER: u32 = 100290;
/// Sub-code: catch-all content rule (>200 elements, >5 tables, form name, unknown block …).
pub const CONTENT_RULE: u32 = 11310;
/// Sub-code: card JSON could not be parsed into a card (unknown key, wrong type, missing field).
pub const PARSE: u32 = 200621;
/// Sub-code: an invalid field value (seen as `invalid panel header padding`); used for value warnings.
pub const INVALID_VALUE: u32 = 10002;
/// Sub-code: chart_spec fails the chart schema.
pub const CHART_SPEC: u32 = 200550;
/// Sub-code: a 1.0-only tag inside a 2.0 card.
pub const V2_UNSUPPORTED: u32 = 200861;
/// Sub-code: invalid image key.
pub const IMAGE_KEY: u32 = 200570;
/// Sub-code: a table cell does not fit its column's `data_type`.
pub const TABLE_ROWS: u32 = 200914;
/// Sub-code: a table row key is not a declared column name.
pub const TABLE_ROW_NAME: u32 = 200915;
/// Sub-code: audio in a card that may be forwarded.
pub const AUDIO_FORWARD: u32 = 300220;
/// Sub-code: the audio `file_key` cannot be read by this app.
pub const FILE_KEY: u32 = 300240;
/// Sub-code: duplicate `audio_id`.
pub const AUDIO_ID_DUPLICATE: u32 = 300230;
/// Sub-code: bad or duplicate `element_id`.
pub const ELEMENT_ID: u32 = 300301;
/// Sub-code: `config.update_multi: false`.
pub const UPDATE_MULTI_FALSE: u32 = 300302;
/// Sub-code: a 2.0 card replaced by a 1.0 card (PATCH/callback).
pub const SCHEMA_DOWNGRADE: u32 = 200830;

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

/// The `ErrMsg` text the server uses for a sub-code, where the docs give one.
pub fn err_msg(sub_code: u32) -> Option<&'static str> {
    Some(match sub_code {
        INVALID_USER => "There is an invalid user resource(at/person) in your card",
        PARSE => "parse card json err, please check whether the card json is correct",
        CHART_SPEC => "chart spec is invalid",
        V2_UNSUPPORTED => "cards of schema V2 no longer support this capability",
        IMAGE_KEY => "card contains invalid image keys",
        TABLE_ROWS => "table rows is invalid",
        TABLE_ROW_NAME => "table rows name is invalid",
        AUDIO_FORWARD => "audio elem don't support forward",
        AUDIO_ID_DUPLICATE => "duplicate audio id",
        ELEMENT_ID => "Duplicate element_id in card component.",
        UPDATE_MULTI_FALSE => "update_multi is false",
        SCHEMA_DOWNGRADE => "schemaV2 card can not change schemaV1",
        INVALID_VALUE => "invalid field value",
        FILE_KEY => "This application cannot retrieve audio information",
        _ => return None,
    })
}

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

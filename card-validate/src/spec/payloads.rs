//! The other payloads we send: template content, text/post edits (seed 001), chat_button (seed 002).

use super::types::Format;
use super::types::*;

/// Template content `data`.
pub static TEMPLATE_DATA: Object = Object {
    name: "template_data",
    open: false,
    attrs: &[
        attr("template_id", Ty::Str)
            .req()
            .doc("The builder tool's template id, e.g. AAqigYkzabcef."),
        attr("template_version_name", Ty::Str).doc("e.g. 1.0.0; latest when absent."),
        attr("template_variable", Ty::Named(&Ty::Any)).doc("Values of the template's variables."),
    ],
};
/// `{"type":"template","data":{…}}`.
pub static TEMPLATE: Object = Object {
    name: "template_content",
    open: false,
    attrs: &[
        attr("type", Ty::Const("template")).req(),
        attr("data", Ty::Obj(&TEMPLATE_DATA)).req(),
    ],
};
/// CardKit entity `data`.
pub static CARD_ENTITY_DATA: Object = Object {
    name: "card_entity_data",
    open: false,
    attrs: &[attr("card_id", Ty::Str)
        .req()
        .doc("From POST cardkit/v1/cards.")],
};
/// `{"type":"card","data":{"card_id"}}`.
pub static CARD_ENTITY: Object = Object {
    name: "card_entity_content",
    open: false,
    attrs: &[
        attr("type", Ty::Const("card")).req(),
        attr("data", Ty::Obj(&CARD_ENTITY_DATA)).req(),
    ],
};

/// Text message content.
pub static TEXT_CONTENT: Object = Object {
    name: "text_content",
    open: false,
    attrs: &[attr("text", Ty::Str).req()],
};

/// Post text styles.
pub static POST_STYLE: Enum = Enum {
    name: "post_style",
    values: &["bold", "underline", "lineThrough", "italic"],
    unknown: Severity::Warning,
    removed: &[],
};
static POST_STYLE_TY: Ty = Ty::Enum(&POST_STYLE);
const STYLE: Attr = attr("style", Ty::Arr(&POST_STYLE_TY, None)).doc("Unknown styles are ignored.");

/// Post node kinds, with their attributes (the `tag` key is implied).
pub static POST_NODES: [(&str, &[Attr]); 9] = [
    (
        "text",
        &[
            attr("text", Ty::Str).req(),
            attr("un_escape", Ty::Bool),
            STYLE,
        ],
    ),
    (
        "a",
        &[
            attr("text", Ty::Str).req(),
            attr("href", Ty::Fmt(Format::Url)).req(),
            STYLE,
        ],
    ),
    (
        "at",
        &[
            attr("user_id", Ty::Str).req(),
            attr("user_name", Ty::Str),
            STYLE,
        ],
    ),
    ("img", &[attr("image_key", Ty::Fmt(Format::ImgKey)).req()]),
    (
        "media",
        &[
            attr("file_key", Ty::Fmt(Format::FileKey)).req(),
            attr("image_key", Ty::Fmt(Format::ImgKey)),
        ],
    ),
    ("emotion", &[attr("emoji_type", Ty::Str).req()]),
    ("hr", &[]),
    (
        "code_block",
        &[attr("language", Ty::Str), attr("text", Ty::Str).req()],
    ),
    ("md", &[attr("text", Ty::Str).req()]),
];
/// Post nodes that must be alone in their paragraph.
pub static POST_OWN_PARAGRAPH: [&str; 3] = ["img", "media", "md"];

/// chat_button URL object (https only, ≤ 700 chars).
pub static CHAT_BUTTON_URL: Object = Object {
    name: "chat_button_url",
    open: false,
    attrs: &[
        attr("url", Ty::Fmt(Format::HttpsUrl)),
        attr("android_url", Ty::Fmt(Format::HttpsUrl)),
        attr("ios_url", Ty::Fmt(Format::HttpsUrl)),
        attr("pc_url", Ty::Fmt(Format::HttpsUrl)),
    ],
};
/// chat_button action types.
pub static CHAT_BUTTON_ACTION: Enum = Enum {
    name: "chat_button_action_type",
    values: &["url_page", "webhook"],
    unknown: Severity::Error,
    removed: &[],
};
/// chat_button styles.
pub static CHAT_BUTTON_TYPE: Enum = Enum {
    name: "chat_button_type",
    values: &["default", "primary", "success"],
    unknown: Severity::Error,
    removed: &[],
};
/// chat_button text.
pub static CHAT_BUTTON_TEXT: Object = Object {
    name: "chat_button_text",
    open: false,
    attrs: &[attr("text", Ty::Str).req().doc("1 to 30 characters.")],
};
/// One feed-card button.
pub static CHAT_BUTTON: Object = Object {
    name: "chat_button",
    open: false,
    attrs: &[
        attr("multi_url", Ty::Obj(&CHAT_BUTTON_URL)),
        attr("action_type", Ty::Enum(&CHAT_BUTTON_ACTION)).req(),
        attr("text", Ty::Obj(&CHAT_BUTTON_TEXT)).req(),
        attr("button_type", Ty::Enum(&CHAT_BUTTON_TYPE)).default("default"),
        attr("action_map", Ty::Named(&Ty::Str)),
    ],
};
/// `buttons` wrapper.
pub static CHAT_BUTTONS: Object = Object {
    name: "chat_buttons",
    open: false,
    attrs: &[attr("buttons", Ty::Arr(&Ty::Obj(&CHAT_BUTTON), None))
        .req()
        .doc("0 to 2 buttons; full replacement.")],
};
/// PUT /open-apis/im/v2/chat_button request body.
pub static CHAT_BUTTON_REQUEST: Object = Object {
    name: "chat_button_request",
    open: false,
    attrs: &[
        attr("user_ids", Ty::Arr(&Ty::Str, None)).doc("1 to 20 ids of user_id_type."),
        attr("chat_id", Ty::Str).req(),
        attr("buttons", Ty::Obj(&CHAT_BUTTONS)),
    ],
};

//! The card root: `schema`, `config`, `card_link`, `header`, `body` (spec §1).

use super::objects::*;
use super::types::Format;
use super::types::*;
use super::values::*;

/// `config.streaming_config.print_*`: per-platform numbers.
pub static PLATFORM_NUMBERS: Object = Object {
    name: "platform_numbers",
    open: false,
    attrs: &[
        attr("default", Ty::Num(0.0, f64::MAX)).req(),
        attr("android", Ty::Num(0.0, f64::MAX)),
        attr("ios", Ty::Num(0.0, f64::MAX)),
        attr("pc", Ty::Num(0.0, f64::MAX)),
    ],
};

/// `config.streaming_config`.
pub static STREAMING_CONFIG: Object = Object {
    name: "streaming_config",
    open: false,
    attrs: &[
        attr("print_frequency_ms", Ty::Obj(&PLATFORM_NUMBERS)).default("70"),
        attr("print_step", Ty::Obj(&PLATFORM_NUMBERS)).default("1"),
        attr("print_strategy", Ty::Enum(&PRINT_STRATEGY)).default("fast"),
    ],
};

/// `config.summary`: the chat-list preview text.
pub static SUMMARY: Object = Object {
    name: "summary",
    open: false,
    attrs: &[attr("content", Ty::Str), attr("i18n_content", I18N_STR)],
};

/// `config.style.text_size.<name>`.
pub static TEXT_SIZE_DEF: Object = Object {
    name: "text_size_def",
    open: false,
    attrs: &[
        attr("default", Ty::Enum(&TEXT_SIZE)),
        attr("pc", Ty::Enum(&TEXT_SIZE)),
        attr("mobile", Ty::Enum(&TEXT_SIZE)),
    ],
};

/// `config.style.color.<name>`.
pub static COLOR_DEF: Object = Object {
    name: "color_def",
    open: false,
    attrs: &[
        attr("light_mode", Ty::Fmt(Format::Rgba)).req(),
        attr("dark_mode", Ty::Fmt(Format::Rgba)).req(),
    ],
};

/// `config.style`: custom text sizes and colors, referenced by name elsewhere.
pub static STYLE: Object = Object {
    name: "style",
    open: false,
    attrs: &[
        attr("text_size", Ty::Named(&Ty::Obj(&TEXT_SIZE_DEF))),
        attr("color", Ty::Named(&Ty::Obj(&COLOR_DEF))),
    ],
};

/// `config`.
pub static CONFIG: Object = Object {
    name: "config",
    open: false,
    attrs: &[
        attr("streaming_mode", Ty::Bool).default("false").doc("CardKit streaming; off again after 10 minutes."),
        attr("streaming_config", Ty::Obj(&STREAMING_CONFIG)),
        attr("summary", Ty::Obj(&SUMMARY)),
        attr("locales", Ty::Arr(&Ty::Fmt(Format::Locale), None)),
        attr("enable_forward", Ty::Bool).default("true").doc("Must be false when the card holds audio."),
        attr("update_multi", Ty::Bool).default("true").doc("2.0 accepts only true (shared card)."),
        attr("width_mode", Ty::Enum(&WIDTH_MODE)).default("default"),
        attr("use_custom_translation", Ty::Bool).default("false"),
        attr("enable_forward_interaction", Ty::Bool).default("false"),
        attr("style", Ty::Obj(&STYLE)),
        attr("wide_screen_mode", Ty::Bool)
            .historical("`wide_screen_mode` is a legacy message-card key, not in the 2.0 config table (a 2.0 doc example uses it)"),
        attr("compact_width", Ty::Bool).historical("`compact_width` is a deprecated 1.0 key, not in the 2.0 config table"),
    ],
};

/// `card_link`: where a click on the card goes.
pub static CARD_LINK: Object = Object {
    name: "card_link",
    open: false,
    attrs: &super::objects::PLATFORM_URLS,
};

/// `header`.
pub static HEADER: Object = Object {
    name: "header",
    open: false,
    attrs: &[
        attr("title", Ty::Obj(&TEXT))
            .req_table()
            .doc("At most 4 lines."),
        attr("subtitle", Ty::Obj(&TEXT)),
        attr("text_tag_list", Ty::Arr(&Ty::Obj(&TEXT_TAG), Some(3)))
            .doc("Only the first 3 are shown."),
        attr(
            "i18n_text_tag_list",
            Ty::Locales(&Ty::Arr(&Ty::Obj(&TEXT_TAG), Some(3))),
        ),
        attr("template", Ty::Enum(&HEADER_TEMPLATE)).default("default"),
        attr("icon", Ty::Obj(&ICON)),
        attr("padding", Ty::Box(-99, 99)).default("12px"),
        attr("ud_icon", Ty::Any).removed(
            "1.0 `header.ud_icon` is replaced by `header.icon: {tag: standard_icon, token, color}`",
        ),
    ],
};

/// `body`.
pub static BODY: Object = Object {
    name: "body",
    open: false,
    attrs: &[
        attr("elements", Ty::Elements(Slot::Body)),
        attr("direction", Ty::Enum(&DIRECTION)).default("vertical"),
        attr("padding", Ty::Box(-99, 99)),
        attr("horizontal_spacing", Ty::Spacing),
        attr("vertical_spacing", Ty::Spacing),
        attr("horizontal_align", Ty::Enum(&H_ALIGN)).default("left"),
        attr("vertical_align", Ty::Enum(&V_ALIGN)).default("top"),
    ],
};

/// The card root of a 2.0 card.
pub static CARD: Object = Object {
    name: "card",
    open: false,
    attrs: &[
        attr("schema", Ty::Const("2.0")).req().doc("Must be \"2.0\"; without it the card is 1.0."),
        attr("$schema", Ty::Str).historical(
            "`$schema` is for editors only (it points at card-v2.schema.json); strip it before sending, the server rejects unknown keys",
        ),
        attr("config", Ty::Obj(&CONFIG)),
        attr("card_link", Ty::Obj(&CARD_LINK)),
        attr("header", Ty::Obj(&HEADER)),
        attr("body", Ty::Obj(&BODY)),
        attr("i18n_header", Ty::Locales(&Ty::Obj(&HEADER)))
            .historical("root `i18n_header` is a 1.0 key absent from the 2.0 skeleton (the 2.0 column_set example uses it); use i18n_content in header texts"),
        attr("elements", Ty::Any).removed("2.0 has no root `elements`: move them into `body.elements`"),
        attr("i18n_elements", Ty::Any).removed(
            "2.0 does not support card-wide i18n (`i18n_elements`): use `i18n_content` / `i18n_img_key` on each component",
        ),
        attr("fallback", Ty::Any).removed("root `fallback` is not supported in 2.0"),
    ],
};

/// Keys a 1.0 card's root may have (besides the 2.0 root's): content with none of them and none
/// of [`CARD`]'s keys is not a card (`rules::NOT_A_CARD`).
pub const V1_ROOT_KEYS: [&str; 7] = [
    "elements",
    "i18n_elements",
    "header",
    "config",
    "card_link",
    "i18n_header",
    "fallback",
];

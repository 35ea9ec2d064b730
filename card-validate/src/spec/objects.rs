//! Objects shared by many components: text objects, icons, behaviors, confirm, options … (spec §1.5).

use super::types::{Attr, Object, Ty, attr};
use super::values::*;
use crate::spec::types::Format;

/// `{locale: string}`.
pub const I18N_STR: Ty = Ty::Locales(&Ty::Str);
/// `{locale: img_key}`.
pub const I18N_IMG: Ty = Ty::Locales(&Ty::Fmt(Format::ImgKey));
/// A color value with `default` allowed.
pub const COLOR_OR_DEFAULT: Ty = Ty::Color(&["default"]);

/// Style keys every text object accepts. They are described once and reused by every text
/// object (header title, button text, panel title, checker text …), so an object accepts the same
/// keys wherever it appears. Provenance: the 2.0 text-object docs list them on `div.text`; the
/// official Lark plugin (larksuite/openclaw-lark, streaming card, `collapsible_panel.header.title`
/// with `text_color: grey`, `text_size: notation`) sends them on a panel title.
/// A text's `element_id`: the target of CardKit text streaming.
pub const TEXT_STYLE_ELEMENT_ID: Attr =
    attr("element_id", Ty::Fmt(Format::ElementId)).doc("Target for CardKit text streaming.");
/// A text's `text_size`.
pub const TEXT_STYLE_SIZE: Attr = attr("text_size", Ty::TextSize).default("normal");
/// A text's `text_color`.
pub const TEXT_STYLE_COLOR: Attr = attr("text_color", COLOR_OR_DEFAULT)
    .default("default")
    .doc("Only applies to plain_text.");
/// A text's `text_align`.
pub const TEXT_STYLE_ALIGN: Attr = attr("text_align", Ty::Enum(&TEXT_ALIGN)).default("left");
/// A text's `lines`: the most shown.
pub const TEXT_STYLE_LINES: Attr = attr("lines", Ty::Int(1, i64::MAX)).doc("Maximum lines shown.");

/// A text object whose tag is `plain_text` or `lark_md`.
pub static TEXT: Object = Object {
    name: "text",
    open: false,
    attrs: &[
        attr("tag", Ty::Enum(&TEXT_TAG_ANY)).req(),
        attr("content", Ty::Str)
            .req_table()
            .doc("The text; `i18n_content` wins for a listed locale."),
        attr("i18n_content", I18N_STR),
        TEXT_STYLE_ELEMENT_ID,
        TEXT_STYLE_SIZE,
        TEXT_STYLE_COLOR,
        TEXT_STYLE_ALIGN,
        TEXT_STYLE_LINES,
    ],
};

/// A text object that must be `plain_text` (button text, placeholders, tips, confirm, label, alt).
pub static PLAIN_TEXT: Object = Object {
    name: "plain_text",
    open: false,
    attrs: &[
        attr("tag", Ty::Const("plain_text")).req(),
        attr("content", Ty::Str).req_table(),
        attr("i18n_content", I18N_STR),
        TEXT_STYLE_ELEMENT_ID,
        TEXT_STYLE_SIZE,
        TEXT_STYLE_COLOR,
        TEXT_STYLE_ALIGN,
        TEXT_STYLE_LINES,
    ],
};

/// A plain_text object whose content shows at most 100 characters.
pub static PLAIN_TEXT_100: Object = Object {
    name: "plain_text_100",
    open: false,
    attrs: &[
        attr("tag", Ty::Const("plain_text")).req(),
        attr("content", Ty::StrMax(100)).req_table(),
        attr("i18n_content", I18N_STR),
        TEXT_STYLE_ELEMENT_ID,
        TEXT_STYLE_SIZE,
        TEXT_STYLE_COLOR,
        TEXT_STYLE_ALIGN,
        TEXT_STYLE_LINES,
    ],
};

/// An icon: `standard_icon` (token + color) or `custom_icon` (img_key), with an optional `size`.
/// One description for every place an icon goes (header, div, button, panel header, options).
/// Provenance of `size`: documented on the collapsible_panel header icon; the official Lark plugin
/// (larksuite/openclaw-lark, streaming card) also sends it on a markdown `icon`.
pub static ICON: Object = Object {
    name: "icon",
    open: false,
    attrs: &[
        attr("tag", Ty::Enum(&ICON_TAG)),
        attr("token", Ty::Fmt(Format::IconToken))
            .doc("Icon-library token, with tag standard_icon."),
        attr("color", Ty::Color(&[])).doc("Only for tokens ending in _outlined or _filled."),
        attr("img_key", Ty::Fmt(Format::ImgKey)).doc("With tag custom_icon."),
        attr("i18n_img_key", I18N_IMG),
        attr("size", Ty::Fmt(Format::IconSize)).doc(
            "`\"<w>px <h>px\"`, documented on the panel header icon (default 10px 10px there).",
        ),
    ],
};

/// The 1.0 `ud_icon` still documented on person_list.
pub static UD_ICON: Object = Object {
    name: "ud_icon",
    open: false,
    attrs: &[
        attr("token", Ty::Fmt(Format::IconToken)),
        attr("style", Ty::Obj(&UD_ICON_STYLE)),
    ],
};
/// `ud_icon.style`.
pub static UD_ICON_STYLE: Object = Object {
    name: "ud_icon_style",
    open: false,
    attrs: &[attr("color", Ty::Color(&[]))],
};

/// Second-confirmation dialog.
pub static CONFIRM: Object = Object {
    name: "confirm",
    open: false,
    attrs: &[
        attr("title", Ty::Obj(&PLAIN_TEXT))
            .req_table()
            .doc("Leaving it out breaks old clients."),
        attr("text", Ty::Obj(&PLAIN_TEXT)).req(),
    ],
};

/// Platform URLs.
pub static MULTI_URL: Object = Object {
    name: "multi_url",
    open: false,
    attrs: &PLATFORM_URLS,
};

/// A link per platform: `url` (the default), `pc_url`, `ios_url`, `android_url` — the keys of
/// `multi_url` and of the card's `card_link`, written once.
pub const PLATFORM_URLS: [Attr; 4] = [
    attr("url", Ty::Fmt(Format::Url)),
    attr("pc_url", Ty::Fmt(Format::Url)),
    attr("ios_url", Ty::Fmt(Format::Url)),
    attr("android_url", Ty::Fmt(Format::Url)),
];

/// `{multi_url}` link of column_set and column.
pub static LINK_ACTION: Object = Object {
    name: "link_action",
    open: false,
    attrs: &[attr("multi_url", Ty::Obj(&MULTI_URL))],
};

/// One interaction: `open_url` or `callback` (spec §2.16).
pub static BEHAVIOR: Object = Object {
    name: "behavior",
    open: false,
    attrs: &[
        attr("type", Ty::Enum(&BEHAVIOR_TYPE)).req(),
        attr("default_url", Ty::Fmt(Format::Url)).doc("open_url: required."),
        attr("android_url", Ty::Fmt(Format::Url)),
        attr("ios_url", Ty::Fmt(Format::Url)),
        attr("pc_url", Ty::Fmt(Format::Url)),
        attr("value", Ty::Any).doc("callback: the value sent back (an object)."),
        attr("behavior", Ty::Str)
            .historical("`form_action` behaviors are 1.0 only; use the button's form_action_type"),
    ],
};
/// A list of behaviors.
pub const BEHAVIORS: Ty = Ty::Arr(&Ty::Obj(&BEHAVIOR), None);

/// A header tag.
pub static TEXT_TAG: Object = Object {
    name: "text_tag",
    open: false,
    attrs: &[
        attr("tag", Ty::Const("text_tag")).req(),
        attr("element_id", Ty::Fmt(Format::ElementId)),
        attr("text", Ty::Obj(&PLAIN_TEXT)),
        attr("color", Ty::Enum(&TAG_COLOR)).default("blue"),
    ],
};

/// select_static / multi_select_static option.
pub static OPTION: Object = Object {
    name: "select_option",
    open: false,
    attrs: &[
        attr("text", Ty::Obj(&PLAIN_TEXT_100)).req(),
        attr("icon", Ty::Obj(&ICON)),
        attr("value", Ty::Str)
            .req()
            .doc("Unique within the component."),
    ],
};

/// select_person / multi_select_person option: open_id only.
pub static PERSON_OPTION: Object = Object {
    name: "person_option",
    open: false,
    attrs: &[attr("value", Ty::Fmt(Format::OpenId)).req()],
};

/// overflow option.
pub static OVERFLOW_OPTION: Object = Object {
    name: "overflow_option",
    open: false,
    attrs: &[
        attr("text", Ty::Obj(&PLAIN_TEXT_100)),
        attr("multi_url", Ty::Obj(&MULTI_URL)),
        attr("value", Ty::Str),
    ],
};

/// img_combination image.
pub static IMG_LIST_ITEM: Object = Object {
    name: "img_list_item",
    open: false,
    attrs: &[
        attr("img_key", Ty::Fmt(Format::ImgKey)).req(),
        attr("i18n_img_key", I18N_IMG),
        attr("transparent", Ty::Bool),
    ],
};

/// select_img option.
pub static SELECT_IMG_OPTION: Object = Object {
    name: "select_img_option",
    open: false,
    attrs: &[
        attr("img_key", Ty::Fmt(Format::ImgKey)).req(),
        attr("i18n_img_key", I18N_IMG),
        attr("value", Ty::Str),
        attr("disabled", Ty::Bool),
        attr("disabled_tips", Ty::Obj(&PLAIN_TEXT)),
        attr("hover_tips", Ty::Obj(&PLAIN_TEXT)),
    ],
};

/// person_list entry.
pub static PERSON_ITEM: Object = Object {
    name: "person_item",
    open: false,
    attrs: &[attr("id", Ty::Fmt(Format::UserId)).req()],
};

/// A border: color and corner radius.
pub static BORDER: Object = Object {
    name: "border",
    open: false,
    attrs: &[
        attr("color", Ty::Color(&[])),
        attr("corner_radius", Ty::Fmt(Format::Radius)),
    ],
};

/// `{tag: "fallback_text", text}` (audio fallback).
pub static FALLBACK_TEXT: Object = Object {
    name: "fallback_text",
    open: false,
    attrs: &[
        attr("tag", Ty::Enum(&FALLBACK_TEXT_TAG)).req(),
        attr("text", Ty::Obj(&PLAIN_TEXT)).req(),
    ],
};
/// Component-level fallback: `"drop"` or a fallback_text.
pub const FALLBACK: Ty = Ty::OneOf(&[Ty::Enum(&FALLBACK_DROP), Ty::Obj(&FALLBACK_TEXT)]);
/// `"drop"`.
pub static FALLBACK_DROP: super::types::Enum = super::types::Enum {
    name: "fallback_drop",
    values: &["drop"],
    unknown: super::types::Severity::Error,
    removed: &[],
};

/// 1.0 div `fields` entry (tolerated in 2.0: a 2.0 doc example uses it).
pub static DIV_FIELD: Object = Object {
    name: "div_field",
    open: false,
    attrs: &[attr("is_short", Ty::Bool), attr("text", Ty::Obj(&TEXT))],
};

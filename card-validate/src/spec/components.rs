//! Every JSON 2.0 component: attributes, placement, nesting (spec §2–4).
//!
//! The common attributes (`element_id`, `margin`, historical `fallback`) are in [`COMMON_ATTRS`].

use super::objects::*;
use super::types::Format;
use super::types::*;
use super::values::*;

/// Attributes every component accepts.
pub static COMMON_ATTRS: [Attr; 3] = [
    attr("element_id", Ty::Fmt(Format::ElementId))
        .doc("Unique in the card; letters, digits and `_`, starts with a letter, at most 20 chars."),
    attr("margin", Ty::Box(-99, 99)).default("0").doc("Outer margin, CSS order, each in [-99,99]px."),
    attr("fallback", FALLBACK).historical(
        "component-level `fallback` is documented only for audio; other components' use comes from the docs' own examples",
    ),
];

const DIRECTION_A: Attr = attr("direction", Ty::Enum(&DIRECTION)).default("vertical");
const H_SPACING: Attr = attr("horizontal_spacing", Ty::Spacing).default("8px");
const V_SPACING: Attr = attr("vertical_spacing", Ty::Spacing);
const H_ALIGN_A: Attr = attr("horizontal_align", Ty::Enum(&H_ALIGN)).default("left");
const V_ALIGN_A: Attr = attr("vertical_align", Ty::Enum(&V_ALIGN)).default("top");
const PADDING: Attr = attr("padding", Ty::Box(-99, 99));
const DISABLED: Attr = attr("disabled", Ty::Bool).default("false");
const DISABLED_TIPS: Attr = attr("disabled_tips", Ty::Obj(&PLAIN_TEXT));
const HOVER_TIPS: Attr = attr("hover_tips", Ty::Obj(&PLAIN_TEXT));
const CONFIRM_A: Attr = attr("confirm", Ty::Obj(&CONFIRM));
const BEHAVIORS_A: Attr = attr("behaviors", BEHAVIORS);
const NAME: Attr = attr("name", Ty::Str)
    .req_in_form()
    .doc("Form field name; unique in the card.");
const REQUIRED: Attr = attr("required", Ty::Bool)
    .default("false")
    .doc("Only inside a form.");
const WIDTH_DF: Attr = attr("width", Ty::Dim(&WIDTH_DEFAULT_FILL)).default("default");
const PLACEHOLDER: Attr = attr("placeholder", Ty::Obj(&PLAIN_TEXT_100));
const VALUE_HIST: Attr = attr("value", Ty::OneOf(&[Ty::Str, Ty::Any]))
    .historical("`value` is a historical field in 2.0");
const ELEMENTS: Attr = attr("elements", Ty::Elements(Slot::Container));

/// `column_set`: columns side by side.
pub static COLUMN_SET: Component = Component {
    tag: "column_set",
    category: Category::Container,
    title: "Column set",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/column-set",
    placement: Placement::Anywhere,
    form_field: false,
    nests: true,
    attrs: &[
        attr("columns", Ty::Elements(Slot::Columns)).req_table(),
        H_SPACING,
        H_ALIGN_A,
        attr("flex_mode", Ty::Enum(&FLEX_MODE)).default("none"),
        attr("background_style", COLOR_OR_DEFAULT).default("default"),
        attr("action", Ty::Obj(&LINK_ACTION)).doc("Link jump only."),
    ],
};

/// `column`: one column of a column_set.
pub static COLUMN: Component = Component {
    tag: "column",
    category: Category::Container,
    title: "Column",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/column-set",
    placement: Placement::Columns,
    form_field: false,
    nests: false, // counted with its column_set as one level
    attrs: &[
        ELEMENTS,
        attr("width", Ty::Dim(&COLUMN_WIDTH)).default("auto"),
        attr("weight", Ty::Int(1, 5)).default("1"),
        attr("background_style", COLOR_OR_DEFAULT).default("default"),
        H_SPACING,
        H_ALIGN_A,
        V_ALIGN_A,
        V_SPACING.default("8px"),
        DIRECTION_A,
        PADDING.default("0px"),
        attr("action", Ty::Obj(&LINK_ACTION)),
    ],
};

/// `form`: collects its fields and submits them together.
pub static FORM: Component = Component {
    tag: "form",
    category: Category::Container,
    title: "Form container",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container",
    placement: Placement::BodyOnly,
    form_field: false,
    nests: true,
    attrs: &[
        attr("name", Ty::Str)
            .req()
            .missing_code(crate::codes::CONTENT_RULE)
            .doc("Unique in the card."),
        ELEMENTS.req(),
        DIRECTION_A,
        H_SPACING,
        V_SPACING.default("12px"),
        H_ALIGN_A,
        V_ALIGN_A,
        PADDING.default("0px"),
    ],
};

/// `interactive_container`: a clickable area holding components.
pub static INTERACTIVE_CONTAINER: Component = Component {
    tag: "interactive_container",
    category: Category::Container,
    title: "Interactive container",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/interactive-container",
    placement: Placement::Anywhere,
    form_field: false,
    nests: true,
    attrs: &[
        ELEMENTS.req(),
        BEHAVIORS_A.req_table(),
        attr("width", Ty::Dim(&WIDTH_FILL_AUTO)).default("fill"),
        attr("height", Ty::Dim(&CONTAINER_HEIGHT)).default("auto"),
        DIRECTION_A,
        H_SPACING,
        V_SPACING,
        H_ALIGN_A,
        V_ALIGN_A,
        attr("background_style", Ty::Color(&["default", "laser"])).default("default"),
        attr("has_border", Ty::Bool).default("false"),
        attr("border_color", Ty::Color(&[])).default("grey"),
        attr("corner_radius", Ty::Fmt(Format::Radius)).default("0px"),
        PADDING.default("4px 12px"),
        HOVER_TIPS,
        DISABLED,
        DISABLED_TIPS,
        CONFIRM_A,
    ],
};

/// `collapsible_panel` header.
pub static PANEL_HEADER: Object = Object {
    name: "collapsible_panel_header",
    open: false,
    attrs: &[
        attr("title", Ty::Obj(&PANEL_TITLE)).req(),
        attr("background_color", Ty::Color(&[])),
        attr("width", Ty::Enum(&PANEL_HEADER_WIDTH)).default("fill"),
        attr("vertical_align", Ty::Enum(&V_ALIGN)).default("center"),
        attr("padding", Ty::Box(-99, 99)),
        attr("position", Ty::Str)
            .historical("`position` appears in the JSON sample but not in the field table"),
        attr("icon", Ty::Obj(&ICON)),
        attr("icon_position", Ty::Enum(&ICON_POSITION)).default("right"),
        attr("icon_expanded_angle", Ty::Int(-180, 180)).default("180"),
    ],
};
/// `collapsible_panel` header title: plain_text or markdown, with the text style keys every
/// text object takes.
pub static PANEL_TITLE: Object = Object {
    name: "collapsible_panel_title",
    open: false,
    attrs: &[
        attr("tag", Ty::Enum(&PANEL_TITLE_TAG)).req(),
        attr("content", Ty::Str).req_table(),
        attr("i18n_content", I18N_STR),
        TEXT_STYLE_ELEMENT_ID,
        TEXT_STYLE_SIZE,
        TEXT_STYLE_COLOR,
        TEXT_STYLE_ALIGN,
        TEXT_STYLE_LINES,
    ],
};

/// `collapsible_panel`: a folding section.
pub static COLLAPSIBLE_PANEL: Component = Component {
    tag: "collapsible_panel",
    category: Category::Container,
    title: "Collapsible panel",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/collapsible-panel",
    placement: Placement::Anywhere,
    form_field: false,
    nests: true,
    attrs: &[
        attr("header", Ty::Obj(&PANEL_HEADER)).req(),
        ELEMENTS,
        attr("expanded", Ty::Bool).default("false"),
        attr("background_color", Ty::Color(&[])),
        attr("border", Ty::Obj(&BORDER)),
        DIRECTION_A,
        H_SPACING,
        V_SPACING,
        H_ALIGN_A,
        V_ALIGN_A,
        PADDING,
    ],
};

/// `div`: plain text with an optional icon.
pub static DIV: Component = Component {
    tag: "div",
    category: Category::Display,
    title: "Plain text",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/plain-text",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("width", Ty::Dim(&WIDTH_FILL_AUTO)).default("fill"),
        attr("text", Ty::Obj(&TEXT)),
        attr("icon", Ty::Obj(&ICON)),
        attr("fields", Ty::Arr(&Ty::Obj(&DIV_FIELD), None))
            .historical("`fields` (1.0 two-column text) is not in the 2.0 table, but a 2.0 doc example uses it"),
        attr("extra", Ty::Any)
            .removed("`extra` (the 1.0 side element) is gone in 2.0: put the element beside the div in a column_set"),
    ],
};

/// `markdown`: rich text.
pub static MARKDOWN: Component = Component {
    tag: "markdown",
    category: Category::Display,
    title: "Rich text (Markdown)",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/rich-text",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("content", Ty::Str).req(),
        attr("i18n_content", I18N_STR),
        attr("text_size", Ty::TextSize).default("normal"),
        attr("text_align", Ty::Enum(&TEXT_ALIGN)).default("left"),
        attr("icon", Ty::Obj(&ICON)),
        attr("href", Ty::Any).removed(
            "2.0 removed `href`/`[text]($urlVal)` differentiated links: write `<link url='…' pc_url='…' ios_url='…' android_url='…'>text</link>` in `content`",
        ),
    ],
};

/// `img`: one image.
pub static IMG: Component = Component {
    tag: "img",
    category: Category::Display,
    title: "Image",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/image",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("img_key", Ty::Fmt(Format::ImgKey))
            .req()
            .missing_code(crate::codes::CONTENT_RULE),
        attr("i18n_img_key", I18N_IMG),
        attr("alt", Ty::Obj(&PLAIN_TEXT))
            .req_table()
            .doc("Hover text; content may be empty."),
        attr("title", Ty::Obj(&PLAIN_TEXT)),
        attr("corner_radius", Ty::Fmt(Format::Radius)),
        attr("scale_type", Ty::Enum(&IMG_SCALE_TYPE)).default("crop_center"),
        attr("size", Ty::Dim(&IMG_SIZE)),
        attr("transparent", Ty::Bool).default("false"),
        attr("preview", Ty::Bool).default("true"),
        attr("mode", Ty::Enum(&IMG_MODE))
            .historical("`mode` is a historical img field; use `scale_type` and `size`"),
        attr("custom_width", Ty::Int(278, 580))
            .historical("`custom_width` is a historical img field"),
        attr("compact_width", Ty::Bool).historical("`compact_width` is a historical img field"),
    ],
};

/// `img_combination`: several images in a grid.
pub static IMG_COMBINATION: Component = Component {
    tag: "img_combination",
    category: Category::Display,
    title: "Multi-image layout",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/multi-image-laylout",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("combination_mode", Ty::Enum(&COMBINATION_MODE)).req(),
        attr("img_list", Ty::Arr(&Ty::Obj(&IMG_LIST_ITEM), Some(9))).req(),
        attr("combination_transparent", Ty::Bool).default("false"),
        attr("corner_radius", Ty::Fmt(Format::Radius)),
    ],
};

/// `hr`: a divider.
pub static HR: Component = Component {
    tag: "hr",
    category: Category::Display,
    title: "Divider",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/divider",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[],
};

/// `person`: one user.
pub static PERSON: Component = Component {
    tag: "person",
    category: Category::Display,
    title: "Person",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/user-profile",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("user_id", Ty::Fmt(Format::UserId))
            .req()
            .doc("open_id, union_id or user_id."),
        attr("size", Ty::Enum(&PERSON_SIZE)).default("medium"),
        attr("show_avatar", Ty::Bool).default("true"),
        attr("show_name", Ty::Bool).default("false"),
        attr("style", Ty::Enum(&PERSON_STYLE)).default("normal"),
    ],
};

/// `person_list`: several users.
pub static PERSON_LIST: Component = Component {
    tag: "person_list",
    category: Category::Display,
    title: "Person list",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/user-list",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("persons", Ty::Arr(&Ty::Obj(&PERSON_ITEM), None)).req(),
        attr("drop_invalid_user_id", Ty::Bool).default("false"),
        attr("lines", Ty::Int(1, i64::MAX)).doc("Must not be 0."),
        attr("show_name", Ty::Bool).default("true"),
        attr("show_avatar", Ty::Bool).default("false"),
        attr("size", Ty::Enum(&PERSON_SIZE)).default("medium"),
        attr("icon", Ty::Obj(&ICON)),
        attr("ud_icon", Ty::Obj(&UD_ICON)).doc("Still documented here in 2.0; `icon` wins."),
    ],
};

/// `chart`: a VChart chart.
pub static CHART: Component = Component {
    tag: "chart",
    category: Category::Display,
    title: "Chart",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("chart_spec", Ty::Any)
            .req()
            .doc("A VChart spec (pure JSON)."),
        attr("aspect_ratio", Ty::Enum(&CHART_ASPECT)),
        attr("color_theme", Ty::Enum(&CHART_THEME)).default("brand"),
        attr("preview", Ty::Bool).default("true"),
        attr("height", Ty::Dim(&CHART_HEIGHT)).default("auto"),
    ],
};

/// `table` header style.
pub static TABLE_HEADER_STYLE: Object = Object {
    name: "table_header_style",
    open: false,
    attrs: &[
        attr("text_align", Ty::Enum(&TEXT_ALIGN)).default("left"),
        attr("text_size", Ty::Enum(&TABLE_HEADER_TEXT_SIZE)).default("normal"),
        attr("background_style", Ty::Enum(&TABLE_HEADER_BG)).default("none"),
        attr("text_color", Ty::Enum(&TABLE_HEADER_TEXT_COLOR)).default("default"),
        attr("bold", Ty::Bool).default("true"),
        attr("lines", Ty::Int(1, i64::MAX)).default("1"),
    ],
};
/// `table` number column format.
pub static TABLE_NUMBER_FORMAT: Object = Object {
    name: "table_number_format",
    open: false,
    attrs: &[
        attr("precision", Ty::Int(0, 10)),
        attr("symbol", Ty::StrMax(1)),
        attr("separator", Ty::Bool).default("false"),
    ],
};
/// `table` column.
pub static TABLE_COLUMN: Object = Object {
    name: "table_column",
    open: false,
    attrs: &[
        attr("name", Ty::Str)
            .req()
            .doc("The key used in row objects."),
        attr("display_name", Ty::Str),
        attr("width", Ty::Dim(&TABLE_COLUMN_WIDTH)).default("auto"),
        attr("vertical_align", Ty::Enum(&V_ALIGN)).default("center"),
        attr("horizontal_align", Ty::Enum(&H_ALIGN)),
        attr("data_type", Ty::Enum(&TABLE_DATA_TYPE))
            .req_table()
            .default("text"),
        attr("format", Ty::Obj(&TABLE_NUMBER_FORMAT)).doc("Only for number columns."),
        attr("date_format", Ty::Str).doc("Only for date columns."),
    ],
};

/// The JSON kind of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A JSON integer.
    Integer,
    /// Any other JSON number.
    Float,
    /// A string.
    String,
    /// `true` / `false`.
    Bool,
    /// An array.
    Array,
    /// An object.
    Object,
    /// `null`.
    Null,
}

/// Whether a cell of this kind fits its column's `data_type` (the server answers 200914 when not;
/// spec §3). `options` and `persons` arrays are further checked item by item by the validator.
/// Text-like columns show scalars as strings; objects and arrays there only draw a warning.
pub fn table_cell_fits(data_type: &str, kind: CellKind) -> bool {
    match data_type {
        "number" => matches!(kind, CellKind::Integer | CellKind::Float),
        "date" => kind == CellKind::Integer,
        "options" | "persons" => matches!(kind, CellKind::String | CellKind::Array),
        _ => true,
    }
}

/// `table`: typed rows and columns.
pub static TABLE: Component = Component {
    tag: "table",
    category: Category::Display,
    title: "Table",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/table",
    placement: Placement::BodyOnly,
    form_field: false,
    nests: false,
    attrs: &[
        attr("page_size", Ty::Int(1, 10)).default("5"),
        attr("row_height", Ty::Dim(&ROW_HEIGHT)).default("low"),
        attr("row_max_height", Ty::Dim(&ROW_MAX_HEIGHT)).default("124px"),
        attr("freeze_first_column", Ty::Bool).default("false"),
        attr("header_style", Ty::Obj(&TABLE_HEADER_STYLE)),
        attr("columns", Ty::Arr(&Ty::Obj(&TABLE_COLUMN), Some(50))).req(),
        attr("rows", Ty::Arr(&Ty::Any, None))
            .req()
            .doc("`[{column name: cell}]`, each cell fitting its column's data_type."),
    ],
};

/// `audio`: a voice clip (2.0 only).
pub static AUDIO: Component = Component {
    tag: "audio",
    category: Category::Display,
    title: "Audio",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/audio",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        attr("file_key", Ty::Fmt(Format::FileKey)).req(),
        attr("i18n_file_key", Ty::Locales(&Ty::Fmt(Format::FileKey))),
        attr("audio_id", Ty::Str).doc("Unique in the card."),
        DISABLED,
        DISABLED_TIPS,
        attr("show_progress_bar", Ty::Bool).default("true"),
        attr("show_time", Ty::Bool).default("true"),
        attr("time_display", Ty::Enum(&AUDIO_TIME_DISPLAY)).default("default"),
        attr("time_position", Ty::Enum(&AUDIO_TIME_POSITION)).default("end"),
        attr("border", Ty::Obj(&BORDER)),
        attr("style", Ty::Enum(&AUDIO_STYLE)).default("normal"),
        PADDING.default("12px"),
        attr("background_style", COLOR_OR_DEFAULT).default("default"),
        attr("fill_color", Ty::Color(&[])).default("grey-800"),
        WIDTH_DF,
        attr("fallback", FALLBACK),
    ],
};

/// `button`.
pub static BUTTON: Component = Component {
    tag: "button",
    category: Category::Interactive,
    title: "Button",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/button",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        attr("type", Ty::Enum(&BUTTON_TYPE)).default("default"),
        attr("size", Ty::Enum(&BUTTON_SIZE)).default("medium"),
        WIDTH_DF,
        attr("text", Ty::Obj(&PLAIN_TEXT_100)),
        attr("icon", Ty::Obj(&ICON)),
        HOVER_TIPS,
        DISABLED,
        DISABLED_TIPS,
        CONFIRM_A,
        BEHAVIORS_A,
        NAME,
        attr("form_action_type", Ty::Enum(&FORM_ACTION_TYPE)).doc("submit | reset, inside a form."),
        attr("value", Ty::OneOf(&[Ty::Str, Ty::Any]))
            .historical("1.0 button key `value`: use behaviors [{type: callback, value}]"),
        attr("url", Ty::Fmt(Format::Url))
            .historical("1.0 button key `url`: use behaviors [{type: open_url, default_url}]"),
        attr("multi_url", Ty::Obj(&MULTI_URL))
            .historical("1.0 button key `multi_url`: use behaviors [{type: open_url, …_url}]"),
        attr("complex_interaction", Ty::Bool).historical("1.0 button key `complex_interaction`"),
        attr("action_type", Ty::Enum(&ACTION_TYPE_V1))
            .historical("historical form button `action_type`: use form_action_type submit/reset"),
        attr("required", Ty::Bool).historical("1.0 button key `required`"),
    ],
};

/// `input`.
pub static INPUT: Component = Component {
    tag: "input",
    category: Category::Interactive,
    title: "Input",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/input",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        NAME,
        REQUIRED,
        DISABLED,
        DISABLED_TIPS,
        PLACEHOLDER,
        attr("default_value", Ty::Str),
        attr("i18n_default_value", I18N_STR),
        WIDTH_DF,
        BEHAVIORS_A,
        attr("max_length", Ty::Int(1, 1000)).default("1000"),
        attr("input_type", Ty::Enum(&INPUT_TYPE)).default("text"),
        attr("show_icon", Ty::Bool).default("true"),
        attr("rows", Ty::Int(1, i64::MAX)).default("5"),
        attr("auto_resize", Ty::Bool).default("false"),
        attr("max_rows", Ty::Int(1, i64::MAX)),
        attr("label", Ty::Obj(&PLAIN_TEXT)),
        attr("label_position", Ty::Enum(&LABEL_POSITION)).default("top"),
        VALUE_HIST,
        CONFIRM_A,
    ],
};

/// `overflow`: a folded button group.
pub static OVERFLOW: Component = Component {
    tag: "overflow",
    category: Category::Interactive,
    title: "Overflow",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/overflow",
    placement: Placement::Anywhere,
    form_field: false,
    nests: false,
    attrs: &[
        WIDTH_DF,
        attr("options", Ty::Arr(&Ty::Obj(&OVERFLOW_OPTION), None)).req(),
        BEHAVIORS_A,
        CONFIRM_A,
        VALUE_HIST,
    ],
};

/// The selects' `type`.
const SELECT_TYPE_ATTR: Attr = attr("type", Ty::Enum(&SELECT_TYPE)).default("default");

/// `select_static`: single-choice dropdown.
pub static SELECT_STATIC: Component = Component {
    tag: "select_static",
    category: Category::Interactive,
    title: "Single-select dropdown",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/single-select-dropdown-menu",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        SELECT_TYPE_ATTR,
        NAME,
        REQUIRED,
        DISABLED,
        attr("initial_option", Ty::Str).doc("Overrides initial_index."),
        attr("initial_index", Ty::Int(0, i64::MAX)).doc("0 = none, 1 = first option."),
        PLACEHOLDER,
        WIDTH_DF,
        BEHAVIORS_A,
        attr("options", Ty::Arr(&Ty::Obj(&OPTION), None)),
        CONFIRM_A,
        VALUE_HIST,
    ],
};

/// `multi_select_static`: multi-choice dropdown (form only).
pub static MULTI_SELECT_STATIC: Component = Component {
    tag: "multi_select_static",
    category: Category::Interactive,
    title: "Multi-select dropdown",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/multi-select-dropdown-menu",
    placement: Placement::FormOnly,
    form_field: true,
    nests: false,
    attrs: &[
        SELECT_TYPE_ATTR,
        NAME,
        attr("required", Ty::Bool).default("true"),
        DISABLED,
        attr("selected_values", Ty::Arr(&Ty::Str, None)).doc("Must match option values."),
        PLACEHOLDER,
        WIDTH_DF,
        BEHAVIORS_A,
        attr("options", Ty::Arr(&Ty::Obj(&OPTION), None)),
        CONFIRM_A,
        VALUE_HIST,
    ],
};

/// `select_person`: single user picker.
pub static SELECT_PERSON: Component = Component {
    tag: "select_person",
    category: Category::Interactive,
    title: "Single user picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/single-select-user-picker",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        SELECT_TYPE_ATTR,
        NAME,
        REQUIRED,
        DISABLED,
        attr("initial_option", Ty::Fmt(Format::OpenId)).doc("An open_id among the options."),
        PLACEHOLDER,
        WIDTH_DF,
        BEHAVIORS_A,
        attr("options", Ty::Arr(&Ty::Obj(&PERSON_OPTION), None)).doc("open_id only."),
        CONFIRM_A,
        VALUE_HIST,
    ],
};

/// `multi_select_person`: multi user picker (form only).
pub static MULTI_SELECT_PERSON: Component = Component {
    tag: "multi_select_person",
    category: Category::Interactive,
    title: "Multi user picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/multi-select-user-picker",
    placement: Placement::FormOnly,
    form_field: true,
    nests: false,
    attrs: &[
        SELECT_TYPE_ATTR,
        NAME,
        REQUIRED,
        DISABLED,
        attr("selected_values", Ty::Arr(&Ty::Fmt(Format::OpenId), None)),
        PLACEHOLDER,
        WIDTH_DF,
        BEHAVIORS_A,
        attr("options", Ty::Arr(&Ty::Obj(&PERSON_OPTION), None)).doc("open_id only."),
        CONFIRM_A,
        VALUE_HIST,
    ],
};

/// The attributes the three pickers share, in the docs' order, then the picker's own initial
/// value: one list, not three copies.
const fn with_picker_attrs(own: Attr) -> [Attr; 10] {
    [
        NAME,
        REQUIRED,
        DISABLED,
        PLACEHOLDER,
        WIDTH_DF,
        BEHAVIORS_A,
        VALUE_HIST,
        CONFIRM_A,
        DISABLED_TIPS,
        own,
    ]
}

/// `date_picker`.
pub static DATE_PICKER: Component = Component {
    tag: "date_picker",
    category: Category::Interactive,
    title: "Date picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/date-picker",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &with_picker_attrs(attr("initial_date", Ty::Fmt(Format::Date)).doc("yyyy-MM-dd.")),
};

/// `picker_time`.
pub static PICKER_TIME: Component = Component {
    tag: "picker_time",
    category: Category::Interactive,
    title: "Time picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/time-selector",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &with_picker_attrs(attr("initial_time", Ty::Fmt(Format::Time)).doc("HH:mm.")),
};

/// `picker_datetime`.
pub static PICKER_DATETIME: Component = Component {
    tag: "picker_datetime",
    category: Category::Interactive,
    title: "Date-time picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/date-time-picker",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &with_picker_attrs(
        attr("initial_datetime", Ty::Fmt(Format::DateTime)).doc("yyyy-MM-dd HH:mm."),
    ),
};

/// `select_img`: picture choice.
pub static SELECT_IMG: Component = Component {
    tag: "select_img",
    category: Category::Interactive,
    title: "Image picker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/image-picker",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        attr("multi_select", Ty::Bool)
            .default("false")
            .doc("true only inside a form."),
        attr("layout", Ty::Enum(&SELECT_IMG_LAYOUT)).default("bisect"),
        NAME,
        REQUIRED,
        attr("can_preview", Ty::Bool).default("true"),
        attr("aspect_ratio", Ty::Enum(&SELECT_IMG_ASPECT)).default("16:9"),
        DISABLED,
        DISABLED_TIPS,
        attr("value", Ty::OneOf(&[Ty::Str, Ty::Any])),
        attr("options", Ty::Arr(&Ty::Obj(&SELECT_IMG_OPTION), None)).req(),
        BEHAVIORS_A,
        CONFIRM_A,
    ],
};

/// `checker` text.
pub static CHECKER_TEXT: Object = Object {
    name: "checker_text",
    open: false,
    attrs: &[
        attr("tag", Ty::Enum(&TEXT_TAG_ANY)).req(),
        attr("content", Ty::Str).req(),
        attr("i18n_content", I18N_STR),
        attr("text_size", Ty::Enum(&CHECKER_TEXT_SIZE)),
        attr("text_color", COLOR_OR_DEFAULT),
        attr("text_align", Ty::Enum(&TEXT_ALIGN)),
        TEXT_STYLE_ELEMENT_ID,
        TEXT_STYLE_LINES,
    ],
};
/// `checker.button_area`.
pub static CHECKER_BUTTON_AREA: Object = Object {
    name: "checker_button_area",
    open: false,
    attrs: &[
        attr("pc_display_rule", Ty::Enum(&PC_DISPLAY_RULE)).default("always"),
        attr("buttons", Ty::Elements(Slot::Buttons)).doc("At most 3 buttons."),
    ],
};
/// `checker.checked_style`.
pub static CHECKED_STYLE: Object = Object {
    name: "checker_checked_style",
    open: false,
    attrs: &[
        attr("show_strikethrough", Ty::Bool).default("false"),
        attr("opacity", Ty::Num(0.0, 1.0)).default("1"),
    ],
};

/// `checker`: a tick box with text.
pub static CHECKER: Component = Component {
    tag: "checker",
    category: Category::Interactive,
    title: "Checker",
    doc_url: "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/interactive-components/checker",
    placement: Placement::Anywhere,
    form_field: true,
    nests: false,
    attrs: &[
        NAME,
        attr("checked", Ty::Bool).default("false"),
        attr("text", Ty::Obj(&CHECKER_TEXT)),
        attr("overall_checkable", Ty::Bool).default("true"),
        attr("button_area", Ty::Obj(&CHECKER_BUTTON_AREA)),
        attr("checked_style", Ty::Obj(&CHECKED_STYLE)),
        // Observed, not in the 2.0 table: the official Lark plugin (larksuite/openclaw-lark,
        // src/tools/ask-user-question.ts) sends `value: {option}` on checkers in a form, noting
        // the client refuses the interaction without it (200340).
        attr("value", Ty::Any)
            .doc("The value sent back in callbacks (observed in production; undocumented)."),
        PADDING.default("0"),
        CONFIRM_A,
        BEHAVIORS_A,
        HOVER_TIPS,
        DISABLED,
        DISABLED_TIPS,
        REQUIRED,
    ],
};

/// Every 2.0 component, `column` included.
pub static COMPONENTS: [&Component; 27] = [
    &COLUMN_SET,
    &COLUMN,
    &FORM,
    &INTERACTIVE_CONTAINER,
    &COLLAPSIBLE_PANEL,
    &DIV,
    &MARKDOWN,
    &IMG,
    &IMG_COMBINATION,
    &HR,
    &PERSON,
    &PERSON_LIST,
    &CHART,
    &TABLE,
    &AUDIO,
    &BUTTON,
    &INPUT,
    &OVERFLOW,
    &SELECT_STATIC,
    &MULTI_SELECT_STATIC,
    &SELECT_PERSON,
    &MULTI_SELECT_PERSON,
    &DATE_PICKER,
    &PICKER_TIME,
    &PICKER_DATETIME,
    &SELECT_IMG,
    &CHECKER,
];

/// Tags that 1.0 had and 2.0 rejects with 200861, and the 2.0 replacement.
pub static V1_ONLY_TAGS: [(&str, &str); 2] = [
    (
        "note",
        "use a `div` with `text: {tag: plain_text, text_size: notation, text_color: grey}` and an `icon`, or a markdown with `text_size: notation`",
    ),
    (
        "action",
        "put the `button`s or `overflow` directly in `elements`, or in the columns of a `column_set` with spacing",
    ),
];

/// Tags of objects that are not components (they appear inside components, never in `elements`).
pub static OBJECT_TAGS: [&str; 6] = [
    "plain_text",
    "lark_md",
    "standard_icon",
    "custom_icon",
    "text_tag",
    "fallback_text",
];

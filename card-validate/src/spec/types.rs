//! The vocabulary the spec tables are written in.
//!
//! Everything here is `'static` data so that the proc macro can read it at compile time, the
//! typed model can be tested against it, and the validator and the JSON Schema generator can walk it.

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The server is expected to reject the card.
    Error,
    /// The server is expected to accept it, but something is off (historical key, value rendered
    /// as a default, a limit that only shows or hides things).
    Warning,
}

/// Whether an attribute must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Req {
    /// Optional.
    No,
    /// Required: missing is an error (200621 unless the attribute names another sub-code).
    Yes,
    /// Only the docs' table says required (the docs' own examples omit it): missing is a warning.
    DocTableOnly,
    /// Required when the component sits inside a `form` (e.g. `name`).
    InForm,
}

/// Whether an attribute is part of current JSON 2.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Documented for JSON 2.0.
    Current,
    /// Still listed as historical, or used by the docs' own 2.0 examples: accepted, warned.
    Historical(&'static str),
    /// Removed in 2.0 (the docs say so): an error; the text says what to use instead.
    Removed(&'static str),
}

/// Where a component may be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// In `body.elements` and in every container.
    Anywhere,
    /// Only directly in `body.elements` (`form`, `table`).
    BodyOnly,
    /// Only inside a `form` (at any depth).
    FormOnly,
    /// Only in `column_set.columns` (`column`).
    Columns,
}

/// A list of components and which slot it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `body.elements` (and root `elements` of a 1.0 card).
    Body,
    /// `elements` of column, form, interactive_container, collapsible_panel.
    Container,
    /// `column_set.columns`: only `column`.
    Columns,
    /// `checker.button_area.buttons`: only `button`.
    Buttons,
}

/// Component family, as the docs group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Holds other components.
    Container,
    /// Shows content.
    Display,
    /// Takes input or calls back.
    Interactive,
}

/// An enumerated string value.
#[derive(Debug, Clone, Copy)]
pub struct Enum {
    /// A name for docs and schema `$defs`.
    pub name: &'static str,
    /// Documented values.
    pub values: &'static [&'static str],
    /// What an undocumented value gets (most docs say unknown values render as the default).
    pub unknown: Severity,
    /// Values that 2.0 explicitly removed, with what to use instead (always an error).
    pub removed: &'static [(&'static str, &'static str)],
}

/// A string-shaped value whose form matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An uploaded image key (`img_v2_…`, `img_v3_…`); anything else is 200570.
    ImgKey,
    /// An uploaded file key (`file_v3_…`).
    FileKey,
    /// An open_id (`ou_…`); anything else is 100290.
    OpenId,
    /// open_id, union_id or user_id: only non-empty can be checked (100290).
    UserId,
    /// `^[A-Za-z][A-Za-z0-9_]{0,19}$`.
    ElementId,
    /// An absolute URL (http, https or a `lark://` app link).
    Url,
    /// `https://` only, at most 700 chars (chat_button).
    HttpsUrl,
    /// `yyyy-MM-dd`.
    Date,
    /// `HH:mm`.
    Time,
    /// `yyyy-MM-dd HH:mm`.
    DateTime,
    /// `rgba(r,g,b,a)`.
    Rgba,
    /// A locale code such as `zh_cn`.
    Locale,
    /// An icon-library token (`…_outlined`, `…_filled`, `…_colorful`).
    IconToken,
    /// Icon size `"<w>px <h>px"`, each in 1..=999.
    IconSize,
    /// Corner radius: `"[0,∞]px"` or `"[0,100]%"`.
    Radius,
}

/// A dimension: keywords, or `"<n>px"` within a range, optionally `"<n>%"`.
#[derive(Debug, Clone, Copy)]
pub struct Dim {
    /// Name for docs and schema.
    pub name: &'static str,
    /// Keyword values (`fill`, `auto`, …).
    pub keywords: &'static [&'static str],
    /// Inclusive px range, if px values are allowed (`i64::MAX` = no upper bound).
    pub px: Option<(i64, i64)>,
    /// Whether `"<n>%"` with n in 1..=100 is allowed.
    pub percent: bool,
    /// Whether `"<w>px <h>px"` is allowed (img size), each in the px range.
    pub pair: bool,
    /// Values that 2.0 explicitly removed, with what to use instead (always an error).
    pub removed: &'static [(&'static str, &'static str)],
}

/// The JSON type and shape of an attribute.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// `true` / `false`.
    Bool,
    /// A JSON integer in an inclusive range (out of range: warning).
    Int(i64, i64),
    /// A JSON number in an inclusive range (out of range: warning).
    Num(f64, f64),
    /// Any string.
    Str,
    /// A string of at most this many characters (longer: warning; the server truncates).
    StrMax(usize),
    /// A string with a documented shape.
    Fmt(Format),
    /// One of a set of strings.
    Enum(&'static Enum),
    /// A width/height/size value.
    Dim(&'static Dim),
    /// margin/padding: 1, 2 or 4 lengths in px within the range.
    Box(i64, i64),
    /// Spacing: `small|medium|large|extra_large` or `px(0..99)`.
    Spacing,
    /// A color enum, a custom color from `config.style.color`, or one of the extra keywords.
    Color(&'static [&'static str]),
    /// A text size enum or a custom size from `config.style.text_size`.
    TextSize,
    /// A nested object.
    Obj(&'static Object),
    /// An array of the item type, with an optional documented maximum (more: warning).
    Arr(&'static Ty, Option<usize>),
    /// An object keyed by locale (`zh_cn`, …) with values of this type.
    Locales(&'static Ty),
    /// An object keyed by user-chosen names with values of this type.
    Named(&'static Ty),
    /// A list of components.
    Elements(Slot),
    /// Opaque JSON (callback values, chart specs are checked by their own rule).
    Any,
    /// Any of these (first whose JSON type fits is used).
    OneOf(&'static [Ty]),
    /// Exactly this string (the `tag` of shared objects).
    Const(&'static str),
}

/// One attribute (JSON key) of a component or object.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    /// The JSON key.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Required or not.
    pub req: Req,
    /// Current, historical or removed.
    pub status: Status,
    /// Documented default, as written in the docs.
    pub default: Option<&'static str>,
    /// One line for docs.
    pub doc: &'static str,
    /// The sub-code a missing required attribute gets (200621 unless the docs/field say otherwise).
    pub missing_sub_code: u32,
}

impl Attr {
    /// Marks the attribute required.
    pub const fn req(mut self) -> Self {
        self.req = Req::Yes;
        self
    }
    /// Required per the docs' table only (missing: warning).
    pub const fn req_table(mut self) -> Self {
        self.req = Req::DocTableOnly;
        self
    }
    /// Required inside a form.
    pub const fn req_in_form(mut self) -> Self {
        self.req = Req::InForm;
        self
    }
    /// Historical: accepted with a warning.
    pub const fn historical(mut self, why: &'static str) -> Self {
        self.status = Status::Historical(why);
        self
    }
    /// Removed in 2.0: an error.
    pub const fn removed(mut self, instead: &'static str) -> Self {
        self.status = Status::Removed(instead);
        self
    }
    /// Documented default.
    pub const fn default(mut self, v: &'static str) -> Self {
        self.default = Some(v);
        self
    }
    /// One-line description.
    pub const fn doc(mut self, d: &'static str) -> Self {
        self.doc = d;
        self
    }
    /// Sub-code for a missing required attribute.
    pub const fn missing_code(mut self, sub: u32) -> Self {
        self.missing_sub_code = sub;
        self
    }
}

/// Starts an optional, current attribute.
pub const fn attr(name: &'static str, ty: Ty) -> Attr {
    Attr {
        name,
        ty,
        req: Req::No,
        status: Status::Current,
        default: None,
        doc: "",
        missing_sub_code: crate::codes::PARSE,
    }
}

/// A nested object with a fixed set of keys.
#[derive(Debug, Clone, Copy)]
pub struct Object {
    /// Name for docs and schema `$defs`.
    pub name: &'static str,
    /// Its keys.
    pub attrs: &'static [Attr],
    /// Whether keys not listed are accepted (only for objects the docs leave open).
    pub open: bool,
}

impl Object {
    /// Looks up an attribute by JSON key.
    pub fn attr(&self, name: &str) -> Option<&'static Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// A card component (a JSON object with a `tag`).
#[derive(Debug, Clone, Copy)]
pub struct Component {
    /// The `tag` value.
    pub tag: &'static str,
    /// Family.
    pub category: Category,
    /// Short English name.
    pub title: &'static str,
    /// The Feishu doc page.
    pub doc_url: &'static str,
    /// Where it may be placed.
    pub placement: Placement,
    /// Whether it is a form field (needs a `name` inside a form, may carry `required`).
    pub form_field: bool,
    /// Whether it is a container that counts as one nesting level.
    pub nests: bool,
    /// Its own attributes (besides `tag` and the common ones).
    pub attrs: &'static [Attr],
}

impl Component {
    /// Looks up an attribute by JSON key, including the common ones (`element_id`, `margin`).
    pub fn attr(&self, name: &str) -> Option<&'static Attr> {
        self.attrs
            .iter()
            .chain(crate::spec::COMMON_ATTRS.iter())
            .find(|a| a.name == name)
    }

    /// Every attribute: its own, then the common ones.
    pub fn all_attrs(&self) -> impl Iterator<Item = &'static Attr> + Clone + use<> {
        self.attrs.iter().chain(crate::spec::COMMON_ATTRS.iter())
    }
}

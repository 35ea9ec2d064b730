//! The rule layer: every finding the validator (and the `card!` macro) can report, as data, each
//! with its stable id, the server's code and sub-code, its severity, and the evidence behind it.
//!
//! Policy (precision first): a rule is an **error** only where the docs say the server rejects
//! the construct (a documented error code, "报错", a construct 2.0 removed) or where a server reply
//! was observed. Everything else is a **warning**. In particular a property our spec does not
//! list is not proof that the server refuses it — the docs list less than the server accepts —
//! so inside components and objects it is a warning ([`UNKNOWN_PROPERTY`]); only at the card's
//! root, where the server was observed to refuse unknown keys, is it an error
//! ([`UNKNOWN_ROOT_PROPERTY`]). [`Options::strict`](crate::Options) turns the warnings of rules
//! marked `strict` into errors, for teams that want CI to refuse anything undocumented.
//!
//! Doc pages are paths inside the markdown mirror of open.feishu.cn (`wxkingstar/doc-hub-mcp`);
//! field reports name where the reply was seen.

use crate::codes;
use crate::spec::Severity;

/// Why we believe what a rule says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A statement in the Feishu docs.
    Doc {
        /// The page, as a path in the docs mirror.
        page: &'static str,
        /// The statement, quoted.
        quote: &'static str,
    },
    /// A reply the server gave, seen by someone.
    Observed {
        /// Where it was seen (repository and issue/PR, or field-report id).
        source: &'static str,
        /// The reply, quoted.
        reply: &'static str,
    },
    /// A judgement of ours (warnings only): what the docs suggest, without a rejection on record.
    Judgement(&'static str),
}

/// One rule: a kind of finding.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, kebab-case (`unsupported-v1-tag`, `unknown-property`, `table-row-key` …).
    pub id: &'static str,
    /// The server's outer code (230099 card content, 230025 size, 230001 invalid parameter).
    pub code: u32,
    /// The sub-code in `ext=ErrCode: …`, where the server gives one.
    pub sub_code: Option<u32>,
    /// Error: the server rejects. Warning: it accepts, but something is off or undocumented.
    pub severity: Severity,
    /// Whether strict mode makes this warning an error.
    pub strict: bool,
    /// One line: what the rule is about.
    pub summary: &'static str,
    /// What the severity rests on.
    pub evidence: Evidence,
}

impl Rule {
    /// The severity under the given strictness.
    pub fn severity_in(&self, strict: bool) -> Severity {
        if strict && self.strict {
            Severity::Error
        } else {
            self.severity
        }
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for Rule {}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// Looks a rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

// ---- pages -----------------------------------------------------------------------------------

const SEND: &str = "feishu/003-服务端API/消息/消息管理/发送消息.md";
const RELEASE: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本更新说明.md";
const CARDKIT: &str = "feishu/003-服务端API/飞书卡片/卡片/创建卡片实体.md";
const FORM: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/容器/表单容器.md";
const BUTTON: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/交互/按钮.md";
const SELECT_IMG: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/交互/多图选择.md";
/// Seeds 001 and 002 (the edit and chat_button pages, as the project received them).
const EDIT: &str = "shared/seeds/001 (编辑消息, PUT /open-apis/im/v1/messages/:message_id)";
const CHAT_BUTTON: &str = "shared/seeds/002 (更新消息流卡片按钮, PUT /open-apis/im/v2/chat_button)";
const IMG: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/展示/图片.md";
const PANEL: &str =
    "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/容器/折叠面板.md";
const MARKDOWN: &str = "feishu/001-开发指南/飞书卡片/卡片-JSON-构建卡片/卡片-JSON-2.0-版本组件/展示/富文本（Markdown）.md";

const PARSE_DOC: Evidence = Evidence::Doc {
    page: SEND,
    quote: "200621 | Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err, please check whether the card json is correct",
};
const UNSUPPORTED_DOC: &str = "在 JSON 2.0 版本中，传入不支持的属性将报错";

const fn rule(
    id: &'static str,
    sub_code: u32,
    severity: Severity,
    summary: &'static str,
    evidence: Evidence,
) -> Rule {
    Rule {
        id,
        code: codes::CARD_CONTENT,
        sub_code: Some(sub_code),
        severity,
        strict: false,
        summary,
        evidence,
    }
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// Declares each rule once — `pub static NAME: Rule` with its docs — and [`RULES`], the list of
/// them all in declaration order, so the list cannot miss or repeat a rule.
macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $rule:expr;)*) => {
        $($(#[$doc])* pub static $name: Rule = $rule;)*

        /// Every rule, in declaration order (the order the docs list them in).
        pub static RULES: &[&Rule] = &[$(&$name),*];
    };
}

const fn message_rule(
    id: &'static str,
    summary: &'static str,
    page: &'static str,
    quote: &'static str,
) -> Rule {
    Rule {
        id,
        code: codes::INVALID_PARAM,
        sub_code: None,
        severity: E,
        strict: false,
        summary,
        evidence: Evidence::Doc { page, quote },
    }
}

rules! {
    // ---- the content itself ------------------------------------------------------------------------

    /// The content is not valid JSON.
    JSON_SYNTAX = rule(
        "json-syntax",
        codes::PARSE,
        E,
        "the content is not valid JSON",
        PARSE_DOC,
    );
    /// The content is JSON but not an object.
    NOT_AN_OBJECT = rule(
        "not-an-object",
        codes::PARSE,
        E,
        "card content must be a JSON object",
        PARSE_DOC,
    );
    /// The content is an object, but not a card: a `{"card": …}` wrapper, a whole send request, or
    /// an object with none of the keys of a 1.0 or 2.0 card.
    NOT_A_CARD = rule(
        "not-a-card",
        codes::PARSE,
        E,
        "the content is not a card (a wrapper, a send request, or an unrelated object)",
        Evidence::Observed {
            source: "bigduu/Bamboo-agent PR #484 (live-verified), shared/corpus/wild.json",
            reply: "code=230099 / ErrCode 200621: parse card json err — unknown property: elements, path: []",
        },
    );
    /// `type` is neither `template` nor `card`.
    CONTENT_TYPE = rule(
        "content-type",
        codes::PARSE,
        E,
        "content `type` must be \"template\" or \"card\"",
        PARSE_DOC,
    );
    /// `schema` is neither "2.0" nor "1.0".
    SCHEMA_VALUE = rule(
        "schema-value",
        codes::PARSE,
        E,
        "`schema` must be \"2.0\"",
        PARSE_DOC,
    );
    /// The same key twice in one object.
    DUPLICATE_KEY = rule(
        "duplicate-key",
        codes::PARSE,
        W,
        "a key repeats in one object; the last value counts",
        Evidence::Judgement("JSON parsers, the server's included, keep the last value"),
    );
    /// Over 30 KB.
    CONTENT_TOO_LARGE = Rule {
        id: "content-too-large",
        code: codes::TOO_LARGE,
        sub_code: None,
        severity: E,
        strict: false,
        summary: "the content is over its size limit",
        evidence: Evidence::Doc {
            page: SEND,
            quote: "230025 | The length of the message content reaches its limit.",
        },
    };
    /// Within 10 % of 30 KB.
    CONTENT_NEAR_LIMIT = Rule {
        id: "content-near-limit",
        code: codes::TOO_LARGE,
        sub_code: None,
        severity: W,
        strict: false,
        summary: "the content is close to its size limit",
        evidence: Evidence::Judgement(
            "the docs say style tags make the real size larger than the request body",
        ),
    };
    /// A 1.0 card: accepted as 1.0 (the summary finding).
    V1_CARD = Rule {
        id: "v1-card",
        code: codes::CARD_CONTENT,
        sub_code: None,
        severity: W,
        strict: false,
        summary: "a JSON 1.0 card; findings say what would break as 2.0",
        evidence: Evidence::Judgement("1.0 cards are still accepted as 1.0"),
    };

    // ---- keys ------------------------------------------------------------------------------------

    /// An unknown key at the card's root.
    UNKNOWN_ROOT_PROPERTY = rule(
        "unknown-root-property",
        codes::PARSE,
        E,
        "a key the 2.0 root does not have",
        Evidence::Observed {
            source: "bigduu/Bamboo-agent PR #484 (live-verified), shared/corpus/wild.json",
            reply: "code=230099 / ErrCode 200621: parse card json err — unknown property: elements, path: []",
        },
    );
    /// An unknown key inside a component or object.
    UNKNOWN_PROPERTY = Rule {
        id: "unknown-property",
        code: codes::CARD_CONTENT,
        sub_code: Some(codes::PARSE),
        severity: W,
        strict: true,
        summary: "a key the 2.0 docs do not list here; the server may answer 200621",
        evidence: Evidence::Doc {
            page: RELEASE,
            // The docs say unsupported properties error, but the docs also list less than the
            // server accepts (production bots send undocumented keys every day), so a key missing
            // from our spec is a warning; strict mode makes it an error.
            quote: UNSUPPORTED_DOC,
        },
    };
    /// A key 2.0 removed (root `fallback`, `i18n_elements`, markdown `href` …).
    REMOVED_PROPERTY = rule(
        "removed-property",
        codes::PARSE,
        E,
        "a key JSON 2.0 removed",
        Evidence::Doc {
            page: RELEASE,
            quote: "JSON 2.0 版本不再支持通过 `i18n_elements` 字段设置全局多语言 … 暂不支持使用 `fallback` 字段 … 在 JSON 2.0 版本中，传入不支持的属性将报错",
        },
    );
    /// A key 2.0 keeps only for compatibility.
    HISTORICAL_PROPERTY = rule(
        "historical-property",
        codes::PARSE,
        W,
        "a 1.0 or historical key, accepted but not part of 2.0",
        Evidence::Judgement(
            "2.0 component pages list these as historical fields, or 2.0 examples use them",
        ),
    );
    /// A value of the wrong JSON type.
    WRONG_TYPE = rule(
        "wrong-type",
        codes::PARSE,
        E,
        "a value of the wrong JSON type cannot be parsed into the card",
        PARSE_DOC,
    );
    /// `null` where a value is expected.
    NULL_VALUE = rule(
        "null-value",
        codes::PARSE,
        W,
        "a null value; it is read as absent",
        Evidence::Judgement(
            "JSON decoders treat null as an absent optional value; no rejection on record",
        ),
    );
    /// A required key is missing.
    MISSING_REQUIRED = rule(
        "missing-required",
        // The one reply on record for a missing required key is 11310, not the 200621 of a parse
        // error.
        codes::CONTENT_RULE,
        E,
        "a key the docs mark required is missing",
        Evidence::Observed {
            source: "field report (search index id 69862002179)",
            reply: "ErrCode: 11310; ErrMsg: img element must contain img_key",
        },
    );
    /// A key the docs' table marks required, which the docs' own examples leave out.
    MISSING_TABLE_REQUIRED = rule(
        "missing-table-required",
        codes::PARSE,
        W,
        "a key the docs' table marks required is missing (the docs' examples omit it too)",
        Evidence::Judgement("the docs' own examples omit it, so the server cannot require it"),
    );

    // ---- values ----------------------------------------------------------------------------------

    /// A value 2.0 removed (`img.size: stretch_without_padding`).
    REMOVED_VALUE = rule(
        "removed-value",
        codes::PARSE,
        E,
        "a value JSON 2.0 removed",
        Evidence::Doc {
            page: IMG,
            quote: "在 JSON 2.0 结构中，图片组件的 `size` 属性不再支持传入 `stretch_without_padding` 实现通栏效果",
        },
    );
    /// A value outside a closed set the server dispatches on (a text object's `tag`, a behavior's `type`).
    INVALID_ENUM = rule(
        "invalid-enum",
        codes::PARSE,
        E,
        "a value outside a set the card is parsed by (text `tag`, behavior `type` …)",
        PARSE_DOC,
    );
    /// A value the docs do not list, rendered as the default.
    UNDOCUMENTED_VALUE = Rule {
        id: "undocumented-value",
        code: codes::CARD_CONTENT,
        sub_code: Some(codes::INVALID_VALUE),
        severity: W,
        strict: true,
        summary: "a value the docs do not list (enum, dimension, color, size, format)",
        evidence: Evidence::Judgement(
            "component pages say values they do not list render as the default",
        ),
    };
    /// A number, length or count outside its documented range.
    OUT_OF_RANGE = rule(
        "out-of-range",
        codes::INVALID_VALUE,
        W,
        "a number, length or count outside its documented range",
        Evidence::Judgement("the docs give ranges for rendering; the server clamps or truncates"),
    );
    /// A margin/padding that is not 1, 2 or 4 px lengths.
    BOX_SYNTAX = rule(
        "box-syntax",
        codes::INVALID_VALUE,
        E,
        "margin/padding must be 1, 2 or 4 lengths in px",
        Evidence::Observed {
            source: "field report (search index id 61998614522)",
            reply: "ErrCode: 10002; ErrMsg: invalid panel header padding",
        },
    );
    /// An image key that is not an uploaded key.
    IMAGE_KEY = rule(
        "image-key",
        codes::IMAGE_KEY,
        E,
        "an image key must come from the image upload API",
        Evidence::Doc {
            page: SEND,
            quote: "200570 | Failed to create card content, ext=ErrCode: 200570; ErrMsg: card contains invalid image keys; ErrorValue: image key %v",
        },
    );
    /// An audio file key that is not an uploaded key.
    FILE_KEY = rule(
        "file-key",
        codes::FILE_KEY,
        E,
        "an audio file key must come from the file upload API",
        Evidence::Doc {
            page: SEND,
            quote: "300240 | … This application cannot retrieve audio information.",
        },
    );
    /// A user id that cannot be one.
    USER_ID = rule(
        "user-id",
        codes::INVALID_USER,
        E,
        "an invalid user id in at/person/person_list/select_person",
        Evidence::Doc {
            page: SEND,
            quote: "100290 | … ErrMsg: There is an invalid user resource(at/person) in your card",
        },
    );
    /// An element_id of the wrong shape.
    ELEMENT_ID_FORMAT = rule(
        "element-id-format",
        codes::ELEMENT_ID,
        E,
        "element_id: letters, digits and `_`, starting with a letter, at most 20 characters",
        Evidence::Observed {
            source: "field report (search index id 70412462269)",
            reply: "ElementID footer-sep: Code 1002: elementID format error. Only alphabets, numbers, and underscores are allowed. It must start with an alphabet and not exceed 20 characters.",
        },
    );
    /// The same element_id twice.
    ELEMENT_ID_DUPLICATE = rule(
        "element-id-duplicate",
        codes::ELEMENT_ID,
        E,
        "element_id must be unique in the card",
        Evidence::Doc {
            page: CARDKIT,
            quote: "300301 | Duplicate element_id in card component.",
        },
    );
    /// `config.update_multi: false`.
    UPDATE_MULTI_FALSE = rule(
        "update-multi-false",
        codes::UPDATE_MULTI_FALSE,
        E,
        "2.0 cards are always shared: update_multi must be true",
        Evidence::Doc {
            page: RELEASE,
            quote: "`update_multi` 默认值变更为 `true`，且暂时仅支持设为 `true`",
        },
    );
    /// A URL that is empty or not http(s)/lark.
    URL_FORMAT = rule(
        "url-format",
        codes::INVALID_VALUE,
        W,
        "a URL that is empty or not http(s)/lark://",
        Evidence::Judgement("the docs describe these as web or app links; no rejection on record"),
    );

    // ---- components ------------------------------------------------------------------------------

    /// A 1.0 tag (`note`, `action`) in a 2.0 card.
    UNSUPPORTED_V1_TAG = rule(
        "unsupported-v1-tag",
        codes::V2_UNSUPPORTED,
        E,
        "a 1.0 component that JSON 2.0 no longer supports",
        Evidence::Doc {
            page: RELEASE,
            quote: "2.0 结构不再支持备注（note）组件和交互模块（\"tag\" 为 \"action\"）",
        },
    );
    /// A tag that is no component.
    UNKNOWN_TAG = rule(
        "unknown-tag",
        codes::CONTENT_RULE,
        E,
        "a tag that is not a 2.0 component",
        Evidence::Observed {
            source: "field report (search index id 54251539759)",
            reply: "ErrCode: 11310; ErrMsg: unsupported type of block; ErrorValue: divider",
        },
    );
    /// A component without a string `tag`.
    MISSING_TAG = rule(
        "missing-tag",
        codes::PARSE,
        E,
        "a component needs a string `tag`",
        PARSE_DOC,
    );
    /// A component where it may not be placed.
    PLACEMENT = rule(
        "placement",
        codes::CONTENT_RULE,
        E,
        "a component where it may not sit (form/table below body, column outside column_set, form-only outside a form)",
        Evidence::Doc {
            page: RELEASE,
            quote: "JSON 2.0 结构中，表单容器、交互容器、折叠面板、分栏组件可内嵌除表单容器和表格组件外的其它所有组件。",
        },
    );
    /// `select_img` with `multi_select: true` outside a form.
    FORM_ONLY_PROPERTY = rule(
        "form-only-property",
        codes::CONTENT_RULE,
        E,
        "a setting that only works inside a form",
        Evidence::Doc {
            page: SELECT_IMG,
            quote: "true：多选，仅支持异步提交。多图选择组件需内嵌在表单容器中，否则卡片 JSON 报错。",
        },
    );
    /// `required` outside a form.
    REQUIRED_OUTSIDE_FORM = rule(
        "required-outside-form",
        codes::PARSE,
        W,
        "`required` only works inside a form",
        Evidence::Judgement("component pages: outside a form it 'errors or has no effect'"),
    );
    /// Containers nested too deep.
    NESTING_DEPTH = rule(
        "nesting-depth",
        codes::CONTENT_RULE,
        E,
        "containers nest at most 5 levels",
        Evidence::Doc {
            page: PANEL,
            quote: "容器类组件最多支持嵌套五层组件。",
        },
    );
    /// Over 200 tagged objects.
    ELEMENT_LIMIT = rule(
        "element-limit",
        codes::CONTENT_RULE,
        E,
        "at most 200 components and elements per card",
        Evidence::Observed {
            source: "field probe (search index id 68346663010): 200 tagged objects accepted, 201 rejected",
            reply: "ErrCode: 11310; ErrMsg: element exceeds the limit",
        },
    );
    /// Over 5 tables.
    TABLE_LIMIT = rule(
        "table-limit",
        codes::CONTENT_RULE,
        E,
        "at most 5 tables per card",
        Evidence::Observed {
            source: "field reports (search index ids 56421712324, 58455604997, 61370563689)",
            reply: "ErrCode: 11310; ErrMsg: card table number over limit; ErrorValue: table",
        },
    );
    /// A form without a name, or a field in a form without one.
    FORM_NAME = rule(
        "form-name",
        codes::CONTENT_RULE,
        E,
        "a form and every field inside it need a non-empty name",
        Evidence::Observed {
            source: "field report (search index id 70412462269)",
            reply: "ErrCode: 11310; ErrMsg: form's name is required and can not be empty string",
        },
    );
    /// A repeated form or field name.
    NAME_DUPLICATE = rule(
        "name-duplicate",
        codes::CONTENT_RULE,
        E,
        "form and field names must be unique in the card",
        Evidence::Doc {
            page: FORM,
            quote: "在表单容器中所有的交互组件中，该字段必填且需在卡片全局内唯一，否则数据会发送失败。",
        },
    );
    /// A form nobody can submit, a button in a form without an action, a repeated option value.
    FORM_ADVICE = rule(
        "form-advice",
        codes::CONTENT_RULE,
        W,
        "a form without a submit button, or a form button without form_action_type",
        Evidence::Judgement(
            "the form page describes submitting through a submit button; no rejection on record",
        ),
    );
    /// A submit or reset button outside any form: the attribute is documented for form buttons only,
    /// and no rejection is on record, so it is a warning (the button submits nothing).
    FORM_ACTION_OUTSIDE_FORM = rule(
        "form-action-outside-form",
        codes::CONTENT_RULE,
        W,
        "`form_action_type` (submit/reset) only acts inside a form",
        Evidence::Doc {
            page: BUTTON,
            quote: "内嵌在表单容器中的按钮组件，新增 `name` 和 `form_action_type` 属性。",
        },
    );
    /// Repeated option values, a card_link without a usable URL, too many checker buttons.
    CONTENT_ADVICE = rule(
        "content-advice",
        codes::PARSE,
        W,
        "something the docs advise against that the server accepts",
        Evidence::Judgement("documented as advice, with no rejection on record"),
    );
    /// Audio in a forwardable card.
    AUDIO_FORWARD = rule(
        "audio-forward",
        codes::AUDIO_FORWARD,
        E,
        "a card with audio must set config.enable_forward: false",
        Evidence::Doc {
            page: SEND,
            quote: "300220 | Failed to create card content, ext=ErrCode: 300220; ErrMsg: audio elem don't support forward;",
        },
    );
    /// The same audio_id twice.
    AUDIO_ID_DUPLICATE = rule(
        "audio-id-duplicate",
        codes::AUDIO_ID_DUPLICATE,
        E,
        "audio_id must be unique in the card",
        Evidence::Doc {
            page: SEND,
            quote: "300230 | Failed to create card content, ext=ErrCode: 300230; ErrMsg: duplicate audio id;",
        },
    );
    /// Table rows that are not objects, or cells that do not fit their column.
    TABLE_CELL = rule(
        "table-cell",
        codes::TABLE_ROWS,
        E,
        "table rows must be objects whose cells fit their column's data_type",
        Evidence::Doc {
            page: SEND,
            quote: "200914 | table rows is invalid",
        },
    );
    /// A row key that is not a column name.
    TABLE_ROW_KEY = rule(
        "table-row-key",
        codes::TABLE_ROW_NAME,
        E,
        "a table row key must be a column name",
        Evidence::Doc {
            page: SEND,
            quote: "200915 | table rows name is invalid (rows 字段需要以 \"name\": VLAUE 的形式定义每一行的数据内容)",
        },
    );
    /// A table cell or column that is shown oddly.
    TABLE_ADVICE = rule(
        "table-advice",
        codes::TABLE_ROWS,
        W,
        "a table column or cell the client shows differently than meant",
        Evidence::Judgement("the table page describes how such cells render"),
    );
    /// A chart_spec the chart schema refuses.
    CHART_SPEC = rule(
        "chart-spec",
        codes::CHART_SPEC,
        E,
        "chart_spec must pass the chart schema",
        Evidence::Doc {
            page: SEND,
            quote: "ErrCode: 200550; ErrPath: ROOT -> elements -> [2](tag: chart); ErrMsg: chart spec is invalid; ErrorValue: - (root): Must validate at least one schema (anyOf)\n- axes: Invalid type. Expected: array, given: null",
        },
    );
    /// A chart_spec that passes but is unusual.
    CHART_ADVICE = rule(
        "chart-advice",
        codes::CHART_SPEC,
        W,
        "a chart type or field the card docs do not document",
        Evidence::Judgement("VChart accepts more than the card docs describe"),
    );
    /// Markdown that 2.0 renders differently (`$urlVal` links, too many tables).
    MARKDOWN_ADVICE = rule(
        "markdown-advice",
        codes::PARSE,
        W,
        "markdown syntax 2.0 no longer renders, or more tables than the docs allow",
        Evidence::Doc {
            page: MARKDOWN,
            quote: "{\"tag\": \"markdown\", \"href\": {\"urlVal\": …}, \"content\": \"[差异化跳转]($urlVal)\"} (shown as unsupported in JSON 2.0)",
        },
    );

    // ---- other payloads --------------------------------------------------------------------------


    /// A text or post body that the edit API refuses.
    MESSAGE_BODY = message_rule(
        "message-body",
        "a text/post body of the wrong shape",
        EDIT,
        "230001 | Your request contains an invalid request parameter.",
    );
    /// A chat_button body that the API refuses.
    CHAT_BUTTON_BODY = message_rule(
        "chat-button-body",
        "a chat_button body outside the documented limits",
        CHAT_BUTTON,
        "400 | 230001 | param is invalid | 根据 error message 确定错误的字段及原因",
    );
    /// A text/post body over its size limit.
    MESSAGE_TOO_LARGE = Rule {
        id: "message-too-large",
        code: codes::TOO_LARGE,
        sub_code: None,
        severity: E,
        strict: false,
        summary: "a text (150 KB) or post (30 KB) body over its limit",
        evidence: Evidence::Doc {
            page: SEND,
            quote: "230025 | The length of the message content reaches its limit.",
        },
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{}",
                r.id
            );
            assert!(!RULES[..i].iter().any(|o| o.id == r.id), "{} twice", r.id);
        }
    }

    #[test]
    fn every_error_rests_on_a_doc_statement_or_an_observed_reply() {
        for r in RULES {
            if r.severity == Severity::Error {
                match r.evidence {
                    Evidence::Doc { page, quote } => {
                        assert!(!page.is_empty() && !quote.is_empty(), "{}", r.id)
                    }
                    Evidence::Observed { source, reply } => {
                        assert!(!source.is_empty() && !reply.is_empty(), "{}", r.id)
                    }
                    Evidence::Judgement(_) => panic!("error rule {} rests on a judgement", r.id),
                }
            }
        }
    }

    #[test]
    fn strict_turns_only_strict_warnings_into_errors() {
        assert_eq!(UNKNOWN_PROPERTY.severity_in(false), Severity::Warning);
        assert_eq!(UNKNOWN_PROPERTY.severity_in(true), Severity::Error);
        assert_eq!(HISTORICAL_PROPERTY.severity_in(true), Severity::Warning);
    }
}

//! Value sets shared by many attributes: colors, sizes, locales, layout enums (spec §1.7–1.9).

use super::types::{Dim, Enum, Severity};

/// The 16 locales (spec §1.8).
pub const LOCALES: &[&str] = &[
    "zh_cn", "en_us", "zh_hk", "zh_tw", "ja_jp", "id_id", "vi_vn", "th_th", "pt_br", "es_es",
    "ko_kr", "de_de", "fr_fr", "it_it", "ru_ru", "ms_my",
];

/// Hues that have the shade suffixes `-50 … -900` (spec §1.7).
pub const COLOR_HUES: &[&str] = &[
    "blue",
    "carmine",
    "green",
    "indigo",
    "lime",
    "grey",
    "orange",
    "purple",
    "red",
    "sunflower",
    "turquoise",
    "violet",
    "wathet",
    "yellow",
];
/// Shade suffixes of every hue.
pub const COLOR_SHADES: &[&str] = &[
    "50", "100", "200", "300", "350", "400", "500", "600", "700", "800", "900",
];
/// Colors that are neither a hue nor a hue-shade.
pub const COLOR_SPECIAL: &[&str] = &[
    "bg-white",
    "white",
    "grey-00",
    "grey-650",
    "grey-950",
    "grey-1000",
];

/// Whether `s` is a documented color enum value.
pub fn is_color(s: &str) -> bool {
    if COLOR_SPECIAL.contains(&s) || COLOR_HUES.contains(&s) {
        return true;
    }
    match s.rsplit_once('-') {
        Some((hue, shade)) => COLOR_HUES.contains(&hue) && COLOR_SHADES.contains(&shade),
        None => false,
    }
}

/// Text sizes (spec §1.9). Unknown values render as `normal`.
pub static TEXT_SIZE: Enum = Enum {
    name: "text_size",
    values: &[
        "heading-0",
        "heading-1",
        "heading-2",
        "heading-3",
        "heading-4",
        "heading",
        "normal",
        "notation",
        "xxxx-large",
        "xxx-large",
        "xx-large",
        "x-large",
        "large",
        "medium",
        "small",
        "x-small",
        // Observed: the official Lark plugin (larksuite/openclaw-lark, streaming card) sets a
        // markdown's `text_size: normal_v2`; undocumented, sent in production.
        "normal_v2",
    ],
    unknown: Severity::Warning,
    removed: &[],
};

/// The PC pixel size of each documented text size (spec §1.9; mobile differs a little).
/// `normal_v2` is observed, not documented, and has no size here.
pub const TEXT_SIZE_PIXELS: &[(&str, u32)] = &[
    ("heading-0", 30),
    ("heading-1", 24),
    ("heading-2", 20),
    ("heading-3", 18),
    ("heading-4", 16),
    ("heading", 16),
    ("normal", 14),
    ("notation", 12),
    ("xxxx-large", 30),
    ("xxx-large", 24),
    ("xx-large", 20),
    ("x-large", 18),
    ("large", 16),
    ("medium", 14),
    ("small", 12),
    ("x-small", 10),
];

/// The mobile pixel size of each documented text size (the rich-text page's `mobile` list:
/// "部分移动端的字号枚举值的具体大小与 PC 端有差异").
pub const TEXT_SIZE_PIXELS_MOBILE: &[(&str, u32)] = &[
    ("heading-0", 26),
    ("heading-1", 24),
    ("heading-2", 20),
    ("heading-3", 17),
    ("heading-4", 16),
    ("heading", 16),
    ("normal", 14),
    ("notation", 12),
    ("xxxx-large", 26),
    ("xxx-large", 24),
    ("xx-large", 20),
    ("x-large", 18),
    ("large", 17),
    ("medium", 14),
    ("small", 12),
    ("x-small", 10),
];

const fn warn_enum(name: &'static str, values: &'static [&'static str]) -> Enum {
    Enum {
        name,
        values,
        unknown: Severity::Warning,
        removed: &[],
    }
}
const fn strict_enum(name: &'static str, values: &'static [&'static str]) -> Enum {
    Enum {
        name,
        values,
        unknown: Severity::Error,
        removed: &[],
    }
}

/// The px range of a spacing value (`"<n>px"`).
pub const SPACING_PX: std::ops::RangeInclusive<i64> = 0..=99;
/// Spacing keywords (`large` is 12px in 2.0).
pub static SPACING: Enum = warn_enum("spacing", &["small", "medium", "large", "extra_large"]);
/// The pixels of each spacing keyword (the container pages: small 4px, medium 8px, large
/// 12px, extra_large 16px).
pub const SPACING_PIXELS: &[(&str, u32)] = &[
    ("small", 4),
    ("medium", 8),
    ("large", 12),
    ("extra_large", 16),
];
/// `vertical` | `horizontal`.
pub static DIRECTION: Enum = warn_enum("direction", &["vertical", "horizontal"]);
/// `left` | `center` | `right`.
pub static H_ALIGN: Enum = warn_enum("horizontal_align", &["left", "center", "right"]);
/// `top` | `center` | `bottom`.
pub static V_ALIGN: Enum = warn_enum("vertical_align", &["top", "center", "bottom"]);
/// Text alignment.
pub static TEXT_ALIGN: Enum = warn_enum("text_align", &["left", "center", "right"]);
/// Header color themes (13).
pub static HEADER_TEMPLATE: Enum = warn_enum(
    "header_template",
    &[
        "blue",
        "wathet",
        "turquoise",
        "green",
        "yellow",
        "orange",
        "red",
        "carmine",
        "violet",
        "purple",
        "indigo",
        "grey",
        "default",
    ],
);
/// text_tag colors (13).
pub static TAG_COLOR: Enum = warn_enum(
    "tag_color",
    &[
        "neutral",
        "blue",
        "turquoise",
        "lime",
        "orange",
        "violet",
        "indigo",
        "wathet",
        "green",
        "yellow",
        "red",
        "purple",
        "carmine",
    ],
);
/// `config.width_mode`.
pub static WIDTH_MODE: Enum = warn_enum("width_mode", &["default", "compact", "fill"]);
/// `streaming_config.print_strategy`.
pub static PRINT_STRATEGY: Enum = warn_enum("print_strategy", &["fast", "delay"]);
/// Text object tags that may carry markdown.
pub static TEXT_TAG_ANY: Enum = strict_enum("text_object_tag", &["plain_text", "lark_md"]);
/// Collapsible panel title tags.
pub static PANEL_TITLE_TAG: Enum = strict_enum("panel_title_tag", &["plain_text", "markdown"]);
/// Icon tags.
pub static ICON_TAG: Enum = strict_enum("icon_tag", &["standard_icon", "custom_icon"]);
/// Behavior types (`form_action` is 1.0 only, handled as historical by the rule).
pub static BEHAVIOR_TYPE: Enum = Enum {
    name: "behavior_type",
    values: &["open_url", "callback"],
    unknown: Severity::Error,
    removed: &[],
};
/// Button styles.
pub static BUTTON_TYPE: Enum = warn_enum(
    "button_type",
    &[
        "default",
        "primary",
        "danger",
        "text",
        "primary_text",
        "danger_text",
        "primary_filled",
        "danger_filled",
        "laser",
    ],
);
/// Button sizes.
pub static BUTTON_SIZE: Enum = warn_enum("button_size", &["tiny", "small", "medium", "large"]);
/// Form button action.
pub static FORM_ACTION_TYPE: Enum = strict_enum("form_action_type", &["submit", "reset"]);
/// 1.0 form button action (historical in 2.0 forms).
pub static ACTION_TYPE_V1: Enum = warn_enum(
    "action_type",
    &["link", "request", "multi", "form_submit", "form_reset"],
);
/// column_set flex modes.
pub static FLEX_MODE: Enum = warn_enum(
    "flex_mode",
    &["none", "stretch", "flow", "bisect", "trisect"],
);
/// img scale types.
pub static IMG_SCALE_TYPE: Enum =
    warn_enum("scale_type", &["crop_center", "crop_top", "fit_horizontal"]);
/// img historical mode.
pub static IMG_MODE: Enum = warn_enum(
    "img_mode",
    &[
        "crop_center",
        "fit_horizontal",
        "stretch",
        "large",
        "medium",
        "small",
        "tiny",
    ],
);
/// img_combination modes.
pub static COMBINATION_MODE: Enum = warn_enum(
    "combination_mode",
    &["double", "triple", "bisect", "trisect"],
);
/// person sizes.
pub static PERSON_SIZE: Enum =
    warn_enum("person_size", &["extra_small", "small", "medium", "large"]);
/// person styles.
pub static PERSON_STYLE: Enum = warn_enum("person_style", &["normal", "capsule"]);
/// chart aspect ratios.
pub static CHART_ASPECT: Enum = warn_enum("chart_aspect_ratio", &["1:1", "2:1", "4:3", "16:9"]);
/// chart color themes.
pub static CHART_THEME: Enum = warn_enum(
    "color_theme",
    &["brand", "rainbow", "complementary", "converse", "primary"],
);
/// audio time display.
pub static AUDIO_TIME_DISPLAY: Enum = warn_enum("time_display", &["default", "both"]);
/// audio time position.
pub static AUDIO_TIME_POSITION: Enum = warn_enum("time_position", &["end", "start", "both_sides"]);
/// audio styles.
pub static AUDIO_STYLE: Enum = warn_enum("audio_style", &["normal", "flat", "speak"]);
/// input types.
pub static INPUT_TYPE: Enum = warn_enum("input_type", &["text", "multiline_text", "password"]);
/// input label position.
pub static LABEL_POSITION: Enum = warn_enum("label_position", &["top", "left"]);
/// select styles.
pub static SELECT_TYPE: Enum = warn_enum("select_type", &["default", "text"]);
/// select_img layouts.
pub static SELECT_IMG_LAYOUT: Enum =
    warn_enum("select_img_layout", &["stretch", "bisect", "trisect"]);
/// select_img aspect ratios.
pub static SELECT_IMG_ASPECT: Enum = warn_enum("select_img_aspect_ratio", &["1:1", "16:9", "4:3"]);
/// checker text sizes.
pub static CHECKER_TEXT_SIZE: Enum =
    warn_enum("checker_text_size", &["normal", "heading", "notation"]);
/// checker button area display rule.
pub static PC_DISPLAY_RULE: Enum = warn_enum("pc_display_rule", &["always", "on_hover"]);
/// collapsible panel header width.
pub static PANEL_HEADER_WIDTH: Enum =
    warn_enum("panel_header_width", &["fill", "auto", "auto_when_fold"]);
/// collapsible panel icon position.
pub static ICON_POSITION: Enum = warn_enum("icon_position", &["left", "right", "follow_text"]);
/// table row height keywords.
pub static TABLE_HEADER_TEXT_SIZE: Enum =
    warn_enum("table_header_text_size", &["normal", "heading"]);
/// table header background.
pub static TABLE_HEADER_BG: Enum = warn_enum("table_header_background_style", &["grey", "none"]);
/// table header text color.
pub static TABLE_HEADER_TEXT_COLOR: Enum =
    warn_enum("table_header_text_color", &["default", "grey"]);
/// table column data types (an unknown one cannot be rendered).
pub static TABLE_DATA_TYPE: Enum = strict_enum(
    "data_type",
    &[
        "text", "lark_md", "markdown", "number", "options", "persons", "date",
    ],
);
/// 1.0 fallback trigger types.
pub static FALLBACK_TEXT_TAG: Enum = strict_enum("fallback_tag", &["fallback_text"]);

/// img `size`: keywords or `"<w>px <h>px"` in 1..=1000; `stretch_without_padding` was removed.
pub static IMG_SIZE: Dim = Dim {
    name: "img_size",
    keywords: &["stretch", "large", "medium", "small", "tiny"],
    px: Some((1, 1000)),
    percent: false,
    pair: true,
    removed: &[(
        "stretch_without_padding",
        "2.0 removed `stretch_without_padding`: use `size: \"stretch\"` with a negative `margin` such as \"4px -12px\"",
    )],
};
/// `fill` | `auto` | px(16..999) (div, interactive_container width).
pub static WIDTH_FILL_AUTO: Dim = Dim {
    name: "width_fill_auto",
    keywords: &["fill", "auto"],
    px: Some((16, 999)),
    percent: false,
    pair: false,
    removed: &[],
};
/// `default` | `fill` | px(100..) (buttons, inputs, selects, pickers, audio).
pub static WIDTH_DEFAULT_FILL: Dim = Dim {
    name: "width_default_fill",
    keywords: &["default", "fill"],
    px: Some((100, i64::MAX)),
    percent: false,
    pair: false,
    removed: &[],
};
/// column width: `auto` | `weighted` | px(16..600).
pub static COLUMN_WIDTH: Dim = Dim {
    name: "column_width",
    keywords: &["auto", "weighted"],
    px: Some((16, 600)),
    percent: false,
    pair: false,
    removed: &[],
};
/// interactive_container height: `auto` | px(10..999).
pub static CONTAINER_HEIGHT: Dim = Dim {
    name: "container_height",
    keywords: &["auto"],
    px: Some((10, 999)),
    percent: false,
    pair: false,
    removed: &[],
};
/// chart height: `auto` | px(1..999).
pub static CHART_HEIGHT: Dim = Dim {
    name: "chart_height",
    keywords: &["auto"],
    px: Some((1, 999)),
    percent: false,
    pair: false,
    removed: &[],
};
/// table row height: `low|middle|high|auto` | px(32..124).
pub static ROW_HEIGHT: Dim = Dim {
    name: "row_height",
    keywords: &["low", "middle", "high", "auto"],
    px: Some((32, 124)),
    percent: false,
    pair: false,
    removed: &[],
};
/// table row max height: px(32..999).
pub static ROW_MAX_HEIGHT: Dim = Dim {
    name: "row_max_height",
    keywords: &[],
    px: Some((32, 999)),
    percent: false,
    pair: false,
    removed: &[],
};
/// table column width: `auto` | px(80..600) | 1..100%.
pub static TABLE_COLUMN_WIDTH: Dim = Dim {
    name: "table_column_width",
    keywords: &["auto"],
    px: Some((80, 600)),
    percent: true,
    pair: false,
    removed: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spacing_and_documented_text_size_has_its_pixels() {
        fn keys(t: &'static [(&'static str, u32)]) -> Vec<&'static str> {
            t.iter().map(|(k, _)| *k).collect()
        }
        assert_eq!(keys(SPACING_PIXELS), SPACING.values);
        let documented: Vec<_> = TEXT_SIZE
            .values
            .iter()
            .copied()
            .filter(|v| *v != "normal_v2")
            .collect();
        assert_eq!(keys(TEXT_SIZE_PIXELS), documented);
        assert_eq!(keys(TEXT_SIZE_PIXELS_MOBILE), documented);
    }
}

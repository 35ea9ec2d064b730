//! The client's look as data: the page's CSS, the colour palette (hues with their shades),
//! header templates, spacing names, box strings and text sizes. Every value taken from a card
//! passes through here, so nothing a card says reaches a `style` attribute unchecked.

/// The CSS of a page, for light or dark.
pub(crate) fn css(dark: bool) -> String {
    let (bg, card, fg, grey, border) = if dark {
        ("#1b1b1b", "#292929", "#ebebeb", "#a6a6a6", "#3d3d3d")
    } else {
        ("#f2f3f5", "#ffffff", "#1f2329", "#8f959e", "#dee0e3")
    };
    // Markdown tables are a bordered grid with equal columns and a rounded frame, and `ul`
    // markers are blue: as the client draws them in a production bot's screenshot.
    format!(
        r#"body{{--grey:{grey};background:{bg};color:{fg};font:14px/1.5 -apple-system,"PingFang SC","Helvetica Neue",Arial,sans-serif;margin:24px;display:flex;gap:24px;align-items:flex-start}}
.card{{--card:{card};background:{card};border:1px solid {border};border-radius:8px;overflow:hidden;flex:none}}
.header{{padding:12px;display:flex;gap:8px;align-items:flex-start}}.header .title{{font-size:16px;font-weight:600;display:flex;flex-wrap:wrap;align-items:center;gap:2px 0}}.header .subtitle{{font-size:12px;color:{grey}}}
.tag{{display:inline-block;font-size:12px;line-height:18px;padding:0 4px;border-radius:4px;margin-left:4px;font-weight:400;vertical-align:1px}}
.icon{{display:inline-block;width:16px;height:16px;border-radius:4px;background:currentColor;opacity:.55;vertical-align:-2px;flex:none}}.icon.glyph{{background:none;box-sizing:border-box;border:1.5px solid currentColor;width:14px;height:14px;margin:1px;opacity:.7}}svg.icon{{background:none;opacity:1;border-radius:0}}
.turn{{display:inline-flex;flex:none}}.panel[open]>summary .turn{{transform:rotate(var(--open))}}
.body{{display:flex}}.v{{display:flex;flex-direction:column;min-width:0}}.h{{display:flex;flex-direction:row;flex-wrap:wrap;min-width:0}}
.grey{{color:{grey}}}.notation{{font-size:12px;color:{grey}}}
.row{{display:flex;min-width:0}}.col{{min-width:0;display:flex;box-sizing:border-box;border-radius:8px}}
.btn{{display:inline-block;padding:4px 12px;border:1px solid {border};border-radius:6px;font:inherit;background:transparent;color:{fg};white-space:nowrap}}
.btn.small{{padding:2px 8px;font-size:12px}}.btn.large{{padding:8px 16px}}
.btn.primary{{color:#3370ff;border-color:#3370ff}}.btn.danger{{color:#f54a45;border-color:#f54a45}}
.btn.primary_filled{{background:#3370ff;color:#fff;border-color:#3370ff}}.btn.danger_filled{{background:#f54a45;color:#fff;border-color:#f54a45}}
.btn.text,.btn.primary_text,.btn.danger_text{{border-color:transparent;padding-left:0;padding-right:0}}.btn.primary_text{{color:#3370ff}}.btn.danger_text{{color:#f54a45}}
.btn.laser{{background:linear-gradient(90deg,#8c55ec,#3370ff);color:#fff;border:none}}
.ph{{border:1px dashed {border};border-radius:6px;color:{grey};padding:12px;text-align:center;font-size:12px;box-sizing:border-box}}
.panel{{border-radius:8px;display:flex;flex-direction:column}}.panel>summary{{cursor:default;font-weight:500}}
.form{{display:flex;flex-direction:column}}
.field{{display:flex;flex-direction:column;gap:4px}}.field.h{{flex-direction:row;align-items:center;gap:8px;flex-wrap:nowrap}}
input,select,textarea{{font:inherit;padding:4px 8px;border:1px solid {border};border-radius:6px;background:transparent;color:{fg};box-sizing:border-box;min-width:0}}
table{{border-collapse:collapse;width:100%;font-size:14px}}th,td{{border-bottom:1px solid {border};padding:4px 8px;text-align:left}}
table.md{{table-layout:fixed;border-collapse:separate;border-spacing:0;border:1px solid {border};border-radius:6px;font-size:inherit;margin:0}}table.md th,table.md td{{border:none;border-right:1px solid {border};border-bottom:1px solid {border};padding:6px 8px}}table.md tr>:last-child{{border-right:none}}table.md tr:last-child>*{{border-bottom:none}}
.tbl{{overflow-x:auto}}.tbl th.freeze,.tbl td.freeze{{position:sticky;left:0;background:{card}}}
code{{background:rgba(127,127,127,.15);padding:0 3px;border-radius:3px}}pre{{background:rgba(127,127,127,.12);padding:8px;border-radius:6px;overflow:auto;margin:0}}pre code{{background:none;padding:0}}.c-comment{{color:#8f959e}}.c-string{{color:#2ea121}}.c-number{{color:#de7802}}.c-keyword{{color:#3370ff}}.c-added{{background:rgba(46,161,33,.15)}}.c-removed{{background:rgba(245,74,69,.15)}}
blockquote{{margin:0;padding-left:8px;border-left:2px solid {border}}}ul,ol{{margin:0;padding-left:20px}}ul>li::marker{{color:#3370ff}}p{{margin:0}}
.at{{color:#3370ff}}a{{color:#3370ff;text-decoration:none}}.emoji{{font-size:12px;border:1px solid {border};border-radius:4px;padding:0 2px}}
.num{{display:inline-block;min-width:16px;height:16px;line-height:16px;border-radius:8px;text-align:center;font-size:12px;background:#3370ff;color:#fff}}
.chart{{display:flex;flex-direction:column;gap:4px}}.chart svg{{width:100%;display:block}}.chart .legend{{font-size:12px;color:{grey};display:flex;gap:12px;flex-wrap:wrap}}
.chart .legend i{{display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:4px}}
.findings{{min-width:240px;max-width:420px;font-size:13px}}.findings li{{margin-bottom:6px}}.findings .error{{color:#f54a45}}.findings .warning{{color:#de7802}}.findings .about{{color:var(--grey);margin-top:12px}}"#
    )
}

/// A hue's middle (500) shade, from the Feishu colour enumeration's hue names.
fn hue(name: &str) -> Option<(u8, u8, u8)> {
    Some(match name {
        "blue" => (0x33, 0x70, 0xff),
        "wathet" => (0x14, 0xc0, 0xff),
        "turquoise" => (0x00, 0xc2, 0xc2),
        "green" => (0x34, 0xc7, 0x24),
        "lime" => (0xb3, 0xd6, 0x00),
        "yellow" => (0xff, 0xc6, 0x0a),
        "sunflower" => (0xfa, 0xd3, 0x55),
        "orange" => (0xff, 0x88, 0x00),
        "red" => (0xf5, 0x4a, 0x45),
        "carmine" => (0xf0, 0x1d, 0x94),
        "violet" => (0xd1, 0x36, 0xd1),
        "purple" => (0x7f, 0x3b, 0xf5),
        "indigo" => (0x49, 0x54, 0xe6),
        "grey" => (0x8f, 0x95, 0x9e),
        _ => return None,
    })
}

/// A shade of a hue: lighter shades mix in white, darker ones black.
fn shade((r, g, b): (u8, u8, u8), level: u32) -> String {
    let (toward, amount) = match level {
        0 => (255.0, 1.0),
        50 => (255.0, 0.92),
        100 => (255.0, 0.84),
        200 => (255.0, 0.68),
        300 => (255.0, 0.5),
        350 => (255.0, 0.4),
        400 => (255.0, 0.25),
        500 => (0.0, 0.0),
        600 => (0.0, 0.15),
        650 => (0.0, 0.22),
        700 => (0.0, 0.3),
        800 => (0.0, 0.45),
        900 => (0.0, 0.6),
        950 => (0.0, 0.7),
        _ => (0.0, 0.85),
    };
    let mix = |c: u8| (c as f64 + (toward - c as f64) * amount).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

/// A colour value as CSS: a palette name (`red`, `grey-600`, `bg-white`), `#rgb`/`#rrggbb`,
/// or `rgb(a)(…)`. Anything else is `None`, so a card's text never reaches the CSS.
pub(crate) fn colour_css(name: &str) -> Option<String> {
    let name = name.trim();
    match name {
        "white" | "bg-white" => return Some("#ffffff".into()),
        "black" => return Some("#000000".into()),
        _ => {}
    }
    if let Some(hex) = name.strip_prefix('#') {
        return (matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| name.to_owned());
    }
    if name.starts_with("rgb") {
        let ok = name
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.%()rgba".contains(c));
        return ok.then(|| name.to_owned());
    }
    let (base, level) = match name.rsplit_once('-') {
        Some((b, l)) => (b, l.parse().ok()?),
        None => (name, 500),
    };
    hue(base).map(|h| shade(h, level))
}

/// A text colour (the client's text shades: a bare hue is its 600 shade).
pub(crate) fn colour(name: &str) -> String {
    match name.trim() {
        "default" | "" => "inherit".into(),
        n if hue(n).is_some() => colour_css(&format!("{n}-600")).unwrap_or_default(),
        n => colour_css(n).unwrap_or_else(|| "inherit".into()),
    }
}

/// A container's `background_style`: `default` is none; a colour name or rgba is its colour.
pub(crate) fn background(name: &str, dark: bool) -> Option<String> {
    match name.trim() {
        "" | "default" | "none" => None,
        "grey" => Some(if dark { "#333333" } else { "#f2f3f5" }.into()),
        n if hue(n).is_some() => colour_css(&format!("{n}-{}", if dark { 900 } else { 50 })),
        // The dark client swaps light and dark shades of a hue.
        n if dark => match n.rsplit_once('-') {
            Some((h, l)) if hue(h).is_some() => {
                let level: u32 = l.parse().ok()?;
                colour_css(&format!("{h}-{}", 950u32.saturating_sub(level).max(50)))
            }
            _ => colour_css(n),
        },
        n => colour_css(n),
    }
}

/// A container's border colour. `grey` is the default the panel and container pages name,
/// and the client draws it as its neutral line colour (the light grey of its dividers), not
/// as the grey text shade; another name or value is that colour.
pub(crate) fn border(name: &str, dark: bool) -> String {
    match name.trim() {
        "" | "grey" | "default" => if dark { "#3d3d3d" } else { "#dee0e3" }.into(),
        n => colour_css(n).unwrap_or_else(|| if dark { "#3d3d3d" } else { "#dee0e3" }.into()),
    }
}

/// A tag's colours (text, background) for a TagColor (`neutral`, `blue`, …); the header
/// page gives blue as the default.
pub(crate) fn tag_colours(name: &str) -> (String, String) {
    let h = match name {
        "neutral" => "grey",
        n if hue(n).is_some() => n,
        _ => "blue",
    };
    (
        colour_css(&format!("{h}-700")).unwrap_or_default(),
        colour_css(&format!("{h}-100")).unwrap_or_default(),
    )
}

/// A header template's background and title colour. The 2.0 client draws a tinted header
/// with dark text; `default` has no tint.
pub(crate) fn template(name: &str, dark: bool) -> (String, &'static str) {
    let title = if dark { "#ebebeb" } else { "#1f2329" };
    match name {
        "default" | "" => ("transparent".into(), title),
        n if hue(n).is_some() => (
            colour_css(&format!("{n}-{}", if dark { 900 } else { 100 })).unwrap_or_default(),
            title,
        ),
        _ => ("transparent".into(), title),
    }
}

/// A spacing value (`small`, `medium`, `large`, `extra_large`, `default`, `Npx`) in pixels;
/// `None` for anything else, so the caller keeps its default.
pub(crate) fn spacing(v: &str) -> Option<u32> {
    let v = match v.trim() {
        "default" => "medium",
        v => v,
    };
    match pixels(card_validate::spec::SPACING_PIXELS, v) {
        Some(px) => Some(px),
        None => v.strip_suffix("px")?.trim().parse().ok(),
    }
}

/// The pixels of `name` in one of the spec's pixel tables.
fn pixels(table: &[(&str, u32)], name: &str) -> Option<u32> {
    table.iter().find(|(k, _)| *k == name).map(|(_, px)| *px)
}

/// A box string (`"8px"`, `"4px 0"`, `"4px 0 4px 0"`) as CSS, when it is one.
pub(crate) fn box_css(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    let length = |p: &&str| {
        let n = p.strip_suffix("px").unwrap_or(p);
        n.parse::<i32>().is_ok() && (p.ends_with("px") || *p == "0")
    };
    (matches!(parts.len(), 1 | 2 | 4) && parts.iter().all(length)).then(|| parts.join(" "))
}

/// A text size name in pixels on a desktop or a phone, from the spec's tables.
pub(crate) fn text_size(name: &str, mobile: bool) -> Option<u32> {
    let table = if mobile {
        card_validate::spec::TEXT_SIZE_PIXELS_MOBILE
    } else {
        card_validate::spec::TEXT_SIZE_PIXELS
    };
    pixels(table, name)
}

/// CSS `justify-content` / `text-align` for `left|center|right`, and `align-items` for
/// `top|center|bottom`.
pub(crate) fn align(v: &str) -> Option<&'static str> {
    match v {
        "left" | "top" => Some("flex-start"),
        "center" => Some("center"),
        "right" | "bottom" => Some("flex-end"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_names_or_checked_values() {
        assert_eq!(colour_css("blue").as_deref(), Some("#3370ff"));
        assert_eq!(colour_css("grey-50").as_deref(), Some("#f6f7f7"));
        assert_eq!(
            colour_css("rgba(1,2,3,0.5)").as_deref(),
            Some("rgba(1,2,3,0.5)")
        );
        assert_eq!(colour_css("#fff\" onload=\"x"), None);
        assert_eq!(colour_css("red;background:url(x)"), None);
        assert_eq!(colour("nonsense"), "inherit");
    }

    #[test]
    fn every_spec_hue_and_size_is_drawn() {
        for h in card_validate::spec::COLOR_HUES {
            assert!(hue(h).is_some(), "{h} has no colour");
        }
        assert_eq!(text_size("notation", false), Some(12));
        assert_eq!(text_size("heading-0", true), Some(26));
        assert_eq!(spacing("default"), Some(8));
    }

    #[test]
    fn spacing_and_boxes() {
        assert_eq!(spacing("large"), Some(12));
        assert_eq!(spacing("20px"), Some(20));
        assert_eq!(spacing("huge"), None);
        assert_eq!(box_css("4px 0").as_deref(), Some("4px 0"));
        assert_eq!(box_css("4px 0 4px").as_deref(), None);
        assert_eq!(box_css("1px;color:red"), None);
    }
}

//! The page: the card at the client's width for its `width_mode`, header and body, and the
//! validator's findings beside it, each linked to the element it names.

use serde_json::Value;

use crate::component::{Drawing, container};
use crate::drawn;
use crate::html::El;
use crate::{custom, datetime, header, locale, style};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The light client.
    #[default]
    Light,
    /// The dark client.
    Dark,
}

/// How to render: `Options::default()` is light, in the card's base language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Light or dark.
    pub theme: Theme,
    /// The reader's locale (`en_us`, `ja_jp`…): text with an `i18n_*` entry for it is shown in
    /// it. `None` shows the base text (`content`…), or `zh_cn` where a card gives only i18n text.
    pub locale: Option<String>,
    /// Drawn as on a phone: the card at a phone's width (343px: a 375pt screen less the chat's
    /// margins, a judgement — the docs give no width), the rich-text page's mobile text sizes and
    /// custom sizes' `mobile` entries, 1:1 charts (the chart page's mobile default), and column
    /// sets' `flex_mode`.
    pub mobile: bool,
}

impl Options {
    /// Light, in the card's base language.
    pub fn new() -> Options {
        Options::default()
    }

    /// The dark client's colours.
    #[must_use]
    pub fn dark(mut self) -> Options {
        self.theme = Theme::Dark;
        self
    }

    /// Drawn as on a phone.
    #[must_use]
    pub fn mobile(mut self) -> Options {
        self.mobile = true;
        self
    }

    /// The reader's locale.
    #[must_use]
    pub fn locale(mut self, locale: impl Into<String>) -> Options {
        self.locale = Some(locale.into());
        self
    }
}

/// Renders card JSON text as a page.
///
/// # Errors
///
/// The JSON error (with line and column) when the text is not JSON.
pub fn render_str(text: &str, options: Options) -> Result<String, serde_json::Error> {
    let v: Value = serde_json::from_str(text)?;
    Ok(render(&v, options))
}

/// Renders any serializable card (a `card_dsl::Card`, a `serde_json::Value`, your own
/// structs) as a page.
///
/// # Errors
///
/// The serializer's error when the card cannot become JSON (a map with non-string keys).
pub fn render_card<C: serde::Serialize + ?Sized>(
    card: &C,
    options: Options,
) -> Result<String, serde_json::Error> {
    Ok(render(&serde_json::to_value(card)?, options))
}

/// Renders a card (2.0, or 1.0 upgraded first) as one self-contained HTML page.
pub fn render(card: &Value, options: Options) -> String {
    let upgraded;
    let card = if card.get("schema").and_then(Value::as_str) == Some("2.0") || !card.is_object() {
        card
    } else {
        upgraded = card_validate::upgrade::upgrade(card)
            .map(|u| u.card)
            .unwrap_or_else(|_| card.clone());
        &upgraded
    };
    let report = card_validate::validate(card);
    // The card as the reader sees it: in their language, with the card's own text sizes and
    // colours resolved (cloned only when it has either).
    let localized;
    let styles = custom::Styles::of(card, options.mobile, options.theme == Theme::Dark);
    let card = if locale::has_i18n(card) || styles.is_some() {
        let mut c = card.clone();
        locale::localize(&mut c, options.locale.as_deref());
        if let Some(styles) = &styles {
            styles.apply(&mut c);
        }
        localized = c;
        &localized
    } else {
        card
    };
    // The reader's language for times (`en_us` → `en-US`); without a locale the browser's.
    let lang = options
        .locale
        .as_deref()
        .and_then(|l| l.split_once('_'))
        .map(|(l, r)| format!("{l}-{}", r.to_uppercase()));
    let width_mode = card.pointer("/config/width_mode").and_then(Value::as_str);
    let width = match width_mode {
        _ if options.mobile => "343px",
        Some("compact") => "400px",
        Some("fill") => "min(calc(100vw - 340px), 1000px)",
        _ => "600px",
    };
    let mut out = Drawing {
        html: String::new(),
        dark: options.theme == Theme::Dark,
        narrow: options.mobile || width_mode == Some("compact"),
        mobile: options.mobile,
        width: match width_mode {
            _ if options.mobile => 319.0,
            Some("compact") => 376.0,
            Some("fill") => 976.0,
            _ => 576.0,
        },
    };
    let ((), record) = drawn::recording(|| {
        if let Some(h) = card.get("header").filter(|h| h.is_object()) {
            header::header(h, &mut out);
        }
        let body = card.get("body").cloned().unwrap_or(Value::Null);
        container::body(&body, &mut out);
    });
    let body = out.html;
    // A finding points at the nearest drawn element on its path (a property's finding at its
    // component, `ROOT -> config` at the card).
    let drawn: Vec<String> = std::iter::once("ROOT".to_owned())
        .chain(record.paths)
        .collect();
    let target = |path: &str| -> String {
        drawn
            .iter()
            .filter(|p| path == p.as_str() || path.starts_with(&format!("{p} -> ")))
            .max_by_key(|p| p.len())
            .cloned()
            .unwrap_or_else(|| "ROOT".to_owned())
    };
    let mut findings = String::new();
    for d in report.diagnostics() {
        let class = if d.is_error() { "error" } else { "warning" };
        let path = d.path.to_string();
        El::new("li")
            .class(class)
            .attr("data-for", path.as_str())
            .attr("data-target", target(&path))
            .text(d.to_string())
            .write(&mut findings);
    }
    let about = about(card);
    let verdict = if report.is_ok() {
        "no errors"
    } else {
        "the server would refuse this card"
    };
    // Outline the elements findings point at; errors last, so their red wins over a warning's
    // orange on the same element.
    let mut marks = String::new();
    let mut ordered: Vec<_> = report.diagnostics().iter().collect();
    ordered.sort_by_key(|d| d.is_error());
    for d in ordered {
        marks.push_str(&format!(
            "[data-path=\"{}\"]{{outline:2px solid {};outline-offset:2px}}",
            css_string(&target(&d.path.to_string())),
            if d.is_error() { "#f54a45" } else { "#de7802" }
        ));
    }
    let mut html = El::new("html");
    if let Some(lang) = lang {
        html = html.attr("lang", lang);
    }
    let head = El::new("head")
        .child(El::new("meta").attr("charset", "utf-8"))
        .child(El::new("title").text("card preview"))
        // The page's own CSS, and outlines whose selectors `css_string` made safe.
        .child(
            El::new("style")
                .drawn(style::css(options.theme == Theme::Dark))
                .drawn(marks),
        );
    let card = El::new("div")
        .class("card")
        .attr("data-path", "ROOT")
        .style(&format!("width:{width}"))
        .drawn(body);
    let findings = El::new("div")
        .class("findings")
        .child(El::new("b").text(verdict))
        .child(El::new("ul").drawn(findings))
        .drawn(about);
    // Only a page with times needs the script that redraws them.
    let script =
        El::new("script")
            .drawn(LOCATE)
            .drawn(if record.time { datetime::SCRIPT } else { "" });
    let body = El::new("body")
        .child(card)
        .text("\n")
        .child(findings)
        .child(script);
    let page = html.child(head).text("\n").child(body);
    format!("<!doctype html>\n{}\n", page.html())
}

/// What the card shows outside its body, listed under the findings: the chat list's summary
/// (`config.summary`, "生成中" by default while streaming), streaming mode, and the whole card's
/// link (`card_link`).
fn about(card: &Value) -> String {
    let config = card.get("config").cloned().unwrap_or(Value::Null);
    let streaming = config.get("streaming_mode").and_then(Value::as_bool) == Some(true);
    let mut lines = Vec::new();
    let summary = config.pointer("/summary/content").and_then(Value::as_str);
    match (summary, streaming) {
        (Some(t), _) => lines.push(format!("chat list shows: {t}")),
        (None, true) => {
            lines.push("chat list shows: 生成中 (the default while streaming)".to_owned())
        }
        (None, false) => {}
    }
    if streaming {
        lines.push("streaming mode: text elements are typed out as they update".to_owned());
    }
    if let Some(url) = card
        .get("card_link")
        .and_then(|l| ["url", "pc_url"].iter().find_map(|k| l.get(k)?.as_str()))
    {
        lines.push(format!("the whole card opens {url}"));
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut p = El::new("p").class("about");
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            p = p.child(El::new("br"));
        }
        p = p.text(line);
    }
    p.html()
}

/// Clicking a finding scrolls its element into view and flashes it.
const LOCATE: &str = "document.querySelectorAll('.findings li').forEach(function(li){li.style.cursor='pointer';li.onclick=function(){var e=document.querySelector('[data-path=\"'+CSS.escape(li.dataset.target)+'\"]');if(e){e.scrollIntoView({block:'center'});e.animate([{background:'rgba(245,74,69,.3)'},{background:'transparent'}],1200);}};});";

/// Text inside a CSS string: quotes, backslashes and angle brackets escaped, so the page's
/// `<style>` cannot be closed by a card's tag names.
fn css_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\22 "),
            '\\' => out.push_str("\\5c "),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c => out.push(c),
        }
    }
    out
}

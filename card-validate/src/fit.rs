//! Any model output made into markdown a card takes, in one deterministic pass, with a note for
//! each change (as `upgrade` does): `<think>` blocks dropped (or quoted), markdown images whose
//! target is not an image key turned into links (else 230099/200570), and markup-like tags the
//! model wrote (`<at>`, `<font>`, `<link>` …) escaped unless allowed, so a stray tag cannot
//! mention everyone or break the card. Code (fenced or inline) is left as written.
//!
//! The result is prefix-stable: fitting a longer text never changes the fitted form of a
//! complete earlier line, so a stream can fit the whole text at every frame.
//!
//! A sender that can upload images passes the keys it already has ([`FitOptions::image_keys`]):
//! those images are kept with the key as their target. [`Fitted::unkeyed`] says where each image
//! made a link is, so a stream can hold its text back there until the upload is done.

use crate::check::markdown::image_targets;
use crate::spec::shape::is_img_key;

/// What to do with the model's reasoning (`<think>…</think>`, `<thinking>…</thinking>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Think {
    /// Leave it out (default).
    #[default]
    Drop,
    /// Keep it as a block quote, apart from the answer.
    Quote,
}

/// Options of [`fit_markdown`].
#[derive(Debug, Clone, Default)]
pub struct FitOptions {
    /// What to do with reasoning blocks.
    pub think: Think,
    /// Markup tags the text may keep (`"at"`, `"font"` …): the bot's own, not the model's.
    pub allowed_tags: Vec<String>,
    /// Image targets (URLs) already uploaded, and their image keys: such an image stays an
    /// image, its target replaced by the key.
    pub image_keys: std::collections::HashMap<String, String>,
}

/// A fitted text and what was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// The markdown to send.
    pub text: String,
    /// One line per change, in order.
    pub notes: Vec<String>,
    /// The images made links (their targets are neither image keys nor in
    /// [`FitOptions::image_keys`]): where each link starts in `text` (its `[`), and its target.
    pub unkeyed: Vec<(usize, String)>,
}

/// The markup tags of card markdown (the markdown component's page): written by a model, they
/// would act (mention, recolor, link) instead of showing.
const MARKUP_TAGS: &[&str] = &[
    "at",
    "font",
    "link",
    "text_tag",
    "local_datetime",
    "number_tag",
    "person",
    "standard_icon",
    "hr",
    "br",
];

/// Fits `text` (see the module page).
pub fn fit_markdown(text: &str, options: &FitOptions) -> Fitted {
    let mut notes = Vec::new();
    let mut unkeyed = Vec::new();
    let without_think = think_blocks(text, options.think, &mut notes);
    let mut out = String::with_capacity(without_think.len());
    let mut in_fence = false;
    for line in without_think.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            out.push_str(line);
            continue;
        }
        if in_fence {
            out.push_str(line);
            continue;
        }
        fit_line(line, options, &mut out, &mut notes, &mut unkeyed);
    }
    Fitted {
        text: out,
        notes,
        unkeyed,
    }
}

/// Drops or quotes reasoning blocks; an unclosed one runs to the end (it is still being written).
fn think_blocks(text: &str, think: Think, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = ["<think>", "<thinking>"]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, t.len())))
            .min();
        let Some((at, len)) = open else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let body_start = at + len;
        let close = ["</think>", "</thinking>"]
            .iter()
            .filter_map(|t| rest[body_start..].find(t).map(|i| (i, t.len())))
            .min();
        let (body, next) = match close {
            Some((i, l)) => (&rest[body_start..body_start + i], body_start + i + l),
            None => (&rest[body_start..], rest.len()),
        };
        match think {
            Think::Drop => notes.push(format!("dropped a reasoning block of {} bytes", body.len())),
            Think::Quote => {
                for l in body.trim().lines() {
                    out.push_str("> ");
                    out.push_str(l);
                    out.push('\n');
                }
                out.push('\n');
                notes.push("quoted a reasoning block".to_owned());
            }
        }
        rest = &rest[next..];
    }
}

/// One line outside code fences, onto `out`: markup tags are escaped, images whose target has a
/// key take it, and the others become links.
fn fit_line(
    line: &str,
    options: &FitOptions,
    out: &mut String,
    notes: &mut Vec<String>,
    unkeyed: &mut Vec<(usize, String)>,
) {
    // Inline code spans (between backticks) stay as written.
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let mut part = escape_tags(part, options, notes);
        let targets: Vec<String> = image_targets(&part)
            .filter(|t| !is_img_key(t))
            .map(str::to_owned)
            .collect();
        let mut from = 0;
        for target in targets {
            let Some(at) = part[from..].find(&format!("]({target})")).map(|a| a + from) else {
                continue;
            };
            let Some(bang) = part[..at].rfind("![") else {
                continue;
            };
            if let Some(key) = options.image_keys.get(&target) {
                part.replace_range(at + 2..at + 2 + target.len(), key);
                from = at + 2 + key.len();
                notes.push(format!("image {target:?} uploaded: its key is {key}"));
            } else {
                part.replace_range(bang..bang + 1, "");
                unkeyed.push((out.len() + bang, target.clone()));
                from = at + 1 + target.len();
                notes.push(format!("image {target:?} is not an image key: made a link"));
            }
        }
        out.push_str(&part);
    }
}

/// `<tag` of a markup tag the options do not allow → `&lt;tag`.
fn escape_tags(text: &str, options: &FitOptions, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = rest[i + 1..].trim_start_matches('/');
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let markup = MARKUP_TAGS.contains(&name.as_str()) && !options.allowed_tags.contains(&name);
        if markup {
            out.push_str("&lt;");
            notes.push(format!("escaped the markup tag <{name}>"));
        } else {
            out.push('<');
        }
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(text: &str) -> Fitted {
        fit_markdown(text, &FitOptions::default())
    }

    #[test]
    fn reasoning_is_dropped_or_quoted() {
        let f = fit("<think>plan it</think>The answer.");
        assert_eq!(f.text, "The answer.");
        assert_eq!(f.notes.len(), 1);
        // Still being written: dropped to the end.
        assert_eq!(fit("Hi <think>hmm, maybe").text, "Hi ");
        let quoted = fit_markdown(
            "<thinking>a\nb</thinking>Done",
            &FitOptions {
                think: Think::Quote,
                ..FitOptions::default()
            },
        );
        assert_eq!(quoted.text, "> a\n> b\n\nDone");
    }

    #[test]
    fn images_that_are_not_keys_become_links_and_keys_stay() {
        let f = fit("See ![cat](https://e.com/c.png) and ![ok](img_v3_abc)\n");
        assert_eq!(
            f.text,
            "See [cat](https://e.com/c.png) and ![ok](img_v3_abc)\n"
        );
        assert!(crate::validate_str(&card(&f.text)).first_error().is_none());
        assert!(
            crate::validate_str(&card("![cat](https://e.com/c.png)"))
                .first_error()
                .is_some()
        );
    }

    /// An image whose target was uploaded takes its key; the others are links, and the fit
    /// says where each link starts.
    #[test]
    fn uploaded_images_take_their_key_and_links_are_located() {
        let text = "A <at> ![a](https://e.com/a.png)\n![b](https://e.com/b.png) ![a](https://e.com/a.png)\n";
        let plain = fit(text);
        assert_eq!(
            plain.unkeyed.iter().map(|(at, _)| *at).collect::<Vec<_>>(),
            vec![10, 35, 60]
        );
        for (at, url) in &plain.unkeyed {
            assert!(plain.text[*at..].starts_with(&format!("[{}]({url})", &url[14..15])));
        }
        let keyed = fit_markdown(
            text,
            &FitOptions {
                image_keys: [("https://e.com/a.png".to_owned(), "img_v3_a".to_owned())].into(),
                ..FitOptions::default()
            },
        );
        assert_eq!(
            keyed.text,
            "A &lt;at> ![a](img_v3_a)\n[b](https://e.com/b.png) ![a](img_v3_a)\n"
        );
        assert_eq!(keyed.unkeyed, vec![(25, "https://e.com/b.png".to_owned())]);
        assert!(
            crate::validate_str(&card(&keyed.text))
                .first_error()
                .is_none()
        );
    }

    #[test]
    fn markup_tags_are_escaped_outside_code_unless_allowed() {
        let f = fit("Hi <at id=all></at> and <b>bold</b> `<at id=all>`\n```\n<font>\n```\n");
        assert_eq!(
            f.text,
            "Hi &lt;at id=all>&lt;/at> and <b>bold</b> `<at id=all>`\n```\n<font>\n```\n"
        );
        let allowed = fit_markdown(
            "<at id=ou_1></at>",
            &FitOptions {
                allowed_tags: vec!["at".into()],
                ..FitOptions::default()
            },
        );
        assert_eq!(allowed.text, "<at id=ou_1></at>");
    }

    #[test]
    fn a_longer_text_keeps_the_fitted_form_of_earlier_lines() {
        let full = "one ![a](https://x/a.png)\n<think>x</think>two <at id=all>\nthree";
        for end in (0..=full.len()).filter(|&e| full.is_char_boundary(e)) {
            let head = fit(&full[..end]).text;
            let whole = fit(full).text;
            // Complete lines of the head are fitted as in the whole.
            let complete = head.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(&head[..complete], &whole[..complete], "at {end}");
        }
    }

    fn card(md: &str) -> String {
        serde_json::json!({
            "schema": "2.0",
            "config": {"update_multi": true},
            "body": {"elements": [{"tag": "markdown", "content": md}]}
        })
        .to_string()
    }
}

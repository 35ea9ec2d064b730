//! The other payloads: text and post contents for the edit API (seed 001) and the chat_button
//! request body (seed 002). Errors carry 230001 (invalid parameter) or 230025 (too large).

use crate::json::{Node, Obj};

use super::{Checker, Mode};
use crate::codes;
use crate::path::{Pos, Seg};
use crate::report::{ContentKind, Diagnostic};
use crate::rules::{self, Rule};
use crate::spec::{self, Ty};

/// `{"text": "…"}` — at most 150 KB.
pub(crate) fn check_text(v: &Node<'_>, len: usize) -> (ContentKind, Vec<Diagnostic>) {
    let mut c = Checker::new(Mode::Message);
    match v.as_object() {
        Some(m) => c.check_object(m, &spec::TEXT_CONTENT),
        None => c.type_error("an object {\"text\": …}", v),
    }
    c.too_large(len, codes::TEXT_MAX_BYTES, "text");
    (ContentKind::Text, c.diags)
}

/// `{"zh_cn": {"title": …, "content": [[node…]…]}, …}` — at most 30 KB.
pub(crate) fn check_post(v: &Node<'_>, len: usize) -> (ContentKind, Vec<Diagnostic>) {
    let mut c = Checker::new(Mode::Message);
    match v.as_object() {
        Some(m) => c.post(m),
        None => c.type_error("an object keyed by locale ({\"zh_cn\": {…}})", v),
    }
    c.too_large(len, codes::POST_MAX_BYTES, "post");
    (ContentKind::Post, c.diags)
}

/// The PUT /open-apis/im/v2/chat_button body.
pub(crate) fn check_chat_button(v: &Node<'_>, _len: usize) -> (ContentKind, Vec<Diagnostic>) {
    let mut c = Checker::new(Mode::Message);
    c.message_rule = &rules::CHAT_BUTTON_BODY;
    match v.as_object() {
        Some(m) => {
            c.check_object(m, &spec::CHAT_BUTTON_REQUEST);
            c.chat_button_limits(m);
        }
        None => c.type_error("an object", v),
    }
    (ContentKind::ChatButton, c.diags)
}

impl<'a> Checker<'a> {
    /// 230025 at the root when the body is over `max` bytes (the message code is kept: see
    /// `Checker::push`).
    fn too_large(&mut self, len: usize, max: usize, what: &str) {
        if len > max {
            self.emit_at(
                (&[], Pos::NONE),
                &rules::MESSAGE_TOO_LARGE,
                format!(
                    "the {what} content is {len} bytes; the limit is {} KB ({max} bytes)",
                    max / 1024
                ),
                None,
                false,
            );
        }
    }

    fn post(&mut self, m: &'a Obj<'a>) {
        if m.is_empty() {
            self.fail(
                &rules::MESSAGE_BODY,
                "a post needs at least one locale, such as zh_cn".to_owned(),
            );
        }
        if m.contains_key("post") {
            self.with(Seg::Key("post"), super::key_pos(m, "post"), |c| {
                c.report_key(
                    &rules::MESSAGE_BODY,
                    "the edit API takes the locale map itself, not {\"post\": …}".to_owned(),
                    Some("send {\"zh_cn\": {\"title\": …, \"content\": [[…]]}}".to_owned()),
                )
            });
            return;
        }
        for (loc, body, at) in m {
            self.with(Seg::Key(loc), at, |c| {
                if !spec::LOCALES.contains(&loc) {
                    c.report_key(
                        &rules::MESSAGE_BODY,
                        format!("`{loc}` is not a locale (zh_cn, en_us, …)"),
                        None,
                    );
                }
                let Some(body) = body.as_object() else {
                    c.type_error("an object {title, content}", body);
                    return;
                };
                for (k, v, at) in body {
                    c.with(Seg::Key(k), at, |c| match k {
                        "title" => c.check_value(v, &Ty::Str),
                        "content" => c.post_paragraphs(v),
                        _ => c.report_key(
                            &rules::MESSAGE_BODY,
                            format!("unknown key `{k}` in a post (title, content)"),
                            None,
                        ),
                    });
                }
                if !body.contains_key("content") {
                    c.fail(
                        &rules::MESSAGE_BODY,
                        "a post locale needs `content`".to_owned(),
                    );
                }
            });
        }
    }

    fn post_paragraphs(&mut self, v: &'a Node<'a>) {
        let Some(paras) = v.as_array() else {
            self.type_error("an array of paragraphs (arrays of nodes)", v);
            return;
        };
        for (p, para) in paras.iter().enumerate() {
            self.with(Seg::Index(p), para.at(), |c| {
                let Some(nodes) = para.as_array() else {
                    c.type_error("a paragraph: an array of nodes", para);
                    return;
                };
                for (i, node) in nodes.iter().enumerate() {
                    c.with(Seg::Index(i), node.at(), |c| c.post_node(node, nodes.len()));
                }
            });
        }
    }

    fn post_node(&mut self, node: &'a Node<'a>, paragraph_len: usize) {
        let Some(m) = node.as_object() else {
            self.type_error("a node object with a `tag`", node);
            return;
        };
        let Some(tag) = m.get("tag").and_then(Node::as_str) else {
            self.fail(
                &rules::MESSAGE_BODY,
                "a post node needs a string `tag`".to_owned(),
            );
            return;
        };
        let Some((_, attrs)) = spec::POST_NODES.iter().find(|(t, _)| *t == tag) else {
            let tags: Vec<&str> = spec::POST_NODES.iter().map(|(t, _)| *t).collect();
            self.report(
                &rules::MESSAGE_BODY,
                format!("unknown post tag `{tag}`"),
                Some(format!("tags: {}", tags.join(", "))),
            );
            return;
        };
        self.check_fields(m, attrs.iter(), false, tag, true);
        if spec::POST_OWN_PARAGRAPH.contains(&tag) && paragraph_len > 1 {
            self.fail(
                &rules::MESSAGE_BODY,
                format!("a `{tag}` node must be alone in its paragraph"),
            );
        }
    }

    fn chat_button_limits(&mut self, m: &'a Obj<'a>) {
        if let Some(ids) = m.get("user_ids").and_then(Node::as_array)
            && !(1..=20).contains(&ids.len())
        {
            self.with(Seg::Key("user_ids"), super::key_pos(m, "user_ids"), |c| {
                c.fail(
                    &rules::CHAT_BUTTON_BODY,
                    format!("user_ids must hold 1 to 20 ids, found {}", ids.len()),
                )
            });
        }
        let Some((outer, outer_at)) = m.get_at("buttons") else {
            return;
        };
        let Some((buttons, inner_at)) = outer.as_object().and_then(|o| o.get_at("buttons")) else {
            return;
        };
        let Some(buttons) = buttons.as_array() else {
            return;
        };
        self.with(Seg::Key("buttons"), outer_at, |c| {
            c.with(Seg::Key("buttons"), inner_at, |c| {
                if buttons.len() > 2 {
                    c.fail(
                        &rules::CHAT_BUTTON_BODY,
                        format!("at most 2 buttons, found {}", buttons.len()),
                    );
                }
                for (i, b) in buttons.iter().enumerate() {
                    let Some(text) = b
                        .get("text")
                        .and_then(|t| t.get("text"))
                        .and_then(Node::as_str)
                    else {
                        continue;
                    };
                    let n = text.chars().count();
                    if !(1..=30).contains(&n) {
                        c.with(Seg::Index(i), b.at(), |c| {
                            c.fail(
                                &rules::CHAT_BUTTON_BODY,
                                format!("button text must be 1 to 30 characters, found {n}"),
                            )
                        });
                    }
                }
            })
        });
    }
}

impl Checker<'_> {
    /// A message-body finding without help.
    fn fail(&mut self, rule: &'static Rule, message: String) {
        self.report(rule, message, None);
    }
}

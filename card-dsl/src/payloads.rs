//! The other payloads: template cards (send/PATCH `content`), text and post contents for the edit
//! API (seed 001), and the chat_button request (seed 002).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ChatButtonRequest, TemplateContent, TemplateData, TextContent};

/// A card built with the builder tool, sent by id: `{"type":"template","data":{…}}`.
pub type TemplateCard = TemplateContent;

impl TemplateContent {
    /// A template card by id (the latest published version unless one is set).
    pub fn template(template_id: impl Into<String>) -> Self {
        TemplateContent::new(TemplateData::new(template_id))
    }
    /// Pins the template version (e.g. `1.0.0`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.data.template_version_name = Some(version.into());
        self
    }
    /// Sets one template variable.
    pub fn variable(mut self, name: impl Into<String>, value: impl Serialize) -> Self {
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.data
            .template_variable
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), value);
        self
    }
    /// The string that goes in a send/PATCH `content`.
    pub fn to_content(&self) -> String {
        serde_json::to_string(self).expect("a template card always serializes")
    }
}

/// The PUT /open-apis/im/v2/chat_button body (seed 002).
pub type ChatButtonUpdate = ChatButtonRequest;

/// A text or post content, for the edit API (PUT /open-apis/im/v1/messages/:message_id, seed 001).
#[derive(Debug, Clone, PartialEq)]
pub enum MessageContent {
    /// `msg_type: text` (at most 150 KB).
    Text(TextContent),
    /// `msg_type: post`, rich text (at most 30 KB).
    Post(Post),
}

impl MessageContent {
    /// A text message.
    pub fn text(text: impl Into<String>) -> Self {
        MessageContent::Text(TextContent::new(text))
    }
    /// The `msg_type`.
    pub fn msg_type(&self) -> &'static str {
        match self {
            MessageContent::Text(_) => "text",
            MessageContent::Post(_) => "post",
        }
    }
    /// The `content` string.
    pub fn to_content(&self) -> String {
        match self {
            MessageContent::Text(t) => serde_json::to_string(t),
            MessageContent::Post(p) => serde_json::to_string(p),
        }
        .expect("message content always serializes")
    }
    /// The edit request body: `{"msg_type": …, "content": "<json string>"}`.
    pub fn to_edit_request(&self) -> serde_json::Value {
        serde_json::json!({ "msg_type": self.msg_type(), "content": self.to_content() })
    }
    /// Checks the content as the server would (size, post structure).
    pub fn validate(&self) -> card_validate::Report {
        let kind = match self {
            MessageContent::Text(_) => card_validate::PayloadKind::Text,
            MessageContent::Post(_) => card_validate::PayloadKind::Post,
        };
        card_validate::validate_payload_str(kind, &self.to_content())
    }
}

impl From<Post> for MessageContent {
    fn from(p: Post) -> Self {
        MessageContent::Post(p)
    }
}

/// Rich text: one [`PostBody`] per locale (`zh_cn`, `en_us`, …), serialized as the locale map.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Post(pub BTreeMap<String, PostBody>);

impl Post {
    /// An empty post; add at least one locale.
    pub fn new() -> Self {
        Post::default()
    }
    /// Sets the body of one locale.
    pub fn locale(mut self, locale: impl Into<String>, body: PostBody) -> Self {
        self.0.insert(locale.into(), body);
        self
    }
}

/// One locale of a post: an optional title and paragraphs of nodes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostBody {
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Paragraphs, each a list of nodes. `img`, `media` and `md` stand alone in their paragraph.
    pub content: Vec<Vec<PostNode>>,
}

impl PostBody {
    /// An empty body.
    pub fn new() -> Self {
        PostBody::default()
    }
    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
    /// Adds a paragraph.
    pub fn paragraph(mut self, nodes: impl IntoIterator<Item = PostNode>) -> Self {
        self.content.push(nodes.into_iter().collect());
        self
    }
}

/// A post node (`tag` in the JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "tag", rename_all = "snake_case")]
pub enum PostNode {
    /// Text.
    Text {
        /// The text.
        text: String,
        /// Whether to unescape it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        un_escape: Option<bool>,
        /// `bold`, `underline`, `lineThrough`, `italic`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<Vec<String>>,
    },
    /// A link.
    A {
        /// The link text.
        text: String,
        /// The URL.
        href: String,
        /// Text styles.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<Vec<String>>,
    },
    /// An @mention (`all` for everyone).
    At {
        /// user_id, open_id or union_id.
        user_id: String,
        /// Display name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_name: Option<String>,
        /// Text styles.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<Vec<String>>,
    },
    /// An image.
    Img {
        /// The uploaded image key.
        image_key: String,
    },
    /// A video.
    Media {
        /// The uploaded file key.
        file_key: String,
        /// The cover image key.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image_key: Option<String>,
    },
    /// An emoji.
    Emotion {
        /// The emoji type, e.g. `SMILE`.
        emoji_type: String,
    },
    /// A divider.
    Hr,
    /// A code block.
    CodeBlock {
        /// The language (case-insensitive), e.g. `GO`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// The code.
        text: String,
    },
    /// Markdown.
    Md {
        /// The markdown text.
        text: String,
    },
}

impl PostNode {
    /// A text node.
    pub fn text(text: impl Into<String>) -> Self {
        PostNode::Text {
            text: text.into(),
            un_escape: None,
            style: None,
        }
    }
    /// A link node.
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        PostNode::A {
            text: text.into(),
            href: href.into(),
            style: None,
        }
    }
    /// An @mention.
    pub fn at(user_id: impl Into<String>) -> Self {
        PostNode::At {
            user_id: user_id.into(),
            user_name: None,
            style: None,
        }
    }
}

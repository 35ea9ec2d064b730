//! CardKit card entities (`/open-apis/cardkit/v1/cards`): a card created once, sent by its
//! `card_id`, then updated in place — its text streamed with a typewriter effect
//! ([`CardStream`]), its settings changed (`streaming_mode`, `summary`, in their `config`
//! wrapper). Every operation on a card carries a `sequence` strictly increasing from 1 (kept per
//! card by the client) and a fresh `uuid`.
//!
//! Sources (docs mirror): `feishu/003-服务端API/飞书卡片/卡片/创建卡片实体.md`, `…/组件/流式更新文本.md`,
//! and the streaming overview (`feishu-cards/quick-start/streaming-updates-openapi-overview.md`):
//! streaming mode closes itself 10 minutes after it was last switched on, and calls in streaming
//! mode do not count against the API's QPS limits.

mod batch;
mod calls;
mod elements;
mod entities;
mod stream;

pub use batch::BatchAction;
pub use calls::EntitySettings;
pub use elements::Position;
pub use stream::CardStream;

pub(crate) use entities::Entities;

/// A card entity's id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardId(String);

impl CardId {
    /// Wraps an id.
    pub fn new(id: impl Into<String>) -> Self {
        CardId(id.into())
    }
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

//! CardKit card entities (`/open-apis/cardkit/v1/cards`): a card created once, sent by its
//! `card_id`, then updated in place — its text streamed with a typewriter effect
//! ([`CardStream`]), its settings changed (`streaming_mode`, `summary`, in their `config`
//! wrapper). Every operation on a card carries a `sequence` strictly increasing from 1 (kept per
//! card by the client) and a fresh `uuid`; the operations on one card run one at a time, so a
//! later one never overtakes an earlier one (300317).
//!
//! Sources (docs mirror): `feishu/003-服务端API/飞书卡片/卡片/创建卡片实体.md`, `…/组件/流式更新文本.md`,
//! and the streaming overview (`feishu-cards/quick-start/streaming-updates-openapi-overview.md`):
//! streaming mode closes itself 10 minutes after it was last switched on, and one card entity
//! takes at most 10 operations a second across every card and element API ("对于单个卡片实体，
//! 使用卡片和组件级 OpenAPI 操作卡片的频率上限为 10 次/秒"; the page's newer edition drops the
//! older "streaming mode is not QPS-limited"). The client spaces each card's operations to that
//! ([`crate::Limits::entity_per_second`]), besides each API's 50/s and 1000/min.

mod batch;
mod calls;
mod elements;

mod stream;

pub use batch::BatchAction;
pub use calls::EntitySettings;
/// The fitter's options, for [`StreamOptions::fit`].
pub use card_validate::fit::{FitOptions, Think};
pub use elements::Position;
pub use stream::{CardStream, ImageFetcher, StopHandle, StreamOptions};

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

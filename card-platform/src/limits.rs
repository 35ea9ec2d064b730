//! The platform's documented numbers: time windows, lifetimes and rate limits, each with the page
//! that states it. The card-content limits (sizes, counts, edits) are card-validate's, re-exported
//! here so there is one of each. A client's own tuning (headroom, bursts, backoff) is its own.

use std::time::Duration;

pub use card_validate::codes::{
    CARD_MAX_BYTES, MAX_EDITS, MAX_ELEMENTS, MAX_TABLES, POST_MAX_BYTES, TEXT_MAX_BYTES,
};

/// How long a callback's token updates the card: 30 minutes (callback page: 有效期为 30 分钟).
pub const CALLBACK_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// Delayed updates per callback token: 2 (callback page: 最多可更新 2 次; the delayed-update page
/// says a token is used at most 3 times, the callback answer being one of them).
pub const CALLBACK_TOKEN_USES: u32 = 2;
/// How long the platform waits for a callback answer: 3 seconds (callback page), then 200341.
pub const CALLBACK_DEADLINE: Duration = Duration::from_secs(3);
/// When an event whose delivery failed is delivered again, after the first try (the event
/// overview: retried at 15 s, 5 min, 1 h and 6 h; card callbacks are not retried).
pub const EVENT_RETRIES: [Duration; 4] = [
    Duration::from_secs(15),
    Duration::from_secs(300),
    Duration::from_secs(3600),
    Duration::from_secs(6 * 3600),
];
/// Long connections one app may hold open at once (the long-connection page: cluster mode, 50).
pub const MAX_LONG_CONNECTIONS: usize = 50;
/// How long an entity lives: 14 days (create page: 卡片实体的有效期为 14 天).
pub const ENTITY_LIFETIME: Duration = Duration::from_secs(14 * 24 * 3600);
/// Streaming mode closes itself 10 minutes after it was last switched on (streaming overview:
/// 流式更新模式将在距上次开启 10 分钟后自动关闭).
pub const STREAMING_WINDOW: Duration = Duration::from_secs(600);
/// The most characters one streamed content may hold (stream-text page: 1 ～ 100000).
pub const MAX_STREAM_CONTENT: usize = 100_000;
/// How long after sending a message can still be updated (seed 000: 14 days; 230031).
pub const UPDATE_WINDOW: Duration = Duration::from_secs(14 * 24 * 3600);
/// Documented rate limits (seeds): per app and API, per second.
pub const APP_PER_SECOND: u32 = 50;
/// Per app and API, per minute.
pub const APP_PER_MINUTE: u32 = 1000;
/// PATCH updates of one message per second.
pub const MESSAGE_PER_SECOND: u32 = 5;
/// Sends to one receiver per second.
pub const RECEIVER_PER_SECOND: u32 = 5;
/// chat_button updates per second.
pub const CHAT_BUTTON_PER_SECOND: u32 = 10;
/// Operations on one card entity per second, across every card and element API (CardKit
/// streaming overview, cardkit-v1 streaming-updates-openapi-overview: "对于单个卡片实体，使用卡片
/// 和组件级 OpenAPI 操作卡片的频率上限为 10 次/秒").
pub const ENTITY_PER_SECOND: u32 = 10;

/// The largest image the upload API takes: 10 MB (upload page, 234006).
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// The largest resolution of a GIF: 2000 × 2000 (upload page, 234039).
pub const MAX_GIF_SIDE: u32 = 2000;
/// The largest resolution of other images: 12000 × 12000 (upload page, 234039).
pub const MAX_IMAGE_SIDE: u32 = 12000;

/// A limit the platform counts calls against. Each route lists the budgets it spends
/// ([`crate::routes::Route::spends`]); the client waits for each, the emulator refuses past each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// The app's quota on this one API: [`APP_PER_SECOND`] and [`APP_PER_MINUTE`] (each API's
    /// page, 频率限制: "1000 次/分钟、50 次/秒").
    App,
    /// PATCHes of one message: [`MESSAGE_PER_SECOND`] (seed 000).
    Message,
    /// Sends to one receiver: [`RECEIVER_PER_SECOND`] (send page).
    Receiver,
    /// Operations on one card entity, across every card and element API: [`ENTITY_PER_SECOND`].
    Entity,
    /// The app's chat_button updates: [`CHAT_BUTTON_PER_SECOND`] (seed 002).
    ChatButton,
}

impl Budget {
    /// At most `n` requests in any `window`, for each (n, window) of the budget.
    pub fn windows(self) -> &'static [(u32, Duration)] {
        const SEC: Duration = Duration::from_secs(1);
        const MIN: Duration = Duration::from_secs(60);
        match self {
            Budget::App => &[(APP_PER_SECOND, SEC), (APP_PER_MINUTE, MIN)],
            Budget::Message => &[(MESSAGE_PER_SECOND, SEC)],
            Budget::Receiver => &[(RECEIVER_PER_SECOND, SEC)],
            Budget::Entity => &[(ENTITY_PER_SECOND, SEC)],
            Budget::ChatButton => &[(CHAT_BUTTON_PER_SECOND, SEC)],
        }
    }

    /// Whether each message, receiver or card entity has its own (the call names it: the path's
    /// `message_id` or `card_id`, the body's `receive_id`).
    pub fn keyed(self) -> bool {
        matches!(self, Budget::Message | Budget::Receiver | Budget::Entity)
    }
}

//! The Feishu/Lark platform as the card crates see it, written once: every endpoint they call
//! ([`routes`]), every code with its text and retry class ([`codes`]), the documented limits and
//! windows ([`limits`]), and the few types the sender, the callbacks and the emulator share
//! ([`Endpoint`], [`Secret`]). The client builds its requests from this table and the emulator
//! its router, so the two cannot disagree on a path or a number.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod app;
pub mod base_url;
pub mod codes;
mod endpoint;
pub mod limits;
pub mod routes;
mod secret;

pub use app::AppServer;
pub use base_url::{FEISHU_BASE_URL, LARK_BASE_URL};
pub use codes::*;
pub use endpoint::Endpoint;
pub use limits::*;
pub use secret::Secret;

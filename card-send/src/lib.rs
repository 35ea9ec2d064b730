//! Async client for Feishu/Lark card messages (work in progress: lands with its own issue).
#![forbid(unsafe_code)]

//! Where the examples send: the embedded emulator by default, Feishu when `FEISHU_APP_ID`,
//! `FEISHU_APP_SECRET` and `FEISHU_CHAT_ID` are set (`FEISHU_BASE_URL` for Lark or another base).
#![allow(dead_code)] // each example uses some of these

pub mod cards;

use card_emulator::Emulator;
use card_send::{Client, FEISHU_BASE_URL};

/// A client, the chat to send to, a member's open_id, and the emulator when there is one.
pub struct Target {
    pub client: Client,
    pub chat_id: String,
    pub user_id: Option<String>,
    pub emulator: Option<Emulator>,
}

/// The target the environment names.
pub async fn target() -> Result<Target, Box<dyn std::error::Error>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let (Some(app_id), Some(secret), Some(chat_id)) = (
        env("FEISHU_APP_ID"),
        env("FEISHU_APP_SECRET"),
        env("FEISHU_CHAT_ID"),
    ) {
        let base = env("FEISHU_BASE_URL").unwrap_or_else(|| FEISHU_BASE_URL.to_owned());
        println!("target: {base} (app {app_id}, chat {chat_id})");
        let client = Client::builder()
            .app_id(app_id)
            .app_secret(secret)
            .base_url(base)
            .build()?;
        return Ok(Target {
            client,
            chat_id,
            user_id: env("FEISHU_USER_OPEN_ID"),
            emulator: None,
        });
    }
    let emulator = Emulator::start().await?;
    println!(
        "target: embedded emulator at {} (set FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_CHAT_ID for Feishu)",
        emulator.base_url()
    );
    let client = card_send::Client::builder().against(&emulator).build()?;
    let chat_id = emulator.chat_id().to_owned();
    let user_id = emulator.members().first().cloned();
    Ok(Target {
        client,
        chat_id,
        user_id,
        emulator: Some(emulator),
    })
}

/// The process's exit: success, or the error printed and a failure code.
pub fn exit_code(result: Result<(), Box<dyn std::error::Error>>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

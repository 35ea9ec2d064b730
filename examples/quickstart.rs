//! The main job: build a card with `card!`, send it, stream 50 updates into it through
//! `card_updates`, stream an LLM answer with a typewriter effect through a CardKit `CardStream`,
//! edit a text message, set the chat's feed-card buttons, and print what happened.
//!
//! Runs against an embedded emulator by default. With `FEISHU_APP_ID`, `FEISHU_APP_SECRET` and
//! `FEISHU_CHAT_ID` set, it runs against Feishu (`FEISHU_BASE_URL` for Lark or another base).
//!
//! `cargo run --example quickstart`

use std::process::ExitCode;
use std::time::{Duration, Instant};

use card_dsl::{
    Card, ChatButton, ChatButtonActionType, ChatButtonText, ChatButtonType, ChatButtonUpdate,
    ChatButtonUrl, ChatButtons, MessageContent,
};

mod common;
use card_emulator::Emulator;
use card_send::{Client, ClientBuilder};
use common::cards::{ANSWER, BAD_CARD, answer_card, streaming_card};

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Where to send: Feishu when FEISHU_APP_ID, FEISHU_APP_SECRET (FEISHU_BASE_URL for Lark) and
    // FEISHU_CHAT_ID are set; else an emulator embedded in this process.
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let (client, chat_id, user_id, emulator) = match (
        ClientBuilder::from_env(),
        env("FEISHU_CHAT_ID"),
    ) {
        (Some(feishu), Some(chat_id)) => {
            println!("target: Feishu, chat {chat_id}");
            (feishu.build()?, chat_id, env("FEISHU_USER_OPEN_ID"), None)
        }
        _ => {
            let emu = Emulator::start().await?;
            println!(
                "target: embedded emulator at {} (set FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_CHAT_ID for Feishu)",
                emu.base_url()
            );
            let client = Client::builder().against(&emu).build()?;
            let user = emu.members().first().cloned();
            (client, emu.chat_id().to_owned(), user, Some(emu))
        }
    };
    let words: Vec<&str> = ANSWER.split_whitespace().collect();

    // 1. Send a card built with card! (checked at compile time, validated again before sending).
    let id = client
        .send_card(chat_id.as_str(), &answer_card(&words, 0, false))
        .await?;
    println!("1. sent card {id}");

    // 2. Stream 50 versions: set() never waits; only the latest is sent, as fast as allowed.
    let updates = client.card_updates(id.clone());
    let start = Instant::now();
    for step in 1..=50 {
        let shown = words.len() * step / 50;
        updates.set(answer_card(&words, shown, step == 50))?;
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    updates.flush().await?;
    println!(
        "2. streamed {} versions in {:.1} s with {} PATCH requests (5/s per message); the final card is delivered",
        updates.set_count(),
        start.elapsed().as_secs_f64(),
        updates.sent_count()
    );

    // 3. Edit a text message (seed 001: at most 20 edits).
    let text_id = client
        .send_message(
            chat_id.as_str(),
            &MessageContent::text("Deploying billing…"),
        )
        .await?;
    let edited = client
        .edit_message(&text_id, &MessageContent::text("Deployed billing ✅"))
        .await?;
    println!("3. edited text message {text_id}: {}", edited.body.content);

    // 4. Feed-card buttons for a member (seed 002).
    let open = ChatButton::new(
        ChatButtonActionType::UrlPage,
        ChatButtonText::new("Open dashboard"),
    )
    .button_type(ChatButtonType::Primary)
    .multi_url(ChatButtonUrl::new().url("https://example.com/dashboard"));
    let mut request = ChatButtonUpdate::new(chat_id.as_str()).buttons(ChatButtons::new(vec![open]));
    if let Some(user) = &user_id {
        request = request.user_ids(vec![user.clone()]);
    }
    let reply = client.update_chat_button(&request).await?;
    println!(
        "4. chat buttons set; users that failed: {}",
        reply.failed_user_reasons.len()
    );

    // 4b. An LLM answer streamed into a CardKit entity: typewriter effect, no PATCH limits.
    let streaming = streaming_card();
    let stream = client
        .card_stream(chat_id.as_str(), &streaming, "answer")
        .await?;
    let start = Instant::now();
    for word in &words {
        stream.append(word);
        stream.append(" ");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let entity_message = stream.message_id().clone();
    stream.finish(None, Some("answered".into())).await?;
    println!(
        "4b. streamed {} words into a card entity in {:.1} s, then closed streaming mode",
        words.len(),
        start.elapsed().as_secs_f64()
    );

    // 5. What pre-flight catches before anything is sent.
    let bad = Card::from_json(BAD_CARD)?;
    match client.update_card(&id, &bad).await {
        Err(e) if e.is_preflight() && e.code() == Some(230099) => {
            println!("5. pre-flight refused a bad card without sending it: {e}")
        }
        Err(e) => {
            return Err(format!("the bad card was refused, but not by pre-flight: {e}").into());
        }
        Ok(()) => return Err("the bad card was accepted".into()),
    }

    if let Some(emu) = &emulator {
        let streamed = emu
            .message(&entity_message)
            .and_then(|m| m.content_json())
            .ok_or("the emulator lost the streamed card")?;
        if streamed["body"]["elements"][0]["content"]
            .as_str()
            .map(str::trim)
            != Some(ANSWER)
        {
            return Err("the streamed card does not hold the whole answer".into());
        }
        let m = emu.message(&id).ok_or("the emulator lost the card")?;
        let s = emu.stats();
        let is_final = m.content == answer_card(&words, words.len(), true).to_content();
        println!(
            "emulator: card updated {} times, content is the final card: {is_final}; {} API requests, {} token fetch(es), {} × 230020",
            m.updates, s.requests, s.token_requests, s.rate_limited
        );
        if !is_final {
            return Err("the card on the emulator is not the final version".into());
        }
        if s.rate_limited > 0 {
            return Err(format!("{} requests were refused with 230020", s.rate_limited).into());
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

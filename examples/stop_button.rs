//! A Stop button for a streaming answer: the bot streams an answer into a card entity with
//! `CardStream`; its card has a Stop button whose callback handler holds the stream's
//! `StopHandle`; the button's value and the handler's argument are one type (`StopAnswer`),
//! routed by `Actions`. The emulator clicks Stop (a signed callback to the bot's axum router) while
//! the answer is still coming; the handler stops the stream, the text pushed after it is never
//! sent, and streaming mode is off. Exits non-zero when any of that does not hold.
//!
//! `cargo run --example stop_button` (the emulator only: a real app would need a public
//! callback URL, or the long connection).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use card_emulator::{Emulator, Via};
use card_send::Client;
use card_send::callback::{Actions, Answer, CardAction, Toast, Verifier, router};
use card_send::cardkit::StopHandle;

mod common;

/// The answer this run streams (a real bot would use its own run id).
const RUN: &str = "answer-1";

/// The Stop button's action: which answer to stop.
#[derive(serde::Serialize, serde::Deserialize, CardAction)]
struct StopAnswer {
    stream: String,
}

fn answer_card(stream: &str) -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <button element_id="stop" type="danger"><text>"Stop"</text>
                <behaviors><callback action={StopAnswer { stream: stream.to_owned() }}/></behaviors>
            </button>
        </card>
    }
}

/// The Stop button's handler: stops the stream it was given, if the click is for it.
async fn stop(stop: StopHandle, stream: String, action: StopAnswer) -> Answer {
    if action.stream != stream {
        return Answer::new().toast(Toast::info("that answer is already done"));
    }
    match stop.stop().await {
        Ok(true) => Answer::new().toast(Toast::success("stopped")),
        Ok(false) => Answer::new().toast(Toast::info("already done")),
        Err(e) => Answer::new().toast(Toast::error(e.to_string())),
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let emu = Emulator::start().await?;
    let client = Client::builder().against(&emu).build()?;
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(RUN), "answer")
        .await?;
    let message = stream.message_id();

    let receiver = Arc::new(
        Verifier::default()
            .encrypt_key(emu.callback_encrypt_key())
            .verification_token(emu.callback_verification_token()),
    );
    let handle = stream.stop_handle();
    let actions = Actions::new()
        .on(move |action: StopAnswer, _event| stop(handle.clone(), RUN.to_owned(), action));
    let app = router(receiver, actions.handler());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // The model writes; after 20 words the user clicks Stop.
    let mut said = String::new();
    for i in 0..20 {
        said.push_str(&format!("word{i} "));
        stream.append(&format!("word{i} "));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let user = emu.members()[0].clone();
    let click = emu
        .click_button(message.as_str(), "stop", &user, Via::Url(&url))
        .await?;
    println!(
        "Stop clicked: toast {} in {:?}",
        click.toast.clone().unwrap_or_default(),
        click.elapsed
    );
    // The model goes on; nothing of it may reach the card.
    stream.append("and this should never be shown");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let shown = emu
        .message(&message)
        .and_then(|m| m.content_json())
        .unwrap_or_default();
    let text = shown["body"]["elements"][0]["content"]
        .as_str()
        .unwrap_or_default();
    println!(
        "card text: {text:?}; streaming mode: {}",
        shown["config"]["streaming_mode"]
    );
    if click.toast.is_none() || click.error.is_some() {
        return Err(format!("the Stop click failed: {:?}", click.error).into());
    }
    if text != said || shown["config"]["streaming_mode"] != false {
        return Err("the stream did not stop at the click".into());
    }
    stream.finish(None, None).await?;
    client.close().await?;
    println!(
        "stopped: the card holds the {} words said before Stop",
        said.split_whitespace().count()
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

//! An approval bot driven end to end through the emulator: a leave request card with typed
//! Approve / Reject buttons and a comment form; the emulator clicks them as a user would (signed
//! callbacks to the bot's axum router); typed dispatch (`Actions`) hands each click to the
//! handler of its Rust type — the type the card's button was given, so they cannot disagree —
//! and the bot answers with toasts and new cards — the slow "reject" path within the 3-second deadline and
//! its card by delayed update. It ends on the approved card, then approves one more request with
//! the same handler over the long connection (feature `callback-ws`: no public URL needed).
//!
//! `cargo run --example approval_bot` (the emulator only: a real app would need a public
//! callback URL registered in the developer console).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use card_emulator::{Emulator, Via};
use card_send::Client;
use card_send::callback::ws::LongConnection;
use card_send::callback::{Actions, Answer, CardAction, CardActionEvent, Toast, Verifier, router};
use serde::{Deserialize, Serialize};

mod common;

/// What the Approve and Reject buttons send: one type for the card and its handler.
#[derive(Debug, Clone, Serialize, Deserialize, CardAction)]
#[serde(tag = "decision", rename_all = "snake_case")]
enum Decision {
    Approve { request: u64 },
    Reject { request: u64 },
}

/// What the comment form's submit button sends.
#[derive(Debug, Clone, Serialize, Deserialize, CardAction)]
struct SendNote {
    request: u64,
}

/// The comment form, keyed by the controls' names.
#[derive(Debug, Deserialize)]
struct Comment {
    note: String,
}

fn request_card(request: u64, status: &str) -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <header template="blue"><title>{format!("Leave request #{request}")}</title></header>
            <markdown>{format!("Ada asks for 3 days off. {status}")}</markdown>
            <column_set flex_mode="bisect">
                <column><button element_id="approve" type="primary_filled"><text>"Approve"</text>
                    <behaviors><callback action={Decision::Approve { request }}/></behaviors>
                </button></column>
                <column><button element_id="reject" type="danger"><text>"Reject"</text>
                    <behaviors><callback action={Decision::Reject { request }}/></behaviors>
                </button></column>
            </column_set>
            <form name="comment">
                <input name="note"><placeholder>"A note for Ada"</placeholder></input>
                <button name="send" form_action_type="submit"><text>"Send note"</text>
                    <behaviors><callback action={SendNote { request }}/></behaviors>
                </button>
            </form>
        </card>
    }
}

fn decided_card(text: &str) -> card_dsl::Card {
    card_dsl::card! {
        <card><header template="green"><title>"Leave request"</title></header>
        <markdown>{text.to_owned()}</markdown></card>
    }
}

/// The bot's handlers, keyed by action type.
fn actions(client: Client) -> Actions {
    Actions::new()
        .on(move |decision: Decision, event| decide(client.clone(), decision, event))
        .on_form(
            |SendNote { request }, comment: Comment, _event| async move {
                Answer::new().toast(Toast::success(format!(
                    "note on #{request} sent: {}",
                    comment.note
                )))
            },
        )
}

/// Approve at once; reject after a check that outlasts the platform's 3 seconds.
async fn decide(client: Client, decision: Decision, event: CardActionEvent) -> Answer {
    let work = async move {
        match decision {
            Decision::Approve { request } => Answer::new()
                .toast(Toast::success("approved"))
                .card(&decided_card(&format!("#{request} approved ✅"))),
            Decision::Reject { request } => {
                // Checking the calendar takes longer than the platform's 3 seconds.
                tokio::time::sleep(Duration::from_millis(3500)).await;
                Answer::new().card(&decided_card(&format!(
                    "#{request} rejected: team is short-staffed"
                )))
            }
        }
    };
    let fallback = Answer::new().toast(Toast::info("working on it…"));
    client.answer_within_deadline(&event, fallback, work).await
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let emu = Emulator::start().await?;
    let client = card_send::Client::builder().against(&emu).build()?;
    let receiver = Arc::new(
        Verifier::default()
            .encrypt_key(emu.callback_encrypt_key())
            .verification_token(emu.callback_verification_token()),
    );
    let app = router(receiver, actions(client.clone()).handler());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("bot: callbacks at {url}; emulator at {}", emu.base_url());
    let user = emu.members()[0].clone();

    // 1. A comment through the form.
    let first = client
        .send_card(emu.chat_id(), &request_card(41, ""))
        .await?;
    // The user types a note into the form `comment` and submits it (the action is taken from
    // the card as sent: its submit button, its fields' names).
    let note = serde_json::json!({"note": "enjoy!"});
    let click = emu
        .submit_form(first.as_str(), "comment", note, &user, Via::Url(&url))
        .await?;
    let toast = click.toast.unwrap_or_default();
    println!("1. form submitted: toast {toast}");
    if toast["content"] != "note on #41 sent: enjoy!" {
        return Err(format!("the form's handler did not answer: {toast:?}").into());
    }

    // 2. Reject: slow, answered within 3 s, the card follows by delayed update.
    let click = emu
        .click_button(first.as_str(), "reject", &user, Via::Url(&url))
        .await?;
    if let Some((code, why)) = &click.error {
        return Err(format!("reject failed in the user's client: {code} {why}").into());
    }
    println!(
        "2. reject answered in {:?} with toast {}",
        click.elapsed,
        click.toast.unwrap_or_default()
    );
    let want = Some(decided_card("#41 rejected: team is short-staffed").to_value());
    for _ in 0..60 {
        if emu.message(&first).and_then(|m| m.content_json()) == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if emu.message(&first).and_then(|m| m.content_json()) != want {
        return Err("the rejected card did not arrive by delayed update".into());
    }
    println!("   the rejected card arrived by delayed update");

    // 3. Approve: answered at once with the approved card.
    let second = client
        .send_card(emu.chat_id(), &request_card(42, ""))
        .await?;
    let click = emu
        .click_button(second.as_str(), "approve", &user, Via::Url(&url))
        .await?;
    if !click.card_applied
        || emu.message(&second).and_then(|m| m.content_json())
            != Some(decided_card("#42 approved ✅").to_value())
    {
        return Err(format!("the approved card was not applied: {:?}", click.error).into());
    }
    println!(
        "3. approved in {:?}: the card now reads \"#42 approved ✅\"",
        click.elapsed
    );
    // 4. The same handler over the long connection (a self-built app with no public URL).
    let conn = LongConnection::new(emu.app_id(), emu.app_secret()).base_url(emu.base_url());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handler = actions(client.clone()).handler();
    let bot = tokio::spawn(async move {
        conn.run(handler, async {
            let _ = stopped.await;
        })
        .await
    });
    for _ in 0..100 {
        if emu.long_connection_stats().0 > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let third = client
        .send_card(emu.chat_id(), &request_card(43, ""))
        .await?;
    let click = emu
        .click_button(third.as_str(), "approve", &user, Via::LongConnection)
        .await?;
    if !click.card_applied
        || emu.message(&third).and_then(|m| m.content_json())
            != Some(decided_card("#43 approved ✅").to_value())
    {
        return Err(format!("over the long connection: {:?}", click.error).into());
    }
    println!(
        "4. approved over the long connection in {:?}: \"#43 approved ✅\"",
        click.elapsed
    );
    let _ = stop.send(());
    bot.await??;
    client.close().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

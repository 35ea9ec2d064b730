//! The emulator answers as the server did: each production card the server refused
//! (`../shared/corpus/wild.json`, with the reply someone recorded) is sent to the emulator as raw
//! bytes, past any client check, and the emulator's reply carries the recorded code, sub-code
//! and ErrPath. (Pre-flight is pinned to the same replies in `tests/tests/wild.rs`.)

mod common;

use card_emulator::Emulator;
use card_send::CardContentError;

#[tokio::test]
async fn the_emulator_refuses_production_cards_as_the_server_did() {
    let cards = card_test_support::need!(card_test_support::rejected_production_cards());
    let emu = Emulator::start().await.unwrap();
    // Building a client installs the crate's TLS provider, which a bare reqwest client needs.
    let _ = card_send::Client::builder().against(&emu).build().unwrap();
    let http = reqwest::Client::new();
    let token = common::raw_token(&http, &emu).await;
    for card in &cards {
        let reply: serde_json::Value = http
            .post(format!(
                "{}/open-apis/im/v1/messages?receive_id_type=chat_id",
                emu.base_url()
            ))
            .bearer_auth(&token)
            .json(&serde_json::json!({
                "receive_id": emu.chat_id(),
                "msg_type": "interactive",
                "content": card.content,
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let msg = reply["msg"].as_str().unwrap_or_default();
        let sub = CardContentError::parse(msg)
            .unwrap_or_else(|| panic!("{}: no ErrCode in the emulator's reply {reply}", card.file));
        assert_eq!(
            (
                reply["code"].as_u64().map(|c| c as u32),
                sub.err_code,
                sub.err_path.as_deref().unwrap_or("ROOT")
            ),
            (Some(card.reply.0), card.reply.1, card.reply.2.as_str()),
            "{}: the emulator's reply {reply} is not the recorded one",
            card.file
        );
    }
    assert!(
        cards.len() >= 3,
        "{} rejected production cards",
        cards.len()
    );
}

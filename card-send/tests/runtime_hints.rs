//! Run-time help as good as the compile-time kind: an element id typo gets a did-you-mean, a
//! chat's name sent as an id gets a hint, and a base URL ending in /open-apis fails `build()`.

use card_emulator::Emulator;
use card_send::Client;

#[tokio::test]
async fn an_element_id_typo_gets_a_did_you_mean() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> };
    let e = client
        .card_stream(emu.chat_id(), &card, "anwser")
        .await
        .unwrap_err();
    assert!(e.is_preflight(), "{e}");
    assert!(e.to_string().contains("did you mean \"answer\"?"), "{e}");
    // Nothing close: the ids the card has.
    let id = client.create_card_entity(&card).await.unwrap();
    let e = client
        .stream_text(&id, "summary_text", "x")
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("its element_ids: [\"answer\"]"),
        "{e}"
    );
}

#[tokio::test]
async fn a_chat_name_sent_as_an_id_gets_a_hint() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown>"hi"</markdown></card> };
    // A name reads as a user_id: the platform's "these ids not existed" says no more.
    let e = client.send_card("deploy-alerts", &card).await.unwrap_err();
    assert_eq!(e.code(), Some(99992360), "{e}");
    let text = e.to_string();
    assert!(
        text.contains("hint: \"deploy-alerts\" was sent as a user_id"),
        "{text}"
    );
    assert!(text.contains("Receiver::ChatId"), "{text}");
    // A chat name given as a chat_id.
    let e = client
        .send_card(card_send::Receiver::ChatId("deploy-alerts".into()), &card)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("every chat_id starts with oc_"),
        "{e}"
    );
    // A real chat_id that is wrong gets no guess.
    let e = client.send_card("oc_missing", &card).await.unwrap_err();
    assert!(!e.to_string().contains("hint"), "{e}");
}

#[test]
fn a_base_url_ending_in_open_apis_fails_at_build() {
    for url in [
        "https://open.feishu.cn/open-apis",
        "https://open.feishu.cn/open-apis/",
    ] {
        let e = Client::builder()
            .app_id("cli_a")
            .app_secret("s")
            .base_url(url)
            .build()
            .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("ends in /open-apis"), "{text}");
        assert!(text.contains("https://open.feishu.cn"), "{text}");
    }
}

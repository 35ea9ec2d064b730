//! Every call against the emulator: what is sent arrives, what comes back is typed.

use card_dsl::{
    ChatButton, ChatButtonActionType, ChatButtonText, ChatButtonUpdate, ChatButtons,
    MessageContent, Post, PostBody, PostNode, TemplateCard, card,
};
use card_send::MessageId;
use card_send::emulator::Emulator;

fn status_card(text: &str) -> card_dsl::Card {
    card! {
        <card>
            <header><title>"Build"</title></header>
            <markdown>{text.to_owned()}</markdown>
        </card>
    }
}

#[tokio::test]
async fn send_update_get_a_card() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    let id = client
        .send_card(emu.chat_id(), &status_card("running"))
        .await
        .unwrap();
    assert!(id.as_str().starts_with("om_"));
    let done = status_card("done");
    client.update_card(&id, &done).await.unwrap();
    let m = emu.message(&id).unwrap();
    assert_eq!((m.msg_type.as_str(), m.updates), ("interactive", 1));
    assert_eq!(m.content, done.to_content());
    let json = m.content_json().unwrap();
    assert_eq!(json["config"]["update_multi"], true);
    assert_eq!(json["schema"], "2.0");
    let got = client.get_message(&id).await.unwrap();
    assert_eq!(
        (
            got.message_id.as_str(),
            got.body.content.as_str(),
            got.updated
        ),
        (id.as_str(), done.to_content().as_str(), true)
    );
    assert!(got.created_at().is_some());
}

#[tokio::test]
async fn send_to_users_by_id_type() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    let user = emu.users()[0].clone();
    // One user under each id type: each reaches the same p2p chat.
    for to in [&user.open_id, &user.union_id, &user.email, &user.user_id] {
        let id = client
            .send_message(to, &MessageContent::text("hi"))
            .await
            .unwrap();
        assert_eq!(
            emu.message(&id).unwrap().chat_id,
            format!("oc_p2p_{}", user.open_id)
        );
    }
}

#[tokio::test]
async fn template_cards_send_and_patch() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    let t = TemplateCard::template("AAqigYkzabcef")
        .version("1.0.0")
        .variable("name", "Ada");
    let id = client.send_template(emu.chat_id(), &t).await.unwrap();
    let t2 = TemplateCard::template("AAqigYkzabcef").variable("name", "Grace");
    client.update_template(&id, &t2).await.unwrap();
    let m = emu.message(&id).unwrap();
    assert_eq!(
        m.content_json().unwrap()["data"]["template_variable"]["name"],
        "Grace"
    );
}

#[tokio::test]
async fn edit_text_and_post() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    let id = client
        .send_message(emu.chat_id(), &MessageContent::text("draft"))
        .await
        .unwrap();
    let edited = client
        .edit_message(&id, &MessageContent::text("final"))
        .await
        .unwrap();
    assert_eq!(
        (edited.msg_type.as_str(), edited.body.content.as_str()),
        ("text", r#"{"text":"final"}"#)
    );
    let post = Post::new().locale(
        "zh_cn",
        PostBody::new().title("Release").paragraph([
            PostNode::text("v1.2 is out: "),
            PostNode::link("notes", "https://example.com/notes"),
        ]),
    );
    let edited = client
        .edit_message(&id, &MessageContent::from(post))
        .await
        .unwrap();
    assert_eq!(edited.msg_type, "post");
    let m = emu.message(&id).unwrap();
    assert_eq!(m.edits, 2);
    assert_eq!(m.content_json().unwrap()["zh_cn"]["title"], "Release");
}

#[tokio::test]
async fn chat_button_reports_failed_users() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    let button = ChatButton::new(ChatButtonActionType::UrlPage, ChatButtonText::new("Open"));
    let request = ChatButtonUpdate::new(emu.chat_id())
        .user_ids(vec![emu.members()[0].clone(), "ou_not_a_member".to_owned()])
        .buttons(ChatButtons::new(vec![button]));
    let reply = client.update_chat_button(&request).await.unwrap();
    assert_eq!(reply.failed_user_reasons.len(), 1);
    assert_eq!(reply.failed_user_reasons[0].user_id, "ou_not_a_member");
    assert_eq!(
        reply.failed_user_reasons[0].error_message,
        "The user is not in the chat"
    );
    let buttons = emu.chat_buttons(emu.chat_id()).unwrap();
    assert_eq!(buttons["buttons"][0]["text"]["text"], "Open");
    assert_eq!(emu.stats().chat_buttons, 1);
}

#[tokio::test]
async fn sends_are_idempotent_across_retries() {
    // A dropped connection after the server stored the message must not send it twice: the
    // client's uuid de-duplicates. Here: the first attempt is dropped before the handler runs,
    // so exactly one message exists afterwards either way.
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().build().unwrap();
    emu.inject(card_send::emulator::Fault::Drop, 1);
    let id = client
        .send_card(emu.chat_id(), &status_card("x"))
        .await
        .unwrap();
    assert!(emu.message(&id).is_some());
    assert_eq!(emu.stats().sends, 1);
    let unknown = client
        .get_message(&MessageId::new("om_nope"))
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some(230001));
}

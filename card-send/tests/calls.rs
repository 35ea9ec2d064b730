//! Every call against the emulator: what is sent arrives, what comes back is typed.

use card_dsl::{
    ChatButton, ChatButtonActionType, ChatButtonText, ChatButtonUpdate, ChatButtons,
    MessageContent, Post, PostBody, PostNode, TemplateCard, card,
};
mod common;

use card_emulator::Emulator;
use card_send::MessageId;
use std::time::Duration;

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
    let client = card_send::Client::builder().against(&emu).build().unwrap();
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
    let client = card_send::Client::builder().against(&emu).build().unwrap();
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
    let client = card_send::Client::builder().against(&emu).build().unwrap();
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
    let client = card_send::Client::builder().against(&emu).build().unwrap();
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
    let client = card_send::Client::builder().against(&emu).build().unwrap();
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
    // The server stores the message, then the connection drops before its answer: the client
    // retries, and only the send's uuid keeps the message from being delivered twice.
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    emu.inject(card_emulator::Fault::LoseReply, 1);
    let id = client
        .send_card(emu.chat_id(), &status_card("x"))
        .await
        .unwrap();
    assert!(emu.message(&id).is_some());
    assert_eq!(emu.stats().sends, 1, "the retried send was delivered twice");
    // A reply too.
    emu.inject(card_emulator::Fault::LoseReply, 1);
    let reply = client
        .reply_message(&id, &MessageContent::text("again"), false)
        .await
        .unwrap();
    assert!(emu.message(reply.message_id.as_str()).is_some());
    assert_eq!(
        emu.stats().sends,
        2,
        "the retried reply was delivered twice"
    );
    let unknown = client
        .get_message(&MessageId::new("om_nope"))
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some(230001));
}

#[tokio::test]
async fn replies_in_chat_and_in_a_thread() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let question = client
        .send_message(emu.chat_id(), &MessageContent::text("deploy?"))
        .await
        .unwrap();
    let plain = client
        .reply_message(&question, &MessageContent::text("on it"), false)
        .await
        .unwrap();
    assert_eq!(plain.parent_id.as_deref(), Some(question.as_str()));
    assert_eq!(plain.thread_id, None);
    let card = card_dsl::card! { <card><markdown>"**done**"</markdown></card> };
    let threaded = client.reply_card(&question, &card, true).await.unwrap();
    let thread = threaded.thread_id.clone().expect("a topic");
    assert_eq!(threaded.root_id.as_deref(), Some(question.as_str()));
    assert_eq!(threaded.chat_id, emu.chat_id());
    // A reply to a message in a topic stays in it, even without asking.
    let follow = client
        .reply_message(
            &MessageId::new(threaded.message_id.clone()),
            &MessageContent::text("details"),
            false,
        )
        .await
        .unwrap();
    assert_eq!(follow.thread_id.as_deref(), Some(thread.as_str()));
    let stored = emu.message(threaded.message_id.as_str()).unwrap();
    assert_eq!(stored.content, card.to_content());
    // A recalled message takes no reply (230011).
    client.recall(&question).await.unwrap();
    let e = client
        .reply_message(&question, &MessageContent::text("late"), false)
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(230011));
}

#[tokio::test]
async fn recall_own_messages_only() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client
        .send_message(emu.chat_id(), &MessageContent::text("oops"))
        .await
        .unwrap();
    client.recall(&id).await.unwrap();
    assert!(emu.message(&id).unwrap().recalled);
    assert_eq!(client.recall(&id).await.unwrap_err().code(), Some(230011));
    let foreign =
        card_send::MessageId::new(emu.insert_foreign_message("text", r#"{"text":"theirs"}"#));
    assert_eq!(
        client.recall(&foreign).await.unwrap_err().code(),
        Some(230026)
    );
}

#[tokio::test]
async fn recall_after_the_tenants_time_limit_is_230009() {
    let emu = Emulator::builder()
        .recall_window(Duration::from_secs(24 * 3600))
        .start()
        .await
        .unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let old = client
        .send_message(emu.chat_id(), &MessageContent::text("old"))
        .await
        .unwrap();
    emu.advance_clock(Duration::from_secs(23 * 3600));
    let fresh = client
        .send_message(emu.chat_id(), &MessageContent::text("fresh"))
        .await
        .unwrap();
    emu.advance_clock(Duration::from_secs(2 * 3600));
    let e = client.recall(&old).await.unwrap_err();
    assert_eq!(e.code(), Some(230009), "{e}");
    assert!(e.to_string().contains("expired"), "{e}");
    assert!(!emu.message(&old).unwrap().recalled);
    client.recall(&fresh).await.unwrap();
    assert!(emu.message(&fresh).unwrap().recalled);
}

#[tokio::test]
async fn upload_an_image_and_use_its_key_in_a_card() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let bytes = common::png(640, 480);
    let key = client.upload_image(&bytes).await.unwrap();
    assert_eq!(emu.image(key.as_str()).as_deref(), Some(bytes.as_slice()));
    let card = card_dsl::card! { <card><img img_key={key.clone()}/></card> };
    let id = client.send_card(emu.chat_id(), &card).await.unwrap();
    assert!(emu.message(&id).unwrap().content.contains(key.as_str()));

    // The upload page's limits, checked before any request.
    let before = emu.stats().requests;
    for (bad, code) in [
        (Vec::new(), 234010),
        (b"not an image".to_vec(), 234011),
        (common::png(12001, 5), 234039),
    ] {
        let e = client.upload_image(&bad).await.unwrap_err();
        assert!(e.is_preflight(), "{e}");
        assert_eq!(e.code(), Some(code), "{e}");
    }
    assert_eq!(emu.stats().requests, before);
    let e = client
        .upload_image_file("/nonexistent/cat.png")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("/nonexistent/cat.png"), "{e}");
}

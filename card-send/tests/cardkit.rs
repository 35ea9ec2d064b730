//! CardKit card entities against the emulator: create, send once, stream text with a strictly
//! increasing sequence, settings in their config wrapper, the local checks, and `CardStream`
//! through the 10-minute streaming close.

use std::time::Duration;

mod common;

use card_emulator::Emulator;
use card_send::cardkit::EntitySettings;

fn answer_card() -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <button element_id="more"><text>"More"</text></button>
        </card>
    }
}

fn text_of(emu: &Emulator, id: &card_send::MessageId) -> serde_json::Value {
    emu.message(id).unwrap().content_json().unwrap()
}

#[tokio::test]
async fn create_send_stream_and_close() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let card = answer_card();
    let stream = client
        .card_stream(emu.chat_id(), &card, "answer")
        .await
        .unwrap();
    let id = stream.message_id().clone();
    let mut expected = String::new();
    for i in 0..300 {
        let token = format!("t{i} ");
        expected.push_str(&token);
        stream.append(&token);
        if i % 50 == 0 {
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
    }
    stream.finish(None, Some("answered".into())).await.unwrap();
    let shown = text_of(&emu, &id);
    assert_eq!(shown["body"]["elements"][0]["content"], expected);
    assert_eq!(shown["config"]["streaming_mode"], false);
    assert_eq!(shown["config"]["summary"]["content"], "answered");
}

#[tokio::test]
async fn a_stream_longer_than_ten_minutes_is_re_armed_and_ends_with_its_text() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let id = stream.message_id().clone();
    stream.push("first part");
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Twelve emulated minutes later the platform has closed streaming mode (300309).
    emu.advance_clock(Duration::from_secs(12 * 60));
    stream.push("first part, second part");
    stream.finish(None, None).await.unwrap();
    assert_eq!(
        text_of(&emu, &id)["body"]["elements"][0]["content"],
        "first part, second part"
    );
}

#[tokio::test]
async fn the_entity_rules_hold_locally_and_on_the_emulator() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let card = answer_card().config(card_dsl::Config::new().streaming_mode(true));
    let entity = client.create_card_entity(&card).await.unwrap();
    // Only text elements stream; an element the card lacks is refused too — before any request.
    let before = emu.stats().requests;
    let e = client.stream_text(&entity, "more", "x").await.unwrap_err();
    assert!(e.is_preflight() && e.code() == Some(300310), "{e}");
    let e = client.stream_text(&entity, "nope", "x").await.unwrap_err();
    assert!(e.is_preflight(), "{e}");
    assert_eq!(emu.stats().requests, before);
    // The sequence is the client's, strictly increasing per card: another client starting at 1
    // again is refused by the platform (300317).
    client.stream_text(&entity, "answer", "one").await.unwrap();
    client
        .stream_text(&entity, "answer", "one two")
        .await
        .unwrap();
    let other = card_send::Client::builder().against(&emu).build().unwrap();
    let e = other.stream_text(&entity, "answer", "x").await.unwrap_err();
    assert_eq!(e.code(), Some(300317), "{e}");
    // Settings go in their config wrapper: streaming off, then a stream write is 300309.
    client
        .card_entity_settings(
            &entity,
            &EntitySettings {
                streaming_mode: Some(false),
                summary: None,
            },
        )
        .await
        .unwrap();
    let e = client
        .stream_text(&entity, "answer", "late")
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(300309), "{e}");
    // An entity is sent once.
    client
        .send_card_entity(emu.chat_id(), &entity)
        .await
        .unwrap();
    let e = client
        .send_card_entity(emu.chat_id(), &entity)
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(230099), "{e}");
    // 1.0 is refused at create (the emulator judges on its own).
    let v1 = serde_json::json!({"elements": []});
    let raw = reqwest_free_create(&emu, &v1.to_string()).await;
    assert_eq!(raw, 300303);
}

/// Posts a create request by hand (past the client's pre-flight) and returns the code.
async fn reqwest_free_create(emu: &Emulator, data: &str) -> i64 {
    let http = reqwest::Client::new();
    let token = common::raw_token(&http, emu).await;
    let reply: serde_json::Value = http
        .post(format!("{}/open-apis/cardkit/v1/cards", emu.base_url()))
        .bearer_auth(token)
        .json(&serde_json::json!({"type": "card_json", "data": data}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["code"].as_i64().unwrap()
}

#[tokio::test]
async fn a_stream_through_injected_faults_ends_with_its_final_text() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(card_send::RetryPolicy {
            base_delay: Duration::from_millis(5),
            ..card_send::RetryPolicy::default()
        })
        .build()
        .unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let id = stream.message_id().clone();
    stream.push("partial");
    emu.inject(card_emulator::Fault::Status(502), 3);
    stream.push("partial and the rest");
    tokio::time::sleep(Duration::from_millis(150)).await;
    emu.inject(card_emulator::Fault::Drop, 1);
    stream
        .finish(Some("the final answer".into()), None)
        .await
        .unwrap();
    assert_eq!(
        text_of(&emu, &id)["body"]["elements"][0]["content"],
        "the final answer"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_streams_share_the_app_without_230020() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let mut tasks = Vec::new();
    for s in 0..20 {
        let client = client.clone();
        let chat = emu.chat_id().to_owned();
        tasks.push(tokio::spawn(async move {
            let stream = client
                .card_stream(chat.as_str(), &answer_card(), "answer")
                .await
                .unwrap();
            for i in 0..30 {
                stream.append(&format!("s{s}w{i} "));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            stream.finish(None, None).await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(emu.stats().rate_limited, 0);
}

#[tokio::test]
async fn elements_are_added_replaced_patched_and_deleted() {
    use card_send::cardkit::Position;
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let entity = client.create_card_entity(&answer_card()).await.unwrap();
    let id = client
        .send_card_entity(emu.chat_id(), &entity)
        .await
        .unwrap();
    let rate = card_dsl::element! { <button element_id="rate"><text>"Rate"</text></button> };
    client
        .add_elements(&entity, Position::After("answer".into()), [rate])
        .await
        .unwrap();
    assert_eq!(
        text_of(&emu, &id)["body"]["elements"][1]["element_id"],
        "rate"
    );
    // Before any request: a duplicate id (300301), a changed tag (300312), an unknown element.
    let before = emu.stats().requests;
    let dup = card_dsl::element! { <hr element_id="rate"/> };
    let e = client
        .add_elements(&entity, Position::Append, [dup])
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(300301), "{e}");
    let md = card_dsl::element! { <markdown element_id="rate">"x"</markdown> };
    let e = client
        .replace_element(&entity, "rate", md)
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(300312), "{e}");
    assert!(
        client
            .delete_element(&entity, "nope")
            .await
            .unwrap_err()
            .is_preflight()
    );
    assert_eq!(emu.stats().requests, before);
    let rated = card_dsl::element! { <button element_id="rate"><text>"Rated ✓"</text></button> };
    client
        .replace_element(&entity, "rate", rated)
        .await
        .unwrap();
    // A patch from a typed component: its set properties (not its tag or element_id).
    client
        .patch_element(&entity, "rate", card_dsl::Button::new().disabled(true))
        .await
        .unwrap();
    // A patch naming another tag, or not an object, is refused before any request.
    let before = emu.stats().requests;
    let as_md = serde_json::json!({"tag": "markdown", "content": "x"});
    let e = client
        .patch_element(&entity, "rate", as_md)
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(300312), "{e}");
    let e = client
        .patch_element(&entity, "rate", serde_json::json!("disabled"))
        .await
        .unwrap_err();
    assert!(
        e.is_preflight() && e.to_string().contains("not a JSON object"),
        "{e}"
    );
    assert_eq!(emu.stats().requests, before);
    let shown = text_of(&emu, &id);
    assert_eq!(shown["body"]["elements"][1]["text"]["content"], "Rated ✓");
    assert_eq!(shown["body"]["elements"][1]["disabled"], true);
    client.delete_element(&entity, "rate").await.unwrap();
    assert_eq!(
        text_of(&emu, &id)["body"]["elements"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn an_answer_longer_than_a_card_goes_on_in_a_new_card_without_breaking_a_code_fence() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> };
    let stream = client
        .card_stream(emu.chat_id(), &card, "answer")
        .await
        .unwrap();
    let mut full = String::new();
    for i in 0..22 {
        full.push_str(&format!("Paragraph {i}: {}\n\n", "x".repeat(980)));
    }
    // A code block across where the first card fills up.
    full.push_str("```rust\n");
    for i in 0..120 {
        full.push_str(&format!("let line_{i} = {i}; // {}\n", "y".repeat(30)));
    }
    full.push_str("```\n\n");
    for i in 0..10 {
        full.push_str(&format!("After {i}: {}\n\n", "z".repeat(980)));
    }
    for chunk in full.as_bytes().chunks(4000) {
        stream.append(std::str::from_utf8(chunk).unwrap());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let messages = stream.finish(None, None).await.unwrap();
    let texts: Vec<String> = emu_texts(&emu, &messages);
    assert!(
        texts.len() >= 2,
        "the answer went on in a new card: {}",
        texts.len()
    );
    for t in &texts {
        assert_eq!(
            t.matches("```").count() % 2,
            0,
            "no card ends inside a code fence"
        );
        assert!(t.len() <= 30 * 1024);
    }
    assert_eq!(texts.concat(), full);
}

/// The texts of the answer's cards, in order.
fn emu_texts(emu: &Emulator, messages: &[card_send::MessageId]) -> Vec<String> {
    messages
        .iter()
        .map(|id| {
            text_of(emu, id)["body"]["elements"][0]["content"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_batch_applies_all_or_none_and_id_convert_finds_the_entity() {
    use card_send::cardkit::{BatchAction, Position};
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let entity = client.create_card_entity(&answer_card()).await.unwrap();
    let id = client
        .send_card_entity(emu.chat_id(), &entity)
        .await
        .unwrap();
    assert_eq!(client.card_id_of(&id).await.unwrap(), entity);
    let note = card_dsl::element! { <markdown element_id="note">"rated 5"</markdown> };
    client
        .batch_update(
            &entity,
            &[
                BatchAction::Add(Position::After("answer".into()), vec![note.into()]),
                BatchAction::Patch(
                    "answer".into(),
                    serde_json::json!({"content": "done"}).into(),
                ),
                BatchAction::Delete(vec!["more".into()]),
                BatchAction::Settings(EntitySettings {
                    streaming_mode: Some(false),
                    summary: Some("done".into()),
                }),
            ],
        )
        .await
        .unwrap();
    let shown = text_of(&emu, &id);
    let elements = shown["body"]["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 2);
    assert_eq!(elements[0]["content"], "done");
    assert_eq!(elements[1]["element_id"], "note");
    assert_eq!(shown["config"]["summary"]["content"], "done");
    // A batch with a changed tag is refused before any request, and changes nothing.
    let before = emu.stats().requests;
    let hr = card_dsl::element! { <hr element_id="note"/> };
    let e = client
        .batch_update(
            &entity,
            &[BatchAction::Replace("note".into(), Box::new(hr.into()))],
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(300312), "{e}");
    assert_eq!(emu.stats().requests, before);
}

#[tokio::test]
async fn an_interaction_in_progress_is_waited_out_and_templates_make_entities() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let id = stream.message_id();
    // A direct write during a user's interaction gets 200810 (a client without retries shows
    // it; the default policy backs off and retries it) …
    assert!(emu.hold_interaction(&id, Duration::from_millis(500)));
    let no_retry = card_send::Client::builder()
        .against(&emu)
        .retry(card_send::RetryPolicy::none())
        .build()
        .unwrap();
    let e = no_retry
        .stream_text(&stream.card_id(), "answer", "now")
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(200810), "{e}");
    // … and the stream waits it out.
    stream.push("after the interaction");
    stream.finish(None, None).await.unwrap();
    assert_eq!(
        text_of(&emu, &id)["body"]["elements"][0]["content"],
        "after the interaction"
    );
    let t = client
        .create_card_entity_from_template(
            "AAqigYkzabcef",
            Some("1.0.0"),
            serde_json::json!({"name": "Ada"}),
        )
        .await
        .unwrap();
    client.send_card_entity(emu.chat_id(), &t).await.unwrap();
}

#[tokio::test]
async fn an_entity_expires_after_14_days_and_replies_can_carry_one() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let question = client
        .send_message(emu.chat_id(), &card_dsl::MessageContent::text("why?"))
        .await
        .unwrap();
    let card = answer_card().config(card_dsl::Config::new().streaming_mode(true));
    let entity = client.create_card_entity(&card).await.unwrap();
    let reply = client
        .reply_card_entity(&question, &entity, true)
        .await
        .unwrap();
    assert!(reply.thread_id.is_some());
    client
        .stream_text(&entity, "answer", "because")
        .await
        .unwrap();
    emu.advance_clock(Duration::from_secs(15 * 24 * 3600));
    let e = client
        .stream_text(&entity, "answer", "late")
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(200750), "{e}");
}

/// One entity driven three ways at once — a `CardStream`, settings changes and element patches —
/// stays within its 10 operations a second (the emulator refuses the 11th in any second with
/// 99991400) and in sequence order (300317): every call succeeds and none is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_entity_driven_three_ways_keeps_to_ten_a_second_and_its_sequence() {
    let emu = Emulator::start().await.unwrap();
    // No retries: a refusal would fail its call rather than hide in a retry.
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(card_send::RetryPolicy::none())
        .build()
        .unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let entity = stream.card_id();
    let message = stream.message_id();
    let start = std::time::Instant::now();
    let settings = {
        let (client, entity) = (client.clone(), entity.clone());
        tokio::spawn(async move {
            for i in 0..4 {
                let summary = Some(format!("working {i}"));
                let s = EntitySettings {
                    streaming_mode: None,
                    summary,
                };
                client.card_entity_settings(&entity, &s).await.unwrap();
            }
        })
    };
    let patches = {
        let (client, entity) = (client.clone(), entity.clone());
        tokio::spawn(async move {
            for i in 0..4 {
                let partial = serde_json::json!({"text": {"tag": "plain_text", "content": format!("More {i}")}});
                client
                    .patch_element(&entity, "more", partial)
                    .await
                    .unwrap();
            }
        })
    };
    for i in 0..60 {
        stream.append(&format!("w{i} "));
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    settings.await.unwrap();
    patches.await.unwrap();
    stream.finish(None, None).await.unwrap();
    assert_eq!(emu.stats().rate_limited, 0);
    assert!(
        text_of(&emu, &message)["body"]["elements"][0]["content"]
            .as_str()
            .unwrap()
            .ends_with("w59 ")
    );
    // 8 calls, the stream's writes and its close: more than 10 operations, so at least a second.
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

/// The emulator counts a card entity's operations across its APIs: a client without the
/// entity limit gets the 11th operation in a second refused with 99991400.
#[tokio::test]
async fn the_emulator_refuses_an_eleventh_operation_on_one_entity_in_a_second() {
    let emu = Emulator::start().await.unwrap();
    let loose = card_send::Limits {
        entity_per_second: 1000,
        ..card_send::Limits::default()
    };
    let client = card_send::Client::builder()
        .against(&emu)
        .limits(loose)
        .retry(card_send::RetryPolicy::none())
        .build()
        .unwrap();
    let entity = client.create_card_entity(&answer_card()).await.unwrap();
    let mut codes = Vec::new();
    for i in 0..12 {
        let r = if i % 2 == 0 {
            let partial =
                serde_json::json!({"text": {"tag": "plain_text", "content": format!("{i}")}});
            client.patch_element(&entity, "more", partial).await
        } else {
            let s = EntitySettings {
                streaming_mode: None,
                summary: Some(format!("s{i}")),
            };
            client.card_entity_settings(&entity, &s).await
        };
        codes.push(r.err().and_then(|e| e.code()));
    }
    let refused = codes.iter().filter(|c| **c == Some(99991400)).count();
    assert!(
        refused >= 1 && codes[..10].iter().all(Option::is_none),
        "{codes:?}"
    );
}

/// Streams `full` in chunks into a fresh `CardStream`; returns the cards' texts and the refusals.
async fn stream_all(full: &str, chunk: usize) -> (Vec<String>, u64) {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let mut rest = full;
    while !rest.is_empty() {
        let mut at = chunk.min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        stream.append(&rest[..at]);
        rest = &rest[at..];
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let messages = stream.finish(None, None).await.unwrap();
    (emu_texts(&emu, &messages), emu.stats().errors)
}

/// The new user's answer: a markdown table every 4 sections, 12 in all. Each card holds at most
/// 5 (the emulator judges every streamed write as the create page does), the rest go on.
#[tokio::test]
async fn twelve_tables_stream_into_valid_cards() {
    let mut full = String::new();
    for i in 0..48 {
        full.push_str(&format!("## Section {i}\n\nSome text for section {i}.\n\n"));
        if i % 4 == 3 {
            full.push_str("| metric | value |\n|---|---|\n| p50 | 12 ms |\n| p99 | 80 ms |\n\n");
        }
    }
    let (texts, refused) = stream_all(&full, 40).await;
    assert_eq!(refused, 0, "no write refused");
    assert_eq!(texts.concat(), full);
    assert_eq!(texts.len(), 3, "12 tables, 5 a card");
    for t in &texts {
        assert!(card_validate::table_starts(t).len() <= 5, "{t}");
    }
}

/// JSON in the answer: quotes and newlines take two bytes each once sent; the cut counts them.
#[tokio::test]
async fn escape_heavy_text_stays_within_each_cards_size() {
    let full = "\"key\": \"value\",\n".repeat(2600);
    let (texts, refused) = stream_all(&full, 4000).await;
    assert_eq!(refused, 0, "no write refused");
    assert_eq!(texts.concat(), full);
    for t in &texts {
        let sent = serde_json::to_string(t).unwrap().len();
        assert!(sent < 30 * 1024, "{sent} bytes sent for one card's text");
    }
}

/// The new user's second silent failure: a stream dropped without `finish` closes streaming
/// mode itself, with the text pushed before, and `Client::close` waits for it.
#[tokio::test]
async fn a_dropped_stream_closes_streaming_mode() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let id = stream.message_id();
    stream.push("an answer cut short");
    drop(stream);
    client.close().await.unwrap();
    let shown = text_of(&emu, &id);
    assert_eq!(shown["config"]["streaming_mode"], false);
    assert_eq!(
        shown["body"]["elements"][0]["content"],
        "an answer cut short"
    );
}

/// A Stop button: the handle, cloned into another task (a callback handler), stops the stream;
/// text pushed after it is not sent and streaming mode is off.
#[tokio::test]
async fn a_stop_handle_stops_the_stream_from_another_task() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let stream = client
        .card_stream(emu.chat_id(), &answer_card(), "answer")
        .await
        .unwrap();
    let id = stream.message_id();
    let stop = stream.stop_handle();
    stream.push("thinking about it");
    let clicked = tokio::spawn({
        let stop = stop.clone();
        async move { stop.stop().await }
    });
    assert!(clicked.await.unwrap().unwrap(), "the first stop stops it");
    assert!(stop.is_stopped());
    assert!(!stop.stop().await.unwrap(), "a second stop does nothing");
    stream.push("thinking about it, and more");
    let requests = emu.stats().requests;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        emu.stats().requests,
        requests,
        "nothing sent after the stop"
    );
    let shown = text_of(&emu, &id);
    assert_eq!(shown["config"]["streaming_mode"], false);
    assert_eq!(shown["body"]["elements"][0]["content"], "thinking about it");
    // finish after a stop: nothing more is sent.
    stream.finish(Some("late".into()), None).await.unwrap();
    assert_eq!(emu.stats().requests, requests);
}

/// Model output the card would refuse or misread is fitted on every frame: the reasoning is
/// left out, an image URL becomes a link (else 230099/200570), a stray `<at id=all>` shows as
/// text instead of mentioning everyone.
#[tokio::test]
async fn model_output_is_fitted_on_every_frame() {
    let full = "<think>Let me plan the answer.</think>Here is the chart:\n\n![chart](https://example.com/c.png)\n\nPing <at id=all></at> when done.\n";
    let (texts, refused) = stream_all(full, 7).await;
    assert_eq!(refused, 0, "no write refused");
    assert_eq!(
        texts.concat(),
        "Here is the chart:\n\n[chart](https://example.com/c.png)\n\nPing &lt;at id=all>&lt;/at> when done.\n"
    );
}

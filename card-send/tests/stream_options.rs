//! `CardStream` options against the emulator: an append-only answer beside a volatile process
//! element, images the model links uploaded and shown by key, a lower table budget, and a code
//! block longer than a card cut inside with its fence closed and opened again.

use std::time::Duration;

mod common;

use card_emulator::Emulator;
use card_send::Client;
use card_send::cardkit::{ImageFetcher, StreamOptions};

fn card() -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <markdown element_id="process">"thinking…"</markdown>
        </card>
    }
}

/// The elements of a message's card, by element_id.
fn elements(emu: &Emulator, id: &card_send::MessageId) -> Vec<(String, String)> {
    let v = emu.message(id).unwrap().content_json().unwrap();
    v["body"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["element_id"].as_str().unwrap_or_default().to_owned(),
                e["content"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn element(emu: &Emulator, id: &card_send::MessageId, name: &str) -> Option<String> {
    elements(emu, id)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, c)| c)
}

/// Long enough for the stream's task to write what it has (it writes at most every 100 ms).
async fn settle() {
    tokio::time::sleep(Duration::from_millis(450)).await;
}

/// The answer element grows by whole lines (the line being written, which the fitter may still
/// change, waits); the process element shows the status, and is gone when the stream ends with
/// the whole text.
#[tokio::test]
async fn an_append_only_answer_grows_by_lines_beside_a_process_element() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let options = StreamOptions::new().process_element("process");
    let stream = client
        .card_stream_with(emu.chat_id(), &card(), "answer", options)
        .await
        .unwrap();
    let id = stream.message_id();
    stream.set_process("searching the web");
    stream.append("First line.\nSecond <a");
    settle().await;
    assert_eq!(
        element(&emu, &id, "answer").as_deref(),
        Some("First line.\n")
    );
    assert_eq!(
        element(&emu, &id, "process").as_deref(),
        Some("searching the web")
    );
    // The tag completes: the fitter escapes it, and the line shows once it ends.
    stream.append("t id=all> ok\nThird");
    settle().await;
    assert_eq!(
        element(&emu, &id, "answer").as_deref(),
        Some("First line.\nSecond &lt;at id=all> ok\n")
    );
    stream.set_process("writing");
    settle().await;
    assert_eq!(element(&emu, &id, "process").as_deref(), Some("writing"));
    stream.finish(None, None).await.unwrap();
    assert_eq!(
        elements(&emu, &id),
        vec![(
            "answer".to_owned(),
            "First line.\nSecond &lt;at id=all> ok\nThird".to_owned()
        )]
    );
    assert_eq!(emu.stats().errors, 0);
}

/// An image the model links is fetched, uploaded and shown by its key; the text waits at it
/// meanwhile (never shows it as a link first); one that cannot be fetched stays a link.
#[tokio::test]
async fn linked_images_are_uploaded_and_shown_by_key() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let (release, wait) = tokio::sync::watch::channel(false);
    let fetcher = ImageFetcher::new(move |url: String| {
        let mut wait = wait.clone();
        async move {
            if url != "https://e.com/chart.png" {
                return Err(format!("404 {url}"));
            }
            // The upload takes until the test releases it.
            let _ = wait.wait_for(|go| *go).await;
            Ok(common::png(64, 48))
        }
    });
    let stream = client
        .card_stream_with(
            emu.chat_id(),
            &card(),
            "answer",
            StreamOptions::new().upload_images(fetcher),
        )
        .await
        .unwrap();
    let id = stream.message_id();
    stream.append(
        "Latency:\n\n![chart](https://e.com/chart.png)\n\nand ![gone](https://e.com/x.png)\n",
    );
    settle().await;
    assert_eq!(
        element(&emu, &id, "answer").as_deref(),
        Some("Latency:\n\n")
    );
    release.send(true).unwrap();
    settle().await;
    let shown = element(&emu, &id, "answer").unwrap();
    let key = shown
        .split("![chart](")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .unwrap_or_else(|| panic!("no image in {shown:?}"));
    assert!(
        emu.image(key).is_some(),
        "{key} was uploaded to the emulator"
    );
    assert_eq!(
        shown,
        format!("Latency:\n\n![chart]({key})\n\nand [gone](https://e.com/x.png)\n")
    );
    stream.finish(None, None).await.unwrap();
    assert_eq!(emu.stats().errors, 0);
}

/// Streams `full` in one push with `options` into a card of one answer element; returns the
/// answer texts of its cards.
async fn stream_one(full: &str, options: StreamOptions) -> Vec<String> {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> };
    let stream = client
        .card_stream_with(emu.chat_id(), &card, "answer", options)
        .await
        .unwrap();
    stream.append(full);
    let messages = stream.finish(None, None).await.unwrap();
    assert_eq!(emu.stats().errors, 0);
    messages
        .iter()
        .map(|m| element(&emu, m, "answer").unwrap())
        .collect()
}

/// `max_tables(3)`: 7 tables take three cards, none with more than 3.
#[tokio::test]
async fn a_lower_table_budget_holds_in_every_card() {
    let mut full = String::new();
    for i in 0..7 {
        full.push_str(&format!(
            "Table {i}:\n\n| a | b |\n|---|---|\n| {i} | x |\n\n"
        ));
    }
    let texts = stream_one(&full, StreamOptions::new().max_tables(3)).await;
    assert_eq!(texts.concat(), full);
    let tables: Vec<usize> = texts
        .iter()
        .map(|t| card_validate::table_starts(t).len())
        .collect();
    assert_eq!(tables, vec![3, 3, 1]);
}

/// A code block of 60 KB: cut at lines inside it, each card's fence closed at its end and opened
/// again (with the language) at the top of the next, so every card renders code.
#[tokio::test]
async fn a_code_block_longer_than_a_card_is_closed_and_reopened() {
    let code: String = (0..3000)
        .map(|i| format!("let v{i} = compute({i});\n"))
        .collect();
    let full = format!("Here:\n\n```rust\n{code}```\n\nDone.");
    let texts = stream_one(&full, StreamOptions::new()).await;
    assert!(texts.len() >= 3, "{} cards", texts.len());
    for (i, t) in texts.iter().enumerate() {
        let fences = t.lines().filter(|l| l.starts_with("```")).count();
        assert_eq!(fences % 2, 0, "card {i} ends inside a fence");
        if i > 0 {
            assert!(t.starts_with("```rust\n"), "card {i} reopens the block");
        }
        if i + 1 < texts.len() {
            assert!(t.ends_with("\n```\n"), "card {i} closes the block");
        }
    }
    // Less the closes and reopens, the cards hold the answer.
    let mut joined = String::new();
    for (i, t) in texts.iter().enumerate() {
        let t = if i > 0 { &t["```rust\n".len()..] } else { t };
        let t = if i + 1 < texts.len() {
            &t[..t.len() - "```\n".len()]
        } else {
            t
        };
        joined.push_str(t);
    }
    assert_eq!(joined, full);
}

//! Random agent answers streamed through `CardStream` into the emulator, which judges every
//! write as the platform does: headings, lists, fenced code with and without a language, 0–20
//! tables of random shapes, JSON and other escape-heavy text, images with URLs and keys, CJK and
//! emoji, `<think>` blocks, stray `<`, `[`, `](`, from a few bytes to 200 KB, pushed in random
//! chunks. Every write must be accepted; the cards must hold the fitted answer in order, never
//! cut a fence, and number at most 1.2× the fewest cards the size and table budgets allow.
//!
//! `AGENT_ANSWERS` sets how many (default 2,000; `AGENT_ANSWERS=20000` is the long run);
//! `AGENT_SEED` the first seed. The answers go to 40 chats, 128 at a time. One app may send
//! 1,000 messages and 1,000 stream writes a minute (per API), which would bind 2,000 answers to
//! four minutes of waiting: the answers are spread over one app (one emulator and its client)
//! per 250 answers (`AGENT_PER_APP`), so the run is bound by its work, not by the platform's
//! minute budget.

use std::sync::Arc;

mod common;

use card_emulator::Emulator;
use card_send::Client;
use card_send::cardkit::{ImageFetcher, StreamOptions};

/// xorshift64*: reproducible answers from a seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "answer",
    "latency",
    "p99",
    "部署",
    "成功",
    "🚀",
    "数据",
    "✅",
    "config",
    "<",
    "[",
    "](",
    "a < b",
    "x > y",
    "[link",
    "](oops",
    "\"quoted\"",
    "back\\slash",
    "tab\there",
    "emoji 😀",
    "中文字符",
    "→",
    "**bold**",
    "_it_",
    "`code`",
];

fn sentence(r: &mut Rng) -> String {
    let n = 3 + r.below(14);
    (0..n).map(|_| r.pick(WORDS)).collect::<Vec<_>>().join(" ")
}

fn table(r: &mut Rng) -> String {
    let cols = 1 + r.below(5);
    let rows = 1 + r.below(7);
    let row = |r: &mut Rng| {
        let cells: Vec<String> = (0..cols).map(|_| r.pick(WORDS).replace('|', "/")).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut t = row(r);
    t.push_str(&format!("|{}\n", "---|".repeat(cols)));
    for _ in 0..rows {
        t.push_str(&row(r));
    }
    t
}

/// One answer: `size` bytes or so, `tables` tables among its blocks.
fn answer(r: &mut Rng) -> String {
    // Mostly short answers, some long: up to 200 KB.
    let size = match r.below(10) {
        0 => 30_000 + r.below(170_000),
        1..=3 => 2_000 + r.below(28_000),
        _ => 20 + r.below(2_000),
    };
    let mut tables = r.below(21);
    let mut out = String::new();
    if r.below(4) == 0 {
        out.push_str(&format!("<think>{}\n{}</think>", sentence(r), sentence(r)));
    }
    while out.len() < size {
        match r.below(9) {
            0 => out.push_str(&format!("## {}\n\n", sentence(r))),
            1 => {
                for _ in 0..1 + r.below(5) {
                    out.push_str(&format!("- {}\n", sentence(r)));
                }
                out.push('\n');
            }
            2 => {
                let lang = r.pick(&["", "rust", "json", "python"]);
                out.push_str(&format!("```{lang}\n"));
                // Now and then a code block longer than a card (cut inside, fence reopened).
                let lines = if r.below(40) == 0 {
                    1500 + r.below(1500)
                } else {
                    1 + r.below(30)
                };
                for i in 0..lines {
                    out.push_str(&format!("let v{i} = \"{}\";\n", r.pick(WORDS)));
                }
                out.push_str("```\n\n");
            }
            3 if tables > 0 => {
                tables -= 1;
                out.push_str(&table(r));
                out.push('\n');
            }
            4 => out.push_str(&"\"key\": \"value\",\n".repeat(1 + r.below(200))),
            5 => {
                let img = if r.below(2) == 0 {
                    IMAGE_URL
                } else {
                    IMAGE_KEY
                };
                out.push_str(&format!("![chart]({img})\n\n"));
            }
            6 => out.push_str("Ping <at id=all></at> and <font color='red'>x</font>\n\n"),
            _ => out.push_str(&format!("{}\n\n", sentence(r))),
        }
    }
    out
}

/// The fewest cards any cut could use: each takes 30 KB once escaped and 5 tables, cut anywhere
/// (the stream cuts at paragraph breaks outside fences, so it may need more).
fn fewest_cards(text: &str, tables: usize) -> usize {
    let mut cards = 0;
    let mut rest = text;
    while !rest.is_empty() {
        cards += 1;
        let mut end = rest.len();
        if let Some(&over) = card_validate::table_starts(rest).get(tables) {
            end = over;
        }
        let mut bytes = 0;
        for (i, c) in rest.char_indices() {
            bytes += serde_json::to_string(&c).map_or(4, |s| s.len() - 2);
            if i >= end || bytes > 30 * 1024 {
                end = end.min(i);
                break;
            }
        }
        rest = &rest[end.max(rest.chars().next().map_or(1, char::len_utf8))..];
    }
    cards
}

/// The answer the cards hold: their texts joined, less the fence closed at the end of a card
/// cut inside a code block and opened again at the top of the next (matched against `fitted`
/// so a real fence line is never taken for one).
fn rejoin(cards: &[String], fitted: &str) -> (String, usize) {
    let mut out = String::new();
    let mut closed = 0;
    for c in cards {
        let rest = &fitted[out.len().min(fitted.len())..];
        let opened = match c.split_once('\n') {
            Some((first, after)) if first.starts_with("```") => after,
            _ => c.as_str(),
        };
        // (text, whether a fence was closed at the cut), the card as it is first.
        let variants = [c.as_str(), opened].into_iter().flat_map(|v| {
            [
                Some((v, false)),
                v.strip_suffix("```\n").map(|v| (v, true)),
                v.strip_suffix("\n```\n").map(|v| (v, true)),
            ]
        });
        let (text, cut) = variants
            .flatten()
            .find(|(v, _)| rest.starts_with(v))
            .unwrap_or((c.as_str(), false));
        closed += usize::from(cut);
        out.push_str(text);
    }
    (out, closed)
}

/// Chats the answers go to, round robin.
const CHATS: u64 = 40;
/// Answers per app (an emulator and its client): see the module page.
const ANSWERS_PER_APP: u64 = 250;

fn answer_card() -> card_dsl::Card {
    card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> }
}

fn answer_and_process_card() -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <markdown element_id="process">"thinking…"</markdown>
        </card>
    }
}

/// The link the answers' images point at, and the key of a keyed one.
const IMAGE_URL: &str = "https://example.com/chart.png";
const IMAGE_KEY: &str = "img_v3_02ab_demo";

/// How an answer is streamed: a quarter each with the defaults, append-only beside a process
/// element, at most 3 tables a card, and with its image links uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Plain,
    Process,
    ThreeTables,
    Upload,
}

impl Variant {
    fn of(seed: u64) -> Self {
        [Self::Plain, Self::Process, Self::ThreeTables, Self::Upload][(seed / 7 % 4) as usize]
    }
    fn tables(self) -> usize {
        if self == Self::ThreeTables { 3 } else { 5 }
    }
    fn options(self) -> StreamOptions {
        match self {
            Self::Plain => StreamOptions::new(),
            Self::Process => StreamOptions::new().process_element("process"),
            Self::ThreeTables => StreamOptions::new().max_tables(3),
            Self::Upload => {
                StreamOptions::new().upload_images(ImageFetcher::new(|url: String| async move {
                    if url == IMAGE_URL {
                        Ok(common::png(64, 48))
                    } else {
                        Err(format!("no such image {url}"))
                    }
                }))
            }
        }
    }
    /// The fitted answer the cards must hold; an uploaded image's key is written `UPLOADED`.
    fn fitted(self, text: &str) -> String {
        let mut fit = card_validate::fit::FitOptions::default();
        if self == Self::Upload {
            fit.image_keys
                .insert(IMAGE_URL.to_owned(), "UPLOADED".to_owned());
        }
        card_validate::fit::fit_markdown(text, &fit).text
    }
}

/// Streams one answer; returns the cards' answer texts (an uploaded image's key written
/// `UPLOADED`).
async fn stream(client: &Client, emu: &Emulator, text: &str, seed: u64) -> Vec<String> {
    let mut r = Rng(seed | 1);
    let variant = Variant::of(seed);
    // Each chat takes 5 sends a second (the per-receiver budget): the answers go to 40 chats.
    let chat = format!("oc_agent_{}", seed % CHATS);
    let card = if variant == Variant::Process {
        answer_and_process_card()
    } else {
        answer_card()
    };
    let stream = client
        .card_stream_with(chat.as_str(), &card, "answer", variant.options())
        .await
        .expect("card_stream");
    let mut rest = text;
    let mut chunks = 0;
    while !rest.is_empty() {
        let mut at = (1 + r.below(3000)).min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        stream.append(&rest[..at]);
        rest = &rest[at..];
        chunks += 1;
        if chunks % 8 == 0 {
            stream.set_process(format!("writing, {chunks} chunks so far"));
        }
        if r.below(8) == 0 {
            tokio::task::yield_now().await;
        }
    }
    let messages = stream.finish(None, None).await.expect("finish");
    messages
        .iter()
        .map(|id| {
            let v = emu
                .message(id)
                .and_then(|m| m.content_json())
                .unwrap_or_default();
            let elements = v["body"]["elements"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(
                elements.iter().all(|e| e["element_id"] != "process"),
                "seed {seed}: the process element outlived the stream"
            );
            let answer = elements
                .iter()
                .find(|e| e["element_id"] == "answer")
                .and_then(|e| e["content"].as_str())
                .unwrap_or_default();
            uploaded_keys(answer)
        })
        .collect()
}

/// `text` with the target of every image that is neither the keyed one nor a link written
/// `UPLOADED`.
fn uploaded_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](img_") {
        let end = rest[i..].find(')').map_or(rest.len(), |e| i + e);
        out.push_str(&rest[..i + 2]);
        let key = &rest[i + 2..end];
        out.push_str(if key == IMAGE_KEY { key } else { "UPLOADED" });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_agent_answers_stream_into_accepted_cards() {
    let n: u64 = std::env::var("AGENT_ANSWERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let first: u64 = std::env::var("AGENT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut apps = Vec::new();
    let per_app: u64 = std::env::var("AGENT_PER_APP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ANSWERS_PER_APP);
    for _ in 0..n.div_ceil(per_app.max(1)).max(1) {
        let emu = Arc::new(Emulator::start().await.unwrap());
        let members: Vec<String> = emu.members().to_vec();
        let members: Vec<&str> = members.iter().map(String::as_str).collect();
        for c in 0..CHATS {
            emu.add_chat(&format!("oc_agent_{c}"), &members, true);
        }
        let client = Client::builder().against(&*emu).build().unwrap();
        apps.push((client, emu));
    }
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut results = Vec::new();
    for seed in first..first + n {
        if tasks.len() >= 128 {
            results.push(tasks.join_next().await.unwrap().unwrap());
        }
        let (client, emu) = apps[(seed % apps.len() as u64) as usize].clone();
        tasks.spawn(async move {
            let text = answer(&mut Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1));
            let cards = stream(&client, &emu, &text, seed).await;
            (seed, text, cards)
        });
    }
    while let Some(r) = tasks.join_next().await {
        results.push(r.unwrap());
    }
    let mut cards_total = 0;
    let mut reopened_total = 0;
    let mut bytes_total = 0;
    for (seed, text, cards) in &results {
        let variant = Variant::of(*seed);
        let fitted = variant.fitted(text);
        let (got, reopened) = rejoin(cards, &fitted);
        reopened_total += reopened;
        // An answer that was all reasoning leaves the card's placeholder.
        if fitted.is_empty() && got == "…" {
            continue;
        }
        if got != fitted {
            let at = got
                .bytes()
                .zip(fitted.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let show = |t: &str| {
                let lo = at.saturating_sub(80);
                String::from_utf8_lossy(&t.as_bytes()[lo..(at + 80).min(t.len())]).into_owned()
            };
            panic!(
                "seed {seed}: the cards differ from the fitted answer at byte {at} of {} / {} ({} cards)\n got: {:?}\nwant: {:?}",
                got.len(),
                fitted.len(),
                cards.len(),
                show(&got),
                show(&fitted)
            );
        }
        for c in cards {
            assert_eq!(
                c.lines()
                    .filter(|l| l.trim_start().starts_with("```"))
                    .count()
                    % 2,
                0,
                "seed {seed}: a fence cut"
            );
            assert!(
                card_validate::table_starts(c).len() <= variant.tables(),
                "seed {seed}: tables"
            );
        }
        let escaped = serde_json::to_string(&fitted).unwrap().len();
        let need = fewest_cards(&fitted, variant.tables());
        assert!(
            cards.len() <= (need as f64 * 1.2).ceil() as usize,
            "seed {seed}: {} cards where the budgets need {need}",
            cards.len()
        );
        cards_total += cards.len();
        bytes_total += escaped;
    }
    let (mut requests, mut errors, mut limited, mut refusals) = (0, 0, 0, Vec::new());
    for (_, emu) in &apps {
        let stats = emu.stats();
        requests += stats.requests;
        errors += stats.errors;
        limited += stats.rate_limited;
        refusals.extend(emu.refusals());
    }
    println!(
        "{n} answers over {} apps, {bytes_total} bytes sent, {cards_total} cards ({reopened_total} cut inside a code block), {requests} requests, {errors} refused ({limited} by a rate limit), {:.1} s",
        apps.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        errors, 0,
        "every write accepted (no 230099, 300313, 11310, 230025, 230020, 99991400); refused: {refusals:?}"
    );
}

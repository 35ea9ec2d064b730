//! Random agent answers streamed through `CardStream` into the emulator, which judges every
//! write as the platform does: headings, lists, fenced code with and without a language, 0–20
//! tables of random shapes, JSON and other escape-heavy text, images with URLs and keys, CJK and
//! emoji, `<think>` blocks, stray `<`, `[`, `](`, from a few bytes to 200 KB, pushed in random
//! chunks. Every write must be accepted; the cards must hold the fitted answer in order, never
//! cut a fence, and number at most 1.2× the fewest cards the size and table budgets allow.
//!
//! `AGENT_ANSWERS` sets how many (default 200: about 10 s; `AGENT_ANSWERS=2000` is the long run,
//! about 4 minutes on 2 cores, bound by the app's 50/s on each CardKit API); `AGENT_SEED` the
//! first seed. The answers go to 40 chats, 128 at a time.

use std::sync::Arc;

use card_emulator::Emulator;
use card_send::Client;

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
                for i in 0..1 + r.below(30) {
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
                    "https://example.com/chart.png".to_owned()
                } else {
                    "img_v3_02ab_demo".to_owned()
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
fn fewest_cards(text: &str) -> usize {
    let mut cards = 0;
    let mut rest = text;
    while !rest.is_empty() {
        cards += 1;
        let mut end = rest.len();
        if let Some(&over) = card_validate::table_starts(rest).get(5) {
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

/// Chats the answers go to, round robin.
const CHATS: u64 = 40;

fn answer_card() -> card_dsl::Card {
    card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> }
}

/// Streams one answer; returns the cards' texts.
async fn stream(client: &Client, emu: &Emulator, text: &str, seed: u64) -> Vec<String> {
    let mut r = Rng(seed | 1);
    // Each chat takes 5 sends a second (the per-receiver budget): the answers go to 40 chats.
    let chat = format!("oc_agent_{}", seed % CHATS);
    let stream = client
        .card_stream(chat.as_str(), &answer_card(), "answer")
        .await
        .expect("card_stream");
    let mut rest = text;
    while !rest.is_empty() {
        let mut at = (1 + r.below(3000)).min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        stream.append(&rest[..at]);
        rest = &rest[at..];
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
            v["body"]["elements"][0]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_agent_answers_stream_into_accepted_cards() {
    let n: u64 = std::env::var("AGENT_ANSWERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let first: u64 = std::env::var("AGENT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let emu = Arc::new(Emulator::start().await.unwrap());
    let members: Vec<String> = emu.members().to_vec();
    let members: Vec<&str> = members.iter().map(String::as_str).collect();
    for c in 0..CHATS {
        emu.add_chat(&format!("oc_agent_{c}"), &members, true);
    }
    let client = Client::builder().against(&*emu).build().unwrap();
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut results = Vec::new();
    for seed in first..first + n {
        if tasks.len() >= 128 {
            results.push(tasks.join_next().await.unwrap().unwrap());
        }
        let (client, emu) = (client.clone(), emu.clone());
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
    let mut bytes_total = 0;
    for (seed, text, cards) in &results {
        let fitted = card_validate::fit::fit_markdown(text, &Default::default()).text;
        let got = cards.concat();
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
                card_validate::table_starts(c).len() <= 5,
                "seed {seed}: tables"
            );
        }
        let escaped = serde_json::to_string(&fitted).unwrap().len();
        let need = fewest_cards(&fitted);
        assert!(
            cards.len() <= (need as f64 * 1.2).ceil() as usize,
            "seed {seed}: {} cards where the budgets need {need}",
            cards.len()
        );
        cards_total += cards.len();
        bytes_total += escaped;
    }
    let stats = emu.stats();
    println!(
        "{n} answers, {bytes_total} bytes sent, {cards_total} cards, {} requests, {} refused ({} by a rate limit), {:.1} s",
        stats.requests,
        stats.errors,
        stats.rate_limited,
        started.elapsed().as_secs_f64()
    );
    let refusals = emu.refusals();
    assert_eq!(
        stats.errors, 0,
        "every write accepted (no 230099, 300313, 11310, 230025, 230020, 99991400); refused: {refusals:?}"
    );
}

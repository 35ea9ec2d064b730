//! A 3,000-token answer arriving at 50 tokens/s, streamed through `CardStream` into the
//! emulator: the latency from each `append` to the emulator holding that text (p50 / p99 /
//! max), and the refused requests. A multi-second harness (`cargo bench -p card-send --bench
//! stream`); `STREAM_TOKENS` shortens it.

use std::time::{Duration, Instant};

use card_emulator::Emulator;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let tokens: usize = std::env::var("STREAM_TOKENS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let emu = Emulator::start().await.expect("emulator");
    let client = card_send::Client::builder()
        .against(&emu)
        .build()
        .expect("client");
    let card = card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> };
    let stream = client
        .card_stream(emu.chat_id(), &card, "answer")
        .await
        .expect("stream");
    let id = stream.message_id().clone();
    let before = emu.stats();

    // A watcher notes when the emulator first holds each length of text.
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Instant)>();
    let emu = std::sync::Arc::new(emu);
    let watcher = {
        let emu = emu.clone();
        let id = id.clone();
        tokio::spawn(async move {
            let mut last = 0;
            loop {
                let len = emu
                    .message(&id)
                    .and_then(|m| m.content_json())
                    .and_then(|v| v["body"]["elements"][0]["content"].as_str().map(str::len))
                    .unwrap_or(0);
                if len != last {
                    last = len;
                    if tx.send((len, Instant::now())).is_err() {
                        return;
                    }
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
    };

    let start = Instant::now();
    let mut pushed: Vec<(usize, Instant)> = Vec::with_capacity(tokens);
    let mut len = 0;
    for i in 0..tokens {
        let token = format!("w{i} ");
        len += token.len();
        stream.append(&token);
        pushed.push((len, Instant::now()));
        // 50 tokens a second, on a fixed schedule.
        let next = start + Duration::from_millis(20 * (i as u64 + 1));
        tokio::time::sleep_until(next.into()).await;
    }
    stream
        .finish(None, Some("done".into()))
        .await
        .expect("finish");
    tokio::time::sleep(Duration::from_millis(50)).await;
    watcher.abort();
    let held: Vec<(usize, Instant)> = rx.try_iter().collect();

    let mut latencies: Vec<Duration> = pushed
        .iter()
        .filter_map(|(len, at)| {
            held.iter()
                .find(|(l, t)| *l >= *len && *t >= *at)
                .map(|(_, t)| *t - *at)
        })
        .collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let after = emu.stats();
    println!("stream: {tokens} tokens at 50/s through CardStream");
    println!(
        "  elapsed              {:.1} s",
        start.elapsed().as_secs_f64()
    );
    println!("  tokens measured      {}", latencies.len());
    println!(
        "  push → held          p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms (goal p99 ≤ 150 ms)",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    println!(
        "  requests             {}",
        after.requests - before.requests
    );
    println!("  refused requests     {}", after.errors - before.errors);
}

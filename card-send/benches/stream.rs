//! Answers arriving at 50 tokens/s each, streamed through `CardStream`s into the emulator: the
//! latency from each `append` to the emulator holding that text (p50 / p99 / max), and the
//! refused requests (the emulator refuses an 11th operation a second on one card entity, and
//! more than 50/s or 1000/min on the stream-text API of one app).
//!
//! Three runs side by side: one stream; 20 concurrent streams in one app; the same 20 over 5
//! apps. Every stream write spends its card's 10/s and its app's 50/s on the stream-text API, so
//! 20 streams of one app share 50 writes a second (2.5 each: a push waits for its stream's turn)
//! — the platform's budget, not the client's, bounds that run. A multi-second harness
//! (`cargo bench -p card-send --bench stream`); `STREAM_TOKENS` (per stream, default 500)
//! shortens or lengthens it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use card_emulator::Emulator;
use card_send::Client;

/// One stream's pushes (text length, when) and when the emulator first held each length.
type Trace = (Vec<(usize, Instant)>, Vec<(usize, Instant)>);

/// Streams `tokens` tokens at 50/s through one `CardStream` while a watcher notes when the
/// emulator holds each length.
async fn one_stream(client: Client, emu: Arc<Emulator>, tokens: usize) -> Trace {
    let card = card_dsl::card! { <card><markdown element_id="answer">"…"</markdown></card> };
    let stream = client
        .card_stream(emu.chat_id(), &card, "answer")
        .await
        .expect("stream");
    let id = stream.message_id().clone();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Instant)>();
    let watcher = {
        let emu = emu.clone();
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
    let mut pushed = Vec::with_capacity(tokens);
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
    (pushed, rx.try_iter().collect())
}

/// `streams` concurrent streams over `apps` apps (an emulator and a client each).
async fn run(name: &str, streams: usize, apps: usize, tokens: usize) {
    let mut world = Vec::new();
    for _ in 0..apps {
        let emu = Arc::new(Emulator::start().await.expect("emulator"));
        let client = Client::builder().against(&*emu).build().expect("client");
        world.push((client, emu));
    }
    let start = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for s in 0..streams {
        let (client, emu) = world[s % apps].clone();
        set.spawn(one_stream(client, emu, tokens));
    }
    let traces = set.join_all().await;
    let mut latencies: Vec<Duration> = traces
        .iter()
        .flat_map(|(pushed, held)| {
            pushed.iter().filter_map(|(len, at)| {
                held.iter()
                    .find(|(l, t)| *l >= *len && *t >= *at)
                    .map(|(_, t)| *t - *at)
            })
        })
        .collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let (requests, refused) = world.iter().fold((0, 0), |(r, e), (_, emu)| {
        let s = emu.stats();
        (r + s.requests, e + s.errors)
    });
    println!(
        "  {name:<32} p50 {:>4.0} ms, p99 {:>4.0} ms, max {:>5.0} ms; {} tokens measured, {requests} requests, {refused} refused, {:.1} s",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        latencies.len(),
        start.elapsed().as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let tokens: usize = std::env::var("STREAM_TOKENS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    println!(
        "stream: {tokens} tokens per stream at 50/s through CardStream; push → held (goal p99 ≤ 150 ms)"
    );
    run("1 stream", 1, 1, tokens).await;
    run("20 streams, one app", 20, 1, tokens).await;
    run("20 streams over 5 apps (4 each)", 20, 5, tokens).await;
}

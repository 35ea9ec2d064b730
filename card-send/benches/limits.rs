//! Rate-limit and coalescing figures against the emulator (one run each; these are throughput
//! and latency scenarios of seconds to minutes, not micro-benchmarks, so criterion's repeated
//! sampling does not fit):
//!
//! 1. 200 updates spread over 20 messages → achieved rate against the 50/s limit (goal ≥ 95 %,
//!    done in ≤ 4.2 s) and 230020 replies (goal 0);
//! 2. 1,500 updates over 20 messages → the 1000/min limit held (most requests in any 60 s), 0 × 230020;
//! 3. 1,000 `set` calls on one message in a tight loop → time from the last `set` to the
//!    emulator holding that card (goal ≤ 250 ms), 5 rounds;
//! 4. one card entity driven at once by `CardStream` (50 tokens/s), element patches and settings
//!    calls for 10 s → at most 10 operations in any second, ≥ 95 % of 10/s, 0 refusals.
//!
//! Every "most in any …" is counted by the emulator as requests arrive (`Emulator::arrivals`),
//! in sliding windows, not where the client got its replies.
//!
//! `cargo bench -p card-send --bench limits` (all), or pass `rate`, `minute`, `coalesce`,
//! `entity`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use card_dsl::{Card, card};
use card_emulator::{Emulator, most_in_any};
use card_send::cardkit::EntitySettings;
use card_send::{Client, MessageId};

fn numbered(i: usize) -> Card {
    card! { <card><header><title>"Stream"</title></header><markdown>{format!("token {i}")}</markdown></card> }
}

async fn messages(emu: &Emulator, client: &Client, n: usize) -> Vec<MessageId> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(
            client
                .send_card(emu.chat_id(), &numbered(i))
                .await
                .expect("send"),
        );
    }
    ids
}

/// `total` updates over `ids`, each message's updates in order, all messages at once.
/// Returns the elapsed time and the completion instants.
async fn spread(client: &Client, ids: &[MessageId], total: usize) -> (Duration, Vec<Instant>) {
    let per = total / ids.len();
    let done = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let start = Instant::now();
    let tasks: Vec<_> = ids
        .iter()
        .cloned()
        .map(|id| {
            let (client, done) = (client.clone(), done.clone());
            tokio::spawn(async move {
                for i in 0..per {
                    client.update_card(&id, &numbered(i)).await.expect("update");
                    done.lock().unwrap().push(Instant::now());
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    let elapsed = start.elapsed();
    let done = Arc::try_unwrap(done).unwrap().into_inner().unwrap();
    (elapsed, done)
}

/// When the emulator saw the PATCH requests of card messages arrive, after `since`.
fn patches_arrived(emu: &Emulator, since: Instant) -> Vec<Instant> {
    emu.arrivals()
        .into_iter()
        .filter(|a| {
            a.at >= since && a.method == "PATCH" && a.path.starts_with("/open-apis/im/v1/messages/")
        })
        .map(|a| a.at)
        .collect()
}

fn max_in_window(mut times: Vec<Instant>, window: Duration) -> usize {
    times.sort();
    let mut best = 0;
    let mut lo = 0;
    for hi in 0..times.len() {
        while times[hi] - times[lo] >= window {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    best
}

async fn rate() {
    let emu = Emulator::start().await.expect("emulator");
    let client = card_send::Client::builder()
        .against(&emu)
        .build()
        .expect("client");
    let ids = messages(&emu, &client, 20).await;
    let before = emu.stats();
    let t0 = Instant::now();
    let (elapsed, _done) = spread(&client, &ids, 200).await;
    let after = emu.stats();
    let arrived = patches_arrived(&emu, t0);
    // 200 requests at 50/s: the first goes at 0, the last at 199 × 20 ms.
    let ideal = Duration::from_millis(199 * 20);
    println!("rate: 200 updates over 20 messages");
    println!(
        "  elapsed              {:.3} s (goal ≤ 4.2 s)",
        elapsed.as_secs_f64()
    );
    // The rate as a share of the limit is the rate divided by 50/s; the schedule's share is the
    // fastest schedule's time (199 intervals of 20 ms) divided by the time taken.
    let rate = 200.0 / elapsed.as_secs_f64();
    println!(
        "  achieved rate        {rate:.1}/s = {:.1} % of the 50/s limit",
        100.0 * rate / 50.0
    );
    println!(
        "  against the fastest  {:.2} s ideal / {:.2} s = {:.1} %",
        ideal.as_secs_f64(),
        elapsed.as_secs_f64(),
        100.0 * ideal.as_secs_f64() / elapsed.as_secs_f64()
    );
    let span = arrived
        .iter()
        .max()
        .zip(arrived.iter().min())
        .map(|(a, b)| *a - *b);
    let span = span.unwrap_or_default().as_secs_f64();
    println!(
        "  arrivals (emulator)  {} over {span:.3} s: most in any 1 s {} (limit 50); {:.1} % of the limit over their span",
        arrived.len(),
        most_in_any(Duration::from_secs(1), arrived.iter().copied()),
        100.0 * (arrived.len() as f64 - 1.0) / span.max(1e-9) / 50.0
    );
    println!(
        "  230020 replies       {}",
        after.rate_limited - before.rate_limited
    );
    println!(
        "  PATCH requests       {}",
        after.requests - before.requests
    );
}

async fn minute() {
    let emu = Emulator::start().await.expect("emulator");
    let client = card_send::Client::builder()
        .against(&emu)
        .build()
        .expect("client");
    let ids = messages(&emu, &client, 20).await;
    let before = emu.stats();
    let t0 = Instant::now();
    let (elapsed, _done) = spread(&client, &ids, 1500).await;
    let after = emu.stats();
    let done = patches_arrived(&emu, t0);
    println!("minute: 1,500 updates over 20 messages (counted by the emulator on arrival)");
    println!(
        "  elapsed              {:.1} s (the sliding-window optimum is ~70 s; goal ≤ 1.1× = 77 s)",
        elapsed.as_secs_f64()
    );
    println!(
        "  most in any 60 s     {} (limit 1000)",
        max_in_window(done.clone(), Duration::from_secs(60))
    );
    println!(
        "  most in any 1 s      {} (limit 50)",
        max_in_window(done, Duration::from_secs(1))
    );
    println!(
        "  230020 replies       {}",
        after.rate_limited - before.rate_limited
    );
}

async fn coalesce() {
    let emu = Emulator::start().await.expect("emulator");
    let client = card_send::Client::builder()
        .against(&emu)
        .build()
        .expect("client");
    let mut latencies = Vec::new();
    let mut patches = Vec::new();
    for round in 0..5 {
        let id = client
            .send_card(emu.chat_id(), &numbered(0))
            .await
            .expect("send");
        let cards: Vec<Card> = (1..=1000).map(|i| numbered(round * 10_000 + i)).collect();
        let last = cards[999].to_content();
        let updates = client.card_updates(id.clone());
        let before = emu.stats().updates;
        let t0 = Instant::now();
        for c in cards {
            updates.set(c).expect("a valid card");
        }
        let last_set = Instant::now();
        let loop_time = last_set - t0;
        loop {
            if emu.message(&id).is_some_and(|m| m.content == last) {
                break;
            }
            tokio::time::sleep(Duration::from_micros(500)).await;
        }
        latencies.push((last_set.elapsed(), loop_time));
        updates.flush().await.expect("flush");
        patches.push(emu.stats().updates - before);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    println!("coalesce: 1,000 set calls on one message, 5 rounds");
    for (i, ((lat, lp), p)) in latencies.iter().zip(&patches).enumerate() {
        println!(
            "  round {i}: set loop {:.2} ms, last set → emulator holds it {:.1} ms, PATCHes {p}",
            lp.as_secs_f64() * 1e3,
            lat.as_secs_f64() * 1e3
        );
    }
    let worst = latencies.iter().map(|l| l.0).max().unwrap_or_default();
    println!(
        "  worst latency        {:.1} ms (goal ≤ 250 ms)",
        worst.as_secs_f64() * 1e3
    );
    println!("  230020 replies       {}", emu.stats().rate_limited);
}

async fn entity() {
    let emu = Emulator::start().await.expect("emulator");
    let client = card_send::Client::builder()
        .against(&emu)
        .build()
        .expect("client");
    let card = card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <markdown element_id="status">"thinking"</markdown>
        </card>
    };
    let stream = client
        .card_stream(emu.chat_id(), &card, "answer")
        .await
        .expect("stream");
    let id = stream.card_id();
    let before = emu.stats();
    let t0 = Instant::now();
    let run = Duration::from_secs(10);
    let streaming = async {
        let mut i = 0u64;
        while t0.elapsed() < run {
            stream.append(&format!("w{i} "));
            i += 1;
            tokio::time::sleep_until((t0 + Duration::from_millis(20 * i)).into()).await;
        }
    };
    let patches = async {
        let mut n = 0;
        while t0.elapsed() < run {
            let status = serde_json::json!({ "content": format!("step {n}") });
            client
                .patch_element(&id, "status", status)
                .await
                .expect("patch");
            n += 1;
        }
        n
    };
    let settings = async {
        let mut n = 0;
        while t0.elapsed() < run {
            let s = EntitySettings {
                streaming_mode: Some(true),
                summary: Some(format!("part {n}")),
            };
            client
                .card_entity_settings(&id, &s)
                .await
                .expect("settings");
            n += 1;
        }
        n
    };
    let ((), patched, set) = tokio::join!(streaming, patches, settings);
    let busy = t0.elapsed();
    stream
        .finish(None, Some("done".into()))
        .await
        .expect("finish");
    let after = emu.stats();
    let path = format!("/open-apis/cardkit/v1/cards/{}", id.as_str());
    let ops: Vec<Instant> = emu
        .arrivals()
        .into_iter()
        .filter(|a| a.at >= t0 && a.at <= t0 + busy && a.path.starts_with(&path))
        .map(|a| a.at)
        .collect();
    let span = ops.iter().max().zip(ops.iter().min()).map(|(a, b)| *a - *b);
    let span = span.unwrap_or_default().as_secs_f64();
    println!(
        "entity: one card entity, CardStream at 50 tokens/s + element patches + settings, 10 s"
    );
    println!(
        "  operations (emulator) {} over {span:.2} s ({patched} patches, {set} settings, the rest streamed text)",
        ops.len()
    );
    println!(
        "  most in any 1 s       {} (limit 10)",
        most_in_any(Duration::from_secs(1), ops.iter().copied())
    );
    println!(
        "  share of 10/s         {:.1} % (goal ≥ 95 %)",
        100.0 * (ops.len() as f64 - 1.0) / span.max(1e-9) / 10.0
    );
    println!(
        "  refusals              {} (230020/99991400: {})",
        after.errors - before.errors,
        after.rate_limited - before.rate_limited
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        if want("entity") {
            entity().await;
        }
        if want("rate") {
            rate().await;
        }
        if want("coalesce") {
            coalesce().await;
        }
        if want("minute") {
            minute().await;
        }
    });
}

//! Rate-limit and coalescing figures against the emulator (one run each; these are throughput
//! and latency scenarios of seconds to minutes, not micro-benchmarks, so criterion's repeated
//! sampling does not fit):
//!
//! 1. 200 updates spread over 20 messages → achieved rate against the 50/s limit (goal ≥ 95 %,
//!    done in ≤ 4.2 s) and 230020 replies (goal 0);
//! 2. 1,500 updates over 20 messages → the 1000/min limit held (most requests in any 60 s), 0 × 230020;
//! 3. 1,000 `set` calls on one message in a tight loop → time from the last `set` to the
//!    emulator holding that card (goal ≤ 250 ms), 5 rounds.
//!
//! `cargo bench -p card-send --bench limits` (all), or pass `rate`, `minute`, `coalesce`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use card_dsl::{Card, card};
use card_emulator::Emulator;
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
    let (elapsed, done) = spread(&client, &ids, 200).await;
    let after = emu.stats();
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
    println!(
        "  most in any 1 s      {}",
        max_in_window(done, Duration::from_secs(1))
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
    let (elapsed, done) = spread(&client, &ids, 1500).await;
    let after = emu.stats();
    println!("minute: 1,500 updates over 20 messages");
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

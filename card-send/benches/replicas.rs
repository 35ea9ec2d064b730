//! Three replicas of one app sharing Redis (feature `redis`), against one emulator:
//!
//! 1. 600 PATCHes over 30 messages, concurrently: the rate on arrival against the app's 50/s and
//!    the 230020 replies; then 4 s of PATCHes of one message, against its 5/s;
//! 2. the three writing one card entity for 5 s: its 10 operations a second, counted on arrival
//!    by the emulator, and the refusals (300317 among them);
//! 3. 1,000 clicks and events over the three replicas' long connections, 20 % delivered twice
//!    to another replica and 5 % failing once in their handler: deliveries, events handled,
//!    lost and handled twice.
//!
//! Starts its own `redis-server` on 127.0.0.1.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use card_send::store::{RedisStore, Store};

use card_emulator::Emulator;

use card_test_support::redis::Redis;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Some(redis) = Redis::start() else {
        // A benchmark with nothing to measure fails rather than report nothing.
        eprintln!(
            "error: the replicas benchmark needs redis-server (apt-get install redis-server)"
        );
        std::process::exit(1);
    };
    let url = redis.url();
    let emu = Emulator::start().await.expect("emulator");
    let setup = card_send::Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown>"x"</markdown></card> };
    let mut ids = Vec::new();
    for _ in 0..30 {
        ids.push(setup.send_card(emu.chat_id(), &card).await.unwrap());
    }
    let replicas: Vec<_> = (0..3)
        .map(|_| {
            card_send::Client::builder()
                .against(&emu)
                .shared_limits(url.clone())
                .build()
                .unwrap()
        })
        .collect();
    let before = emu.stats();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (r, client) in replicas.into_iter().enumerate() {
        let mine: Vec<_> = ids[r * 10..(r + 1) * 10].to_vec();
        tasks.push(tokio::spawn(async move {
            // Each replica updates its ten messages round-robin, several in flight at once.
            let mut inner = Vec::new();
            for (k, id) in mine.into_iter().enumerate() {
                let client = client.clone();
                inner.push(tokio::spawn(async move {
                    for i in 0..20 {
                        let c = card_dsl::card! { <card><markdown>{format!("r{r} m{k} v{i}")}</markdown></card> };
                        client.update_card(&id, &c).await.expect("update");
                    }
                }));
            }
            for t in inner {
                t.await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = start.elapsed();
    let after = emu.stats();
    let ideal = 600.0 / 50.0;
    let patches: Vec<Instant> = emu
        .arrivals()
        .into_iter()
        .filter(|a| a.method == "PATCH")
        .map(|a| a.at)
        .collect();
    println!("replicas: 3 processes sharing Redis, 600 updates over 30 messages");
    println!(
        "  elapsed              {:.2} s (ideal {ideal:.1} s at 50/s)",
        elapsed.as_secs_f64()
    );
    println!(
        "  on arrival           {} = {:.1} % of 50/s; at most {} in any 1 s (limit 50)",
        rate(&patches),
        percent(&patches, 50.0),
        card_emulator::most_in_any(Duration::from_secs(1), patches.iter().copied())
    );
    println!(
        "  230020 replies       {}",
        after.rate_limited - before.rate_limited
    );
    one_message(&url).await;
    one_entity(&url).await;
    events(&url).await;
    drop(redis);
}

/// Waits for `tasks`, then the times the requests `which` arrived at the emulator.
async fn arrived(
    emu: &Emulator,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    which: impl Fn(&card_emulator::Arrival) -> bool,
) -> Vec<Instant> {
    for t in tasks {
        t.await.unwrap();
    }
    emu.arrivals()
        .into_iter()
        .filter(|a| which(a))
        .map(|a| a.at)
        .collect()
}

/// How many requests over how long.
fn rate(at: &[Instant]) -> String {
    format!("{} in {:.2} s", at.len(), span(at))
}

fn span(at: &[Instant]) -> f64 {
    at.last()
        .copied()
        .zip(at.first().copied())
        .map_or(0.0, |(l, f)| (l - f).as_secs_f64())
}

/// The rate over the span of `at` (n − 1 intervals) as a percentage of `limit` a second.
fn percent(at: &[Instant], limit: f64) -> f64 {
    100.0 * (at.len() as f64 - 1.0) / span(at).max(0.001) / limit
}

/// The three replicas update one message for 4 s: its 5 PATCHes a second.
async fn one_message(url: &str) {
    let emu = Emulator::start().await.expect("emulator");
    let first = replica(&emu, url);
    let card = card_dsl::card! { <card><markdown>"x"</markdown></card> };
    let id = first.send_card(emu.chat_id(), &card).await.expect("send");
    let start = Instant::now();
    let mut tasks = Vec::new();
    for r in 0..3 {
        let client = if r == 0 {
            first.clone()
        } else {
            replica(&emu, url)
        };
        let id = id.clone();
        tasks.push(tokio::spawn(async move {
            let mut i = 0;
            while start.elapsed() < Duration::from_secs(4) {
                let c =
                    card_dsl::card! { <card><markdown>{format!("r{r} v{i}")}</markdown></card> };
                client.update_card(&id, &c).await.expect("update");
                i += 1;
            }
        }));
    }
    let at = arrived(&emu, tasks, |a| a.method == "PATCH").await;
    println!("replicas: 3 processes updating one message for 4 s");
    println!(
        "  on arrival           {} = {:.1} % of 5/s; at most {} in any 1 s (limit 5); refused {}",
        rate(&at),
        percent(&at, 5.0),
        card_emulator::most_in_any(Duration::from_secs(1), at.iter().copied()),
        emu.stats().errors
    );
}

fn replica(emu: &Emulator, url: &str) -> card_send::Client {
    let store: Arc<dyn Store> = Arc::new(RedisStore::new(url, emu.app_id()).expect("store"));
    card_send::Client::builder()
        .against(emu)
        .shared_limits(url.to_owned())
        .store(store)
        .build()
        .expect("client")
}

/// The three replicas write one card entity as fast as they may for 5 s.
async fn one_entity(url: &str) {
    let emu = Emulator::start().await.expect("emulator");
    let card = card_dsl::card! {
        <card>
            <markdown element_id="a">"…"</markdown>
            <markdown element_id="b">"…"</markdown>
            <markdown element_id="c">"…"</markdown>
        </card>
    };
    let card = card.config(card_dsl::Config::new().streaming_mode(true));
    let first = replica(&emu, url);
    let id = first.create_card_entity(&card).await.expect("create");
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (r, element) in ["a", "b", "c"].into_iter().enumerate() {
        let client = if r == 0 {
            first.clone()
        } else {
            replica(&emu, url)
        };
        let id = id.clone();
        tasks.push(tokio::spawn(async move {
            let mut i = 0;
            while start.elapsed() < Duration::from_secs(5) {
                client
                    .stream_text(&id, element, &format!("r{r} write {i}"))
                    .await
                    .expect("write");
                i += 1;
            }
        }));
    }
    let writes = arrived(&emu, tasks, |a| {
        a.method == "PUT" && a.path.ends_with("/content")
    })
    .await;
    let most = card_emulator::most_in_any(Duration::from_secs(1), writes.iter().copied());
    println!("replicas: 3 processes writing one card entity for 5 s");
    println!(
        "  on arrival           {} = {:.1} % of 10/s; at most {most} in any 1 s (limit 10)",
        rate(&writes),
        percent(&writes, 10.0)
    );
    println!("  refused              {:?}", emu.refusals());
}

/// 1,000 clicks and events over the replicas' long connections.
async fn events(url: &str) {
    use card_send::callback::ws::LongConnection;
    use card_send::callback::{Answer, CardActionEvent};
    let emu = Arc::new(Emulator::start().await.expect("emulator"));
    emu.retry_ladder(&[
        Duration::from_millis(50),
        Duration::from_millis(200),
        Duration::from_millis(500),
        Duration::from_secs(1),
    ]);
    let effects: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let failing: Arc<Mutex<std::collections::HashSet<String>>> = Arc::default();
    let mut runs = Vec::new();
    for _ in 0..3 {
        let store: Arc<dyn Store> = Arc::new(RedisStore::new(url, emu.app_id()).expect("store"));
        let (effects, clicks, failing) = (effects.clone(), effects.clone(), failing.clone());
        let conn = LongConnection::new(emu.app_id(), emu.app_secret())
            .base_url(emu.base_url())
            .store(store)
            .on_events(move |v: serde_json::Value| {
                let (effects, failing) = (effects.clone(), failing.clone());
                async move {
                    let id = v["header"]["event_id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    if failing.lock().unwrap().remove(&id) {
                        return Err("failing once");
                    }
                    *effects.lock().unwrap().entry(id).or_default() += 1;
                    Ok(())
                }
            });
        runs.push(tokio::spawn(async move {
            let _ = conn
                .run(
                    move |e: CardActionEvent| {
                        let effects = clicks.clone();
                        async move {
                            *effects
                                .lock()
                                .unwrap()
                                .entry(e.header.event_id)
                                .or_default() += 1;
                            Answer::new()
                        }
                    },
                    std::future::pending(),
                )
                .await;
        }));
    }
    while emu.long_connections_open() < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let start = Instant::now();
    let mut set: tokio::task::JoinSet<card_emulator::Delivered> = tokio::task::JoinSet::new();
    let mut ids = Vec::new();
    let mut deliveries = 0;
    for i in 0..1000u64 {
        let mut d = if i % 2 == 0 {
            emu.click_delivery("om_bench", serde_json::json!({"i": i}), "ou_1")
        } else {
            emu.event("im.message.receive_v1", serde_json::json!({"i": i}))
        };
        if i % 5 == 0 {
            d = d.twice(Duration::from_millis(i % 3 * 20));
        }
        if i % 20 == 1 {
            failing.lock().unwrap().insert(d.event_id().to_owned());
        }
        ids.push(d.event_id().to_owned());
        if set.len() >= 64 {
            deliveries += set.join_next().await.unwrap().unwrap().attempts.len();
        }
        let emu = emu.clone();
        set.spawn(async move { emu.deliver(d).await });
    }
    deliveries += set
        .join_all()
        .await
        .iter()
        .map(|r| r.attempts.len())
        .sum::<usize>();
    let elapsed = start.elapsed();
    let effects = effects.lock().unwrap().clone();
    let lost = ids.iter().filter(|id| !effects.contains_key(*id)).count();
    let twice = effects.values().filter(|n| **n > 1).count();
    println!(
        "replicas: 1,000 clicks and events over 3 long connections (20 % twice, 5 % failing once)"
    );
    println!(
        "  {deliveries} deliveries in {:.2} s; {} handled, {lost} lost, {twice} handled twice",
        elapsed.as_secs_f64(),
        effects.len()
    );
    for r in runs {
        r.abort();
    }
}

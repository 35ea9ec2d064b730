//! Three replicas of one bot, each with its own long connection to the emulator (cluster mode:
//! every event goes to one connection at random) and one Redis they share: 1,000 clicks and
//! events, 20 % delivered twice to another replica, 5 % of the events failing once in their
//! handler (then delivered again, as the platform retries). Every handler's effect happens
//! exactly once: no event lost, none handled twice.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_emulator::Emulator;
use card_send::callback::ws::LongConnection;
use card_send::callback::{Answer, CardActionEvent};
use card_send::store::{RedisStore, Store};
use card_test_support::redis::Redis;

/// The effects the replicas had, by event id, and the events meant to fail once.
#[derive(Default)]
struct World {
    effects: Mutex<HashMap<String, Vec<usize>>>,
    fail_once: Mutex<HashSet<String>>,
}

impl World {
    /// Whether this handling of `id` fails (the first of an event meant to fail once).
    fn fails(&self, id: &str) -> bool {
        lock(&self.fail_once).remove(id)
    }
    fn effect(&self, id: &str, replica: usize) {
        lock(&self.effects)
            .entry(id.to_owned())
            .or_default()
            .push(replica);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One replica: its long connection, claiming in the shared store.
fn replica(
    emu: &Emulator,
    store: Arc<dyn Store>,
    world: Arc<World>,
    n: usize,
) -> tokio::task::JoinHandle<()> {
    let clicks = world.clone();
    let conn = LongConnection::new(emu.app_id(), emu.app_secret())
        .base_url(emu.base_url())
        .store(store)
        .on_events(move |v: serde_json::Value| {
            let world = world.clone();
            async move {
                let id = v["header"]["event_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                if world.fails(&id) {
                    return Err("the database is down".to_owned());
                }
                world.effect(&id, n);
                Ok(())
            }
        });
    tokio::spawn(async move {
        let _ = conn
            .run(
                move |e: CardActionEvent| {
                    let world = clicks.clone();
                    async move {
                        world.effect(&e.header.event_id, n);
                        Answer::new()
                    }
                },
                std::future::pending(),
            )
            .await;
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_handle_each_event_exactly_once() {
    let redis = card_test_support::need!(Redis::start());
    let emu = Arc::new(Emulator::start().await.unwrap());
    emu.retry_ladder(&[
        Duration::from_millis(50),
        Duration::from_millis(200),
        Duration::from_millis(500),
        Duration::from_secs(1),
    ]);
    let world = Arc::new(World::default());
    let replicas: Vec<_> = (0..3)
        .map(|n| {
            let store: Arc<dyn Store> =
                Arc::new(RedisStore::new(&redis.url(), emu.app_id()).unwrap());
            replica(&emu, store, world.clone(), n)
        })
        .collect();
    while emu.long_connections_open() < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let total = 1000;
    let mut deliveries = Vec::new();
    for i in 0..total {
        let mut d = if i % 2 == 0 {
            emu.click_delivery(
                "om_replicas",
                serde_json::json!({"value": {"i": i}}),
                "ou_1",
            )
        } else {
            emu.event("im.message.receive_v1", serde_json::json!({"i": i}))
        };
        if i % 5 == 0 {
            // 20 % twice: at once, or up to 40 ms later.
            d = d.twice(Duration::from_millis((i % 3) as u64 * 20));
        }
        if i % 20 == 1 {
            // 5 % (events) fail once.
            lock(&world.fail_once).insert(d.event_id().to_owned());
        }
        deliveries.push(d);
    }
    let ids: Vec<String> = deliveries.iter().map(|d| d.event_id().to_owned()).collect();
    let mut set = tokio::task::JoinSet::new();
    let mut results = Vec::new();
    for d in deliveries {
        if set.len() >= 64 {
            results.push(set.join_next().await.unwrap().unwrap());
        }
        let emu = emu.clone();
        set.spawn(async move { emu.deliver(d).await });
    }
    results.extend(set.join_all().await);

    let effects = lock(&world.effects).clone();
    let lost: Vec<&String> = ids.iter().filter(|id| !effects.contains_key(*id)).collect();
    let doubled: Vec<_> = effects.iter().filter(|(_, r)| r.len() > 1).collect();
    let deliveries: usize = results.iter().map(|r| r.attempts.len()).sum();
    let replicas_used: HashSet<usize> = effects.values().flatten().copied().collect();
    println!(
        "{total} events over 3 replicas: {deliveries} deliveries, {} handled, {} lost, {} handled twice, {} failed once and retried",
        effects.len(),
        lost.len(),
        doubled.len(),
        total / 20
    );
    assert!(
        lost.is_empty(),
        "lost, e.g. {:?}",
        &lost[..lost.len().min(5)]
    );
    assert!(
        doubled.is_empty(),
        "handled twice, e.g. {:?}",
        &doubled[..doubled.len().min(5)]
    );
    assert!(results.iter().all(|r| r.acknowledged));
    // Each duplicate went to another replica than its first delivery.
    for r in results
        .iter()
        .filter(|r| r.attempts.len() == 2 && r.attempts[0].1 == 200)
    {
        assert_ne!(r.attempts[0].0, r.attempts[1].0, "{r:?}");
    }
    assert_eq!(replicas_used.len(), 3, "every replica handled some");
    assert!(
        lock(&world.fail_once).is_empty(),
        "every planned failure happened"
    );
    for r in replicas {
        r.abort();
    }
}

fn shared_client(emu: &Emulator, redis: &Redis) -> card_send::Client {
    let store: Arc<dyn Store> = Arc::new(RedisStore::new(&redis.url(), emu.app_id()).unwrap());
    card_send::Client::builder()
        .against(emu)
        .shared_limits(redis.url())
        .store(store)
        .build()
        .unwrap()
}

fn two_element_card() -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown element_id="answer">"…"</markdown>
            <markdown element_id="status">"starting"</markdown>
        </card>
    }
}

/// Two replicas write one card at once — one streams the answer, the other updates a status
/// element: their sequences interleave strictly increasing (taken in the store, each write in
/// its turn), so no write is refused with 300317, and the answer ends complete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_write_one_card_without_300317() {
    let redis = card_test_support::need!(Redis::start());
    let emu = Emulator::start().await.unwrap();
    let (a, b) = (shared_client(&emu, &redis), shared_client(&emu, &redis));
    let stream = a
        .card_stream(emu.chat_id(), &two_element_card(), "answer")
        .await
        .unwrap();
    let card = stream.card_id();
    let status = tokio::spawn(async move {
        for i in 0..15 {
            b.stream_text(&card, "status", &format!("step {i}"))
                .await
                .unwrap();
        }
    });
    let mut full = String::new();
    for i in 0..60 {
        let line = format!("line {i} of the answer\n");
        full.push_str(&line);
        stream.append(&line);
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    status.await.unwrap();
    let messages = stream.finish(None, None).await.unwrap();
    let v = emu.message(&messages[0]).unwrap().content_json().unwrap();
    assert_eq!(v["body"]["elements"][0]["content"], full.as_str());
    assert_eq!(v["body"]["elements"][1]["content"], "step 14");
    let refusals = emu.refusals();
    assert!(refusals.is_empty(), "refused: {refusals:?}");
}

/// A replica dies mid-stream (its runtime gone, the stream neither finished nor dropped):
/// another takes the stream over from the shared store, writes the rest and finishes it —
/// the card holds the whole answer and streaming mode is off.
#[test]
fn a_replica_killed_mid_stream_is_finished_by_another() {
    let redis = card_test_support::need!(Redis::start());
    let runtime = || {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    };
    let main = runtime();
    let emu = main.block_on(Emulator::start()).unwrap();
    let first: String = (0..40).map(|i| format!("first part, line {i}\n")).collect();
    let rest: String = (0..40)
        .map(|i| format!("second part, line {i}\n"))
        .collect();

    // Replica A: starts the answer, then dies.
    let a_runtime = runtime();
    let stream_id = a_runtime.block_on(async {
        let a = shared_client(&emu, &redis);
        let stream = a
            .card_stream(emu.chat_id(), &two_element_card(), "answer")
            .await
            .unwrap();
        stream.append(&first);
        tokio::time::sleep(Duration::from_millis(400)).await;
        let id = stream.stream_id();
        // Killed: no finish, no drop handler.
        std::mem::forget(stream);
        id
    });
    a_runtime.shutdown_background();

    // Replica B: takes it over and finishes it.
    main.block_on(async {
        let b = shared_client(&emu, &redis);
        let stream = b
            .resume_stream(&stream_id, card_send::cardkit::StreamOptions::new())
            .await
            .unwrap();
        stream.append(&rest);
        let messages = stream.finish(None, Some("done".into())).await.unwrap();
        let v = emu.message(&messages[0]).unwrap().content_json().unwrap();
        assert_eq!(
            v["body"]["elements"][0]["content"],
            format!("{first}{rest}").as_str()
        );
        assert_eq!(v["config"]["streaming_mode"], false);
        let refusals = emu.refusals();
        assert!(refusals.is_empty(), "refused: {refusals:?}");
    });
}

/// A callback token updates the card twice in all (300040 after): counted in the store, the
/// third use is refused before any request even when it comes from another replica.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delayed_update_tokens_two_uses_are_counted_across_replicas() {
    let redis = card_test_support::need!(Redis::start());
    let emu = Emulator::start().await.unwrap();
    let (a, b) = (shared_client(&emu, &redis), shared_client(&emu, &redis));
    let card = card_dsl::card! { <card><markdown>"pending"</markdown></card> };
    let message = a.send_card(emu.chat_id(), &card).await.unwrap();
    let click = emu.click_delivery(message.as_str(), serde_json::json!({"ok": 1}), "ou_1");
    let body = click.json().to_string();
    let receiver = card_send::callback::Verifier::new(None, None);
    let Ok(card_send::callback::Callback::CardAction(event)) =
        receiver.receive(&card_send::callback::Headers::default(), body.as_bytes())
    else {
        panic!("not a card action")
    };
    let done = card_dsl::card! { <card><markdown>"done"</markdown></card> };
    a.delayed_update(&event, &done).await.unwrap();
    b.delayed_update(&event, &done).await.unwrap();
    let third = a.delayed_update(&event, &done).await.unwrap_err();
    assert!(third.is_preflight(), "{third}");
    assert_eq!(third.code(), Some(300040));
    assert_eq!(emu.stats().errors, 0, "nothing refused by the platform");
}

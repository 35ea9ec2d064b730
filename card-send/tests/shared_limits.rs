//! Limits shared across replicas through Redis: three clients of one app against one emulator
//! stay under the app's limits together. A real `redis-server` is started on 127.0.0.1 (`.ci/run`
//! installs it when missing).

use std::time::{Duration, Instant};

use card_emulator::Emulator;
use card_send::RetryPolicy;

use card_test_support::redis::Redis;

/// Three replicas send `n` PATCHes each over their messages, concurrently; returns the
/// emulator's 230020 count and the elapsed time.
async fn three_replicas(
    emu: &Emulator,
    shared: Option<&str>,
    per_replica: usize,
) -> (u64, Duration) {
    let mut replicas = Vec::new();
    for _ in 0..3 {
        let mut b = card_send::Client::builder()
            .against(&emu)
            .retry(RetryPolicy::none());
        if let Some(url) = shared {
            b = b.shared_limits(url);
        }
        replicas.push(b.build().unwrap());
    }
    // The cards are sent by one setup client; each replica then updates its five.
    let setup = card_send::Client::builder().against(&emu).build().unwrap();
    let card = card_dsl::card! { <card><markdown>"x"</markdown></card> };
    let mut ids = Vec::new();
    for r in 0..3 {
        for _ in 0..5 {
            ids.push((r, setup.send_card(emu.chat_id(), &card).await.unwrap()));
        }
    }
    let before = emu.stats().rate_limited;
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (r, client) in replicas.iter().enumerate() {
        let mine: Vec<_> = ids
            .iter()
            .filter(|(o, _)| *o == r)
            .map(|(_, id)| id.clone())
            .collect();
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..per_replica {
                let id = &mine[i % mine.len()];
                let c = card_dsl::card! { <card><markdown>{format!("v{i}")}</markdown></card> };
                let _ = client.update_card(id, &c).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    (emu.stats().rate_limited - before, start.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_sharing_redis_stay_under_the_apps_limit() {
    let redis = card_test_support::need!(Redis::start());
    let emu = Emulator::start().await.unwrap();
    let (limited, elapsed) = three_replicas(&emu, Some(&redis.url()), 50).await;
    assert_eq!(limited, 0, "0 × 230020 with shared limits");
    // 150 PATCHes at 50/s for the whole app take about 3 s, not the 1 s three replicas would
    // take each believing they own 50/s.
    assert!(elapsed >= Duration::from_millis(2800), "{elapsed:?}");
    // Without sharing, the same three replicas overrun the app's 50/s.
    let emu = Emulator::start().await.unwrap();
    let (limited, _) = three_replicas(&emu, None, 50).await;
    assert!(limited > 0, "in-process limits are per process");
}

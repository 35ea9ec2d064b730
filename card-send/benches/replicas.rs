//! Three replicas of one app sharing their limits through Redis (feature `redis`): 600 PATCHes
//! over 30 messages against one emulator, concurrently. Reports the achieved rate against the
//! app's 50/s and the 230020 replies. Starts its own `redis-server` on 127.0.0.1.

use std::time::Instant;

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
    println!("replicas: 3 processes sharing Redis, 600 updates over 30 messages");
    println!(
        "  elapsed              {:.2} s (ideal {ideal:.1} s at 50/s)",
        elapsed.as_secs_f64()
    );
    println!(
        "  achieved rate        {:.1}/s = {:.1} % of 50/s (goal ≥ 95 %)",
        600.0 / elapsed.as_secs_f64(),
        100.0 * ideal / elapsed.as_secs_f64()
    );
    println!(
        "  230020 replies       {}",
        after.rate_limited - before.rate_limited
    );
    drop(redis);
}

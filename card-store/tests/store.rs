//! The same checks on both backends: a claim is taken once and released only by its owner; a
//! claim expires; counters strictly increase under concurrent callers; values expire.

use std::sync::Arc;
use std::time::Duration;

use card_store::{MemoryStore, Store, claim_within};

async fn claims(store: Arc<dyn Store>) {
    assert!(
        store
            .claim("ev_1", "a", Duration::from_secs(5))
            .await
            .unwrap()
    );
    assert!(
        !store
            .claim("ev_1", "b", Duration::from_secs(5))
            .await
            .unwrap()
    );
    // Another owner cannot release it; its owner can.
    store.release("ev_1", "b").await.unwrap();
    assert!(
        !store
            .claim("ev_1", "b", Duration::from_secs(5))
            .await
            .unwrap()
    );
    store.release("ev_1", "a").await.unwrap();
    assert!(
        store
            .claim("ev_1", "b", Duration::from_secs(5))
            .await
            .unwrap()
    );
    // A claim expires.
    assert!(
        store
            .claim("lease", "a", Duration::from_millis(50))
            .await
            .unwrap()
    );
    assert!(
        !store
            .claim("lease", "b", Duration::from_millis(50))
            .await
            .unwrap()
    );
    assert!(
        claim_within(
            &*store,
            "lease",
            "b",
            Duration::from_secs(1),
            Duration::from_millis(500)
        )
        .await
        .unwrap()
    );
    // 50 concurrent claims of one key: exactly one wins.
    let mut set = tokio::task::JoinSet::new();
    for i in 0..50 {
        let store = store.clone();
        set.spawn(async move {
            store
                .claim("ev_race", &format!("r{i}"), Duration::from_secs(5))
                .await
                .unwrap()
        });
    }
    let won = set.join_all().await.into_iter().filter(|w| *w).count();
    assert_eq!(won, 1);
}

async fn counters_and_values(store: Arc<dyn Store>) {
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let store = store.clone();
        set.spawn(async move { store.next("seq:c1", Duration::from_secs(5)).await.unwrap() });
    }
    let mut got = set.join_all().await;
    got.sort_unstable();
    assert_eq!(got, (1..=200).collect::<Vec<u64>>());
    store
        .set("text", "hello", Duration::from_millis(50))
        .await
        .unwrap();
    assert_eq!(store.get("text").await.unwrap().as_deref(), Some("hello"));
    tokio::time::sleep(Duration::from_millis(80)).await;
    assert_eq!(store.get("text").await.unwrap(), None);
    assert_eq!(store.get("never").await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_store() {
    let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
    claims(store.clone()).await;
    counters_and_values(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_store() {
    let redis = card_test_support::need!(card_test_support::redis::Redis::start());
    let store: Arc<dyn Store> =
        Arc::new(card_store::RedisStore::new(&redis.url(), "cli_a").unwrap());
    claims(store.clone()).await;
    counters_and_values(store.clone()).await;
    // Another app's prefix is another namespace.
    let other = card_store::RedisStore::new(&redis.url(), "cli_b").unwrap();
    assert!(
        other
            .claim("ev_1", "x", Duration::from_secs(5))
            .await
            .unwrap()
    );
}

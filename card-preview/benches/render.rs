//! Render time per card over the corpus's and production's cards (criterion): each iteration
//! renders one card, taking them in turn, so criterion's time is the mean time per card. The
//! number of cards is in the benchmark's name; with no cards (no `../shared`) it fails.

use std::hint::black_box;

use card_preview::{Options, render_str};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let root = card_test_support::shared_dir().join("corpus/cards");
    let mut cards = Vec::new();
    for dir in ["v2", "wild/v2", "v1", "wild/v1"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            if e.path().extension().is_some_and(|x| x == "json") {
                cards.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    let n = cards.len();
    assert!(
        n > 0,
        "no cards under {}: the benchmark needs ../shared beside the checkout",
        root.display()
    );
    let mut next = cards.iter().cycle();
    c.bench_function(&format!("render one card (the mean over {n} cards)"), |b| {
        b.iter(|| {
            let t = next.next().expect("a cycle never ends");
            black_box(render_str(t, Options::default()).unwrap())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

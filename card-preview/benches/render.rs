//! Render time per card over the corpus and production cards (criterion), reported per card.

use std::hint::black_box;
use std::path::Path;

use card_preview::{Options, render_str};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cards");
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
    c.bench_function(&format!("render {n} cards"), |b| {
        b.iter(|| {
            for t in &cards {
                black_box(render_str(t, Options::default()).unwrap());
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

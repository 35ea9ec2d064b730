//! `validate_str` over the shared corpus against `serde_json::from_str::<Value>` over the same
//! texts, in one run. Goal: ratio ≤ 1.5. The ratio is printed at the end from criterion's estimates.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput};

fn corpus_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cards");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for f in std::fs::read_dir(&dir).expect("../shared/corpus beside the checkout") {
            let path = f.unwrap().path();
            if path.is_dir() {
                dirs.push(path); // cards/wild/{v1,v2,rejected}
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    // A benchmark over nothing would print a ratio of nothing.
    assert!(
        !files.is_empty(),
        "no corpus cards under ../shared/corpus/cards"
    );
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn bench(c: &mut Criterion, texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("serde_json_from_str", |b| {
        b.iter(|| {
            for t in texts {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(t)).ok());
            }
        })
    });
    g.bench_function("validate_str", |b| {
        b.iter(|| {
            for t in texts {
                black_box(card_validate::validate_str(black_box(t)));
            }
        })
    });
    g.finish();
}

fn estimate_ns(id: &str) -> Option<f64> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/criterion/corpus")
        .join(id)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir).ok()?).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

fn main() {
    let texts = corpus_texts();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &texts);
    c.final_summary();
    if let (Some(base), Some(ours)) = (
        estimate_ns("serde_json_from_str"),
        estimate_ns("validate_str"),
    ) {
        println!(
            "\n{} corpus files: validate_str {:.1} µs, serde_json::from_str {:.1} µs per pass; ratio {:.2} (goal ≤ 1.5)",
            texts.len(),
            ours / 1e3,
            base / 1e3,
            ours / base
        );
    }
}

//! Splits validate_str's time over the corpus into parse, walk and locate (a quick profiling aid).
use std::time::Instant;
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cards");
    let mut texts = Vec::new();
    for d in std::fs::read_dir(root).unwrap() {
        for f in std::fs::read_dir(d.unwrap().path()).unwrap() {
            texts.push(std::fs::read_to_string(f.unwrap().path()).unwrap());
        }
    }
    let values: Vec<serde_json::Value> = texts
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect();
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        for x in &texts {
            std::hint::black_box(serde_json::from_str::<serde_json::Value>(x).ok());
        }
    }
    let parse = t.elapsed();
    let t = Instant::now();
    for _ in 0..n {
        for v in &values {
            std::hint::black_box(card_validate::validate(v));
        }
    }
    let walk = t.elapsed();
    let t = Instant::now();
    for _ in 0..n {
        for x in &texts {
            std::hint::black_box(card_validate::validate_str(x));
        }
    }
    let full = t.elapsed();
    let diags: usize = texts
        .iter()
        .map(|t| card_validate::validate_str(t).diagnostics().len())
        .sum();
    println!(
        "parse {parse:?} walk(validate on Value) {walk:?} full {full:?}; diagnostics over corpus: {diags}"
    );
}

//! Runs validate_str (or, with `serde`, serde_json::from_str) over the corpus N times: a steady workload for
//! `valgrind --tool=callgrind target/release/examples/profile_validate 3`, whose instruction counts
//! are repeatable where wall-clock time on a shared machine is not.
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cards");
    let mut texts = Vec::new();
    for d in std::fs::read_dir(root).unwrap() {
        for f in std::fs::read_dir(d.unwrap().path()).unwrap() {
            texts.push(std::fs::read_to_string(f.unwrap().path()).unwrap());
        }
    }
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    // `serde` as the second argument runs the baseline instead: serde_json::from_str::<Value>.
    let baseline = std::env::args().nth(2).is_some_and(|a| a == "serde");
    for _ in 0..reps {
        for x in &texts {
            if baseline {
                std::hint::black_box(serde_json::from_str::<serde_json::Value>(x).ok());
            } else {
                std::hint::black_box(card_validate::validate_str(x));
            }
        }
    }
}

//! Splits the `card!` example's cost into build and serialize (a profiling aid).
use std::hint::black_box;
use std::time::Instant;

fn build(service: &str) -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <config width_mode="fill"/>
            <header template="green">
                <title>"Deploy finished"</title>
                <subtitle>{format!("service {service}")}</subtitle>
            </header>
            <markdown>{format!("**{service}** is live")}</markdown>
            <hr/>
            <button type="primary">
                <text>"Open dashboard"</text>
                <behaviors><open_url default_url="https://example.com/d"/></behaviors>
            </button>
        </card>
    }
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let t = Instant::now();
    for _ in 0..n {
        black_box(build(black_box("billing")));
    }
    let b = t.elapsed();
    let card = build("billing");
    let t = Instant::now();
    for _ in 0..n {
        black_box(black_box(&card).to_content());
    }
    let s = t.elapsed();
    println!(
        "build {:?}/iter, serialize {:?}/iter, size_of Element {} Button {} Card {}",
        b / n,
        s / n,
        std::mem::size_of::<card_dsl::Element>(),
        std::mem::size_of::<card_dsl::Button>(),
        std::mem::size_of::<card_dsl::Card>()
    );
}

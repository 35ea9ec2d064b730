//! Generates the typed model of card JSON 2.0 from `card_validate::spec` (the generator is in
//! `build/`), so the model cannot drift from the one spec: one struct per component and shared
//! object, one enum per enumerated attribute, and the `Element` enum. Hand-written code (`src/`)
//! adds what the spec cannot say: the card root, newtypes, table rows and the other payloads.

#[path = "build/mod.rs"]
mod model;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    std::fs::write(format!("{dir}/model.rs"), model::generate()).expect("write model.rs");
}

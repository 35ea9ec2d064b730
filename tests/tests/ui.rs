//! trybuild: `card!` compile errors (one concern per file, with the expected `.stderr`) and
//! programs that must keep compiling. Regenerate with `TRYBUILD=overwrite cargo test --test ui`.

/// The `.stderr` files are rustc 1.95's words, the toolchain `rust-toolchain.toml` pins, so the
/// suite runs everywhere that pin holds, CI included.
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}

//! trybuild: `card!` compile errors (one concern per file, with the expected `.stderr`) and
//! programs that must keep compiling. Regenerate with `TRYBUILD=overwrite cargo test --test ui`.

/// The `.stderr` files are rustc 1.95's words; other compilers word their notes differently, so
/// there the test is skipped rather than failed.
#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the .stderr files are pinned to rustc 1.95"
)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}

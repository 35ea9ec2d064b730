#!/usr/bin/env bash
# Runs the validate_str fuzz target seeded with the shared corpus.
# Usage: card-validate/fuzz/run.sh [RUNS]   (default 1,000,000 inputs)
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the one stable toolchain accept them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-1000000}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seeds="$here/corpus/validate_str"
mkdir -p "$seeds"
find "$here/../../../shared/corpus/cards" -name '*.json' -exec cp {} "$seeds/" \;
cd "$here/.."
# The crate forbids unsafe code, so the address sanitizer adds time and no coverage.
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --fuzz-dir fuzz validate_str "$seeds" -- \
  -runs="$runs" -max_len=65536 -print_final_stats=1

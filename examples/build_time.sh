#!/usr/bin/env bash
# What a new user's `cargo run --example quickstart` compiles on a clean target: crates and wall
# time, for a commit from before the examples had their own crate (BEFORE, default: the commit
# that moved them, minus one) and for this checkout, side by side in one run. Each build uses a
# fresh target directory (dependencies from the local registry cache).
#
#   examples/build_time.sh [BEFORE]
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:-$(git log --format=%H -1 --diff-filter=A -- examples/Cargo.toml)~1}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/before" 2>/dev/null || true; rm -rf "$work"' EXIT
git worktree add --quiet --detach "$work/before" "$before"
build() { # label, checkout
  local target="$work/target-$1" start end crates
  start=$(date +%s.%N)
  (cd "$2" && cargo build --example quickstart --target-dir "$target" 2>&1) >"$work/$1.log"
  end=$(date +%s.%N)
  crates=$(grep -c '^ *Compiling ' "$work/$1.log" || true)
  printf '%-7s %4s crates  %6.1f s\n' "$1" "$crates" "$(echo "$end - $start" | bc)"
}
build before "$work/before"
build after "$PWD"

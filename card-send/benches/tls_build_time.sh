#!/usr/bin/env bash
# Clean-build time of card-send with each TLS provider feature, side by side in one run.
# Each build uses a fresh target directory (dependencies from the local registry cache), so the
# figure is what a bot's first `cargo build` of card-send costs. Usage: tls_build_time.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq "$rounds"); do
  for features in tls-ring tls-aws-lc; do
    target="$work/$features-$i"
    start=$(date +%s.%N)
    cargo build -q -p card-send --no-default-features --features "$features" --target-dir "$target"
    end=$(date +%s.%N)
    printf '%s round %s: %.1f s\n' "$features" "$i" "$(echo "$end - $start" | bc)"
  done
done

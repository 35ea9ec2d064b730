#!/usr/bin/env bash
# Injected bugs, caught or not: runs cargo-mutants (crates.io: `cargo install cargo-mutants`) on
# the files whose bugs would break the project's promise, one file at a time, against the tests
# that guard it, and prints caught / missed / unviable / timeout per file and the share caught of
# the viable ones. Each file's full report is left in target/mutants/<file>/mutants.out.
#
#   scripts/mutants.sh                      # every file of the list below
#   scripts/mutants.sh card-send/src/limits.rs …
#
# A missed mutant is a change to the code that no test notices: look at
# target/mutants/<file>/mutants.out/missed.txt. The `excluded` column counts the mutants
# .cargo/mutants.toml leaves out as equivalent (each with its reason there).
set -euo pipefail
cd "$(dirname "$0")/.."

# file → package and the test targets that guard it (cargo test arguments).
guard() {
  case "$1" in
    card-validate/*) echo "card-validate --lib --tests" ;;
    card-dsl-macros/*) echo "card-dsl-macros --lib --tests" ;;
    card-send/src/limits.rs | card-send/src/shared_limits.rs)
      echo "card-send --lib --test limits --test shared_limits" ;;
    card-send/src/preflight.rs) echo "card-send --lib --test errors --test calls" ;;
    card-send/src/callback/*)
      echo "card-send --lib --test callbacks --test callbacks_e2e --test long_connection" ;;
    *) echo "unknown" ;;
  esac
}

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(
    card-validate/src/rules.rs card-validate/src/literal.rs card-validate/src/structure.rs
    card-validate/src/check/*.rs
    card-send/src/limits.rs card-send/src/shared_limits.rs card-send/src/preflight.rs
    card-send/src/callback/receiver.rs card-send/src/callback/crypto.rs
    card-dsl-macros/src/check/*.rs
  )
fi

count() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }
printf '%-44s %7s %7s %9s %8s %9s %9s\n' file caught missed unviable timeout excluded "caught %"
for file in "${files[@]}"; do
  read -r package targets <<<"$(guard "$file")"
  if [ "$package" = unknown ]; then
    echo "error: no tests are named for $file in scripts/mutants.sh" >&2
    exit 2
  fi
  out="target/mutants/$(echo "$file" | tr '/' '_')"
  mkdir -p "$out"
  args=()
  for t in $targets; do args+=("--cargo-test-arg=$t"); done
  # In place: the mutants build in this checkout's target/ (incrementally) and see ../shared, as
  # the tests do; cargo-mutants puts each file back after its mutant. The baseline is the
  # suite's own green run. A mutant missed or timed out makes it exit non-zero; the counts say so.
  cargo mutants --in-place --package "$package" --file "$file" --output "$out" --no-shuffle \
    --profile mutants --baseline skip --timeout 90 --build-timeout 600 "${args[@]}" >"$out/log.txt" 2>&1 || true
  d="$out/mutants.out"
  # Mutants left out by .cargo/mutants.toml (each with its reason there).
  all=$(cargo mutants --list --no-config --package "$package" --file "$file" 2>/dev/null | grep -c . || true)
  kept=$(cargo mutants --list --package "$package" --file "$file" 2>/dev/null | grep -c . || true)
  caught=$(count "$d/caught.txt"); missed=$(count "$d/missed.txt")
  unviable=$(count "$d/unviable.txt"); timeout=$(count "$d/timeout.txt")
  viable=$((caught + missed + timeout))
  share=$([ "$viable" -gt 0 ] && echo "$(( (caught + timeout) * 1000 / viable ))" || echo 1000)
  printf '%-44s %7s %7s %9s %8s %9s %8s.%s\n' "$file" "$caught" "$missed" "$unviable" "$timeout" \
    "$((all - kept))" "$((share / 10))" "$((share % 10))"
done

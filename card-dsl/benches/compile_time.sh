#!/usr/bin/env bash
# Compile-time benchmark for the card! issue: a crate with 50 realistic card! calls against the
# same 50 cards written with serde_json::json!, built in the same run. Both crates depend on the
# same crates (card-dsl, serde_json), which are built once first; then each crate's own build is
# timed from cold (its own artifacts removed), alternating, 5 times each. Goal: ratio ≤ 1.5.
# Usage: card-dsl/benches/compile_time.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
work="$here/target/compile-bench"
rm -rf "$work" && mkdir -p "$work"
export CARGO_TARGET_DIR="$work/target"

card() { # $1 = index
  cat <<RS
pub fn card_$1(service: &str) -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <config width_mode="fill"/>
            <header template="green">
                <title>"Deploy $1 finished"</title>
                <subtitle>{format!("service {service}")}</subtitle>
            </header>
            <markdown>{format!("**{service}** is live ($1)")}</markdown>
            <hr/>
            <column_set flex_mode="bisect">
                <column><markdown text_size="notation">"region: north"</markdown></column>
                <column><markdown text_size="notation">"version: 1.$1"</markdown></column>
            </column_set>
            <button type="primary">
                <text>"Open dashboard"</text>
                <behaviors><open_url default_url="https://example.com/d/$1"/></behaviors>
            </button>
        </card>
    }
}
RS
}

json() { # $1 = index
  cat <<RS
pub fn card_$1(service: &str) -> serde_json::Value {
    serde_json::json!({"schema": "2.0", "config": {"update_multi": true, "width_mode": "fill"},
        "header": {"title": {"tag": "plain_text", "content": "Deploy $1 finished"},
                   "subtitle": {"tag": "plain_text", "content": format!("service {service}")}, "template": "green"},
        "body": {"elements": [
            {"tag": "markdown", "content": format!("**{service}** is live ($1)")},
            {"tag": "hr"},
            {"tag": "column_set", "flex_mode": "bisect", "columns": [
                {"tag": "column", "elements": [{"tag": "markdown", "content": "region: north", "text_size": "notation"}]},
                {"tag": "column", "elements": [{"tag": "markdown", "content": "version: 1.$1", "text_size": "notation"}]}]},
            {"tag": "button", "type": "primary", "text": {"tag": "plain_text", "content": "Open dashboard"},
             "behaviors": [{"type": "open_url", "default_url": "https://example.com/d/$1"}]}]}})
}
RS
}

for kind in macro json; do
  mkdir -p "$work/$kind/src"
  cat > "$work/$kind/Cargo.toml" <<TOML
[package]
name = "bench_$kind"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
card-dsl = { path = "$here/card-dsl" }
serde_json = "1"

[workspace]
TOML
  : > "$work/$kind/src/lib.rs"
  for i in $(seq 1 50); do
    if [ "$kind" = macro ]; then card "$i"; else json "$i"; fi >> "$work/$kind/src/lib.rs"
  done
done

# Dependencies once (not timed), then the crates themselves from cold.
(cd "$work/macro" && cargo build -q 2>/dev/null) && (cd "$work/json" && cargo build -q 2>/dev/null)
time_build() { # $1 = kind
  rm -rf "$CARGO_TARGET_DIR"/debug/.fingerprint/bench_"$1"-* "$CARGO_TARGET_DIR"/debug/deps/libbench_"$1"* "$CARGO_TARGET_DIR"/debug/deps/bench_"$1"-*
  local start end
  start=$(date +%s.%N)
  (cd "$work/$1" && cargo build -q)
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
declare -a tm tj
for _ in $(seq 1 "$runs"); do
  tm+=("$(time_build macro)")
  tj+=("$(time_build json)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(median "${tm[@]}"); j=$(median "${tj[@]}")
echo "50 cards, cold build of the crate (deps prebuilt), median of $runs:"
echo "  card!: ${m}s   json!: ${j}s   ratio card!/json! = $(echo "scale=2; $m / $j" | bc) (goal <= 1.5)"

#!/usr/bin/env bash
# Times docgen on the v1.0 corpus against a baseline, in one run, and measures the generated
# crate: see the README section "Benchmark". Usage: scripts/bench.sh [CORPUS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/graph-docs-v1.0-2021}
runs=${2:-5}
area=contacts
work=target/bench
mkdir -p "$work"

cargo build --release --quiet -p docgen --bin docgen --example baseline
docgen=target/release/docgen
baseline=target/release/examples/baseline

# Wall time, in seconds, of running "$@" once (output discarded).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# The median of the numbers on standard input.
median() {
  sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

generate() {
  "$docgen" generate "$corpus" --api-version v1.0 --out "$work/v1" --crate-name graph-v1 \
    --runtime-path "$PWD/runtime" --standalone "$@"
}

# Rounds of (a), (a1), (b) and (c) in turn, so that machine noise spreads over all of them;
# (c) writes into a new, empty folder each time (removed after the timing).
: >"$work/times"
for run in $(seq "$runs"); do
  echo "a $(seconds "$baseline" "$corpus")" >>"$work/times"
  echo "a1 $(seconds env RAYON_NUM_THREADS=1 "$baseline" "$corpus")" >>"$work/times"
  echo "b $(seconds "$docgen" ir "$corpus" --api-version v1.0)" >>"$work/times"
  echo "c $(seconds "$docgen" generate "$corpus" --api-version v1.0 --out "$work/fresh-$run" \
    --crate-name graph-v1 --runtime-path "$PWD/runtime" --standalone)" >>"$work/times"
done
rm -rf "$work"/fresh-*
a=$(awk '$1 == "a" { print $2 }' "$work/times" | median)
a1=$(awk '$1 == "a1" { print $2 }' "$work/times" | median)
b=$(awk '$1 == "b" { print $2 }' "$work/times" | median)
c=$(awk '$1 == "c" { print $2 }' "$work/times" | median)

# Peak memory of generate, into an empty folder and into an up-to-date one.
rm -rf "$work/v1"
/usr/bin/time -f '%M' -o "$work/peak-kb" "$docgen" generate "$corpus" --api-version v1.0 \
  --out "$work/v1" --crate-name graph-v1 --runtime-path "$PWD/runtime" --standalone \
  >/dev/null 2>&1 || true
peak_kb=$(tail -1 "$work/peak-kb")
second=$(generate 2>&1 | tail -1 | grep -o '[0-9]* files written, [0-9]* unchanged')

# The generated crate: lines (src/ only) and cargo check time, whole and with one area.
cp Cargo.lock "$work/v1/Cargo.lock"
lines_whole=$(find "$work/v1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
endpoints=$("$docgen" ir "$corpus" --api-version v1.0 2>/dev/null \
  | python3 -c 'import json,sys; print(sum(len(o["endpoints"]) for o in json.load(sys.stdin)["operations"]))')
"$docgen" generate "$corpus" --api-version v1.0 --out "$work/v1-$area" --crate-name graph-v1 \
  --runtime-path "$PWD/runtime" --standalone --area "$area" >/dev/null 2>&1 || true
lines_area=$(find "$work/v1-$area/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)

export CARGO_TARGET_DIR="$PWD/$work/check-target" CARGO_INCREMENTAL=0
(cd "$work/v1" && cargo check --quiet --offline --lib && cargo check --quiet --offline --lib --no-default-features --features "$area")
check() {
  (cd "$work/v1" && touch src/lib.rs && cargo check --quiet --offline --lib "$@")
}
check_whole=$(for _ in $(seq "$runs"); do seconds check; done | median)
check_area=$(for _ in $(seq "$runs"); do seconds check --no-default-features --features "$area"; done | median)

ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
secs() { printf '%.3f' "$1"; }
cat <<REPORT
| measure | value |
|---|---|
| (a) baseline: read + pulldown-cmark, every page, all cores | $(secs "$a") s |
| (a1) the same on one thread | $(secs "$a1") s |
| (b) docgen ir | $(secs "$b") s (b/a = $(ratio "$b" "$a")) |
| (c) docgen generate, into an empty folder | $(secs "$c") s (c/a = $(ratio "$c" "$a"), c/a1 = $(ratio "$c" "$a1")) |
| peak memory of (c) | $(( peak_kb / 1024 )) MB |
| (c) again, no input change | ${second} |
| generated lines (src/), whole crate | ${lines_whole} for ${endpoints} endpoints ($(ratio "$lines_whole" "$endpoints") per endpoint) |
| generated lines (src/), \`--area ${area}\` alone | ${lines_area} |
| cargo check, whole crate | $(secs "$check_whole") s ($(ratio "$check_whole * 1000" "$endpoints") s per 1000 endpoints) |
| cargo check, \`--no-default-features --features ${area}\` | $(secs "$check_area") s ($(ratio "$check_area" "$check_whole") of the whole) |
REPORT
echo "(median of ${runs} runs each; $(nproc) cores; $(date -u +%Y-%m-%d))"

#!/usr/bin/env bash
# Fuzzes parcours: runs each cargo-fuzz target (fuzz/fuzz_targets/) for SECONDS,
# one after the other, and prints one table of executions, coverage and findings.
#
#   bash bench/fuzz.sh [SECONDS] [TARGET...]     # default: 1800 s each, every target
#
# Needs nightly and cargo-fuzz:
#   rustup toolchain install nightly && cargo +nightly install cargo-fuzz
#
# - Each target runs in libFuzzer's fork mode with one job (-fork=1) and goes on
#   after a crash, a timeout or running out of memory (-ignore_crashes...), so a
#   long run collects every finding instead of stopping at the first; each finding
#   is written to fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*).
# - The corpus grows in place (fuzz/corpus/<target>/); past FUZZ_CMIN_ABOVE files
#   (default 300) it is minimised afterwards with `cargo fuzz cmin` to the inputs
#   that reach new edges (-use_counters=0: hit counts left aside), which keeps the
#   committed corpora and their replay under `cargo test` small.
# - Built with debug assertions and overflow checks (-a), as `cargo test` runs the
#   engine: an overflow is a finding even where release builds wrap silently.
# - Logs go to fuzz/target/logs/<target>.log; each target's line of the table is
#   also appended to fuzz/runs.tsv (date, commit), to add up runs across sessions:
#   awk -F'\t' 'NR>1 {s[$3]+=$4; n[$3]+=$5} END {for (t in s) print t, s[t] "s", n[t]}' fuzz/runs.tsv
# - FUZZ_SANITIZER (default none: the engine forbids unsafe code, and without
#   AddressSanitizer it runs about twice as fast), FUZZ_TIMEOUT (seconds one input
#   may take before it counts as a hang, default 10), FUZZ_RSS_MB (default 2048).
#
# A finding becomes a regression: copy the input to fuzz/regressions/<target>/ with
# a name saying what breaks; crates/parcours-fuzzing/tests/replay.rs replays it
# under stable `cargo test` (listed as pending, with an #[ignore]d test of its own,
# until the engine is fixed). Triage an engine_pair input with
# `cargo run -p parcours-fuzzing --example pair -- FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-1800}
shift || true
ALL=(curriculum_load learner_load instrument_load answers_csv answers_json ndjson_line engine_pair)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi
SANITIZER=${FUZZ_SANITIZER:-none}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
CMIN_ABOVE=${FUZZ_CMIN_ABOVE:-300}

# Largest input per target: the biggest seed with room to grow, no more (longer
# inputs only slow every execution down).
max_len() {
  case "$1" in
    curriculum_load) echo 131072 ;;
    instrument_load | answers_csv) echo 65536 ;;
    learner_load | answers_json) echo 16384 ;;
    ndjson_line) echo 8192 ;;
    engine_pair) echo 4096 ;;
    *) echo "unknown target: $1" >&2; exit 2 ;;
  esac
}

dict_args() {
  local dict="fuzz/dict/$1.dict"
  if [ -f "$dict" ]; then echo "-dict=$dict"; fi
}

count() { find "$1" -maxdepth 1 -type f -name "$2" 2>/dev/null | wc -l; }

command -v cargo >/dev/null
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: rustup toolchain install nightly && cargo +nightly install cargo-fuzz" >&2
  exit 2
fi

for t in "${TARGETS[@]}"; do max_len "$t" >/dev/null; done
echo "==> building ${#TARGETS[@]} target(s) (sanitizer: $SANITIZER)"
for t in "${TARGETS[@]}"; do cargo +nightly fuzz build -s "$SANITIZER" --release -a "$t"; done

mkdir -p fuzz/target/logs
ROWS=()
for t in "${TARGETS[@]}"; do
  log="fuzz/target/logs/$t.log"
  artifacts="fuzz/artifacts/$t"
  mkdir -p "$artifacts" "fuzz/corpus/$t"
  before_crash=$(count "$artifacts" 'crash-*')
  before_timeout=$(count "$artifacts" 'timeout-*')
  before_oom=$(count "$artifacts" 'oom-*')
  corpus_before=$(count "fuzz/corpus/$t" '*')
  echo "==> $t: ${SECONDS_EACH}s, max_len $(max_len "$t"), corpus $corpus_before files"
  # shellcheck disable=SC2046 # dict_args is one word or none
  cargo +nightly fuzz run -s "$SANITIZER" --release -a "$t" -- \
    -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" -timeout="$TIMEOUT" \
    -rss_limit_mb="$RSS_MB" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -print_final_stats=1 $(dict_args "$t") >"$log" 2>&1 || true
  # Fork mode reports "#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash: O/T/X
  # time: Ss ..."; a plain run ends with "#N DONE cov: C ..." and stat:: lines.
  last=$(grep -E '^#[0-9]+(:| DONE| pulse| NEW| REDUCE)' "$log" | tail -n 1 || true)
  execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)
  [ -n "$execs" ] || execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  rate=$(grep -oE 'exec/s: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  crashes=$(($(count "$artifacts" 'crash-*') - before_crash))
  timeouts=$(($(count "$artifacts" 'timeout-*') - before_timeout))
  ooms=$(($(count "$artifacts" 'oom-*') - before_oom))
  if grep -q 'panicked at\|ERROR: libFuzzer' "$log" && [ "$crashes" -eq 0 ] && [ "$timeouts" -eq 0 ] && [ "$ooms" -eq 0 ]; then
    crashes="?"  # a crash the log shows but no artifact holds: read the log
  fi
  corpus_after=$(count "fuzz/corpus/$t" '*')
  if [ "$corpus_after" -gt "$CMIN_ABOVE" ]; then
    echo "    corpus of $corpus_after files: minimising"
    cargo +nightly fuzz cmin -s "$SANITIZER" --release -a "$t" -- -use_counters=0 -max_len="$(max_len "$t")" \
      -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" >>"$log" 2>&1 || echo "    cmin failed: see $log"
    corpus_after=$(count "fuzz/corpus/$t" '*')
  fi
  if [ ! -f fuzz/runs.tsv ]; then
    printf 'date\tcommit\ttarget\tseconds\texecutions\tcov\tft\tcrashes\ttimeouts\tooms\n' >fuzz/runs.tsv
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$t" "$SECONDS_EACH" "${execs:-?}" \
    "${cov:-?}" "${ft:-?}" "$crashes" "$timeouts" "$ooms" >>fuzz/runs.tsv
  ROWS+=("$(printf '%-16s %7s %12s %8s %7s %7s %11s %7s %8s %5s' "$t" "${SECONDS_EACH}" \
    "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus_before→$corpus_after" \
    "$crashes" "$timeouts" "$ooms")")
done

echo
printf '%-16s %7s %12s %8s %7s %7s %11s %7s %8s %5s\n' target seconds executions exec/s cov ft corpus crashes timeouts ooms
for row in "${ROWS[@]}"; do echo "$row"; done
echo
echo "findings: fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*); logs: fuzz/target/logs/"

#!/usr/bin/env bash
# The benchmark on the embedded default (a local nats-server started per run, on a temporary
# store): sets up like scripts/setup.sh, builds bench/ (tsc -p bench), then runs the scenarios and
# prints a table of medians against the targets. Raw numbers of every run go to
# bench/results/latest.json; the method and the last numbers are in docs/BENCHMARKS.md.
#
#   scripts/bench.sh                 # 3 runs of every scenario, a CPU profile (≈ 10 min)
#   scripts/bench.sh --quick         # 1 short run of everything (< 1 min after set-up)
#   scripts/bench.sh --runs 5 --only throughput,latency --no-profile --out /tmp/b.json
#   BENCH_SKIP_SETUP=1 scripts/bench.sh --quick   # skip set-up (already installed and built)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

if [ "${BENCH_SKIP_SETUP:-}" != "1" ]; then
  bash scripts/setup.sh
fi
log "building bench/"
node_modules/.bin/tsc -p bench
mkdir -p bench/results
# edXML signature verification (a 4 KB and a 50 MB package; docs/BENCHMARKS.md): its own table,
# before the scenarios (left out with --only).
if [[ " $* " != *" --only "* ]]; then
  edxml_runs=3
  if [[ " $* " == *" --quick "* ]]; then edxml_runs=1; fi
  log "edXML signature verification"
  node bench/dist/edxml-verify.js --runs "$edxml_runs"
fi
exec node bench/dist/main.js "$@"

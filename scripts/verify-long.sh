#!/usr/bin/env bash
# The long forms of the checks the project cites as evidence, run one after another (they load both
# cores; never in parallel): the node fuzz at 100,000 cases with two seeds, the decoder fuzz at
# 200,000 cases, the full chaos suite, the guarantee tests with the domain-local shortcut off, and
# the benchmark's quick form (every scenario must run; its targets are reported, not enforced).
# One summary line per check; exits non-zero if any failed.
# Each check's output goes to $LT_VERIFY_LOGS (default: a temporary directory, printed at the end).
#
#   scripts/verify-long.sh                 # everything (≈ 15 min on 2 cores)
#   scripts/verify-long.sh fuzz-node-42 chaos-full   # only the named checks
#   LT_CHAOS_SEED=<n> scripts/verify-long.sh chaos-full   # replay a chaos run
set -uo pipefail
cd "$(dirname "$0")/.."

logs="${LT_VERIFY_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/lt-verify-long.XXXXXX")}"
mkdir -p "$logs"
summary=()
failed=0

log() { printf '\033[1m[verify-long]\033[0m %s\n' "$*" >&2; }

# check <name> <what it proves> <command…>: runs the command, keeps its output, records one line.
check() {
  local name="$1" what="$2"
  shift 2
  if [ "${#selected[@]}" -gt 0 ] && [[ ! " ${selected[*]} " =~ " ${name} " ]]; then return; fi
  log "${name}: ${what}"
  local t0 t1 rc detail
  t0=$(date +%s)
  "$@" >"$logs/$name.log" 2>&1
  rc=$?
  t1=$(date +%s)
  detail=$(detail_of "$name")
  if [ "$rc" -eq 0 ]; then
    summary+=("PASS ${name} $((t1 - t0))s ${detail}")
  else
    failed=1
    summary+=("FAIL ${name} $((t1 - t0))s exit=${rc} ${detail} (log: $logs/$name.log)")
  fi
  log "${summary[-1]}"
}

# The line of a check's output that says what it did.
detail_of() {
  local f="$logs/$1.log"
  case "$1" in
    fuzz-node-*) grep -ho 'fuzz-node: .*' "$f" | tail -1 ;;
    fuzz-decoder | shortcut-off) grep -hE '^Tests:' "$f" | tail -1 ;;
    chaos-full)
      grep -hoE 'chaos\[[a-z-]+\] .*' "$f" | sed -E 's/ sent=[0-9]+ delivered=/ delivered=/; s/ statuses=[^ ]+//' |
        awk '{printf "%s%s", sep, $0; sep=" | "}'
      ;;
    bench-quick)
      local results
      results=$(grep -E '^\[bench\] run [0-9]+/[0-9]+ [a-z-]+: ' "$f")
      printf '%s/%s scenario runs ran' "$(grep -vc 'FAILED' <<<"$results")" "$(grep -c . <<<"$results")"
      grep -q 'FAILED' <<<"$results" && printf '; failed: %s' "$(grep 'FAILED' <<<"$results" | sed -E 's/^\[bench\] run [0-9]+\/[0-9]+ //' | cut -c1-100 | tr '\n' ' ')"
      echo
      ;;
  esac
}

selected=("$@")

pnpm run build >"$logs/build.log" 2>&1 || {
  log "build failed (log: $logs/build.log)"
  exit 1
}

check fuzz-node-42 "100,000 mutated envelopes against a running node, seed 42" \
  env LT_FUZZ_NODE_CASES=100000 LT_FUZZ_SEED=42 pnpm exec jest --ci tests/fuzz-node.test.ts
check fuzz-node-7 "100,000 mutated envelopes against a running node, seed 7" \
  env LT_FUZZ_NODE_CASES=100000 LT_FUZZ_SEED=7 pnpm exec jest --ci tests/fuzz-node.test.ts
check fuzz-decoder "200,000 random and mutated byte strings through the envelope decoder" \
  env LT_FUZZ_RUNS=200000 pnpm exec jest --ci packages/core/test/codec.fuzz.test.ts
check chaos-full "the full chaos suite: SIGKILLs of services and servers, a cut link, an absent recipient" \
  bash scripts/chaos.sh
check shortcut-off "the guarantee tests with the domain-local shortcut off (node by node custody in a domain)" \
  env LT_DOMAIN_SHORTCUT=off pnpm exec jest --ci --runInBand tests/chaos/chaos.test.ts \
  tests/multiprocess.test.ts tests/leaf-domains.test.ts tests/agency-move.test.ts \
  packages/node/test/{idempotency,status,flow-lanes,flow-fairness,store-and-forward,routing,broadcast,fan-out,overdue,closed-codes,closed-during-intake,link-parking}.test.ts
check bench-quick "every benchmark scenario runs (quick form; targets reported, not enforced)" \
  env BENCH_SKIP_SETUP=1 bash scripts/bench.sh --quick --out "$logs/bench.json"

printf '\n'
for line in "${summary[@]}"; do printf 'verify-long: %s\n' "$line"; done
printf 'verify-long: logs in %s\n' "$logs"
exit "$failed"

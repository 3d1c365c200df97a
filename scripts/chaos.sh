#!/usr/bin/env bash
# The long chaos run: more documents, more kills, a 30 s leaf-link cut, a recipient away for 40 s,
# and the reorganisation under load (tests/chaos/reform.test.ts) with more documents.
# Each scenario prints a summary line and writes it as JSON under tests/chaos/results/.
# LT_CHAOS_SEED=<n> replays a run; extra arguments go to jest (e.g. -t kill-servers).
set -euo pipefail
cd "$(dirname "$0")/.."
# The services run as processes from dist/: build first (incremental, quick when nothing changed).
pnpm run build
LT_CHAOS=full exec pnpm exec jest --ci --runInBand tests/chaos "$@"

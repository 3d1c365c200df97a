#!/usr/bin/env bash
# README command 2: set everything up, then lint, type check, proto checks and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }
step "proto: generated code is current, buf lint, buf breaking"
node scripts/proto-gen.mjs --check
pnpm exec buf lint proto
bash scripts/proto-breaking.sh
step "type check"
pnpm exec tsc -b
pnpm exec tsc -p tests
pnpm exec tsc -p bench --noEmit
step "the checked-in JSON Schema of the service config is current"
node scripts/service-schema.mjs --check
step "deploy/topology.vn-2025.json is what scripts/gen-vn-topology.mjs writes"
node scripts/gen-vn-topology.mjs --check
step "lint"
pnpm exec eslint . --max-warnings 0
pnpm exec prettier --check . --log-level warn
step "tests"
if [ "$#" -gt 0 ]; then
  pnpm exec jest --ci "$@"
else
  # Suites that assert on time under load run on their own afterwards (jest.config.js, TIMED).
  LT_TIMED=skip pnpm exec jest --ci
  step "tests measured in time, one file at a time"
  LT_TIMED=only pnpm exec jest --ci
fi

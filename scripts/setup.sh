#!/usr/bin/env bash
# Installs what lienthong needs on a Debian machine with Node 20 and npm: nats-server,
# protobuf-compiler, python3 and chromium (Debian packages; python3 runs the example VXP client,
# chromium the dashboard's browser tests), pnpm, the workspace dependencies; then builds.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || need_apt+=(nats-server)
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  log "installing pnpm@$PNPM_VERSION"
  as_root npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

log "installing dependencies"
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=silent
else
  pnpm install --reporter=silent
fi

log "building"
pnpm run --silent build
NATS_SERVER_BIN=$(command -v nats-server || echo /usr/sbin/nats-server)
log "ready: $("$NATS_SERVER_BIN" --version), pnpm $(pnpm --version), node $(node --version)"

#!/usr/bin/env bash
# README command 1: set everything up, then run the main job on the embedded default: a local
# nats-server started by lienthong itself, every node of deploy/topology.demo.json in one process,
# and the demo scenario written with the SDK; then, through the node's edXML gateway (HTTP), one SDK
# document fetched as edXML and one edXML package reaching an SDK user, with their statuses. Exits 0
# only if every expected status arrived.
# Pass --keep to leave the broker running afterwards (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --max-semi-space-size=32 packages/cli/dist/main.js demo "$@"

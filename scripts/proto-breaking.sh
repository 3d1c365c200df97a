#!/usr/bin/env bash
# Guards the published proto contract with `buf breaking`:
#  - against the commit named in proto/BASELINE (where the current contract was published): from
#    there on the contract may only grow;
#  - against HEAD, when proto/ has uncommitted changes.
# LT_BREAKING_AGAINST=<git ref> compares against that ref instead.
set -euo pipefail
cd "$(dirname "$0")/.."
refs=()
if [ -n "${LT_BREAKING_AGAINST:-}" ]; then
  refs+=("$LT_BREAKING_AGAINST")
else
  if [ -s proto/BASELINE ]; then refs+=("$(tr -d '[:space:]' < proto/BASELINE)"); fi
  if git rev-parse --verify -q HEAD >/dev/null && [ -n "$(git status --porcelain -- proto)" ]; then refs+=(HEAD); fi
fi
if [ ${#refs[@]} -eq 0 ]; then echo "buf breaking: no published contract yet; skipped"; exit 0; fi
for ref in "${refs[@]}"; do
  if ! git cat-file -e "$ref^{commit}" 2>/dev/null; then
    echo "buf breaking: commit $ref is not in this clone (shallow?); cannot compare against it" >&2
    continue
  fi
  pnpm exec buf breaking proto --against ".git#ref=$ref,subdir=proto"
  echo "buf breaking: no breaking change against $(git rev-parse --short "$ref")"
done

#!/usr/bin/env bash
# Checks the production nats-server configs in deploy/nats with the nats-server at hand:
# makes a throw-away CA and certificates, points the configs' TLS and store paths at them, and runs
# `nats-server -t` on each. Options the server is too old for (sync_interval needs 2.10; production
# runs 2.12+) are taken out of the copy and listed, so 2.9.10 can still check everything else.
#   deploy/check.sh            check every config
#   deploy/check.sh --keep DIR write the rewritten configs and certificates to DIR (for tests)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
keep=""
if [[ "${1:-}" == "--keep" ]]; then keep="${2:?--keep needs a directory}"; fi

bin="${LT_NATS_SERVER:-$(command -v nats-server || echo /usr/sbin/nats-server)}"
[[ -x "$bin" ]] || { echo "nats-server not found (set LT_NATS_SERVER)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 2; }
version="$("$bin" --version | sed -E 's/.*v([0-9]+\.[0-9]+).*/\1/')"
major="${version%%.*}"
minor="${version#*.}"

work="${keep:-$(mktemp -d)}"
mkdir -p "$work/tls" "$work/store"
[[ -n "$keep" ]] || trap 'rm -rf "$work"' EXIT

# A private CA and one certificate per server, valid for its DNS name and for loopback.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=lienthong test CA" \
  -keyout "$work/tls/ca.key" -out "$work/tls/ca.crt" 2>/dev/null
for conf in "$here"/nats/*.conf; do
  name="$(basename "$conf" .conf)"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" \
    -keyout "$work/tls/$name.key" -out "$work/tls/$name.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s.lienthong.internal,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' \
    "$name" >"$work/tls/$name.ext"
  openssl x509 -req -in "$work/tls/$name.csr" -CA "$work/tls/ca.crt" -CAkey "$work/tls/ca.key" \
    -CAcreateserial -days 2 -extfile "$work/tls/$name.ext" -out "$work/tls/$name.crt" 2>/dev/null
done

status=0
for conf in "$here"/nats/*.conf; do
  name="$(basename "$conf" .conf)"
  out="$work/$name.conf"
  sed -e "s#/etc/nats/tls/#$work/tls/#g" -e "s#/var/lib/nats/jetstream#$work/store/$name#g" "$conf" >"$out"
  dropped=""
  # Files a config includes (e.g. the auth.conf that `lienthong creds` writes) sit next to the copy:
  # taken from deploy/nats when there, else an empty one, so the rest of the file is still checked.
  for inc in $(sed -n -E 's/^[[:space:]]*include[[:space:]]+"?([^" ]+)"?.*/\1/p' "$out"); do
    if [[ -f "$here/nats/$inc" ]]; then cp "$here/nats/$inc" "$work/$inc"
    elif [[ ! -f "$work/$inc" ]]; then : >"$work/$inc"; dropped="${dropped:+$dropped, }include $inc (empty here)"; fi
  done
  if ((major == 2 && minor < 10)); then
    if grep -q 'sync_interval' "$out"; then
      sed -i -e '/^[[:space:]]*sync_interval:/d' "$out"
      dropped="${dropped:+$dropped, }sync_interval (2.10+; production: 2.12+)"
    fi
  fi
  if msg="$("$bin" -t -c "$out" 2>&1)"; then
    echo "ok    $name${dropped:+  (not checked here: $dropped)}"
  else
    echo "FAIL  $name: $msg"
    status=1
  fi
done
exit $status

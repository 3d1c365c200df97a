#!/usr/bin/env python3
"""What a VXP getEdoc of a large package costs the node in memory and time.

Starts `lienthong up --no-auth` on free ports (from a checkout, after a build), sends one document
with an attachment of MB mebibytes from the Government Office to Nghệ An with the SDK, then fetches
it as Nghệ An's system would, with the national axis's Java client's getEdoc (the Python stand-in in
examples/python/vxp_java_compat.py). Prints the up process's peak and current RSS before and after
the getEdoc, the time it took, and a JSON line. Stops only the process it started.

Usage: python3 scripts/vxp-getedoc-memory.py [MB (100)]
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples", "python"))
from vxp_java_compat import VxpJavaClient  # noqa: E402

SEND = r"""
const { connect } = require(process.env.SDK);
const { writeFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
(async () => {
  const [servers, mb, path] = process.argv.slice(1);
  writeFileSync(path, randomBytes(Number(mb) * 1024 * 1024));
  const c = await connect({ servers, agency: '000.00.00.G22' });
  const n = Date.now() % 100000;
  await c.send(
    { documentId: `000.00.00.G22,2026/12/06,${n}/VPCP`, subject: 'Tệp lớn', codeNumber: String(n),
      codeNotation: 'VPCP', promulgationDate: '2026-12-06', to: [{ code: '000.00.00.H41' }] },
    { attachments: [{ name: 'big.bin', mediaType: 'application/octet-stream', path }] },
  );
  await c.close();
})().catch((e) => { console.error(e); process.exit(1); });
"""


def memory_kb(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmHWM", "VmRSS")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def main():
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    work = tempfile.mkdtemp(prefix="lt-vxp-mem-")
    log_path = os.path.join(work, "up.log")
    with open(log_path, "w") as log:
        up = subprocess.Popen(
            ["node", "--max-semi-space-size=32", os.path.join(ROOT, "packages/cli/dist/main.js"),
             "up", "--no-auth", "--port", "0", "--http-port", "0", "--data", os.path.join(work, "data"), "--init"],
            stdout=log, stderr=subprocess.STDOUT, cwd=work)
    try:
        text = ""
        for _ in range(120):
            text = open(log_path).read()
            if "lienthong is up" in text and "vxp:" in text:
                break
            if up.poll() is not None:
                sys.exit(f"lienthong up ended:\n{text}")
            time.sleep(0.5)
        nats = re.search(r"nats:\s+(nats://\S+)", text).group(1)
        vxp = re.search(r"vxp:\s+(http://\S+)", text).group(1)
        env = dict(os.environ, SDK=os.path.join(ROOT, "packages/sdk/dist/index.js"))
        subprocess.run(["node", "-e", SEND, nats, str(mb), os.path.join(work, "big.bin")], check=True, env=env)
        client = VxpJavaClient(vxp, "000.00.00.H41", "x")
        items = []
        for _ in range(100):
            items = (client.get_received_edoc_list({}) or {}).get("data") or []
            if items:
                break
            time.sleep(0.3)
        before = memory_kb(up.pid)
        t0 = time.time()
        answer = client.get_edoc({"docId": items[0]["docId"]})
        seconds = time.time() - t0
        after = memory_kb(up.pid)
        chars = len((answer or {}).get("data", ""))
        print(f"getEdoc of a {mb} MiB attachment: {answer.get('status')}, {chars} base64 characters, {seconds:.2f} s")
        print(f"up process peak RSS {before['VmHWM'] / 1024:.0f} -> {after['VmHWM'] / 1024:.0f} MB, "
              f"RSS {before['VmRSS'] / 1024:.0f} -> {after['VmRSS'] / 1024:.0f} MB")
        print(json.dumps({"mb": mb, "status": answer.get("status"), "seconds": round(seconds, 2),
                          "peakRssGrowthMb": round((after["VmHWM"] - before["VmHWM"]) / 1024, 1)}))
    finally:
        up.send_signal(signal.SIGINT)
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()

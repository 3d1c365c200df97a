/**
 * Runs the production server configs of `deploy/nats/` in a test. `rewriteDeployConfig` changes
 * only what cannot work on a test machine and leaves the TLS, leaf-node, JetStream-domain and
 * authorization settings as the file has them:
 *
 * - drops `server_name`, the client `listen`, `http` and `pid_file` (the test kit sets its own, on
 *   loopback, and knows its server's pid);
 * - drops the options nats-server 2.9 does not know (`sync_interval`) or that would not fit a test
 *   machine (`max_file_store`); points `store_dir` at the test's store;
 * - drops the `cluster { … }` block: the centre runs as one server (its routes name hosts that do
 *   not exist here, and JetStream would wait for a quorum);
 * - replaces `/etc/nats/tls/` by the test's certificate directory;
 * - moves the leaf-node listener to 127.0.0.1 and points leaf remotes at the test's hub (one URL
 *   instead of the three central servers);
 * - replaces `include "auth.conf"` by the authorization block the test generated.
 */
export interface DeployRewrite {
  readonly storeDir: string;
  readonly certDir: string;
  /** Port for the file's `leafnodes { listen }`, if it has one. */
  readonly leafListenPort?: number;
  /** The hub's leaf URL (`tls://127.0.0.1:PORT`) for the file's leaf remotes, if it has any. */
  readonly leafRemoteUrl?: string;
  /** The text of the authorization block that `include "auth.conf"` names. */
  readonly authorization?: string;
}

const DROPPED = /^\s*(server_name|http|sync_interval|max_file_store|pid_file)\s*:/;

export function rewriteDeployConfig(text: string, r: DeployRewrite): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const q = (s: string): string => JSON.stringify(s);
  let depth = 0;
  let skipping = -1; // depth at which a dropped block started
  let inLeafnodes = -1;
  let remoteUrlWritten = false;
  for (const line of lines) {
    const code = line.replace(/#.*$/, '');
    const opens = (code.match(/[{[]/g) ?? []).length;
    const closes = (code.match(/[}\]]/g) ?? []).length;
    const before = depth;
    depth += opens - closes;
    if (skipping >= 0) {
      if (depth <= skipping) skipping = -1;
      continue;
    }
    if (/^\s*cluster\s*\{/.test(code)) {
      skipping = before;
      if (depth <= skipping) skipping = -1;
      continue;
    }
    if (/^\s*leafnodes\s*\{/.test(code)) inLeafnodes = before;
    if (inLeafnodes >= 0 && depth <= inLeafnodes && before > inLeafnodes) inLeafnodes = -1;
    if (DROPPED.test(code)) continue;
    if (before === 0 && /^\s*listen\s*:/.test(code)) continue;
    if (/^\s*include\s+"?auth\.conf"?\s*$/.test(code)) {
      if (r.authorization === undefined) throw new Error('the config includes auth.conf: pass its text');
      out.push(r.authorization);
      continue;
    }
    let l = line.replaceAll('/etc/nats/tls/', `${r.certDir.replace(/\/$/, '')}/`);
    l = l.replace(/^(\s*store_dir\s*:\s*).*$/, `$1${q(r.storeDir)}`);
    if (inLeafnodes >= 0 && before === inLeafnodes + 1 && /^\s*listen\s*:/.test(code)) {
      if (r.leafListenPort === undefined)
        throw new Error('the config listens for leaf nodes: pass leafListenPort');
      l = l.replace(/listen\s*:.*$/, `listen: ${q(`127.0.0.1:${r.leafListenPort}`)}`);
    }
    if (/^\s*tls:\/\/[^\s]+:7422\s*$/.test(code)) {
      if (r.leafRemoteUrl === undefined) throw new Error('the config has leaf remotes: pass leafRemoteUrl');
      if (remoteUrlWritten) continue;
      remoteUrlWritten = true;
      l = l.replace(/tls:\/\/[^\s]+/, r.leafRemoteUrl);
    }
    out.push(l);
  }
  return out.join('\n');
}

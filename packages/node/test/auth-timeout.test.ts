/**
 * The generated authorization block gives a client `AUTH_TIMEOUT_S` to authenticate: on a loaded
 * machine, signing the server's nonce can take longer than nats-server's default of 2 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, nkeys } from '@nats-io/transport-node';
import type { Authenticator } from '@nats-io/transport-node';
import { AUTH_TIMEOUT_S } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, loadTopologyFile } from '@lienthong/node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

const topology = loadTopologyFile(path.resolve(__dirname, '../../../deploy/topology.demo.json'));

let dir = '';
let server: NatsServer;
let seed = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lt-auth-timeout-'));
  const store = CredentialStore.open(path.join(dir, 'credentials'));
  seed = store.issue({ kind: 'ops', name: 'admin' }, topology).seed;
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
});

afterAll(async () => {
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Signs the nonce like nkeyAuthenticator, after blocking the process for `delayMs`. */
function slowAuthenticator(delayMs: number): Authenticator {
  return (nonce?: string) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
    const kp = nkeys.fromSeed(new TextEncoder().encode(seed));
    const sig = nkeys.encode(kp.sign(new TextEncoder().encode(nonce ?? '')));
    return { nkey: kp.getPublicKey(), sig };
  };
}

it('admits a client that takes longer than the server default of 2 s to authenticate', async () => {
  expect(AUTH_TIMEOUT_S).toBeGreaterThan(3);
  const nc = await connect({
    servers: server.url,
    authenticator: slowAuthenticator(3_000),
    inboxPrefix: '_INBOX_o_admin',
    reconnect: false,
  });
  await nc.flush();
  await nc.close();
}, 20_000);

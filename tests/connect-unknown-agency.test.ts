/**
 * connect() with a code the directory does not know. On an open broker the SDK reads the directory
 * and says NotFound. On a broker with credentials, the SDK connects with the agency's reply prefix,
 * which only that agency's own key may use: with a key issued for another agency (the usual cause
 * of a mistyped code) the broker refuses the replies before the directory can be read, so the SDK
 * names both possible causes, the unknown code first, instead of a bare permissions violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { LienthongError, connect } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

jest.setTimeout(60_000);

const KNOWN = '000.01.43.H41';
const UNKNOWN = '000.00.99.H41';

let dir: string;
let server: NatsServer;
let node: RunningNode;
let seedFile: string;

beforeAll(async () => {
  const topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
  dir = mkdtempSync(path.join(tmpdir(), 'lt-connect-unknown-'));
  const store = CredentialStore.open(path.join(dir, 'credentials'));
  const n = store.issue({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
  seedFile = store.issue({ kind: 'agency', agency: KNOWN }, topology).seedFile;
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
  node = await startNode(
    { servers: server.url, topology, auth: { seedFile: n.seedFile, inboxPrefix: n.inboxPrefix } },
    { logger: createLogger({ name: 'connect-unknown', level: 'silent' }) },
  );
});

afterAll(async () => {
  await node?.stop();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('an unknown code with another agency’s key: both causes named, the unknown code first', async () => {
  const e = await connect({
    servers: server.url,
    agency: UNKNOWN,
    credentials: { seedFile },
    timeoutMs: 10_000,
  }).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(LienthongError);
  expect((e as LienthongError).code).toBe('PermissionDenied');
  expect((e as LienthongError).message).toMatch(
    new RegExp(
      `^connect: agency ${UNKNOWN.replace(/\./g, '\\.')} is not in the directory, or these credentials are not those of agency ${UNKNOWN.replace(/\./g, '\\.')}`,
    ),
  );
  expect((e as LienthongError).message).not.toMatch(/^connect: Permissions Violation/);
});

it('the agency’s own key connects', async () => {
  const c = await connect({ servers: server.url, agency: KNOWN, credentials: { seedFile } });
  expect(c.homeNode.id).toBe('h41-yenthanh-xa1');
  await c.close();
});

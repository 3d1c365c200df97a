/**
 * The gateway's own NATS identity (`creds issue gateway NAME --nodes …`), against a real nats-server
 * running the authorization block `CredentialStore` derives from the demo topology: it acts for the
 * agencies of the nodes it was issued for (submit, inbox through the home node's agency service,
 * tracking), and for no other agency — the SDK is refused with PermissionDenied, a raw publish on
 * another agency's submit subject and a read of its inbox are refused by the server, and nothing is
 * delivered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { STREAMS, agencyToToken, inboxFilter, submitSubject } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { IdentityCredentials, RunningNode } from '@lienthong/node';
import { LienthongError, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

jest.setTimeout(60_000);

const HOSTED = '000.01.43.H41'; // a commune of Yên Thành (home h41-yenthanh-xa1): the gateway's node
const OTHER = '000.02.43.H41'; // another commune (home h41-yenthanh-xa2): not the gateway's
const CENTRE = '000.00.00.G22';
const DENIED = /permissions? violation|permission denied|authori[sz]ation/i;

let topology: Topology;
let dir: string;
let server: NatsServer;
let node: RunningNode;
let gateway: IdentityCredentials;
let centreCreds: IdentityCredentials;
let opsJsm: JetStreamManager;
const conns: NatsConnection[] = [];
const clients: LienthongClient[] = [];

async function asGateway(agency: string): Promise<LienthongClient> {
  const c = await connect({
    servers: server.url,
    agency,
    credentials: { seedFile: gateway.seedFile },
    defaultTimeoutMs: 5_000,
  });
  clients.push(c);
  return c;
}

async function inboxCount(agency: string): Promise<number> {
  const home = topology.homeNodeOf(agency);
  const info = await opsJsm.streams.info(STREAMS.inbox, {
    subjects_filter: inboxFilter(home.level, home.id, agency),
  });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

beforeAll(async () => {
  topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
  dir = mkdtempSync(path.join(tmpdir(), 'lt-attack-gw-'));
  const store = CredentialStore.open(path.join(dir, 'credentials'));
  const n = store.issue({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
  const ops = store.issue({ kind: 'ops', name: 'admin' }, topology);
  gateway = store.issue({ kind: 'gateway', name: 'yenthanh-xa1', nodes: ['h41-yenthanh-xa1'] }, topology);
  centreCreds = store.issue({ kind: 'agency', agency: CENTRE }, topology);
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
  node = await startNode(
    { servers: server.url, topology, auth: { seedFile: n.seedFile, inboxPrefix: n.inboxPrefix } },
    { logger: createLogger({ name: 'attack-gw', level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' }) },
  );
  const nc = await natsConnect({
    servers: server.url,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(ops.seed)),
    inboxPrefix: ops.inboxPrefix,
  });
  conns.push(nc);
  opsJsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await Promise.allSettled(conns.map((c) => c.close()));
  await node?.stop();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the gateway identity', () => {
  it('is issued with its own inbox prefix (and may read the replies of its agencies only)', () => {
    expect(gateway.id).toBe('gateway:yenthanh-xa1');
    expect(gateway.inboxPrefix).toBe('_INBOX_g_yenthanh-xa1');
  });

  it('submits for an agency of its node, which the recipient receives', async () => {
    const before = await inboxCount(CENTRE);
    const c = await asGateway(HOSTED);
    const r = await c.send({
      documentId: `${HOSTED},2026/12/02,1/UBND`,
      subject: 'Hợp lệ',
      to: [{ code: CENTRE }],
    });
    expect(r.duplicate).toBe(false);
    const deadline = Date.now() + 15_000;
    while ((await inboxCount(CENTRE)) === before && Date.now() < deadline)
      await new Promise((x) => setTimeout(x, 100));
    expect(await inboxCount(CENTRE)).toBe(before + 1);
  });

  it("reads and acknowledges that agency's inbox through the home node's agency service", async () => {
    const centre = await connect({
      servers: server.url,
      agency: CENTRE,
      credentials: { seedFile: centreCreds.seedFile },
      defaultTimeoutMs: 5_000,
    });
    clients.push(centre);
    const documentId = `${CENTRE},2026/12/02,3/VPCP`;
    await centre.send({ documentId, subject: 'Gửi xã', to: [{ code: HOSTED }] });
    const inbox = (await asGateway(HOSTED)).inbox();
    for await (const item of inbox) {
      if (item.documentId !== documentId) continue;
      await item.ack();
      break;
    }
    await inbox.stop();
  });

  it('cannot submit for an agency its node does not host: refused, nothing delivered', async () => {
    const before = await inboxCount(CENTRE);
    // The SDK as the other agency: refused at connect (its replies are not the gateway's to read).
    const err = await asGateway(OTHER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LienthongError);
    expect((err as LienthongError).code).toBe('PermissionDenied');
    // A raw publish on the other agency's submit subject, with the gateway's key: refused by the server.
    const nc = await natsConnect({
      servers: server.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(gateway.seed)),
      inboxPrefix: gateway.inboxPrefix,
      reconnect: false,
    });
    conns.push(nc);
    const home = topology.homeNodeOf(OTHER);
    const raw = await jetstream(nc)
      .publish(submitSubject(home.level, home.id, OTHER), new Uint8Array([1, 2, 3]))
      .catch((e: unknown) => e);
    expect(String((raw as Error).message)).toMatch(DENIED);
    // Nor may it read the other agency's inbox.
    const read = await jetstreamManager(nc)
      .then((jsm) => jsm.consumers.info(STREAMS.inbox, `lt-inbox-${agencyToToken(OTHER)}`))
      .catch((e: unknown) => e);
    expect(String((read as Error).message)).toMatch(DENIED);
    await new Promise((x) => setTimeout(x, 500));
    expect(await inboxCount(CENTRE)).toBe(before);
    expect(server.logTail()).toContain(submitSubject(home.level, home.id, OTHER));
  });
});

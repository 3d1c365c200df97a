/**
 * The set-up of the attack suites of security round 2 (tests/attack-*.test.ts): a real nats-server
 * running the authorization block `CredentialStore` derives from the demo topology, a node runtime
 * with its own identity, and agencies A (the attacker, a commune of Yên Thành), B (a commune of
 * Quỳnh Lưu), C (the Government Office) and D (another commune of Quỳnh Lưu, in B's domain).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { STREAMS, inboxFilter, trackSubject } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { IdentityCredentials, NodeRuntimeConfig, RunningNode } from '@lienthong/node';
import { BusinessStatus, connect } from '@lienthong/sdk';
import type { ConnectOptions, LienthongClient } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

export const A = '000.01.43.H41';
export const B = '000.01.44.H41';
export const C = '000.00.00.G22';
export const D = '000.02.44.H41';
export const B_TRACK = trackSubject('commune', 'h41-quynhluu-xa1', B);
export const DENIED = /permissions? violation|permission denied|authori[sz]ation/i;

export const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function fileOf(size: number, seed: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => (i * seed + 11) & 0xff);
}

export async function expectDenied(attempt: Promise<unknown>): Promise<void> {
  const outcome = await attempt.then(
    () => 'accepted',
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(Error);
  expect(String((outcome as Error).message)).toMatch(DENIED);
}

export interface AttackWorld {
  topology: Topology;
  server: NatsServer;
  node: RunningNode;
  ops: NatsConnection;
  opsJsm: JetStreamManager;
  creds: Map<string, IdentityCredentials>;
  rawAs(id: string): Promise<NatsConnection>;
  sdkAs(agency: string, opts?: Partial<ConnectOptions>): Promise<LienthongClient>;
  inboxCount(agency: string): Promise<number>;
  /** `from` sends to `to`, which receives it once; the attachments' bytes as received. */
  deliversOnce(
    from: LienthongClient,
    to: LienthongClient,
    documentId: string,
    attachments?: { name: string; data: Uint8Array }[],
  ): Promise<Uint8Array[]>;
}

/** Starts the server and the node before the suite and stops them after it. */
export function attackWorld(
  flow?: NodeRuntimeConfig['flow'],
  more: Pick<Partial<NodeRuntimeConfig>, 'limits' | 'retention'> = {},
): AttackWorld {
  const w = { creds: new Map<string, IdentityCredentials>() } as AttackWorld;
  const conns: NatsConnection[] = [];
  const clients: LienthongClient[] = [];
  let dir = '';
  w.rawAs = async (id) => {
    const nc = await natsConnect({
      servers: w.server.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(w.creds.get(id)!.seed)),
      inboxPrefix: w.creds.get(id)!.inboxPrefix,
      reconnect: false,
    });
    conns.push(nc);
    return nc;
  };
  w.sdkAs = async (agency, opts = {}) => {
    const c = await connect({
      servers: w.server.url,
      agency,
      credentials: { seedFile: w.creds.get(`agency:${agency}`)!.seedFile },
      defaultTimeoutMs: 5_000,
      ...opts,
    });
    clients.push(c);
    return c;
  };
  w.inboxCount = async (agency) => {
    const home = w.topology.homeNodeOf(agency);
    const info = await w.opsJsm.streams.info(STREAMS.inbox, {
      subjects_filter: inboxFilter(home.level, home.id, agency),
    });
    return Object.keys(info.state.subjects ?? {}).length;
  };
  w.deliversOnce = async (from, to, documentId, attachments = []) => {
    const tracker = await from.track(documentId);
    await from.send(
      { documentId, subject: `Văn bản ${documentId}`, to: [{ code: to.agency }] },
      { attachments: attachments.map((a) => ({ ...a, mediaType: 'application/pdf' })) },
    );
    const inbox = to.inbox();
    const timer = setTimeout(() => void inbox.stop(), 15_000);
    const bytes: Uint8Array[] = [];
    const handedOut: string[] = [];
    try {
      for await (const item of inbox) {
        handedOut.push(item.documentId);
        if (item.documentId === documentId) for (const a of item.attachments) bytes.push(await a.bytes());
        await item.ack();
        if (item.documentId === documentId) break;
      }
    } finally {
      clearTimeout(timer);
      await inbox.stop();
    }
    expect(handedOut).toEqual([documentId]);
    await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
      timeoutMs: 10_000,
    });
    await tracker.stop();
    return bytes;
  };

  beforeAll(async () => {
    w.topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
    dir = mkdtempSync(path.join(tmpdir(), 'lt-attack-'));
    const store = CredentialStore.open(path.join(dir, 'credentials'));
    for (const [id, subject] of [
      ['node:embedded', { kind: 'node', name: 'embedded', nodes: '*' }],
      ['ops:admin', { kind: 'ops', name: 'admin' }],
      [`agency:${A}`, { kind: 'agency', agency: A }],
      [`agency:${B}`, { kind: 'agency', agency: B }],
      [`agency:${C}`, { kind: 'agency', agency: C }],
      [`agency:${D}`, { kind: 'agency', agency: D }],
    ] as const) {
      w.creds.set(id, store.issue(subject, w.topology));
    }
    store.writeAuthConfig(w.topology, path.join(dir, AUTH_CONFIG));
    w.server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
    const n = w.creds.get('node:embedded')!;
    w.node = await startNode(
      {
        servers: w.server.url,
        topology: w.topology,
        auth: { seedFile: n.seedFile, inboxPrefix: n.inboxPrefix },
        ...(flow ? { flow } : {}),
        ...more,
      },
      { logger: createLogger({ name: 'attack', level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' }) },
    );
    w.ops = await w.rawAs('ops:admin');
    w.opsJsm = await jetstreamManager(w.ops);
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(conns.map((c) => c.close()));
    await w.node?.stop();
    await w.server?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return w;
}

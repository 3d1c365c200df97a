/**
 * An integrator's own identity: `lienthong creds issue observer NAME` gives a read-only key that may
 * subscribe to what docs/PROTOCOL.md offers integrators (tracking changes, dead letters, audit
 * blocks) and nothing else: it cannot publish anywhere, read inboxes or touch a stream.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import {
  OBSERVER_SUBJECTS,
  STREAMS,
  decodeDeadLetter,
  decodeTrackingRecord,
  submitSubject,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { readSeedFile } from '@lienthong/infra';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { IdentityCredentials, RunningNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

jest.setTimeout(60_000);

const SENDER = '000.01.43.H41';
const CENTRE = '000.00.00.G22';
const DENIED = /permissions? violation|permission denied|authori[sz]ation/i;
const MAIN = path.resolve(__dirname, '../packages/cli/dist/main.js');

let topology: Topology;
let dir: string;
let store: CredentialStore;
let server: NatsServer;
let node: RunningNode;
let ops: NatsConnection;
let opsJsm: JetStreamManager;
let observer: NatsConnection;
let observerCreds: { seedFile: string; inboxPrefix: string };
let sender: LienthongClient;
const creds = new Map<string, IdentityCredentials>();

async function raw(seedFile: string, inboxPrefix: string): Promise<NatsConnection> {
  return natsConnect({
    servers: server.url,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(readSeedFile(seedFile))),
    inboxPrefix,
    reconnect: false,
  });
}

/** What `p` settles with, or 'still open' after `ms`. */
async function settled<T>(p: Promise<T>, ms: number): Promise<T | unknown> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p.then(
        (v) => v,
        (e: unknown) => e,
      ),
      new Promise<'still open'>((r) => (timer = setTimeout(() => r('still open'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first message on `sub` that `match` accepts, within `ms`. */
function firstMessage(
  sub: Subscription,
  match: (data: Uint8Array) => boolean = () => true,
  ms = 10_000,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing on ${sub.getSubject()} within ${ms} ms`)), ms);
    void (async () => {
      for await (const m of sub) {
        if (!match(m.data)) continue;
        clearTimeout(timer);
        resolve(m.data);
        return;
      }
    })();
  });
}

beforeAll(async () => {
  topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
  dir = mkdtempSync(path.join(tmpdir(), 'lt-observer-'));
  store = CredentialStore.open(path.join(dir, 'credentials'));
  for (const [id, subject] of [
    ['node:embedded', { kind: 'node', name: 'embedded', nodes: '*' }],
    ['ops:admin', { kind: 'ops', name: 'admin' }],
    [`agency:${SENDER}`, { kind: 'agency', agency: SENDER }],
  ] as const) {
    creds.set(id, store.issue(subject, topology));
  }
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
  const n = creds.get('node:embedded')!;
  node = await startNode(
    { servers: server.url, topology, auth: { seedFile: n.seedFile, inboxPrefix: n.inboxPrefix } },
    { logger: createLogger({ name: 'observer', level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' }) },
  );
  const o = creds.get('ops:admin')!;
  ops = await raw(o.seedFile, o.inboxPrefix);
  opsJsm = await jetstreamManager(ops);

  // Issued as an operator would: the CLI, with the operator's seed from the data directory.
  const run = spawnSync(
    process.execPath,
    [MAIN, 'creds', 'issue', 'observer', 'dashboard', '--data', dir, '-s', server.url, '--json'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const issued = JSON.parse(run.stdout) as { id: string; seedFile: string; inboxPrefix: string };
  expect(issued.id).toBe('observer:dashboard');
  observerCreds = issued;
  await server.reload(); // no local pid file here: the block was written, the server re-reads it

  observer = await raw(issued.seedFile, issued.inboxPrefix);
  sender = await connect({
    servers: server.url,
    agency: SENDER,
    credentials: { seedFile: creds.get(`agency:${SENDER}`)!.seedFile },
  });
});

afterAll(async () => {
  await sender?.close();
  await Promise.allSettled([observer, ops].map((c) => c?.close()));
  await node?.stop();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an observer identity', () => {
  it('has a seed file of the documented format: one line, the user nkey seed, mode 0600', () => {
    const text = readFileSync(observerCreds.seedFile, 'utf8');
    expect(text).toMatch(/^SU[A-Z2-7]{56}\n$/);
    expect(statSync(observerCreds.seedFile).mode & 0o777).toBe(0o600);
    expect(observerCreds.inboxPrefix).toBe('_INBOX_v_dashboard');
    expect(OBSERVER_SUBJECTS).toEqual(['lt.v1.*.*.track.*', 'lt.v1.*.*.dead', 'lt.v1.audit.*']);
  });

  it('reads every tracking change, dead letter and audit block, as PROTOCOL.md offers integrators', async () => {
    const track = observer.subscribe('lt.v1.*.*.track.*');
    const dead = observer.subscribe('lt.v1.*.*.dead');
    const audit = observer.subscribe('lt.v1.audit.*');
    await observer.flush();
    const documentId = `${SENDER},2026/11/22,1/UBND-VP`;
    const gotTrack = firstMessage(track, (d) => decodeTrackingRecord(d).documentId === documentId);
    const gotDead = firstMessage(dead);
    const gotAudit = firstMessage(audit);

    await sender.send({ documentId, subject: 'Theo dõi', to: [{ code: CENTRE }] });
    // garbage on a submit subject (published by the operator) becomes a dead letter
    const home = topology.homeNodeOf(SENDER);
    ops.publish(submitSubject(home.level, home.id, SENDER), new TextEncoder().encode('not an envelope'));

    expect(decodeTrackingRecord(await gotTrack).documentId).toBe(documentId);
    expect(decodeDeadLetter(await gotDead).node).toBe(home.id);
    expect(JSON.parse(new TextDecoder().decode(await gotAudit))).toHaveProperty('hash');
  });

  it('cannot publish anywhere: not on submit, track, dead, reply or JetStream API subjects', async () => {
    const errors: string[] = [];
    void (async () => {
      for await (const s of observer.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    const home = topology.homeNodeOf(SENDER);
    for (const subject of [
      submitSubject(home.level, home.id, SENDER),
      'lt.v1.central.vn.track.000_00_00_G22',
      'lt.v1.central.vn.dead',
      'lt.v1.audit.vn',
      '$JS.API.STREAM.DELETE.LT_TRACK',
      'anything.else',
    ]) {
      observer.publish(subject, new Uint8Array([1]));
    }
    await observer.flush();
    await new Promise((r) => setTimeout(r, 500));
    expect(errors.length).toBeGreaterThanOrEqual(6);
    for (const e of errors) expect(e).toMatch(DENIED);
    expect(server.logTail()).toContain('$JS.API.STREAM.DELETE.LT_TRACK');
  });

  it('cannot touch streams: JetStream requests are refused and every stream is still there', async () => {
    const outcome = await settled(
      jetstreamManager(observer, { timeout: 2000 }).then((j) => j.streams.delete(STREAMS.track)),
      5000,
    );
    expect(outcome).toBeInstanceOf(Error);
    expect(String((outcome as Error).message)).toMatch(
      new RegExp(`${DENIED.source}|timeout|no responders`, 'i'),
    );
    for (const name of Object.values(STREAMS))
      expect((await opsJsm.streams.info(name)).config.name).toBe(name);
    const req = await settled(observer.request('$JS.API.INFO', undefined, { timeout: 2000 }), 5000);
    expect(req).toBeInstanceOf(Error);
  });

  it('cannot subscribe to inboxes, submit or relay subjects, KV or everything', async () => {
    for (const subject of [
      'lt.v1.*.*.inbox.>',
      'lt.v1.*.*.submit.>',
      'lt.v1.*.*.relay.>',
      '$KV.>',
      '>',
      '_INBOX.>',
    ]) {
      const sub = observer.subscribe(subject);
      await observer.flush().catch(() => undefined);
      const closed = await settled(sub.closed, 3000);
      expect([subject, closed instanceof Error]).toEqual([subject, true]);
      expect(String((closed as Error).message)).toMatch(DENIED);
    }
  });
});

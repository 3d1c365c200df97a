/**
 * Attacks on identities and permissions, against a real nats-server running the authorization block
 * that `CredentialStore` derives from the demo topology, and a node runtime with its own identity.
 *
 * Every case checks four things: the attempt is refused with a clear error (PermissionDenied from
 * the SDK, a permissions violation from NATS, InvalidArgument before anything is sent); nothing was
 * delivered (no inbox item appeared, no dead letter unless the node itself refused it); nothing is
 * lost and the node still serves (a legitimate document sent afterwards arrives exactly once); and
 * the attempt was recorded where it could be: the server logs each violation, the node dead-letters
 * what reaches it. Case names are listed in docs/SECURITY.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import {
  InvalidAgencyCodeError,
  STREAMS,
  agencyToToken,
  decodeDeadLetter,
  decodeTrackingRecord,
  deadSubject,
  encodeEnvelope,
  inboxFilter,
  inboxPrefixOf,
  inboxSubject,
  relaySubject,
  submitSubject,
  trackSubject,
  trackingKey,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { IdentityCredentials, RunningNode } from '@lienthong/node';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import { BusinessStatus, LienthongError, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

jest.setTimeout(60_000);

const A = '000.01.43.H41'; // the attacker: a commune of Yên Thành (home h41-yenthanh-xa1)
const VICTIM = '000.02.43.H41'; // another commune (home h41-yenthanh-xa2)
const CENTRE = '000.00.00.G22'; // the Government Office (home vn): receives the legitimate documents
const REVOKED = '000.00.00.H27'; // Hà Tĩnh: its credentials are revoked during the run

const DENIED = /permissions? violation|permission denied|authori[sz]ation/i;

let topology: Topology;
let dir: string;
let store: CredentialStore;
let server: NatsServer;
let node: RunningNode;
let ops: NatsConnection;
let opsJsm: JetStreamManager;
const creds = new Map<string, IdentityCredentials>();
const conns: NatsConnection[] = [];
const clients: LienthongClient[] = [];
let centre: LienthongClient;
let sender: LienthongClient;
let legit = 0;

function seedOf(id: string): Uint8Array {
  return new TextEncoder().encode(creds.get(id)!.seed);
}

/** A raw NATS connection under an identity, as an attacker holding its seed would open one. */
async function rawAs(id: string): Promise<NatsConnection> {
  const nc = await natsConnect({
    servers: server.url,
    authenticator: nkeyAuthenticator(seedOf(id)),
    inboxPrefix: creds.get(id)!.inboxPrefix,
    reconnect: false,
  });
  conns.push(nc);
  return nc;
}

async function sdkAs(id: string, agency: string): Promise<LienthongClient> {
  const c = await connect({
    servers: server.url,
    agency,
    credentials: { seedFile: creds.get(id)!.seedFile },
    defaultTimeoutMs: 5_000,
  });
  clients.push(c);
  return c;
}

/** Messages in LT_INBOX and LT_DEAD, and the node's dead-letter count. */
async function counts(): Promise<{ inbox: number; dead: number; nodeDead: number }> {
  const [inbox, dead] = await Promise.all([
    opsJsm.streams.info(STREAMS.inbox),
    opsJsm.streams.info(STREAMS.dead),
  ]);
  return {
    inbox: inbox.state.messages,
    dead: dead.state.messages,
    nodeDead: node.runtime.counters.deadLettered,
  };
}

/** Items in one agency's inbox. */
async function inboxItems(agency: string): Promise<string[]> {
  const home = topology.homeNodeOf(agency);
  const info = await opsJsm.streams.info(STREAMS.inbox, {
    subjects_filter: inboxFilter(home.level, home.id, agency),
  });
  return Object.keys(info.state.subjects ?? {});
}

/**
 * Nothing lost, the node still serving: a legitimate document from A reaches the centre's inbox
 * once, and the sender sees its 01 after the centre takes it.
 */
async function stillServes(): Promise<void> {
  legit += 1;
  const before = (await inboxItems(CENTRE)).length;
  const documentId = `${A},2026/11/22,${legit}/UBND-VP`;
  const tracker = await sender.track(documentId);
  await sender.send({ documentId, subject: `Văn bản hợp lệ ${legit}`, to: [{ code: CENTRE }] });
  const inbox = centre.inbox();
  const handedOut: string[] = [];
  for await (const item of inbox) {
    handedOut.push(item.documentId);
    await item.ack();
    if (item.documentId === documentId) break;
  }
  await inbox.stop();
  await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
    timeoutMs: 10_000,
  });
  await tracker.stop();
  // Only this document was waiting (nothing forged got in), and it is in the inbox once.
  expect(handedOut).toEqual([documentId]);
  expect((await inboxItems(CENTRE)).length).toBe(before + 1);
}

/** Asserts a request-shaped attempt is refused by the server's permissions. */
async function expectDenied(attempt: Promise<unknown>): Promise<void> {
  const outcome = await attempt.then(
    () => 'accepted',
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(Error);
  expect(String((outcome as Error).message)).toMatch(DENIED);
}

/** Asserts a subscription is refused: the server closes it with a permissions violation. */
async function expectSubscribeDenied(nc: NatsConnection, subject: string): Promise<void> {
  const sub = nc.subscribe(subject);
  await nc.flush();
  const closed = await orStillOpen(
    sub.closed.then(
      (v) => v,
      (e: unknown) => e,
    ),
    3_000,
  );
  expect(closed).toBeInstanceOf(Error);
  expect(String((closed as Error).message)).toMatch(DENIED);
}

/** What `p` settles with, or 'still open' after `ms`. */
async function orStillOpen<T>(p: Promise<T>, ms: number): Promise<T | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<'still open'>((r) => (timer = setTimeout(() => r('still open'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asserts the server logged a permissions violation naming `subject`. */
function expectServerLogged(subject: string): void {
  expect(server.logTail()).toContain(subject);
}

beforeAll(async () => {
  topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
  dir = mkdtempSync(path.join(tmpdir(), 'lt-attack-'));
  store = CredentialStore.open(path.join(dir, 'credentials'));
  for (const [id, subject] of [
    ['node:embedded', { kind: 'node', name: 'embedded', nodes: '*' }],
    ['ops:admin', { kind: 'ops', name: 'admin' }],
    // A process hosting only the Yên Thành district node: used to attack as a node.
    ['node:yenthanh', { kind: 'node', name: 'yenthanh', nodes: ['h41-yenthanh'] }],
    [`agency:${A}`, { kind: 'agency', agency: A }],
    [`agency:${VICTIM}`, { kind: 'agency', agency: VICTIM }],
    [`agency:${CENTRE}`, { kind: 'agency', agency: CENTRE }],
    [`agency:${REVOKED}`, { kind: 'agency', agency: REVOKED }],
  ] as const) {
    creds.set(id, store.issue(subject, topology));
  }
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
  const n = creds.get('node:embedded')!;
  node = await startNode(
    { servers: server.url, topology, auth: { seedFile: n.seedFile, inboxPrefix: n.inboxPrefix } },
    { logger: createLogger({ name: 'attack', level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' }) },
  );
  ops = await rawAs('ops:admin');
  opsJsm = await jetstreamManager(ops);
  sender = await sdkAs(`agency:${A}`, A);
  centre = await sdkAs(`agency:${CENTRE}`, CENTRE);
  await stillServes();
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await Promise.allSettled(conns.map((c) => c.close()));
  await node?.stop();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('attacks on identities and permissions', () => {
  it('1. submit as another agency: the SDK gets PermissionDenied, a raw publish is refused', async () => {
    const before = await counts();
    // The SDK with A's key and the victim's code: refused at once, and told why.
    const err = await connect({
      servers: server.url,
      agency: VICTIM,
      credentials: { seedFile: creds.get(`agency:${A}`)!.seedFile },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LienthongError);
    expect((err as LienthongError).code).toBe('PermissionDenied');
    expect((err as LienthongError).message).toContain(`not those of agency ${VICTIM}`);

    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    const env = encodeEnvelope(envelope(VICTIM, 'h41-yenthanh-xa2', 2));
    await expectDenied(js.publish(submitSubject('commune', 'h41-yenthanh-xa2', VICTIM), env));
    // Its own code at another node (the province's submit subject) is refused too.
    await expectDenied(
      js.publish(submitSubject('province', 'h41', A), encodeEnvelope(envelope(A, 'h41', 3))),
    );
    expectServerLogged(submitSubject('commune', 'h41-yenthanh-xa2', VICTIM));
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it('2. submit on its own subject a document claiming another sender: the node dead-letters it', async () => {
    const before = await counts();
    const nc = await rawAs(`agency:${A}`);
    const env = envelope(VICTIM, 'h41-yenthanh-xa1', 4);
    const ack = await jetstream(nc).publish(
      submitSubject('commune', 'h41-yenthanh-xa1', A),
      encodeEnvelope(env),
    );
    expect(ack.seq).toBeGreaterThan(0); // the server cannot see the payload: the node must refuse it
    // The stream holds the dead letter before the node's handler finishes and counts it.
    await waitFor(
      'the dead letter, stored and counted',
      async () => {
        const c = await counts();
        return c.dead === before.dead + 1 && c.nodeDead === before.nodeDead + 1;
      },
      10_000,
    );
    const after = await counts();
    expect(after.inbox).toBe(before.inbox);
    expect(after.nodeDead).toBe(before.nodeDead + 1);
    const last = await opsJsm.streams.getMessage(STREAMS.dead, {
      last_by_subj: deadSubject('commune', 'h41-yenthanh-xa1'),
    });
    const letter = decodeDeadLetter(last!.data);
    expect(letter.reason).toBe(FailureReason.FAILURE_REASON_SENDER_MISMATCH);
    expect(letter.detail).toMatch(new RegExp(VICTIM.replaceAll('.', '\\.')));
    // The submitter is told, on its own track subject, why it was refused.
    const notice = await opsJsm.streams.getMessage(STREAMS.track, {
      last_by_subj: trackSubject('commune', 'h41-yenthanh-xa1', A),
    });
    expect(notice?.header.get('Lt-Kind')).toBe('rejection');
    const record = decodeTrackingRecord(notice!.data);
    expect(record.failure).toBe(FailureReason.FAILURE_REASON_SENDER_MISMATCH);
    expect(record.documentId).toBe(env.documentId);
    await stillServes();
  });

  it("3. read another agency's inbox: consumers, pulls, direct gets and subscriptions are refused", async () => {
    // A document the victim has not read yet.
    const victimItemsBefore = await inboxItems(VICTIM);
    await sender.send({
      documentId: `${A},2026/11/22,900/UBND-VP`,
      subject: 'cho xã 2',
      to: [{ code: VICTIM }],
    });
    await waitFor(
      'the victim’s item',
      async () => (await inboxItems(VICTIM)).length === victimItemsBefore.length + 1,
      10_000,
    );
    const item = (await inboxItems(VICTIM)).find((s) => !victimItemsBefore.includes(s))!;
    const before = await counts();

    const nc = await rawAs(`agency:${A}`);
    const jsm = await jetstreamManager(nc);
    const victimToken = agencyToToken(VICTIM);
    const victimFilter = inboxFilter('commune', 'h41-yenthanh-xa2', VICTIM);
    const ownDurable = `lt-inbox-${agencyToToken(A)}`;
    const cfg = { ack_policy: AckPolicy.Explicit, filter_subject: victimFilter };
    // the victim's durable; its own durable with the victim's filter; an ephemeral one
    await expectDenied(jsm.consumers.add(STREAMS.inbox, { ...cfg, durable_name: `lt-inbox-${victimToken}` }));
    await expectDenied(jsm.consumers.add(STREAMS.inbox, { ...cfg, durable_name: ownDurable }));
    await expectDenied(jsm.consumers.add(STREAMS.inbox, { ...cfg, name: 'peek' }));
    await expectDenied(jsm.consumers.info(STREAMS.inbox, `lt-inbox-${victimToken}`));
    await expectDenied(nc.request(`$JS.API.CONSUMER.MSG.NEXT.${STREAMS.inbox}.lt-inbox-${victimToken}`, '1'));
    await expectDenied(jsm.direct.getMessage(STREAMS.inbox, { last_by_subj: item }));
    await expectDenied(jsm.streams.getMessage(STREAMS.inbox, { last_by_subj: item }));
    await expectSubscribeDenied(nc, victimFilter);
    expectServerLogged(`lt-inbox-${victimToken}`);
    // Not even its own consumer with its own filter in the subject: the body (here the victim's
    // filter) is out of the permissions' sight, so agencies create no consumer; their home node does.
    const ownFilter = inboxFilter('commune', 'h41-yenthanh-xa1', A);
    await expectDenied(
      nc.request(
        `$JS.API.CONSUMER.CREATE.${STREAMS.inbox}.${ownDurable}.${ownFilter}`,
        JSON.stringify({
          stream_name: STREAMS.inbox,
          config: { durable_name: ownDurable, filter_subject: victimFilter, ack_policy: 'explicit' },
        }),
      ),
    );
    // A direct get on a subject it may use, with a body asking for the victim's item by sequence.
    const victimSeq = (await opsJsm.streams.getMessage(STREAMS.inbox, { last_by_subj: item }))!.seq;
    const own = inboxSubject('commune', 'h41-yenthanh-xa1', A, 'nothing-here');
    const bySeq = await nc.request(
      `$JS.API.DIRECT.GET.${STREAMS.inbox}.${own}`,
      JSON.stringify({ seq: victimSeq }),
    );
    expect(bySeq.headers?.code).toBe(408); // the server refuses a body on the by-subject form
    expect(bySeq.data.length).toBe(0);
    // …and nothing was created.
    await expect(jsm.consumers.info(STREAMS.inbox, ownDurable)).rejects.toThrow(/consumer not found/);

    // The victim still gets its item, once.
    const victim = await sdkAs(`agency:${VICTIM}`, VICTIM);
    const inbox = victim.inbox();
    for await (const got of inbox) {
      expect(got.documentId).toBe(`${A},2026/11/22,900/UBND-VP`);
      await got.ack();
      break;
    }
    await inbox.stop();
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it("4. read another agency's tracking or replies: KV gets, track consumers and inboxes are refused", async () => {
    const before = await counts();
    const nc = await rawAs(`agency:${VICTIM}`);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const key = trackingKey(A, `${A},2026/11/22,1/UBND-VP`, CENTRE);
    const kv = await new Kvm(js).open('lt_tracking', { allow_direct: true });
    await expectDenied(kv.get(key));
    await expectDenied(jsm.direct.getMessage('KV_lt_tracking', { last_by_subj: `$KV.lt_tracking.${key}` }));
    await expectDenied(jsm.streams.getMessage('KV_lt_tracking', { last_by_subj: `$KV.lt_tracking.${key}` }));
    // Its own key's subject with a body asking for another record by sequence: refused, nothing read.
    const ownKey = `$KV.lt_tracking.${agencyToToken(VICTIM)}.none.${agencyToToken(A)}`;
    const record = await opsJsm.streams.getMessage('KV_lt_tracking', {
      last_by_subj: `$KV.lt_tracking.${key}`,
    });
    const bySeq = await nc.request(
      `$JS.API.DIRECT.GET.KV_lt_tracking.${ownKey}`,
      JSON.stringify({ seq: record!.seq }),
    );
    expect(bySeq.headers?.code).toBe(408);
    expect(bySeq.data.length).toBe(0);
    const track = trackSubject('commune', 'h41-yenthanh-xa1', A);
    await expectDenied(
      js.consumers.get(STREAMS.track, { filter_subjects: track }).then((c) => c.next({ expires: 1000 })),
    );
    await expectSubscribeDenied(nc, track);
    await expectSubscribeDenied(nc, `${inboxPrefixOf({ kind: 'agency', agency: A })}.>`);
    await expectSubscribeDenied(nc, '_INBOX.>');
    await expectSubscribeDenied(nc, '>');
    // Its own tracking stays readable: the victim has sent nothing, the sender sees its documents.
    const own = await sdkAs(`agency:${VICTIM}`, VICTIM);
    expect(await own.sent()).toEqual([]);
    const mine = await sender.sent();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => d.recipients.every((r) => r.sender === A))).toBe(true);
    expect((await sender.snapshot(`${A},2026/11/22,1/UBND-VP`)).map((r) => r.recipient)).toEqual([CENTRE]);
    // Listing keys that way leaves no consumer behind on the bucket.
    const left = await opsJsm.consumers.list('KV_lt_tracking').next();
    expect(left.filter((c) => c.name.startsWith('lt-keys-'))).toEqual([]);
    // Listing another agency's keys with a consumer filtered on them: refused.
    await expectDenied(
      jsm.consumers.add('KV_lt_tracking', {
        name: 'peek-keys',
        filter_subject: `$KV.lt_tracking.${agencyToToken(A)}.>`,
        ack_policy: AckPolicy.None,
      }),
    );
    await expectDenied(jsm.streams.info('KV_lt_tracking', { subjects_filter: '$KV.lt_tracking.>' }));
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it('5. publish directly on relay and inbox subjects: refused, nothing delivered', async () => {
    const before = await counts();
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    const forged = encodeEnvelope(envelope(A, 'h41-yenthanh-xa1', 5));
    await expectDenied(
      js.publish(relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'), forged),
    );
    await expectDenied(js.publish(relaySubject('central', 'vn', 'urgent', 'h41'), forged));
    await expectDenied(js.publish(inboxSubject('central', 'vn', CENTRE, 'forged-1'), forged));
    await expectDenied(js.publish(inboxSubject('commune', 'h41-yenthanh-xa1', A, 'forged-2'), forged));
    expectServerLogged(relaySubject('central', 'vn', 'urgent', 'h41'));
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it('6. publish on dead-letter, tracking and directory subjects, or administer streams: refused', async () => {
    const before = await counts();
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await expectDenied(js.publish(deadSubject('central', 'vn'), new Uint8Array([1])));
    await expectDenied(js.publish(deadSubject('commune', 'h41-yenthanh-xa1'), new Uint8Array([1])));
    await expectDenied(js.publish(trackSubject('commune', 'h41-yenthanh-xa1', A), new Uint8Array([1])));
    // Moving itself (or anyone) in the directory, forging a tracking record.
    await expectDenied(js.publish(`$KV.lt_directory.agency.${agencyToToken(A)}`, new Uint8Array([1])));
    await expectDenied(js.publish(`$KV.lt_directory.node.vn`, new Uint8Array([1])));
    const dirKv = await new Kvm(js).open('lt_directory', { allow_direct: true });
    await expectDenied(dirKv.put(`agency.${agencyToToken(VICTIM)}`, new Uint8Array([1])));
    await expectDenied(
      js.publish(`$KV.lt_tracking.${agencyToToken(A)}.x.${agencyToToken(CENTRE)}`, new Uint8Array([1])),
    );
    await expectDenied(jsm.streams.delete(STREAMS.inbox));
    await expectDenied(jsm.streams.purge(STREAMS.submit));
    await expectDenied(jsm.consumers.delete(STREAMS.inbox, `lt-inbox-${agencyToToken(CENTRE)}`));
    await expectDenied(jsm.streams.add({ name: 'LT_SPY', subjects: ['lt.v1.>'] }));
    expectServerLogged('$KV.lt_directory.node.vn');
    // The directory still says what it said.
    const victimRecord = await (
      await new Kvm(jetstream(ops)).open('lt_directory')
    ).get(`agency.${agencyToToken(VICTIM)}`);
    expect(victimRecord?.value.length).toBeGreaterThan(1);
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it('7. subject injection through agency codes: refused in credentials issuance, the CLI and the SDK', async () => {
    const before = await counts();
    const registry = readFileSync(path.join(dir, 'credentials', 'registry.json'), 'utf8');
    const auth = readFileSync(path.join(dir, AUTH_CONFIG), 'utf8');
    const attacks = [
      '000.00.00.*',
      '000.00.00.>',
      '>',
      '000.01.43.H41.>',
      '000.01.43.H41 ',
      ' 000.01.43.H41',
      '000.01.43.H4\u0000',
      '000.01.43.H41\n',
      '000.01.43\tH41',
      '000_01_43_H41',
      '000.01.43.H4\u200b1',
      '000.01.43.h41',
    ];
    for (const code of attacks) {
      expect(() => store.issue({ kind: 'agency', agency: code }, topology)).toThrow(InvalidAgencyCodeError);
    }
    expect(readFileSync(path.join(dir, 'credentials', 'registry.json'), 'utf8')).toBe(registry);
    expect(readFileSync(path.join(dir, AUTH_CONFIG), 'utf8')).toBe(auth);
    expect(() => store.issue({ kind: 'node', name: 'x.>', nodes: '*' }, topology)).toThrow(LienthongError);
    expect(() => store.issue({ kind: 'ops', name: 'a b' }, topology)).toThrow(LienthongError);

    // The CLI refuses before it connects or writes anything (exit code 1, the error named).
    const main = path.resolve(__dirname, '../packages/cli/dist/main.js');
    for (const code of ['000.00.00.*', '000.01.43.H41.>', '000.01.43.H41 x']) {
      const run = spawnSync(process.execPath, [main, 'creds', 'issue', 'agency', code, '--data', dir], {
        encoding: 'utf8',
        env: { ...process.env, LT_SERVER: server.url },
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/InvalidArgument|not an agency code/);
    }
    expect(readFileSync(path.join(dir, 'credentials', 'registry.json'), 'utf8')).toBe(registry);

    // The SDK refuses such codes as its own agency, as recipients and as senders, before publishing.
    for (const code of ['000.00.00.*', '000.01.43.H41.>', '000.01.43.H41 ']) {
      const e1 = await connect({
        servers: server.url,
        agency: code,
        credentials: { seedFile: creds.get(`agency:${A}`)!.seedFile },
      }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(InvalidAgencyCodeError);
      const e2 = await sender
        .send({ documentId: `${A},2026/11/22,901/X`, subject: 'x', to: [{ code }] })
        .catch((e: unknown) => e);
      expect(e2).toBeInstanceOf(InvalidAgencyCodeError);
      const e3 = await sender
        .report(`${A},2026/11/22,1/UBND-VP`, BusinessStatus.BUSINESS_STATUS_ACCEPTED, { sender: code })
        .catch((e: unknown) => e);
      expect(e3).toBeInstanceOf(InvalidAgencyCodeError);
    }
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  it('8. unknown keys and no credentials: the connection is refused', async () => {
    // A well-formed key the server was never told about.
    const strangerDir = mkdtempSync(path.join(tmpdir(), 'lt-stranger-'));
    const stranger = CredentialStore.open(strangerDir).issue({ kind: 'ops', name: 'stranger' });
    rmSync(strangerDir, { recursive: true, force: true });
    const strangerSeed = new TextEncoder().encode(stranger.seed);
    for (const opts of [
      {},
      { authenticator: nkeyAuthenticator(strangerSeed) },
      { user: 'admin', pass: 'admin' },
      { token: 'x' },
    ]) {
      await expectDenied(natsConnect({ servers: server.url, reconnect: false, ...opts }));
    }
    const e = await connect({
      servers: server.url,
      agency: A,
      credentials: { nkeySeed: stranger.seed },
    }).catch((x: unknown) => x);
    expect((e as LienthongError).code).toBe('PermissionDenied');
    // No credentials at all through the SDK: refused, saying what to pass.
    const none = (await connect({ servers: server.url, agency: A }).catch(
      (x: unknown) => x,
    )) as LienthongError;
    expect(none.code).toBe('PermissionDenied');
    expect(none.message).toBe(
      `connect: the broker requires credentials and none were given (Authorization Violation): pass credentials: { seedFile } with agency ${A}'s seed file (\`lienthong creds issue agency ${A} --data DIR\` writes it)`,
    );
    await stillServes();
  });

  it('9. revoked credentials: the live connection is dropped and cannot come back; others keep serving', async () => {
    const before = await counts();
    const victim = await sdkAs(`agency:${REVOKED}`, REVOKED);
    const raw = await rawAs(`agency:${REVOKED}`);
    const events: string[] = [];
    victim.onConnection((e) => events.push(e.type));
    const rawClosed = raw.closed();

    store.revoke(`agency:${REVOKED}`);
    store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
    await server.reload();

    const closedWith = await orStillOpen(rawClosed, 10_000);
    // The server closes it on reload (nats.js reports no error for a close it did not ask for).
    expect(closedWith).not.toBe('still open');
    expect(raw.isClosed()).toBe(true);
    await waitFor('the disconnect', () => events.includes('disconnect'), 10_000);
    const err = await victim
      .send(
        { documentId: `${REVOKED},2026/11/22,1/X`, subject: 'x', to: [{ code: CENTRE }] },
        { timeoutMs: 2_000 },
      )
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(LienthongError);
    const again = await connect({
      servers: server.url,
      agency: REVOKED,
      credentials: { nkeySeed: creds.get(`agency:${REVOKED}`)!.seed },
    }).catch((x: unknown) => x);
    expect((again as LienthongError).code).toBe('PermissionDenied');
    expect(store.list().find((i) => i.id === `agency:${REVOKED}`)?.revokedAtMs).toBeGreaterThan(0);
    expect(() => store.credentials(`agency:${REVOKED}`)).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    );
    expect(await counts()).toEqual(before);
    await stillServes();
  });

  // Relaying past its neighbours is refused across JetStream domains only (within its domain the
  // domain-local shortcut does it; one domain here): packages/core/test/permissions.test.ts.
  it('10. a node posing as another node or writing others’ subjects: refused', async () => {
    const before = await counts();
    const nc = await rawAs('node:yenthanh');
    const js = jetstream(nc);
    const forged = encodeEnvelope(envelope(A, 'h41-yenthanh', 10));
    // Its own relay to its parent is allowed (not published here: it would be processed).
    await expectDenied(js.publish(relaySubject('province', 'h41', 'normal', 'h41-quynhluu'), forged)); // posing
    await expectDenied(js.publish(relaySubject('central', 'vn', 'normal', 'h41-quynhluu'), forged)); // posing, past
    await expectDenied(js.publish(submitSubject('commune', 'h41-yenthanh-xa1', A), forged)); // as an agency
    await expectDenied(js.publish(deadSubject('province', 'h41'), new Uint8Array([1])));
    await expectSubscribeDenied(nc, 'lt.v1.>');
    await expectSubscribeDenied(nc, '_INBOX_a_000_00_00_G22.>');
    expectServerLogged(relaySubject('province', 'h41', 'normal', 'h41-quynhluu'));
    expect(await counts()).toEqual(before);
    await stillServes();
  });
});

describe('legitimate use under identities', () => {
  it('a stored (chunked) attachment goes up as the sender and comes down as the recipient', async () => {
    const data = new Uint8Array(700 * 1024).map((_, i) => (i * 31 + 7) & 0xff);
    const documentId = `${A},2026/11/22,950/UBND-VP`;
    await sender.send(
      { documentId, subject: 'Văn bản kèm tệp lớn', to: [{ code: CENTRE }] },
      { attachments: [{ name: 'scan.pdf', mediaType: 'application/pdf', data }] },
    );
    const inbox = centre.inbox();
    for await (const item of inbox) {
      await item.ack();
      if (item.documentId !== documentId) continue;
      expect(item.attachments.map((a) => [a.name, a.stored, a.size])).toEqual([
        ['scan.pdf', true, data.length],
      ]);
      expect(Buffer.from(await item.attachments[0]!.bytes()).equals(Buffer.from(data))).toBe(true);
      break;
    }
    await inbox.stop();
    // Content is written by its sender's identity only under its own domain's content subjects.
    const nc = await rawAs(`agency:${A}`);
    await expectDenied(jetstream(nc).publish('lt.v1.content.elsewhere.c.0', new Uint8Array([1])));
  });
});

/** A well-formed document envelope from `origin` at `node`, to the centre. */
function envelope(origin: string, node: string, n: number): Parameters<typeof encodeEnvelope>[0] {
  const documentId = `${origin},2026/11/22,${n}/GIA`;
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: `attack-${n}`,
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId,
    originAgency: origin,
    originNode: node,
    recipients: [CENTRE],
    createdAtMs: Date.now(),
    document: { documentId, subject: 'giả mạo', from: { code: origin }, to: [{ code: CENTRE }] },
  };
}

/**
 * Attacks of the second security round (docs/SECURITY.md, "What one agency cannot do to another"),
 * against a real nats-server running the authorization block `CredentialStore` derives from the demo
 * topology, and a node runtime with its own identity. A (the attacker) is a commune of Yên Thành; B
 * a commune of Quỳnh Lưu; C the Government Office; D another commune of Quỳnh Lưu, in the same
 * JetStream domain as B and C.
 *
 * Each case makes the attack, checks it is refused or has no effect on the others, and checks that
 * the legitimate path still delivers exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as natsConnect, headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import {
  STREAMS,
  agencyServiceSubject,
  agencyToToken,
  deadSubject,
  decodeDeadLetter,
  encodeEnvelope,
  submitSubject,
  trackingKey,
} from '@lienthong/core';
import { CONTENT_STREAM, DEFAULT_CHUNK_SIZE, chunkSubject, manifestSubject } from '@lienthong/content';
import type { RunningNode } from '@lienthong/node';
import { ContentManifest, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import { BusinessStatus, isBackpressure } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import { A, B, B_TRACK, C, D, DENIED, attackWorld, expectDenied, fileOf, sha } from './attack-kit';

jest.setTimeout(60_000);

const w = attackWorld(
  // Every agency at a pace, with a bounded queue: a flood waits in its own queue, then is refused.
  { defaultSubmitLimits: { perSecond: 200, burst: 50 }, maxQueuedPerAgency: 100 },
);
let node: RunningNode;
let ops: NatsConnection;
let opsJsm: JetStreamManager;
const rawAs = (id: string): Promise<NatsConnection> => w.rawAs(id);
const sdkAs = (agency: string): Promise<LienthongClient> => w.sdkAs(agency);
const inboxCount = (agency: string): Promise<number> => w.inboxCount(agency);
let sdkB: LienthongClient;
let sdkC: LienthongClient;
let docs = 0;

async function expectSubscribeDenied(nc: NatsConnection, subject: string): Promise<void> {
  const sub = nc.subscribe(subject);
  await nc.flush();
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    sub.closed.then(
      (v) => v,
      (e: unknown) => e,
    ),
    new Promise<'still open'>((r) => (timer = setTimeout(() => r('still open'), 3_000))),
  ]);
  clearTimeout(timer);
  expect(closed).toBeInstanceOf(Error);
  expect(String((closed as Error).message)).toMatch(DENIED);
}

/**
 * C takes documents from its inbox until `documentId`; returns every document id handed out and the
 * attachment bytes of that one (checked by the SDK against their hashes).
 */
async function receive(documentId: string): Promise<{ handedOut: string[]; bytes: Uint8Array[] }> {
  const inbox = sdkC.inbox();
  const handedOut: string[] = [];
  const bytes: Uint8Array[] = [];
  // A document that never comes (suppressed, stuck on its attachments) ends the wait with a failure.
  const timer = setTimeout(() => void inbox.stop(), 15_000);
  let found = false;
  try {
    for await (const item of inbox) {
      handedOut.push(item.documentId);
      if (item.documentId === documentId) {
        for (const a of item.attachments) bytes.push(await a.bytes());
        await item.ack();
        found = true;
        break;
      }
      await item.ack();
    }
  } finally {
    clearTimeout(timer);
    await inbox.stop();
  }
  if (!found)
    throw new Error(`${documentId} did not reach ${C} within 15 s (handed out: ${handedOut.join(', ')})`);
  return { handedOut, bytes };
}

/** B's next document id. */
function nextDocumentId(): string {
  docs += 1;
  return `${B},2026/12/02,${docs}/UBND-VP`;
}

/** B sends to C and C receives it exactly once; B's tracking shows C's 01. */
async function deliversOnce(
  documentId: string,
  attachments: { name: string; data: Uint8Array }[] = [],
): Promise<{ duplicate: boolean; bytes: Uint8Array[] }> {
  const before = await inboxCount(C);
  const tracker = await sdkB.track(documentId);
  const receipt = await sdkB.send(
    { documentId, subject: `Văn bản ${documentId}`, to: [{ code: C }] },
    { attachments: attachments.map((a) => ({ ...a, mediaType: 'application/pdf' })) },
  );
  const got = await receive(documentId);
  expect(got.handedOut).toEqual([documentId]);
  await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
    timeoutMs: 10_000,
  });
  await tracker.stop();
  expect(await inboxCount(C)).toBe(before + 1);
  return { duplicate: receipt.duplicate, bytes: got.bytes };
}

beforeAll(async () => {
  ({ node, ops, opsJsm } = w);
  sdkB = await sdkAs(B);
  sdkC = await sdkAs(C);
});

describe('security round 2: what one agency cannot do to another', () => {
  it("1a. message-id pre-emption: A's message under B's next id does not suppress B's document", async () => {
    const documentId = nextDocumentId();
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    // The ids the SDK used: predictable from the document id alone.
    for (const id of [`submit:${B}:${documentId}:0`, `submit:${B}:${documentId}:1`]) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', id);
      await js.publish(submitSubject('commune', 'h41-yenthanh-xa1', A), new Uint8Array([1]), { headers: h });
    }
    const sent = await deliversOnce(documentId);
    expect(sent.duplicate).toBe(false);
    expect((await sdkB.snapshot(documentId)).map((r) => r.recipient)).toEqual([C]);

    // Ids are scoped to their agency: one of A's own documents under an id scoped to B is refused
    // by A's home node (the attempt is a dead letter), and nothing of it reaches C.
    const own = `${A},2026/12/02,1/UBND-VP`;
    const h = natsHeaders();
    h.set('Nats-Msg-Id', `lt1:${agencyToToken(B)}:${'x'.repeat(32)}`);
    const before = await inboxCount(C);
    await js.publish(
      submitSubject('commune', 'h41-yenthanh-xa1', A),
      encodeEnvelope({
        schemaVersion: SCHEMA_VERSION,
        envelopeId: 'scoped-1',
        kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
        documentId: own,
        originAgency: A,
        originNode: 'h41-yenthanh-xa1',
        recipients: [C],
        createdAtMs: Date.now(),
        document: { documentId: own, subject: 'x', from: { code: A }, to: [{ code: C }] },
      }),
      { headers: h },
    );
    const letter = await waitFor(
      'the dead letter',
      async () => {
        const m = await opsJsm.streams.getMessage(STREAMS.dead, {
          last_by_subj: deadSubject('commune', 'h41-yenthanh-xa1'),
        });
        const l = m ? decodeDeadLetter(m.data) : undefined;
        return l && /scoped to another agency/.test(l.detail) ? l : false;
      },
      10_000,
    );
    expect(letter.reason).toBe(FailureReason.FAILURE_REASON_SENDER_MISMATCH);
    expect(await inboxCount(C)).toBe(before);
  });

  it('1b. the SDK reports a duplicate only when its own tracking confirms it; otherwise it delivers', async () => {
    const documentId = nextDocumentId();
    await deliversOnce(documentId);
    // A resend inside the dedupe window of a document B's tracking knows: a confirmed duplicate.
    const again = await sdkB.send({ documentId, subject: 'lần 2', to: [{ code: C }] });
    expect(again.duplicate).toBe(true);
    // The same resend once the tracking record is gone (as after a message under B's id that the
    // node refused): the server still says "duplicate", which nothing confirms.
    const kv = await new Kvm(jetstream(ops)).open('lt_tracking');
    await kv.purge(trackingKey(B, documentId, C));
    const before = await inboxCount(C);
    const third = await sdkB.send({ documentId, subject: 'lần 3', to: [{ code: C }] });
    expect(third.duplicate).toBe(false);
    await waitFor(
      'the tracking record again',
      async () => (await sdkB.snapshot(documentId)).some((r) => r.recipient === C),
      10_000,
    );
    // …and C has it once: the inbox item is keyed by the envelope id.
    expect(await inboxCount(C)).toBe(before);
  });

  it('2. no push consumers: a consumer delivering to another agency’s subject cannot be created or heard', async () => {
    const nc = await rawAs(`agency:${A}`);
    const jsm = await jetstreamManager(nc);
    const domainChunks = 'lt.v1.content._.c.>';
    await expectDenied(
      jsm.consumers.add(CONTENT_STREAM, {
        name: 'forge',
        deliver_subject: B_TRACK,
        filter_subject: domainChunks,
        ack_policy: AckPolicy.None,
      }),
    );
    await expectDenied(
      jsm.consumers.add(CONTENT_STREAM, {
        durable_name: 'forge2',
        deliver_subject: B_TRACK,
        ack_policy: AckPolicy.None,
      }),
    );
    await expectDenied(jsm.consumers.add(CONTENT_STREAM, { name: 'pull', ack_policy: AckPolicy.None }));
    // Track subjects are read from the stream, never by a core subscription a push consumer could reach.
    const b = await rawAs(`agency:${B}`);
    await expectSubscribeDenied(b, B_TRACK);
    await deliversOnce(nextDocumentId());
  });

  it('3a. attachment poisoning: a bogus manifest and a garbage chunk stored first under B’s hashes change nothing', async () => {
    const data = fileOf(600 * 1024, 7);
    const whole = sha(data);
    const firstChunk = sha(data.subarray(0, DEFAULT_CHUNK_SIZE));
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    const garbage = new TextEncoder().encode('garbage');
    const bogus = ContentManifest.encode(
      ContentManifest.create({ sha256Hex: whole, size: 7, chunkSize: 1024, chunks: [] }),
    ).finish();
    // Content subjects are closed to agencies: their home node stores content for them (#18 item 5)…
    await expectDenied(js.publish(chunkSubject('', firstChunk), garbage));
    await expectDenied(js.publish(manifestSubject('', whole), bogus));
    // …and refuses a chunk whose bytes do not hash to its subject; a manifest (which the node does
    // not check against the content) is stored, for the guard to remove.
    const home = w.topology.homeNodeOf(A);
    const put = async (subject: string, body: Uint8Array): Promise<{ ok: boolean; code?: string }> => {
      const h = natsHeaders();
      h.set('Lt-Op', 'put');
      h.set('Lt-Subject', subject);
      const m = await nc.request(agencyServiceSubject(home.level, home.id, A), body, {
        headers: h,
        timeout: 10_000,
      });
      return JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; code?: string };
    };
    expect(await put(chunkSubject('', firstChunk), garbage)).toMatchObject({
      ok: false,
      code: 'InvalidArgument',
    });
    expect(await put(manifestSubject('', whole), bogus)).toMatchObject({ ok: true });
    const got = await deliversOnce(nextDocumentId(), [{ name: 'scan.pdf', data }]);
    expect(got.bytes.length).toBe(1);
    expect(sha(got.bytes[0]!)).toBe(whole);
  });

  it('3b. attachment poisoning by message id: B’s chunk hash as the id of a message elsewhere changes nothing', async () => {
    const data = fileOf(DEFAULT_CHUNK_SIZE + 44 * 1024, 13);
    const whole = sha(data);
    const chunks = [sha(data.subarray(0, DEFAULT_CHUNK_SIZE)), sha(data.subarray(DEFAULT_CHUNK_SIZE))];
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    for (const [i, id] of [...chunks, `m:${whole}`].entries()) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', id);
      await js
        .publish(chunkSubject('', sha(new Uint8Array([i, 99]))), new Uint8Array([i, 99]), { headers: h })
        .catch(() => undefined);
    }
    const got = await deliversOnce(nextDocumentId(), [{ name: 'scan.pdf', data }]);
    expect(sha(got.bytes[0]!)).toBe(whole);
  });

  it('4. a third agency of the same domain cannot find or read the attachments of others', async () => {
    const data = fileOf(400 * 1024, 17);
    await deliversOnce(nextDocumentId(), [{ name: 'secret.pdf', data }]);
    const nc = await rawAs(`agency:${D}`);
    const jsm = await jetstreamManager(nc);
    // No listing of the content subjects, no read by sequence, no consumer to scan them.
    await expectDenied(jsm.streams.info(CONTENT_STREAM, { subjects_filter: 'lt.v1.content.>' }));
    await expectDenied(jsm.direct.getMessage(CONTENT_STREAM, { seq: 1 }));
    await expectDenied(
      jsm.direct.getMessage(CONTENT_STREAM, { seq: 1, next_by_subj: 'lt.v1.content._.m.>' }),
    );
    await expectDenied(
      jsm.consumers.add(CONTENT_STREAM, {
        name: 'scan',
        filter_subject: 'lt.v1.content._.m.>',
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
      }),
    );
    await expectDenied(jsm.streams.getMessage(CONTENT_STREAM, { seq: 1 }));
  });

  it('7. no information or control by name over another agency’s tracking consumers and counts', async () => {
    const nc = await rawAs(`agency:${A}`);
    const jsm = await jetstreamManager(nc);
    // Which agencies have tracking, and how much: refused.
    await expectDenied(jsm.streams.info(STREAMS.track, { subjects_filter: 'lt.v1.>' }));
    await expectDenied(jsm.streams.info(CONTENT_STREAM));
    await deliversOnce(nextDocumentId());
  });
});

describe('security round 2: resource limits', () => {
  it('5. one agency’s flood is refused at its own bounds while another keeps sending', async () => {
    // Submissions: A's garbage fills A's queue at its home node and is refused there.
    const nc = await rawAs(`agency:${A}`);
    const js = jetstream(nc);
    // A hundred at a time: one by one, on a loaded machine, A published slower than its node drains
    // its queue, and never filled it.
    let refused: unknown;
    for (let i = 0; i < 5_000 && refused === undefined; i += 100) {
      const publishes = Array.from({ length: 100 }, (_, k) =>
        js.publish(submitSubject('commune', 'h41-yenthanh-xa1', A), new Uint8Array([(i + k) & 0xff, 1])),
      );
      for (const r of await Promise.allSettled(publishes)) if (r.status === 'rejected') refused ??= r.reason;
    }
    expect(String((refused as Error | undefined)?.message)).toMatch(/maximum messages per subject/i);
    // …while B's document goes through at once.
    await deliversOnce(nextDocumentId());
    // Through the SDK, A is told so, as backpressure (its documents go to D, who reads none).
    const sdkA = await sdkAs(A);
    // Fifty at a time, so that A outpaces its node's pace however slow a loaded machine makes each
    // send; every refusal is backpressure.
    const refusals: unknown[] = [];
    for (let i = 1; i <= 2_000 && refusals.length === 0; i += 50) {
      const sends = Array.from({ length: 50 }, (_, k) =>
        sdkA.send({ documentId: `${A},2026/12/02,${i + k}/X`, subject: 'x', to: [{ code: D }] }),
      );
      for (const r of await Promise.allSettled(sends)) if (r.status === 'rejected') refusals.push(r.reason);
    }
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((e) => !isBackpressure(e)).map(String)).toEqual([]);
    await deliversOnce(nextDocumentId());

    // Dead letters (which keep the refused originals) are bounded by size as well as age.
    const dead = await opsJsm.streams.info(STREAMS.dead);
    expect(dead.config.max_bytes).toBeGreaterThan(0);
    expect(dead.config.discard).toBe('old');
    // Every stream has a bound, and its fill is a metric to alert on before it is reached.
    for (const s of [
      STREAMS.submit,
      STREAMS.relay,
      STREAMS.inbox,
      STREAMS.track,
      CONTENT_STREAM,
      'LT_AUDIT',
    ]) {
      expect([s, (await opsJsm.streams.info(s)).config.max_bytes > 0]).toEqual([s, true]);
    }
    const metric = await node.runtime.metrics.registry.getSingleMetricAsString('lienthong_stream_fill_ratio');
    expect(metric).toMatch(/lienthong_stream_fill_ratio\{stream="LT_DEAD"\} 0\.\d+/);

    // Stored content: a full content stream refuses the upload as ResourceExhausted, nothing is
    // reported as stored, and documents without stored attachments keep flowing.
    const content = await opsJsm.streams.info(CONTENT_STREAM);
    await opsJsm.streams.update(CONTENT_STREAM, {
      ...content.config,
      max_bytes: content.state.bytes + 512 * 1024,
    });
    try {
      const big = await sdkA
        .send(
          { documentId: `${A},2026/12/03,1/X`, subject: 'x', to: [{ code: D }] },
          {
            attachments: [
              { name: 'flood.bin', mediaType: 'application/octet-stream', data: randomBytes(2 << 20) },
            ],
          },
        )
        .catch((x: unknown) => x);
      expect((big as { code?: string }).code).toBe('ResourceExhausted');
      await deliversOnce(nextDocumentId());
    } finally {
      await opsJsm.streams.update(CONTENT_STREAM, content.config);
    }
  });

  it('6. the generated server limits: connections, subscriptions, consumers per stream', async () => {
    const { serverLimitsConfig } = (await import('@lienthong/node')) as unknown as {
      serverLimitsConfig?: (l: Record<string, number>) => string;
    };
    expect(typeof serverLimitsConfig).toBe('function');
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-limits-'));
    const conf = path.join(dir, 'limits.conf');
    writeFileSync(
      conf,
      serverLimitsConfig!({ maxConnections: 5, maxSubscriptions: 20, maxPendingBytes: 1 << 20 }),
    );
    const limited = await startNatsServer({ include: [conf] });
    const open: NatsConnection[] = [];
    try {
      for (let i = 0; i < 5; i++) open.push(await natsConnect({ servers: limited.url, reconnect: false }));
      // The sixth is refused (the server closes it at once; the client may see only the closed pipe).
      await expect(natsConnect({ servers: limited.url, reconnect: false })).rejects.toThrow();
      await waitFor('the refusal logged', () => /maximum connections/i.test(limited.logTail()), 5_000);
      const nc = open[0]!;
      const subs: Subscription[] = [];
      for (let i = 0; i < 20; i++) subs.push(nc.subscribe(`x.${i}`));
      // One more is refused: the server says so, and nothing published there reaches it.
      const over = nc.subscribe('x.over');
      await nc.flush().catch(() => undefined);
      await waitFor('the refusal logged', () => /maximum subscriptions/i.test(limited.logTail()), 5_000);
      const other = open[1]!;
      other.publish('x.over', 'hello');
      other.publish('x.0', 'hello');
      await other.flush();
      await waitFor('the allowed one delivered', () => subs[0]!.getReceived() === 1, 5_000);
      expect(over.getReceived()).toBe(0);
    } finally {
      await Promise.allSettled(open.map((c) => c.close()));
      await limited.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
    // Consumers per stream: the agencies' streams cap them.
    for (const s of [STREAMS.inbox, STREAMS.track, CONTENT_STREAM]) {
      const info = await opsJsm.streams.info(s);
      expect(info.config.max_consumers).toBeGreaterThan(0);
    }
  });
});

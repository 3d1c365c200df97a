/**
 * Attacks of security round 2 that the first fixes left open (docs/SECURITY.md, "What one agency
 * cannot do to another", items 2, 4, 7): consumers an agency makes itself, and reading attachments
 * by their hash. Each case makes the attack, checks it is refused or has no effect, and that the
 * legitimate path still delivers exactly once. Run alone: `pnpm exec jest tests/attack-round3.test.ts`.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { STREAMS, agencyServiceSubject, agencyToToken, inboxFilter, trackSubject } from '@lienthong/core';
import { CONTENT_STREAM, DEFAULT_CHUNK_SIZE, chunkSubject, manifestSubject } from '@lienthong/content';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentManifest, FailureReason } from '@lienthong/proto';
import { isBackpressure } from '@lienthong/sdk';
import { findNatsServer, waitFor } from '@lienthong/testkit';
import { A, B, B_TRACK, C, D, attackWorld, expectDenied, fileOf, sha } from './attack-kit';

jest.setTimeout(60_000);

const w = attackWorld();
let docs = 0;
const nextId = (from: string): string => `${from},2026/12/02,${++docs}/UBND-VP`;
/** The largest chunk (`MAX_CHUNK_SIZE` of @lienthong/content): 1 MiB less 4 KiB. */
const MAX_CHUNK_SIZE = 1024 * 1024 - 4096;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('security round 2, continued: consumers', () => {
  it('2b. no consumer of an agency’s own making, so none pushes its messages to another’s subjects', async () => {
    const nc = await w.rawAs(`agency:${A}`);
    const jsm = await jetstreamManager(nc);
    const aHome = w.topology.homeNodeOf(A);
    const aTok = agencyToToken(A);
    // An integrator following B's track subject (the observer's way) hears only B's tracking.
    const heard = w.ops.subscribe(B_TRACK);
    // Each was accepted before: the body of a create request, which permissions cannot read, named
    // B's subjects as where to push A's tracking keys, inbox items and tracking changes.
    await expectDenied(
      jsm.consumers.add('KV_lt_tracking', {
        name: 'p1',
        filter_subject: `$KV.lt_tracking.${aTok}.>`,
        deliver_subject: B_TRACK,
        ack_policy: AckPolicy.None,
      }),
    );
    await expectDenied(
      jsm.consumers.add(STREAMS.inbox, {
        durable_name: `lt-inbox-${aTok}`,
        filter_subject: inboxFilter(aHome.level, aHome.id, A),
        deliver_subject: B_TRACK,
        ack_policy: AckPolicy.None,
      }),
    );
    await expectDenied(
      jsm.consumers.add(STREAMS.track, {
        name: 'p3',
        filter_subject: trackSubject(aHome.level, aHome.id, A),
        deliver_subject: `${inboxFilter('commune', 'h41-quynhluu-xa1', B).slice(0, -2)}.x`,
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
      }),
    );
    // A's own documents make tracking keys and changes that such consumers would have pushed.
    const sdkA = await w.sdkAs(A);
    const sdkD = await w.sdkAs(D);
    await w.deliversOnce(sdkA, sdkD, nextId(A));
    await pause(1_000);
    expect(heard.getReceived()).toBe(0);
    heard.unsubscribe();
    // A push that a trusted identity makes to B's track subject is heard by core subscribers only:
    // the track stream, which `track()` feeds on through the node and `doc watch` reads, does not
    // take it in.
    const stored = async (): Promise<number> =>
      (await w.opsJsm.streams.info(STREAMS.track, { subjects_filter: B_TRACK })).state.subjects?.[B_TRACK] ??
      0;
    const before = await stored();
    const spy = w.ops.subscribe(B_TRACK);
    await w.opsJsm.consumers.add('KV_lt_tracking', {
      name: 'ops-push',
      filter_subject: `$KV.lt_tracking.${aTok}.>`,
      deliver_subject: B_TRACK,
      ack_policy: AckPolicy.None,
    });
    try {
      await waitFor('the push heard', () => spy.getReceived() > 0, 10_000);
      expect(await stored()).toBe(before);
    } finally {
      spy.unsubscribe();
      await w.opsJsm.consumers.delete('KV_lt_tracking', 'ops-push');
    }
    // B still tracks and receives.
    await w.deliversOnce(await w.sdkAs(B), await w.sdkAs(C), nextId(B));
  });

  it('7b. another agency’s tracking consumer can be neither read, inspected nor deleted by its name', async () => {
    const sdkB = await w.sdkAs(B);
    const tracker = await sdkB.track(nextId(B));
    // The name leaks (an operator's listing, a log): A still has no rights over it.
    const names: string[] = [];
    for await (const ci of w.opsJsm.consumers.list(STREAMS.track)) {
      if (ci.config.filter_subject === B_TRACK) names.push(ci.name);
    }
    expect(names.length).toBeGreaterThan(0);
    const nc = await w.rawAs(`agency:${A}`);
    const jsm = await jetstreamManager(nc);
    for (const name of names) {
      await expectDenied(jsm.consumers.info(STREAMS.track, name));
      await expectDenied(jsm.consumers.delete(STREAMS.track, name));
      await expectDenied(nc.request(`$JS.API.CONSUMER.MSG.NEXT.${STREAMS.track}.${name}`, '{"batch":1}'));
    }
    // …nor over B's inbox consumer.
    await expectDenied(jsm.consumers.info(STREAMS.inbox, `lt-inbox-${agencyToToken(B)}`));
    await expectDenied(jetstream(nc).consumers.get(STREAMS.inbox, `lt-inbox-${agencyToToken(B)}`));
    await tracker.stop();
    for (const name of names) expect(await w.opsJsm.consumers.info(STREAMS.track, name)).toBeTruthy();
  });

  it('7c. the home node’s agency service answers only the asker, on the asker’s inbox', async () => {
    const nc = await w.rawAs(`agency:${A}`);
    const aHome = w.topology.homeNodeOf(A);
    const bHome = w.topology.homeNodeOf(B);
    // A may not ask in B's name…
    await expectDenied(
      nc.request(agencyServiceSubject(bHome.level, bHome.id, B), JSON.stringify({ op: 'keys', filter: '>' })),
    );
    // …nor have its own answers sent into B's inbox…
    const intoB = `_INBOX_a_${agencyToToken(B)}.forged`;
    const spy = w.ops.subscribe(intoB);
    nc.publish(
      agencyServiceSubject(aHome.level, aHome.id, A),
      JSON.stringify({ op: 'follow', deliver: `_INBOX_a_${agencyToToken(A)}.x` }),
      { reply: intoB },
    );
    // …nor a consumer pushing to B, nor B's keys.
    const ask = async (body: unknown): Promise<{ ok: boolean; code?: string }> =>
      JSON.parse(
        new TextDecoder().decode(
          (await nc.request(agencyServiceSubject(aHome.level, aHome.id, A), JSON.stringify(body))).data,
        ),
      ) as { ok: boolean; code?: string };
    expect(await ask({ op: 'follow', deliver: B_TRACK })).toMatchObject({
      ok: false,
      code: 'PermissionDenied',
    });
    expect(await ask({ op: 'keys', filter: `${agencyToToken(B)}.>` })).toMatchObject({
      ok: false,
      code: 'PermissionDenied',
    });
    expect(await ask({ op: 'keys', filter: '>' })).toMatchObject({ ok: false, code: 'PermissionDenied' });
    expect(await ask({ op: 'inbox', maxAckPending: 1e9, ackWaitMs: 1_000 })).toMatchObject({
      ok: false,
      code: 'InvalidArgument',
    });
    // A start time that is no time is refused, not turned into a consumer from the epoch.
    for (const sinceMs of ['yesterday', -1, null]) {
      expect(
        await ask({ op: 'follow', deliver: `_INBOX_a_${agencyToToken(A)}.since`, sinceMs }),
      ).toMatchObject({ ok: false, code: 'InvalidArgument' });
    }
    expect(await ask({ op: 'keys', filter: `${agencyToToken(A)}.>` })).toMatchObject({ ok: true });
    await pause(500);
    expect(spy.getReceived()).toBe(0);
  });
});

describe('security round 2, continued: per-identity limits', () => {
  it('6b. one agency may hold only so many track followers; another still follows', async () => {
    const { MAX_FOLLOWS_PER_AGENCY } = await import('@lienthong/node');
    const nc = await w.rawAs(`agency:${A}`);
    const aHome = w.topology.homeNodeOf(A);
    const subject = agencyServiceSubject(aHome.level, aHome.id, A);
    const follow = async (i: number): Promise<{ ok: boolean; code?: string }> =>
      JSON.parse(
        new TextDecoder().decode(
          (
            await nc.request(
              subject,
              JSON.stringify({ op: 'follow', deliver: `_INBOX_a_${agencyToToken(A)}.f${i}` }),
              { timeout: 10_000 },
            )
          ).data,
        ),
      ) as { ok: boolean; code?: string };
    const replies = [];
    for (let i = 0; i < MAX_FOLLOWS_PER_AGENCY; i += 32) {
      replies.push(...(await Promise.all(Array.from({ length: 32 }, (_, k) => follow(i + k)))));
    }
    // (A's trackers of the cases before still count, until the server removes them.)
    const granted = replies.filter((r) => r.ok).length;
    expect(granted).toBeGreaterThan(MAX_FOLLOWS_PER_AGENCY - 8);
    expect(replies.filter((r) => !r.ok)).toEqual(
      Array(MAX_FOLLOWS_PER_AGENCY - granted).fill({
        ok: false,
        code: 'ResourceExhausted',
        message: expect.any(String),
      }),
    );
    expect(await follow(-1)).toMatchObject({ ok: false, code: 'ResourceExhausted' });
    // B's trackers are not A's: B still tracks a document to its 01.
    await w.deliversOnce(await w.sdkAs(B), await w.sdkAs(C), nextId(B));
  });
});

describe('security round 2, continued: what the server cannot limit per identity', () => {
  it('6c. nats-server 2.9 takes no per-user limits in an authorization block (so the generated one has none)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-limits-'));
    try {
      const conf = path.join(dir, 'user-limits.conf');
      writeFileSync(
        conf,
        'port: -1\nauthorization {\n  users = [\n    { user: a, password: b, max_subscriptions: 2, max_payload: 100 }\n  ]\n}\n',
      );
      const r = spawnSync(findNatsServer(), ['-c', conf, '-t'], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(`${r.stdout}${r.stderr}`).toMatch(/unknown field "max_subscriptions"/);
      expect(`${r.stdout}${r.stderr}`).toMatch(/unknown field "max_payload"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('security round 2, continued: attachments', () => {
  it('4b. a third agency of the same domain gets nothing for a hash it knows; sender and recipient do', async () => {
    const data = fileOf(DEFAULT_CHUNK_SIZE * 2 + 88 * 1024, 23);
    const whole = sha(data);
    const chunks = [0, 1, 2].map((i) =>
      sha(data.subarray(i * DEFAULT_CHUNK_SIZE, (i + 1) * DEFAULT_CHUNK_SIZE)),
    );
    const sdkB = await w.sdkAs(B);
    const sdkC = await w.sdkAs(C);
    const got = await w.deliversOnce(sdkB, sdkC, nextId(B), [{ name: 'secret.pdf', data }]);
    expect(got.map(sha)).toEqual([whole]);
    // D knows the hashes (of the whole, even of each chunk): the stream is closed to it…
    const nc = await w.rawAs(`agency:${D}`);
    const jsm = await jetstreamManager(nc);
    await expectDenied(jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: manifestSubject('', whole) }));
    await expectDenied(jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: chunkSubject('', chunks[0]!) }));
    // …and its home node hands it nothing: it sent or received no document with that content.
    const dHome = w.topology.homeNodeOf(D);
    const ask = async (body: {
      subject: string;
      file?: string;
      have?: Uint8Array;
    }): Promise<{ status?: string; bytes: number }> => {
      const h = natsHeaders();
      h.set('Lt-Op', 'content');
      h.set('Lt-Subject', body.subject);
      if (body.file) h.set('Lt-File', body.file);
      const m = await nc.request(
        agencyServiceSubject(dHome.level, dHome.id, D),
        body.have ?? new Uint8Array(),
        {
          headers: h,
          timeout: 5_000,
        },
      );
      return { status: m.headers?.get('Lt-Content'), bytes: m.data.length };
    };
    expect(await ask({ subject: manifestSubject('', whole), file: whole })).toEqual({
      status: 'denied',
      bytes: 0,
    });
    for (const c of chunks) {
      expect(await ask({ subject: chunkSubject('', c), file: whole })).toEqual({
        status: 'denied',
        bytes: 0,
      });
    }
    // Claiming to store other bytes there shows nothing of what is stored.
    const guess = new TextEncoder().encode('not the chunk');
    expect(await ask({ subject: chunkSubject('', chunks[1]!), have: guess })).toEqual({
      status: 'other',
      bytes: 0,
    });
    // The sender sends the same file again (its subjects are taken: it checks them through its home
    // node by the bytes it has), and the recipient gets it, checked, once more.
    const again = await w.deliversOnce(sdkB, sdkC, nextId(B), [{ name: 'secret.pdf', data }]);
    expect(again.map(sha)).toEqual([whole]);
  });

  it('4c. the largest chunks are read, and found already stored, through the home node', async () => {
    const sdkB = await w.sdkAs(B, { attachmentChunkSize: MAX_CHUNK_SIZE });
    const sdkC = await w.sdkAs(C);
    const data = fileOf(MAX_CHUNK_SIZE * 2 + 12_345, 29);
    for (let i = 0; i < 2; i++) {
      const got = await w.deliversOnce(sdkB, sdkC, nextId(B), [{ name: 'big.pdf', data }]);
      expect(got.map(sha)).toEqual([sha(data)]);
    }
  });

  it('4d. a content referenced by many documents: a recipient of one reads it, someone else still not', async () => {
    const data = fileOf(300 * 1024, 31);
    const whole = sha(data);
    const sdkB = await w.sdkAs(B);
    const attachments = [{ name: 'form.pdf', mediaType: 'application/pdf', data }];
    for (let i = 0; i < 17; i++) {
      await sdkB.send({ documentId: nextId(B), subject: 'form', to: [{ code: D }] }, { attachments });
    }
    await waitFor(
      'the references',
      async () => {
        const info = await w.opsJsm.streams.info('KV_lt_content_refs', {
          subjects_filter: `$KV.lt_content_refs.${whole}.*`,
        });
        return Object.keys(info.state.subjects ?? {}).length >= 17;
      },
      20_000,
    );
    const got = await w.deliversOnce(sdkB, await w.sdkAs(A), nextId(B), [{ name: 'form.pdf', data }]);
    expect(got.map(sha)).toEqual([whole]);
    const nc = await w.rawAs(`agency:${C}`);
    const cHome = w.topology.homeNodeOf(C);
    const h = natsHeaders();
    h.set('Lt-Op', 'content');
    h.set('Lt-Subject', manifestSubject('', whole));
    h.set('Lt-File', whole);
    const m = await nc.request(agencyServiceSubject(cHome.level, cHome.id, C), new Uint8Array(), {
      headers: h,
      timeout: 5_000,
    });
    expect([m.headers?.get('Lt-Content'), m.data.length]).toEqual(['denied', 0]);
  });
});

describe('security round 3: a hash is not the content', () => {
  it('4e. an agency that knows a hash cannot send the content as an attachment of its own; a recipient forwards it, and so does one that stores the same bytes', async () => {
    const data = fileOf(400 * 1024 + 17, 37);
    const whole = sha(data);
    const sdkB = await w.sdkAs(B);
    const sdkC = await w.sdkAs(C);
    const sdkD = await w.sdkAs(D);
    expect((await w.deliversOnce(sdkB, sdkC, nextId(B), [{ name: 'secret.pdf', data }])).map(sha)).toEqual([
      whole,
    ]);
    // D knows the hash (an edXML header, a receipt), and sends a document referencing it to itself.
    const refused = async (size: number): Promise<{ failure: number; detail: string }> => {
      const id = nextId(D);
      const tracker = await sdkD.track(id);
      await sdkD.send({
        documentId: id,
        subject: 'claim',
        to: [{ code: D }],
        attachments: [{ name: 'x.pdf', ref: { sha256Hex: whole, size } }],
      });
      await tracker.until((_, t) => t.rejection !== undefined, { timeoutMs: 10_000 });
      await tracker.stop();
      return { failure: tracker.rejection!.failure, detail: tracker.rejection!.failureDetail };
    };
    const before = await w.inboxCount(D);
    const right = await refused(data.length);
    expect(right.failure).toBe(FailureReason.FAILURE_REASON_ATTACHMENT_MISSING);
    expect(right.detail).toContain(
      `attachment x.pdf: agency ${D} has not stored content ${whole} through its home node, nor sent or received a document with it`,
    );
    // With a wrong size, the same words: the refusal tells nothing of the content (not its size).
    expect(await refused(1)).toEqual(right);
    expect(await w.inboxCount(D)).toBe(before);
    // The recipient forwards what it received, by reference; its recipient reads it.
    const forwarded = nextId(C);
    const sdkA = await w.sdkAs(A);
    await sdkC.send({
      documentId: forwarded,
      subject: 'chuyển tiếp',
      to: [{ code: A }],
      attachments: [{ name: 'secret.pdf', ref: { sha256Hex: whole, size: data.length } }],
    });
    const inbox = sdkA.inbox();
    try {
      for await (const item of inbox) {
        await item.ack();
        if (item.documentId !== forwarded) continue;
        expect(sha(await item.attachments[0]!.bytes())).toBe(whole);
        break;
      }
    } finally {
      await inbox.stop();
    }
    // Its home node has refused D the content (and remembers that for a while)…
    const nc = await w.rawAs(`agency:${D}`);
    const dHome = w.topology.homeNodeOf(D);
    const h = natsHeaders();
    h.set('Lt-Op', 'content');
    h.set('Lt-Subject', manifestSubject('', whole));
    h.set('Lt-File', whole);
    const m = await nc.request(agencyServiceSubject(dHome.level, dHome.id, D), new Uint8Array(), {
      headers: h,
      timeout: 5_000,
    });
    expect([m.headers?.get('Lt-Content'), m.data.length]).toEqual(['denied', 0]);
    // Nor does a manifest of its own making, listing chunks it never stored, make the content D's.
    const ph = natsHeaders();
    ph.set('Lt-Op', 'put');
    ph.set('Lt-Subject', manifestSubject('', whole));
    const manifest = ContentManifest.encode({
      sha256Hex: whole,
      size: data.length,
      chunkSize: DEFAULT_CHUNK_SIZE,
      chunks: [Buffer.from(whole, 'hex')],
    }).finish();
    const put = await nc.request(agencyServiceSubject(dHome.level, dHome.id, D), manifest, {
      headers: ph,
      timeout: 5_000,
    });
    expect(JSON.parse(new TextDecoder().decode(put.data))).toMatchObject({
      ok: false,
      code: 'FailedPrecondition',
      message: expect.stringContaining(`which agency ${D} has not stored through its home node`),
    });
    expect(await refused(data.length)).toEqual(right);
    // Nor one that lists no chunk at all (nothing to hold): taken or not, it grants nothing.
    const empty = ContentManifest.encode({ sha256Hex: whole, size: 0, chunkSize: 0, chunks: [] }).finish();
    await nc.request(agencyServiceSubject(dHome.level, dHome.id, D), empty, { headers: ph, timeout: 5_000 });
    const after = await nc.request(agencyServiceSubject(dHome.level, dHome.id, D), new Uint8Array(), {
      headers: h,
      timeout: 5_000,
    });
    expect([after.headers?.get('Lt-Content'), after.data.length]).toEqual(['denied', 0]);
    expect(await refused(data.length)).toEqual(right);
    // …until D stores the same bytes itself (found there already, through its home node): now it may.
    expect((await w.deliversOnce(sdkD, sdkA, nextId(D), [{ name: 'same.pdf', data }])).map(sha)).toEqual([
      whole,
    ]);
  });
});

describe('security round 2, continued: one agency cannot fill the content store', () => {
  // Small limits, so that a flood meets them in seconds: 1 MiB/s with a burst of 4 MiB, and 6 MiB
  // of uploads no document references; unreferenced content is kept 2 s, swept when asked.
  const MiB = 1024 * 1024;
  const q = attackWorld(undefined, {
    limits: { uploadBytesPerSecond: MiB, uploadBurstBytes: 4 * MiB, uploadUnreferencedBytes: 6 * MiB },
    retention: { attachmentGraceMs: 2_000, attachmentSweepIntervalMs: 0 },
  });
  let n = 0;
  const id = (from: string): string => `${from},2026/12/04,${++n}/UBND-VP`;
  const contentBytes = async (): Promise<number> => (await q.opsJsm.streams.info(CONTENT_STREAM)).state.bytes;
  /** One message stored through the home node, as a raw client would: 'stored', or the refusal. */
  const put = async (
    agency: string,
    data: Uint8Array,
    subject = chunkSubject('', sha(data)),
  ): Promise<{ outcome: string; retryAfterMs?: number }> => {
    const nc = await raw(agency);
    const home = q.topology.homeNodeOf(agency);
    const h = natsHeaders();
    h.set('Lt-Op', 'put');
    h.set('Lt-Subject', subject);
    const m = await nc.request(agencyServiceSubject(home.level, home.id, agency), data, {
      headers: h,
      timeout: 10_000,
    });
    const r = JSON.parse(new TextDecoder().decode(m.data)) as {
      ok: boolean;
      stored?: boolean;
      code?: string;
      retryAfterMs?: number;
    };
    if (r.ok) return { outcome: r.stored ? 'stored' : 'there' };
    return { outcome: r.code!, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) };
  };
  const raws = new Map<string, Promise<Awaited<ReturnType<typeof q.rawAs>>>>();
  const raw = (agency: string): Promise<Awaited<ReturnType<typeof q.rawAs>>> => {
    if (!raws.has(agency)) raws.set(agency, q.rawAs(`agency:${agency}`));
    return raws.get(agency)!;
  };
  const attach = (data: Uint8Array): { name: string; data: Uint8Array }[] => [{ name: 'scan.pdf', data }];
  const refusals = async (limit: string): Promise<number> => {
    const text = await q.node.runtime.metrics.registry.getSingleMetricAsString(
      'lienthong_upload_refused_total',
    );
    return Number(new RegExp(`limit="${limit}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  it('5c. a flood of uploads is refused with ResourceExhausted at the agency’s pace and bound; another agency keeps sending', async () => {
    // Storing content directly is closed: its home node stores it, and counts it.
    await expectDenied(
      jetstream(await raw(A)).publish(chunkSubject('', sha(fileOf(1024, 3))), fileOf(1024, 3)),
    );
    const sdkB = await q.sdkAs(B);
    const sdkC = await q.sdkAs(C);
    const before = await contentBytes();
    // 40 largest chunks (about 40 MiB), 8 at a time, while B sends C a document with an attachment.
    const outcomes: string[] = [];
    let next = 0;
    const flood = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 40) outcomes.push((await put(A, fileOf(MAX_CHUNK_SIZE, 1000 + next++))).outcome);
      }),
    );
    const bData = fileOf(DEFAULT_CHUNK_SIZE * 2 + 5_000, 41);
    const got = await q.deliversOnce(sdkB, sdkC, id(B), attach(bData));
    await flood;
    expect(got.map(sha)).toEqual([sha(bData)]);
    const stored = outcomes.filter((o) => o === 'stored').length;
    expect(outcomes.filter((o) => o === 'ResourceExhausted').length).toBe(40 - stored);
    // The burst (4 MiB) and what the pace allows while the flood lasts; never more than the bound.
    expect(stored).toBeGreaterThanOrEqual(4);
    expect(stored).toBeLessThanOrEqual(6);
    expect(await refusals('rate')).toBeGreaterThan(0);
    // Uploading on, at its pace, A meets its bound of unreferenced content: refused without a wait.
    let last: { outcome: string; retryAfterMs?: number } = { outcome: '' };
    for (
      let k = 0;
      k < 12 && (last.outcome !== 'ResourceExhausted' || last.retryAfterMs !== undefined);
      k++
    ) {
      if (last.retryAfterMs !== undefined) await pause(last.retryAfterMs);
      last = await put(A, fileOf(MAX_CHUNK_SIZE, 1100 + k));
    }
    expect(last).toEqual({ outcome: 'ResourceExhausted' });
    expect(await refusals('unreferenced')).toBeGreaterThan(0);
    expect(await contentBytes()).toBeLessThan(before + 6 * MiB + bData.length + 64 * 1024);
    // A's own SDK is told which limit it is at; B sends with attachments as before.
    const refused = await (
      await q.sdkAs(A)
    )
      .send(
        { documentId: id(A), subject: 'x', to: [{ code: D }] },
        { attachments: attach(fileOf(2 * MiB, 43)) },
      )
      .catch((e: unknown) => e as { code?: string; message?: string });
    expect(refused).toMatchObject({ code: 'ResourceExhausted' });
    expect((refused as { message: string }).message).toMatch(/limits\.uploadUnreferencedBytes/);
    const again = fileOf(DEFAULT_CHUNK_SIZE + 7_000, 47);
    expect((await q.deliversOnce(sdkB, sdkC, id(B), attach(again))).map(sha)).toEqual([sha(again)]);
  });

  it('5d. the bound is freed by the sweep, and by sending the documents that use the content', async () => {
    const sdkA = await q.sdkAs(A, { defaultTimeoutMs: 20_000 });
    const sdkD = await q.sdkAs(D);
    // Still held from 5c: refused until the sweep has removed what no document references.
    await expect(
      sdkA.send(
        { documentId: id(A), subject: 'x', to: [{ code: D }] },
        { attachments: attach(fileOf(2 * MiB, 53)) },
      ),
    ).rejects.toMatchObject({ code: 'ResourceExhausted' });
    await pause(2_100);
    const swept = await q.node.runtime.sweepAttachments();
    expect(swept.chunksRemoved).toBeGreaterThanOrEqual(4);
    // Four documents with 2 MiB each (8 MiB, over the 6 MiB bound): each is referenced once sent.
    for (let i = 0; i < 4; i++) {
      const data = fileOf(2 * MiB, 60 + i);
      expect((await q.deliversOnce(sdkA, sdkD, id(A), attach(data))).map(sha)).toEqual([sha(data)]);
    }
  });

  it('5e. over its pace an agency’s SDK waits, past its timeout it is told the limit; a chunk not matching its hash is refused', async () => {
    const good = fileOf(64 * 1024, 71);
    const bad = fileOf(64 * 1024, 72);
    expect(await put(D, bad, chunkSubject('', sha(good)))).toEqual({ outcome: 'InvalidArgument' });
    const subject = chunkSubject('', sha(good));
    const info = await q.opsJsm.streams.info(CONTENT_STREAM, { subjects_filter: subject });
    expect(info.state.subjects?.[subject] ?? 0).toBe(0);
    // Nor anywhere but its own domain's content subjects.
    expect(await put(D, good, `lt.v1.content.elsewhere.c.${sha(good)}`)).toEqual({
      outcome: 'PermissionDenied',
    });
    expect(await put(D, good, `lt.v1.submit.x.c.${sha(good)}`)).toEqual({ outcome: 'PermissionDenied' });
    // D's bucket (4 MiB) mostly spent, then 2.5 MiB through its SDK: paced at 1 MiB/s, not refused.
    const sdkD = await q.sdkAs(D, { defaultTimeoutMs: 20_000 });
    const sdkA = await q.sdkAs(A);
    for (let k = 0; k < 3; k++)
      expect(await put(D, fileOf(MAX_CHUNK_SIZE, 1200 + k))).toEqual({ outcome: 'stored' });
    const paced = await refusals('rate');
    const data = fileOf(2.5 * MiB, 73);
    const t0 = Date.now();
    expect((await q.deliversOnce(sdkD, sdkA, id(D), attach(data))).map(sha)).toEqual([sha(data)]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000);
    expect(await refusals('rate')).toBeGreaterThan(paced);
    // Its bucket spent, 2 MiB more need 2 s: a client that waits at most 1 s per chunk is told why.
    // (On a loaded machine the delivery above may take long enough for the bucket to refill: each
    // send that still gets through spends 2 MiB of it, so one of a few sends in a row is refused.)
    const hasty = await q.sdkAs(D, { defaultTimeoutMs: 1_000 });
    let refused: unknown;
    for (let attempt = 0; attempt < 5 && refused === undefined; attempt++) {
      refused = await hasty
        .send(
          { documentId: id(D), subject: 'x', to: [{ code: A }] },
          { attachments: attach(fileOf(2 * MiB, 79 + attempt)) },
        )
        .then(() => undefined)
        .catch((e: unknown) => e);
    }
    expect(isBackpressure(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'ResourceExhausted', scope: 'upload-rate' });
    expect((refused as Error).message).toMatch(/limits\.uploadBytesPerSecond/);
  });
});

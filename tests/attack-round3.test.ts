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
import { waitFor } from '@lienthong/testkit';
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

describe('security round 2, continued: attachments', () => {
  it('4b. a third agency of the same domain gets nothing for a hash it knows; sender and recipient do', async () => {
    const data = fileOf(2 * DEFAULT_CHUNK_SIZE + 88 * 1024, 23);
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
});

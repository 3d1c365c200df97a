/**
 * What every call shares: cancellation (Canceled), deadlines (DeadlineExceeded), the connection
 * that survives a server restart and reports its state, `close()` and `await using`.
 */
import { LienthongError, TransportState, connect } from '@lienthong/sdk';
import type { ConnectionEvent, InboxItem, LienthongClient } from '@lienthong/sdk';
import { A, World, docId, documentTo, errorOf, sleep, waitFor, within } from './world';

const codeOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof LienthongError ? e.code : e),
  );

describe('calls', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  it('an aborted signal cancels before anything is sent; aborting mid-wait cancels the wait', async () => {
    const sender = await w.client(A.baothanh);
    const gone = new AbortController();
    gone.abort(new Error('user left'));
    const id = docId(A.baothanh, 'CANCEL');
    const err = await sender
      .send(documentTo(id, [A.nghean]), { signal: gone.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LienthongError);
    expect(err).toMatchObject({ code: 'Canceled' });
    expect(await codeOf(sender.report(`${A.nghean},2026/01/15,1/X`, 3, { signal: gone.signal }))).toBe(
      'Canceled',
    );
    expect(await codeOf(sender.sent({ signal: gone.signal }))).toBe('Canceled');
    expect(await codeOf(connect({ servers: w.server.url, agency: A.nghean, signal: gone.signal }))).toBe(
      'Canceled',
    );
    await sleep(300);
    expect(await sender.snapshot(id)).toEqual([]); // nothing reached the home node

    const tracker = await w.track(sender, id);
    const later = new AbortController();
    const waiting = tracker.until(() => false, { signal: later.signal });
    setTimeout(() => later.abort(), 100);
    expect(await codeOf(waiting)).toBe('Canceled');
    expect(await codeOf(tracker.until(() => false, { timeoutMs: 100 }))).toBe('DeadlineExceeded');
  });

  it('once the recipients are known, send() still refuses an aborted signal and a bad timeout before sending', async () => {
    const sender = await w.client(A.baothanh);
    // The first send looks the recipient up; the next ones find it known (no look-up).
    await sender.send(documentTo(docId(A.baothanh, 'KNOWN-1'), [A.nghean]));
    const gone = new AbortController();
    gone.abort(new Error('user left'));
    const id = docId(A.baothanh, 'KNOWN-2');
    expect(await codeOf(sender.send(documentTo(id, [A.nghean]), { signal: gone.signal }))).toBe('Canceled');
    expect(await codeOf(sender.send(documentTo(id, [A.nghean]), { timeoutMs: -1 }))).toBe('InvalidArgument');
    expect(await codeOf(sender.send(documentTo(id, [A.nghean]), { timeoutMs: Number.NaN }))).toBe(
      'InvalidArgument',
    );
    await sleep(300);
    expect(await sender.snapshot(id)).toEqual([]); // nothing reached the home node
  });

  it('connect fails with Unavailable when no server answers', async () => {
    const err = await connect({ servers: 'nats://127.0.0.1:1', agency: A.nghean, timeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LienthongError);
    expect(err).toMatchObject({ code: 'Unavailable' });
    // the message names the server it tried, never a password in its URL
    expect((err as Error).message).toMatch(/^connect to nats:\/\/127\.0\.0\.1:1: /);
    const withUser = (await connect({
      servers: ['nats://u:secret@127.0.0.1:1', 'nats://127.0.0.1:2'],
      agency: A.nghean,
      timeoutMs: 2_000,
    }).catch((e: unknown) => e)) as Error;
    expect(withUser.message).toMatch(/^connect to nats:\/\/127\.0\.0\.1:1,nats:\/\/127\.0\.0\.1:2: /);
    expect(withUser.message).not.toContain('secret');
  });

  it('close() ends inboxes and trackers cleanly; calls after it fail with FailedPrecondition; await using closes', async () => {
    const client = await w.client(A.hatinh);
    const inbox = client.inbox();
    const loop = (async () => {
      for await (const item of inbox) await item.ack();
      return 'ended';
    })();
    const tracker = await client.track(docId(A.hatinh));
    await sleep(100);
    await within(5_000, 'close', client.close());
    expect(await within(5_000, 'the inbox loop to end', loop)).toBe('ended');
    expect(tracker.isStopped).toBe(true);
    expect(client.isClosed).toBe(true);
    expect(await codeOf(client.send(documentTo(docId(A.hatinh), [A.nghean])))).toBe('FailedPrecondition');

    // An item handed out before close() and acknowledged after: FailedPrecondition, as every call.
    const sender = await w.client(A.nghean);
    const reader = await w.client(A.hatinh);
    const id = docId(A.nghean, 'ACK-AFTER-CLOSE');
    await sender.send(documentTo(id, [A.hatinh]));
    let held: InboxItem | undefined;
    for await (const item of reader.inbox()) {
      if (item.documentId !== id) continue;
      held = item;
      break;
    }
    await reader.close();
    const e = await errorOf(held!.ack());
    expect([e.code, e.message]).toEqual(['FailedPrecondition', 'ack: the client is closed']);

    let kept: LienthongClient | undefined;
    {
      await using scoped = await connect({ servers: w.server.url, agency: A.hatinh });
      kept = scoped;
      expect(scoped.isClosed).toBe(false);
    }
    expect(kept.isClosed).toBe(true);
  });
});

describe('a server restart', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterAll(() => w.cleanup());

  it('deadlines while the server is down; events disconnect → reconnect; sends and inboxes carry on after', async () => {
    const sender = await w.client(A.quynhthach);
    const reader = w.reader(await w.client(A.government));
    const events: ConnectionEvent['type'][] = [];
    sender.onConnection((e) => events.push(e.type));
    const before = docId(A.quynhthach, 'BEFORE');
    await sender.send(documentTo(before, [A.government]));
    await reader.waitForId(before);

    await w.server.stop();
    await waitFor('the disconnect event', () => events.includes('disconnect'), 5_000);
    const t0 = Date.now();
    const down = docId(A.quynhthach, 'DOWN');
    const err = await sender
      .send(documentTo(down, [A.government]), { timeoutMs: 300 })
      .catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(LienthongError);
    expect(err).toMatchObject({ code: 'DeadlineExceeded' });
    expect(took).toBeLessThan(2_000);
    // Aborting a send that waits for the broker cancels it.
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 150);
    expect(await codeOf(sender.send(documentTo(down, [A.government]), { signal: stop.signal }))).toBe(
      'Canceled',
    );

    await w.server.restart();
    await waitFor('the reconnect event', () => events.includes('reconnect'), 10_000);
    expect(events.indexOf('disconnect')).toBeLessThan(events.lastIndexOf('reconnect'));

    // A send after the restart succeeds (retrying while JetStream comes back) and is delivered.
    const after = docId(A.quynhthach, 'AFTER');
    const receipt = await sender.send(documentTo(after, [A.government]), { timeoutMs: 15_000 });
    expect(receipt.duplicate).toBe(false);
    await reader.waitForId(after, 'document', 20_000);
    await waitFor(
      'the sender sees it fetched',
      async () => (await sender.snapshot(after))[0]?.transport === TransportState.TRANSPORT_STATE_FETCHED,
      15_000,
    );
    expect(reader.counts().get(before)).toBe(1);
    expect(reader.counts().get(after)).toBe(1);
  }, 45_000);
});

describe('credentials', () => {
  const w = new World();
  beforeAll(
    () =>
      w.start(
        { auth: { token: 's3cret-token' } },
        { extraConfig: 'authorization { token: "s3cret-token" }' },
      ),
    20_000,
  );
  afterAll(() => w.cleanup());

  it('connects with { token }; without credentials the server refuses (PermissionDenied)', async () => {
    const client = await w.client(A.nghean, { credentials: { token: 's3cret-token' } });
    const receipt = await client.send(documentTo(docId(A.nghean, 'AUTH'), [A.noivu]));
    expect(receipt.duplicate).toBe(false);
    const refused = await connect({ servers: w.server.url, agency: A.nghean, timeoutMs: 3_000 }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(LienthongError);
    expect(refused).toMatchObject({ code: 'PermissionDenied' });
  });
});

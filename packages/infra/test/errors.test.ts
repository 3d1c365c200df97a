/**
 * classifyNatsError, one case per kind, each provoked on a real nats-server where a server makes
 * it (NoResponders included: nats.js names that class's instances `NoResponders`).
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { DiscardPolicy, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ApiError, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError, refusedBy, toLienthongError } from '@lienthong/infra';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(30_000);

async function thrown(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

function apiError(errCode: number, description: string): JetStreamApiError {
  return new JetStreamApiError({ code: 400, err_code: errCode, description });
}

describe('classifyNatsError on a real server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer({
      extraConfig: `
        accounts {
          APP: { jetstream: enabled, users: [
            { user: app, password: app },
            { user: narrow, password: narrow, permissions: { publish: { deny: ["forbidden.>"] } } }
          ] }
          PLAIN: { users: [ { user: plain, password: plain } ] }
        }`,
    });
    nc = await connect({ servers: server.url, user: 'app', pass: 'app' });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({
      name: 'ONE',
      subjects: ['one.>'],
      max_msgs_per_subject: 1,
      discard: DiscardPolicy.New,
      discard_new_per_subject: true,
    });
    await jsm.streams.add({
      name: 'SMALL',
      subjects: ['small.>'],
      max_bytes: 300,
      discard: DiscardPolicy.New,
    });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('NoResponders: a request nobody listens to', async () => {
    const e = await thrown(nc.request('nobody.listens', 'x', { timeout: 2_000 }));
    const c = classifyNatsError(e);
    expect(c).toMatchObject({ kind: 'no-responders', code: 'Unavailable', transient: true });
    // nats.js wraps it: RequestError → NoRespondersError, whose instances are named `NoResponders`.
    expect((e as Error).name).toBe('RequestError');
    expect(((e as Error).cause as Error).name).toBe('NoResponders');
  });

  it('NoResponders: a JetStream publish no stream captures (nats.js calls it JetStreamNotEnabled)', async () => {
    const e = await thrown(js.publish('no.stream.here', 'x'));
    expect((e as Error).name).toBe('JetStreamNotEnabled');
    expect(classifyNatsError(e)).toMatchObject({ kind: 'no-responders', code: 'Unavailable' });
  });

  it('jetstream-disabled: an account without JetStream', async () => {
    const plain = await connect({ servers: server.url, user: 'plain', pass: 'plain' });
    try {
      const e = await thrown(jetstreamManager(plain));
      expect(classifyNatsError(e)).toMatchObject({
        kind: 'jetstream-disabled',
        code: 'Unavailable',
        transient: true,
      });
    } finally {
      await plain.close();
    }
  });

  it('jetstream-disabled: a server without JetStream (its API has no responders)', async () => {
    const bare = await startNatsServer({ jetstream: false });
    const c = await connect({ servers: bare.url });
    try {
      const e = await thrown(jetstreamManager(c));
      expect(classifyNatsError(e)).toMatchObject({ kind: 'jetstream-disabled', code: 'Unavailable' });
    } finally {
      await c.close();
      await bare.cleanup();
    }
  });

  it('timeout: a responder that never answers', async () => {
    const sub = nc.subscribe('silent.service');
    try {
      const e = await thrown(nc.request('silent.service', 'x', { timeout: 200 }));
      expect(classifyNatsError(e)).toMatchObject({
        kind: 'timeout',
        code: 'DeadlineExceeded',
        transient: true,
      });
    } finally {
      sub.unsubscribe();
    }
  });

  it('denied: wrong password, and a publish the permissions refuse', async () => {
    const auth = await thrown(connect({ servers: server.url, user: 'app', pass: 'wrong', reconnect: false }));
    expect(classifyNatsError(auth)).toMatchObject({
      kind: 'denied',
      code: 'PermissionDenied',
      transient: false,
    });

    const narrow = await connect({ servers: server.url, user: 'narrow', pass: 'narrow' });
    try {
      const e = await thrown(narrow.request('forbidden.thing', 'x', { timeout: 2_000 }));
      expect(classifyNatsError(e)).toMatchObject({
        kind: 'denied',
        code: 'PermissionDenied',
        permission: { operation: 'publish', subject: 'forbidden.thing' },
      });
    } finally {
      await narrow.close();
    }
  });

  it('unreachable: a port nobody listens on, and a closed connection', async () => {
    const gone = await startNatsServer({ jetstream: false });
    const url = gone.url;
    await gone.cleanup();
    const e = await thrown(connect({ servers: url, reconnect: false, timeout: 2_000 }));
    expect(classifyNatsError(e)).toMatchObject({ kind: 'unreachable', code: 'Unavailable', transient: true });

    const closed = await connect({ servers: server.url, user: 'app', pass: 'app' });
    await closed.close();
    const afterClose = await thrown(closed.request('x', 'y'));
    expect(classifyNatsError(afterClose)).toMatchObject({ kind: 'unreachable' });
  });

  it('not-found: stream, consumer and message, by JetStream API code', async () => {
    expect(classifyNatsError(await thrown(jsm.streams.info('NOPE')))).toMatchObject({
      kind: 'not-found',
      code: 'NotFound',
      missing: 'stream',
      apiCode: 10059,
    });
    expect(classifyNatsError(await thrown(jsm.consumers.info('ONE', 'nope')))).toMatchObject({
      kind: 'not-found',
      missing: 'consumer',
      apiCode: 10014,
    });
    // nats.js turns a missing message into null for its own gets; the API's answer, as it builds errors:
    const answer = await nc.request('$JS.API.STREAM.MSG.GET.ONE', JSON.stringify({ seq: 999 }));
    const noMessage = new JetStreamApiError(answer.json<{ error: ApiError }>().error);
    expect(classifyNatsError(noMessage)).toMatchObject({
      kind: 'not-found',
      missing: 'message',
      apiCode: 10037,
    });
  });

  it('wrong-last-sequence: a KV update on a stale revision and a publish expecting another sequence', async () => {
    const kv = await new Kvm(js).create('errs');
    const rev = await kv.put('k', 'a');
    await kv.put('k', 'b');
    const e = await thrown(kv.update('k', 'c', rev));
    expect(classifyNatsError(e)).toMatchObject({ kind: 'wrong-last-sequence', code: 'FailedPrecondition' });
    const p = await thrown(js.publish('one.seq', 'x', { expect: { lastSequence: 12345 } }));
    expect(classifyNatsError(p)).toMatchObject({ kind: 'wrong-last-sequence', apiCode: 10071 });
  });

  it('store-refused: a full subject and a full stream, each named', async () => {
    await js.publish('one.a', 'first');
    const subject = await thrown(js.publish('one.a', 'second'));
    expect(classifyNatsError(subject)).toMatchObject({
      kind: 'store-refused',
      code: 'ResourceExhausted',
      limit: 'subject',
      apiCode: 10077,
    });
    expect(refusedBy(subject)).toBe('subject');

    await js.publish('small.a', new Uint8Array(200));
    const bytes = await thrown(js.publish('small.b', new Uint8Array(200)));
    expect(classifyNatsError(bytes)).toMatchObject({ kind: 'store-refused', limit: 'bytes' });
    expect(refusedBy(bytes)).toBe('bytes');
  });

  it('jetstream-api: any other API error keeps its code', async () => {
    // A second stream over subjects another stream captures.
    const e = await thrown(jsm.streams.add({ name: 'OVERLAP', subjects: ['one.>'] }));
    const c = classifyNatsError(e);
    expect(c.kind).toBe('jetstream-api');
    expect(c.apiCode).toBe(10065);
    expect(c.transient).toBe(false);
  });
});

describe('classifyNatsError without a server', () => {
  it('refusedBy tells a full subject from a full stream, and neither from other store failures', () => {
    expect(refusedBy(apiError(10077, 'maximum messages per subject exceeded'))).toBe('subject');
    expect(refusedBy(apiError(10077, 'maximum bytes exceeded'))).toBe('bytes');
    // The same code for an account out of storage: not "already stored", not a full queue.
    expect(refusedBy(apiError(10077, 'insufficient resources'))).toBeUndefined();
    expect(refusedBy(apiError(10071, 'wrong last sequence: 4'))).toBeUndefined();
    // Text alone is not a JetStream error.
    expect(refusedBy(new Error('maximum bytes exceeded'))).toBeUndefined();
    expect(refusedBy(Object.assign(new Error('maximum bytes exceeded'), { code: 10077 }))).toBeUndefined();
    expect(refusedBy('maximum bytes exceeded')).toBeUndefined();
  });

  it('canceled: an abort', () => {
    const reason = AbortSignal.abort().reason as Error;
    expect(classifyNatsError(reason)).toMatchObject({ kind: 'canceled', code: 'Canceled', transient: false });
  });

  it('other: anything else, keeping the code of a LienthongError', () => {
    expect(classifyNatsError(new Error('boom'))).toMatchObject({ kind: 'other', code: 'Internal' });
    expect(classifyNatsError('a string')).toMatchObject({ kind: 'other', code: 'Internal' });
    expect(classifyNatsError(new LienthongError('NotFound', 'x'))).toMatchObject({
      kind: 'other',
      code: 'NotFound',
    });
  });

  it('reads the cause chain: a wrapped NATS error is classified by what it wraps', () => {
    const inner = apiError(10059, 'stream not found');
    const wrapped = new Error('opening the stream failed', { cause: inner });
    expect(classifyNatsError(wrapped)).toMatchObject({ kind: 'not-found', missing: 'stream' });
  });

  it('toLienthongError names what failed and keeps the code', () => {
    const e = toLienthongError('reading ONE', apiError(10059, 'stream not found'));
    expect(e).toBeInstanceOf(LienthongError);
    expect(e.code).toBe('NotFound');
    expect(e.message).toBe('reading ONE: stream not found');
    const same = new LienthongError('Canceled', 'x');
    expect(toLienthongError('y', same)).toBe(same);
  });
});

/**
 * The relay fast path's reading and appending (relay-fast-path.ts, wire.ts): the routing fields read
 * from an encoded envelope without its payload, and the bytes with new hops and hop limit appended
 * decode as the envelope re-encoded with them would; a document with stored content is told apart
 * (it goes the full way: tests/attachments-domains.test.ts). Then on a running tree with the
 * shortcut off: the relays hand on without decoding, and an envelope whose payload is broken passes
 * them and is refused where it is delivered.
 */
import 'reflect-metadata';
import { decodeEnvelope, encodeEnvelope, relaySubject } from '@lienthong/core';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import type { IEnvelope, IHop } from '@lienthong/proto';
import { RelayFastPath, appendRouting, readRoutingFields } from '../src/relay-fast-path';
import { WireReader, lengthDelimited, varint } from '../src/wire';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const SENDER = A.baothanh;
const RECIPIENT = A.sontay;

function envelopeOf(id: string, over: Partial<IEnvelope> = {}): IEnvelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'fast-path-test',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: id,
    originAgency: SENDER,
    originNode: 'h41-yenthanh-xa1',
    recipients: [RECIPIENT, A.hatinh],
    createdAtMs: 1_700_000_000_000,
    hops: [{ node: 'h41-yenthanh-xa1', level: 4, inMs: 1, outMs: 2 }],
    hopLimit: 12,
    priority: 2,
    document: documentOf(id, SENDER, [RECIPIENT, A.hatinh], { subject: 'Tóm tắt '.repeat(200) }),
    ...over,
  };
}

describe('routing fields and appended hops', () => {
  it('reads what routing needs and skips the payload', () => {
    const r = readRoutingFields(encodeEnvelope(envelopeOf('X')))!;
    expect(r).toEqual({
      schemaVersion: SCHEMA_VERSION,
      envelopeId: 'fast-path-test',
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      recipients: [RECIPIENT, A.hatinh],
      hopCount: 1,
      hopLimit: 12,
      priority: 2,
      payload: 12,
      storedContent: false,
    });
  });

  it('tells a document with stored content from one with inline attachments', () => {
    const inline = envelopeOf('X', {
      document: documentOf('X', SENDER, [RECIPIENT], {
        attachments: [{ name: 'a.pdf', size: 3, inline: Uint8Array.from([1, 2, 3]) }],
      }),
    });
    const stored = envelopeOf('X', {
      document: documentOf('X', SENDER, [RECIPIENT], {
        attachments: [
          { name: 'a.pdf', size: 3, inline: Uint8Array.from([1, 2, 3]) },
          {
            name: 'b.pdf',
            size: 9,
            ref: { sha256Hex: 'ab'.repeat(32), size: 9, chunkSize: 9, chunkCount: 1 },
          },
        ],
      }),
    });
    expect(readRoutingFields(encodeEnvelope(inline))!.storedContent).toBe(false);
    expect(readRoutingFields(encodeEnvelope(stored))!.storedContent).toBe(true);
  });

  it('appends hops and a hop limit that decode as a re-encoded envelope', () => {
    const env = envelopeOf('X');
    const more: IHop[] = [
      { node: 'h41-yenthanh', level: 3, inMs: 3, outMs: 4 },
      { node: 'h41', level: 2, inMs: 4, outMs: 4, passedLocally: true },
    ];
    const appended = decodeEnvelope(appendRouting(encodeEnvelope(env), more, 10));
    const reencoded = decodeEnvelope(encodeEnvelope({ ...env, hops: [...env.hops!, ...more], hopLimit: 10 }));
    expect(appended.toJSON()).toEqual(reencoded.toJSON());
    expect(appended.hops.map((h) => h.passedLocally)).toEqual([false, false, true]);
  });

  it('gives up on bytes that are not protobuf', () => {
    expect(
      readRoutingFields(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
    ).toBe(undefined);
    expect(readRoutingFields(Uint8Array.from([0x12, 0x40, 0x61]))).toBe(undefined); // length past the end
    expect(readRoutingFields(Uint8Array.from([0x0b]))).toBe(undefined); // wire type 3
    const r = new WireReader(
      Uint8Array.from([...varint(10, 300), ...lengthDelimited(2, Uint8Array.from([0x61]))]),
    );
    expect([r.varint(), r.varint(), r.varint(), r.string()]).toEqual([80, 300, 18, 'a']);
  });
});

describe('relays on a running tree, node by node', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('hand on without decoding, and leave the rest to the full path', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const node = await h.node(server, topology, { domainShortcut: false });
    const fast = node.container.resolve(RelayFastPath);
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const reader = h.reader(await h.client(server, RECIPIENT));
    const id = docId(SENDER, 'FAST');
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await reader.waitForDocuments(1, 20_000);
    const item = reader.documents()[0]!;
    expect(item.envelope.hops.map((x) => x.node)).toEqual(
      topology.path('h41-yenthanh-xa1', 'h40-huongson-xa1'),
    );
    await waitFor(
      'the 01 at the sender',
      async () => (await inspect.record(SENDER, id, RECIPIENT))?.business === 1,
    );
    // Document, DELIVERED and 01 each pass 5 nodes that only hand on.
    expect(fast.forwarded).toBe(15);

    // A broken document payload passes the relays and is refused at the node that delivers it.
    const broken = docId(SENDER, 'BROKEN');
    const env = envelopeOf(broken, {
      envelopeId: 'fast-path-broken',
      recipients: [RECIPIENT],
      document: documentOf(broken, SENDER, [RECIPIENT], { from: { code: 'not a code' } }),
    });
    await inspect.js.publish(
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
      encodeEnvelope(env),
      { msgID: `broken-${Date.now()}` },
    );
    const [dead] = await waitFor('the dead letter where it is delivered', async () => {
      const all = (await inspect.deadLetters('h40-huongson-xa1')).filter((d) =>
        Buffer.from(d.original).includes(Buffer.from('fast-path-broken')),
      );
      return all.length > 0 ? all : false;
    });
    expect(dead!.reason).toBe(FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE);
    expect(dead!.detail).toContain('from.code');
    expect(fast.forwarded).toBe(20);
    expect(reader.documents()).toHaveLength(1);
  });
});

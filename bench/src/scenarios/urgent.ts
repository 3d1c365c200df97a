/**
 * Scenario 5, urgent lane: latency of urgent (hỏa tốc) documents from a province agency to the
 * Government Office, send() → stored in the recipient's inbox, first on an idle broker, then with a
 * backlog of normal documents queued at the central node (the hop the urgent ones cross), as a
 * province releases after an outage. Samples count while at least a quarter of the backlog is still
 * queued there (the node drains it meanwhile). The backlog is published with a bare JetStream publisher of
 * valid relay envelopes.
 */
import { BusinessOperation, EnvelopeKind, Level, Priority, SCHEMA_VERSION } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';
import {
  documentEnvelopeId,
  encodeEnvelope,
  envelopeIdFor,
  inboxSubject,
  relaySubject,
} from '@lienthong/core';
import { STREAMS } from '@lienthong/core';
import { DEFAULT_FLOW, startNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import { makeDocument, documentIdOf } from '../lib/documents';
import { benchLogger, defer, startServer } from '../lib/env';
import { demoCast } from '../lib/topologies';
import { sleep, summarize } from '../lib/util';

export interface UrgentOptions {
  /** Normal documents queued at the hop. */
  readonly backlog: number;
  /** Urgent documents timed in each phase, one at a time. */
  readonly samples: number;
  readonly docBytes: number;
}

export async function urgent(o: UrgentOptions): Promise<Record<string, unknown>> {
  const server = await startServer('urgent');
  const cast = demoCast();
  // Deep enough to hold the whole backlog from one neighbour (the default bound is 1,000).
  const flow = { ...DEFAULT_FLOW, maxQueuedPerNeighbour: o.backlog + 5_000 };
  const node = await startNode(
    { servers: server.url, topology: cast.topology, name: 'bench-urgent', flow },
    { logger: benchLogger('bench-urgent') },
  );
  defer('node runtime urgent', () => node.stop());
  const sender = '000.00.00.H41'; // UBND tỉnh Nghệ An, node h41
  const client = await connect({ servers: server.url, agency: sender, name: 'bench urgent sender' });
  defer('urgent sender client', () => client.close());
  const { js, jsm } = node.nats;

  let seq = 0;
  const timeOne = async (): Promise<number> => {
    const id = documentIdOf(sender, 'HOATOC', seq++);
    const subject = inboxSubject(
      'central',
      'vn',
      cast.recipient,
      documentEnvelopeId(sender, id, BusinessOperation.BUSINESS_OPERATION_NEW).toLowerCase(),
    );
    const t0 = Date.now();
    await client.send(
      { ...makeDocument(sender, [cast.recipient], id, o.docBytes), priority: Priority.PRIORITY_FLASH },
      { priority: Priority.PRIORITY_FLASH },
    );
    for (;;) {
      const m = await jsm.streams.getMessage(STREAMS.inbox, { last_by_subj: subject }).catch(() => null);
      if (m) return m.time.getTime() - t0;
      if (Date.now() - t0 > 30_000) throw new Error(`urgent document ${id} not delivered within 30 s`);
      await sleep(2);
    }
  };
  const phase = async (): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < o.samples; i++) {
      out.push(await timeOne());
      await sleep(20);
    }
    return out;
  };

  await phase(); // warm-up
  const idle = await phase();

  const queueSubject = relaySubject('central', 'vn', 'normal', 'h41');
  const template = makeDocument(sender, [cast.recipient], documentIdOf(sender, 'BACKLOG', 0), o.docBytes);
  for (let i = 0; i < o.backlog; i += 2_000) {
    await Promise.all(
      Array.from({ length: Math.min(2_000, o.backlog - i) }, (_, k) => {
        const id = documentIdOf(sender, 'BACKLOG', i + k);
        const env: IEnvelope = {
          schemaVersion: SCHEMA_VERSION,
          envelopeId: envelopeIdFor(['bench-backlog', id]),
          kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
          documentId: id,
          originAgency: sender,
          originNode: 'h41',
          recipients: [cast.recipient],
          createdAtMs: Date.now(),
          hops: [{ node: 'h41', level: Level.LEVEL_PROVINCE, inMs: Date.now(), outMs: Date.now() }],
          hopLimit: 15,
          priority: Priority.PRIORITY_NORMAL,
          document: { ...template, documentId: id },
        };
        return js.publish(queueSubject, encodeEnvelope(env), { msgID: `bench-backlog-${i + k}` });
      }),
    );
  }
  // Not yet handed on by the central node: waiting in its normal relay consumer or in flight.
  const queued = async (): Promise<number> => {
    const info = await jsm.consumers.info(STREAMS.relay, 'lt-relay-vn');
    return info.num_pending + info.num_ack_pending;
  };
  // Timed only while the hop still has most of the backlog queued: it drains meanwhile.
  const backlogAtStart = await queued();
  const loaded: number[] = [];
  let backlogAtEnd = backlogAtStart;
  while (loaded.length < o.samples && backlogAtEnd >= o.backlog / 4) {
    const sample = await timeOne();
    backlogAtEnd = await queued();
    if (backlogAtEnd >= o.backlog / 4) loaded.push(sample);
    await sleep(20);
  }
  return {
    backlog: o.backlog,
    backlogAtStart,
    backlogAtEnd,
    idleMs: summarize(idle),
    backlogMs: summarize(loaded),
  };
}

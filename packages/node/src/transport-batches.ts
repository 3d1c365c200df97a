/**
 * Transport events crossing into another JetStream domain travel together (docs/ARCHITECTURE.md,
 * "Transport events across domains"). A broadcast's DELIVERED events reach a province's border node
 * by the hundred within a second, all for the centre's relay queue; one by one, each is a publish
 * over the leaf link, a stored message and a consume on the other side.
 *
 * Per relay subject (next node, lane, this node), the first event goes alone, at once. Events that
 * arrive while a publish for the subject is still unanswered wait for it and then go as one
 * `EnvelopeBatch` (header `Lt-Batch`), up to BATCH_MAX_EVENTS or BATCH_MAX_BYTES. So an idle border
 * adds no delay, and a busy one sends one message per round trip instead of one per event.
 *
 * Custody is unchanged: each event's `send()` resolves only once the message holding it is stored in
 * the next domain, and the caller acknowledges its inbound message only then. A failed publish fails
 * every event in it, and each comes back on its own (a later batch may group them otherwise). The
 * receiving node handles each entry as if it had arrived alone (`Intake.relay`): the next hop's
 * message ids and the tracking records' state make a second copy of an event harmless.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import { inject, injectable } from 'tsyringe';
import { EnvelopeBatch, EnvelopeKind } from '@lienthong/proto';
import { BATCH_HEADER, BATCH_MAX_BYTES, BATCH_MAX_EVENTS, batchMessageId } from './batch-wire';
import type { NodeInfo } from '@lienthong/core';
import type { ResolvedConfig } from './config';
import { NeighbourRoom } from './flow';
import { NodeMetrics } from './metrics';
import { EnvelopePublisher } from './publisher';

interface Waiting {
  readonly data: Uint8Array;
  readonly msgID: string;
  readonly deliveryCount: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface SubjectQueue {
  /** Publishes for this subject not answered yet. */
  inFlight: number;
  waiting: Waiting[];
  bytes: number;
}

@injectable()
export class TransportBatches {
  private readonly queues = new Map<string, SubjectQueue>();

  constructor(
    @inject(NeighbourRoom) private readonly room: NeighbourRoom,
    @inject(EnvelopePublisher) private readonly publisher: EnvelopePublisher,
    @inject(NodeMetrics) private readonly metrics: NodeMetrics,
  ) {}

  /**
   * Hands one encoded transport envelope to `subject` (a relay subject in another domain); resolves
   * once the message holding it is stored there.
   */
  async send(
    subject: string,
    data: Uint8Array,
    msgID: string,
    inbound: MsgHdrs | undefined,
    deliveryCount: number,
  ): Promise<void> {
    const q = this.queueOf(subject);
    // Nothing in flight: at once, alone. So is an event too large to share a message (it would
    // only ever be one of a batch's few entries).
    if ((q.inFlight === 0 && q.waiting.length === 0) || data.length > BATCH_MAX_BYTES / 4) {
      q.inFlight++;
      try {
        await this.publishOne(subject, data, msgID, inbound, deliveryCount);
      } finally {
        q.inFlight--;
        this.flush(subject, q);
      }
      return;
    }
    await new Promise<void>((resolve, reject) => {
      q.waiting.push({ data, msgID, deliveryCount, resolve, reject });
      q.bytes += data.length;
      // A full batch goes at once; otherwise it waits for the publish in flight.
      if (q.waiting.length >= BATCH_MAX_EVENTS || q.bytes >= BATCH_MAX_BYTES) this.flush(subject, q, true);
    });
  }

  private queueOf(subject: string): SubjectQueue {
    let q = this.queues.get(subject);
    if (!q) this.queues.set(subject, (q = { inFlight: 0, waiting: [], bytes: 0 }));
    return q;
  }

  /** Sends what waits for `subject` as one message, if nothing is in flight for it (or `full`). */
  private flush(subject: string, q: SubjectQueue, full = false): void {
    if (q.waiting.length === 0 || (q.inFlight > 0 && !full)) {
      if (q.waiting.length === 0 && q.inFlight === 0) this.queues.delete(subject);
      return;
    }
    // Up to BATCH_MAX_EVENTS entries and BATCH_MAX_BYTES (at least one entry).
    let n = 0;
    let bytes = 0;
    while (
      n < q.waiting.length &&
      n < BATCH_MAX_EVENTS &&
      (n === 0 || bytes + q.waiting[n]!.data.length <= BATCH_MAX_BYTES)
    ) {
      bytes += q.waiting[n]!.data.length;
      n++;
    }
    const taken = q.waiting.splice(0, n);
    q.bytes -= bytes;
    q.inFlight++;
    void this.publishBatch(subject, taken)
      .then(
        () => {
          if (taken.length > 1) this.metrics.crossedDomain(taken.length, true);
          for (const w of taken) w.resolve();
        },
        (e: unknown) => {
          for (const w of taken) w.reject(e);
        },
      )
      .finally(() => {
        q.inFlight--;
        this.flush(subject, q);
      });
  }

  /** One event as an ordinary message (its trace context passed on). */
  private async publishOne(
    subject: string,
    data: Uint8Array,
    msgID: string,
    inbound: MsgHdrs | undefined,
    deliveryCount: number,
  ): Promise<void> {
    await this.room.publish(
      subject,
      () => this.publisher.publish(subject, data, msgID, EnvelopeKind.ENVELOPE_KIND_TRANSPORT, inbound),
      deliveryCount,
    );
    this.metrics.crossedDomain(1, false);
  }

  private async publishBatch(subject: string, taken: readonly Waiting[]): Promise<void> {
    if (taken.length === 1) {
      const [w] = taken;
      await this.publishOne(subject, w!.data, w!.msgID, undefined, w!.deliveryCount);
      return;
    }
    const data = EnvelopeBatch.encode({ envelopes: taken.map((w) => w.data) }).finish();
    const msgID = batchMessageId(taken.map((w) => w.msgID));
    const h = natsHeaders();
    h.set(BATCH_HEADER, String(taken.length));
    const deliveryCount = Math.max(...taken.map((w) => w.deliveryCount));
    await this.room.publish(
      subject,
      () => this.publisher.publishBatch(subject, data, msgID, h),
      deliveryCount,
    );
  }
}

/** Whether a node hands an envelope of `kind` for `to` to the batches: a transport event for another domain. */
export function goesInBatch(
  config: Pick<ResolvedConfig, 'crossDomainBatches'>,
  kind: EnvelopeKind | number,
  from: NodeInfo,
  to: NodeInfo,
): boolean {
  return (
    config.crossDomainBatches && kind === EnvelopeKind.ENVELOPE_KIND_TRANSPORT && to.domain !== from.domain
  );
}

import type { PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import { inject, injectable } from 'tsyringe';
import { EnvelopeKind } from '@lienthong/proto';
import type { NatsHandles } from '@lienthong/infra';
import { PublishGate } from './publish-gate';
import { TOKENS } from './tokens';

/**
 * Publishes envelopes, saying their kind and passing on the inbound message's trace context. Large
 * envelopes go through the connection's byte budget (publish-gate.ts).
 */
@injectable()
export class EnvelopePublisher {
  private readonly gate = new PublishGate();

  constructor(@inject(TOKENS.Nats) private readonly nats: NatsHandles) {}

  publish(
    subject: string,
    data: Uint8Array,
    msgID: string,
    kind: EnvelopeKind,
    inbound: MsgHdrs | undefined,
  ): Promise<PubAck> {
    const h = natsHeaders();
    h.set('Lt-Kind', EnvelopeKind[kind] ?? 'unknown');
    const traceparent = inbound?.get('traceparent');
    if (traceparent) h.set('traceparent', traceparent);
    return this.gate.run(data.length, () => this.nats.js.publish(subject, data, { msgID, headers: h }));
  }

  /** Publishes an `EnvelopeBatch` of transport events (transport-batches.ts) with its own headers. */
  publishBatch(subject: string, data: Uint8Array, msgID: string, headers: MsgHdrs): Promise<PubAck> {
    headers.set('Lt-Kind', EnvelopeKind[EnvelopeKind.ENVELOPE_KIND_TRANSPORT]!);
    return this.gate.run(data.length, () => this.nats.js.publish(subject, data, { msgID, headers }));
  }
}

import type { PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import { inject, injectable } from 'tsyringe';
import { EnvelopeKind } from '@lienthong/proto';
import type { NatsHandles } from '@lienthong/infra';
import { TOKENS } from './tokens';

/** Publishes envelopes, saying their kind and passing on the inbound message's trace context. */
@injectable()
export class EnvelopePublisher {
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
    return this.nats.js.publish(subject, data, { msgID, headers: h });
  }
}

import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { deadSubject, encodeDeadLetter } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import type { IDeadLetter } from '@lienthong/proto';

/** A node's dead-letter subject: what it could not process, with the reason and the original bytes. */
export class DeadLetters {
  constructor(private readonly js: JetStreamClient) {}

  /** `dedupId` makes a retried attempt (after a crash) land once. */
  async put(node: NodeInfo, letter: IDeadLetter, dedupId: string): Promise<void> {
    const h = natsHeaders();
    h.set('Lt-Kind', 'dead-letter');
    h.set('Lt-Reason', String(letter.reason ?? 0));
    await this.js.publish(deadSubject(node.level, node.id), encodeDeadLetter({ ...letter, node: node.id }), {
      msgID: dedupId,
      headers: h,
    });
  }
}

import { RetentionPolicy } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { findConsumerFault as findFault, jetStreamView } from '@lienthong/core';
import type { ConsumerFault, StoredMessage } from '@lienthong/core';

export type { ConsumerFault } from '@lienthong/core';

/**
 * Looks for a consumer that will not deliver some messages of its stream: the rules are in
 * `@lienthong/core` (consumer-fault.ts), shared with the SDK's inbox. `marks` are messages the
 * caller received from it (`DeliveryMark.marks`), if it keeps them.
 */
export async function findConsumerFault(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filter: string,
  marks: readonly StoredMessage[] = [],
): Promise<ConsumerFault | undefined> {
  const info = await jsm.streams.info(stream);
  const workQueue = info.config.retention === RetentionPolicy.Workqueue;
  return findFault(jetStreamView(jsm, stream, durable, filter, workQueue), marks);
}

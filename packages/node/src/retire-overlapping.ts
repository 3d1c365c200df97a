import type { JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { classifyNatsError } from '@lienthong/infra';
import { subjectsOverlap } from './subjects-overlap';

/**
 * A work-queue stream refuses two consumers whose filters overlap. When the nodes are split
 * differently across processes (one process hosted every commune, now each province hosts its
 * own), the old durable consumers stay behind: remove those nobody pulls from. Their messages
 * stay in the stream and go to the new consumer. A consumer some process still pulls from means
 * those nodes are served elsewhere, and taking them over is refused. (Processes that host the same
 * node share its durable consumer instead, splitting the work.)
 */
export async function retireOverlapping(
  jsm: JetStreamManager,
  own: { readonly stream: string; readonly durable: string; readonly filter: string },
  log: Logger,
): Promise<void> {
  for await (const c of jsm.consumers.list(own.stream)) {
    const filter = c.config.filter_subject;
    if (!filter || c.name === own.durable || !subjectsOverlap(filter, own.filter)) continue;
    if (c.num_waiting > 0) {
      throw new Error(
        `${own.filter} is already served by consumer ${c.name} (${filter}) of a running process: a node cannot be hosted twice`,
      );
    }
    log.warn({ consumer: c.name, filter, replacedBy: own.durable }, 'removing a consumer nobody pulls from');
    // Another worker of this process may retire the same one at the same moment.
    await jsm.consumers.delete(own.stream, c.name).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
}

export function isNotFound(e: unknown): boolean {
  return classifyNatsError(e).kind === 'not-found';
}

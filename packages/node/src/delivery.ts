import { inject, injectable } from 'tsyringe';
import { LienthongError, inboxSubject, msgIdFor } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { refusedBy } from '@lienthong/infra';
import { EnvelopeKind, TransportState } from '@lienthong/proto';
import type { AcceptedDocument, AcceptedStatus, AcceptedTransportEvent } from './accepted';
import type { ResolvedConfig } from './config';
import { encodeEnvelopeShared } from './document-bytes';
import type { Clock, InboundMessage } from './inbound';
import { NodeMetrics } from './metrics';
import { EnvelopePublisher } from './publisher';
import { TOKENS } from './tokens';
import { transportEventBack } from './transport-events';

/**
 * Delivery into a local agency's inbox: one subject per item (`…inbox.<agency>.<envelope id>`), and
 * the inbox stream keeps one message per subject, so an item is delivered once however often the
 * node retries. A delivered document is answered by a DELIVERED transport event to its sender.
 */
@injectable()
export class Delivery {
  constructor(
    @inject(EnvelopePublisher) private readonly publisher: EnvelopePublisher,
    @inject(NodeMetrics) private readonly metrics: NodeMetrics,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {}

  /**
   * Puts the envelope (a document, or a recall) into `recipient`'s inbox at `node`. Returns the
   * DELIVERED event to route back to the document's sender, for a document.
   */
  async toInbox(
    node: NodeInfo,
    env: AcceptedDocument | AcceptedStatus,
    recipient: string,
    msg: InboundMessage | undefined,
  ): Promise<AcceptedTransportEvent | undefined> {
    const now = this.now();
    const hops = env.hops.map((h, i, all) => (i === all.length - 1 ? { ...h, outMs: now } : h));
    const item = { ...env, recipients: [recipient], hops };
    const subject = inboxSubject(node.level, node.id, recipient, env.envelopeId.toLowerCase());
    try {
      await this.publisher.publish(
        subject,
        encodeEnvelopeShared(item),
        msgIdFor(env.envelopeId, recipient),
        env.kind,
        msg?.headers,
      );
      this.metrics.delivered(node.levelName, env.createdAtMs ? now - env.createdAtMs : -1);
    } catch (e) {
      // The inbox already holds this item (its subject has its one message): a retry or a resend.
      // It is delivered, exactly once. Any other refusal — the inbox stream full — is not a
      // delivery: the message stays in custody and is retried.
      const refused = refusedBy(e);
      if (refused !== 'subject') throw refused ? inboxFull(e, subject) : e;
    }
    if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return undefined;
    return transportEventBack({
      node,
      about: env,
      recipient,
      originAgency: recipient,
      idParts: ['delivered'],
      news: { state: TransportState.TRANSPORT_STATE_DELIVERED, atMs: now, hops },
      hopLimit: this.config.limits.hopLimit,
      now,
    });
  }
}

/** The inbox stream refused an item for want of room: said so, with the server's refusal as cause. */
function inboxFull(e: unknown, subject: string): Error {
  return new LienthongError('ResourceExhausted', `the inbox stream is full: ${subject} not delivered yet`, {
    cause: e,
  });
}

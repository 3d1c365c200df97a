import { inject, injectable } from 'tsyringe';
import type { ClosedCode, NodeInfo } from '@lienthong/core';
import { toMillis } from '@lienthong/core/internal';
import { BusinessStatus, EnvelopeKind, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { AcceptedEnvelope, AcceptedTransportEvent } from './accepted';
import type { ResolvedConfig } from './config';
import type { TopologyView } from './live-directory';
import { TOKENS } from './tokens';
import { TrackingStore } from './tracking-store';
import { transportEventBack } from './transport-events';

/**
 * Whether a copy for a closed code is carried to its successor where it meets the closure on its
 * way: documents and recalls (13) under a `redirect` closure. Other statuses and transport events
 * are addressed to a sender, whose records stay at its home node: they are not redirected.
 */
export function redirectsOnTheWay(env: AcceptedEnvelope, closure: ClosedCode): boolean {
  if (closure.policy !== 'redirect') return false;
  if (env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return true;
  return (
    env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
    env.status.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
  );
}

/** What the sender's record for the closed code says when a relay redirected the document. */
export function redirectedOnTheWay(
  node: NodeInfo,
  env: AcceptedEnvelope,
  closure: ClosedCode,
  hopLimit: number,
  now: number,
): AcceptedTransportEvent {
  return transportEventBack({
    node,
    about: env,
    recipient: closure.code,
    originAgency: env.originAgency,
    idParts: ['redirected', closure.successor],
    news: {
      state: TransportState.TRANSPORT_STATE_RELAYED,
      atMs: now,
      detail: `redirected to ${closure.successor} (${closure.code} closed on ${closure.closedAt}, while the document was on its way)`,
    },
    hopLimit,
    now,
  });
}

/**
 * A successor answering for a closed code it was not linked to at intake: the document met the
 * closure on its way and a relay redirected it, or it waited in the closed agency's inbox when
 * `topology apply` drained that inbox into the successor's. At the sender's home node, the first
 * transport event or status of the successor that finds no record of its own opens one from the
 * closed code's record and links the two (as a redirect at intake does): from then on the
 * successor's statuses answer for the closed code.
 */
@injectable()
export class LateRedirects {
  constructor(
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
  ) {}

  /**
   * A relay redirected the copy for `closedCode` (a RELAYED transport event, which only redirects
   * send): the successor's record, opened from the closed code's unless it has one, answers for it.
   */
  async redirected(sender: string, documentId: string, closedCode: string): Promise<void> {
    const closure = this.topology.closedCode(closedCode);
    if (closure?.policy !== 'redirect') return;
    const old = await this.tracking.get(sender, documentId, closedCode);
    if (!old || old.redirectedTo !== '') return;
    await this.open(sender, documentId, closure.successor, [old]);
    await this.tracking.linkRedirect(sender, documentId, closedCode, closure.successor);
  }

  /** True when `responder` now has a record for the document, linked to the closed codes it answers for. */
  async link(sender: string, documentId: string, responder: string): Promise<boolean> {
    const records = await this.tracking.list(sender, documentId);
    const closed = records.filter((r) => {
      const closure = this.topology.closedCode(r.recipient);
      return (
        closure?.successor === responder &&
        r.redirectedTo === '' &&
        r.transport !== TransportState.TRANSPORT_STATE_FAILED
      );
    });
    // None to link: perhaps a redirect being recorded at the same time opened the record meanwhile.
    if (closed.length === 0) return (await this.tracking.get(sender, documentId, responder)) !== undefined;
    await this.open(sender, documentId, responder, closed);
    const now = Date.now();
    for (const r of closed) {
      const closure = this.topology.closedCode(r.recipient)!;
      // The closed code's timeline says where its answers come from from now on; the entries up to
      // this one stay its own when the successor's are mirrored onto it.
      await this.tracking.apply(sender, documentId, r.recipient, {
        type: 'transport',
        state: TransportState.TRANSPORT_STATE_RELAYED,
        atMs: now,
        node: this.topology.agency(sender)?.homeNode ?? this.config.nodes[0] ?? '',
        detail: `answered by ${responder} (${r.recipient} closed on ${closure.closedAt})`,
      });
      await this.tracking.linkRedirect(sender, documentId, r.recipient, responder);
    }
    return true;
  }

  /** The successor's record, opened (unless it exists) as the closed codes' were. */
  private async open(
    sender: string,
    documentId: string,
    successor: string,
    closed: readonly TrackingRecord[],
  ): Promise<void> {
    const first = closed[0]!;
    await this.tracking.create(
      {
        documentId,
        sender,
        recipient: successor,
        sentAtMs: toMillis(first.sentAtMs),
        confirmByMs: toMillis(first.confirmByMs),
        priority: first.priority,
        subject: first.subject,
        node: first.timeline[0]?.node ?? '',
      },
      { changeRequested: closed.some((r) => r.recallRequested) },
    );
  }
}

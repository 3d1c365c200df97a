import { inject, injectable } from 'tsyringe';
import { confirmDeadline } from '@lienthong/core';
import type { ClosedCode, NodeInfo } from '@lienthong/core';
import { FailureReason, TransportState } from '@lienthong/proto';
import type { AcceptedDocument } from './accepted';
import type { ResolvedConfig } from './config';
import type { TopologyView } from './live-directory';
import { TOKENS } from './tokens';
import { TrackingStore } from './tracking-store';

/** A document's recipients once closed codes are resolved at the sender's home node. */
export interface ResolvedRecipients {
  /** Who the document goes to: the live (or unknown) recipients and the successors of redirected codes. */
  readonly recipients: string[];
  /** Closed recipients: their records are opened here and show the redirect or the refusal. */
  readonly closed: readonly ClosedCode[];
}

/**
 * Closed agency codes (an administrative reorganisation, topology `closed`) at intake: a document
 * addressed to a closed code is carried to the successor (`redirect`: the old code's record says
 * so in its timeline, the successor gets its own record and answers with its statuses, which the old
 * code's record mirrors) or refused
 * (`refuse`: the old code's record ends FAILED AGENCY_CLOSED, naming the successor).
 */
@injectable()
export class ClosedRecipients {
  constructor(
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
  ) {}

  resolve(recipients: readonly string[]): ResolvedRecipients {
    const out: string[] = [];
    const closed: ClosedCode[] = [];
    for (const r of recipients) {
      const closure = this.topology.agency(r) ? undefined : this.topology.closedCode(r);
      if (closure === undefined) out.push(r);
      else closed.push(closure);
    }
    for (const c of closed) {
      if (c.policy === 'redirect' && !out.includes(c.successor)) out.push(c.successor);
    }
    return { recipients: out, closed };
  }

  /**
   * Once the successors' records exist: each redirected code's record follows its successor's
   * (every status and transport change of the successor's record is repeated on it).
   */
  async link(env: AcceptedDocument, closed: readonly ClosedCode[]): Promise<void> {
    for (const c of closed) {
      if (c.policy === 'redirect')
        await this.tracking.linkRedirect(env.originAgency, env.documentId, c.code, c.successor);
    }
  }

  /** Opens the closed codes' records and writes the redirect or the refusal into them. */
  async record(
    node: NodeInfo,
    env: AcceptedDocument,
    closed: readonly ClosedCode[],
    now: number,
  ): Promise<void> {
    const doc = env.document;
    const fixedMs = this.config.overdue.fixedMs;
    const priority = doc.priority ?? 0;
    const confirmByMs = confirmDeadline(now, priority, fixedMs !== undefined ? { fixedMs } : undefined);
    await Promise.all(
      closed.map(async (c) => {
        const { documentId, originAgency: sender } = env;
        const init = { documentId, sender, recipient: c.code, sentAtMs: now, confirmByMs, priority };
        await this.tracking.create({ ...init, subject: doc.subject ?? '', node: node.id });
        const closedOn = `${c.code} closed on ${c.closedAt}`;
        await this.tracking.apply(
          sender,
          documentId,
          c.code,
          c.policy === 'redirect'
            ? {
                type: 'transport',
                state: TransportState.TRANSPORT_STATE_RELAYED,
                atMs: now,
                node: node.id,
                detail: `redirected to ${c.successor} (${closedOn})`,
              }
            : {
                type: 'transport',
                state: TransportState.TRANSPORT_STATE_FAILED,
                atMs: now,
                node: node.id,
                failure: FailureReason.FAILURE_REASON_AGENCY_CLOSED,
                detail: `${closedOn}; successor ${c.successor}`,
              },
        );
      }),
    );
  }
}

import { inject, injectable } from 'tsyringe';
import { confirmDeadline, isRefusedRecord } from '@lienthong/core';
import type { NodeInfo, TrackingEvent } from '@lienthong/core';
import { BusinessOperation, BusinessStatus, FailureReason, TransportState } from '@lienthong/proto';
import type { IStatusReport } from '@lienthong/proto';
import type {
  AcceptedDocument,
  AcceptedStatus,
  AcceptedStatusReport,
  AcceptedTransportEvent,
} from './accepted';
import type { ResolvedConfig } from './config';
import type { Clock, InboundMessage, Rejection } from './inbound';
import { LateRedirects } from './closed-on-the-way';
import { RECORDS_WINDOW, fanOut } from './fan-out';
import { NodeMetrics } from './metrics';
import { OverdueIndex } from './overdue';
import { Refusals } from './refusals';
import { TOKENS } from './tokens';
import type { TopologyView } from './live-directory';
import { TrackingStore } from './tracking-store';

/**
 * The sender's side of tracking, at the home node of a document's sender: a record per recipient
 * opened at intake, and the statuses, transport events and recalls applied to them by the rules of
 * `@lienthong/core` (tracking.ts, status-rules.ts).
 */
@injectable()
export class TrackingApply {
  constructor(
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(OverdueIndex) private readonly overdue: OverdueIndex,
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(Refusals) private readonly refusals: Refusals,
    @inject(NodeMetrics) private readonly metrics: NodeMetrics,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(LateRedirects) private readonly lateRedirects: LateRedirects,
  ) {}

  /**
   * Opens a tracking record per recipient of a new document; recipients the directory does not know
   * fail at once (dead letter, FAILED record). Returns the known ones. The track publishes of the new
   * records are left in `trackPublishes` (see TrackingStore.create): the caller awaits them.
   */
  async open(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedDocument,
    recipients: readonly string[],
    now: number,
    trackPublishes: Promise<unknown>[],
  ): Promise<string[]> {
    const doc = env.document;
    const { documentId, originAgency: sender } = env;
    const priority = doc.priority ?? 0;
    const fixedMs = this.config.overdue.fixedMs;
    const confirmByMs = confirmDeadline(now, priority, fixedMs !== undefined ? { fixedMs } : undefined);
    const operation = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
    // A code closed since intake resolved the recipients (the directory changed in between) is not
    // unknown: its record opens as usual and the router redirects or refuses it on the way.
    const known: string[] = [];
    const unknown: string[] = [];
    for (const r of recipients) {
      const inDirectory = this.topology.agency(r) !== undefined || this.topology.closedCode(r) !== undefined;
      (inDirectory ? known : unknown).push(r);
    }
    // A broadcast opens thousands of records: a window of them at a time, not thousands of requests
    // on the connection at once (whose last ones would time out behind the first).
    await fanOut(
      recipients.map((recipient) => async () => {
        const { record } = await this.tracking.create(
          {
            documentId,
            sender,
            recipient,
            sentAtMs: now,
            confirmByMs,
            priority,
            subject: doc.subject ?? '',
            node: node.id,
          },
          {
            changeRequested: operation !== BusinessOperation.BUSINESS_OPERATION_NEW,
            ...(env.edxmlSignature ? { edxmlSignature: env.edxmlSignature } : {}),
            trackPublishes,
          },
        );
        if (!unknown.includes(recipient)) {
          this.overdue.add(TrackingStore.key(sender, documentId, recipient), record.confirmByMs);
        }
      }),
      RECORDS_WINDOW,
    );
    if (unknown.length > 0) await this.failUnknown(node, msg, env, unknown, now);
    return known;
  }

  private async failUnknown(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedDocument,
    unknown: readonly string[],
    now: number,
  ): Promise<void> {
    const reason = FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT;
    await this.refusals.deadLetter(
      node,
      msg,
      { reason, detail: `not in the directory: ${unknown.join(', ')}` },
      env,
    );
    await Promise.all(
      unknown.map((recipient) =>
        this.tracking.apply(env.originAgency, env.documentId, recipient, {
          type: 'transport',
          state: TransportState.TRANSPORT_STATE_FAILED,
          atMs: now,
          node: node.id,
          failure: reason,
          detail: `${recipient} is not in the directory`,
        }),
      ),
    );
  }

  /**
   * A recall (13) goes to every recipient of the document (or those it names), and marks their
   * records. Undefined when the document is not known here: the recall is refused.
   */
  async recall(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedStatus,
    now: number,
  ): Promise<string[] | undefined> {
    const st = env.status;
    // A refused submission's records (never accepted, never delivered) have nothing to recall.
    const records = (await this.tracking.list(st.documentSender, st.documentId)).filter(
      (r) => !isRefusedRecord(r),
    );
    if (records.length === 0) {
      await this.refusals.rejectSubmission(node, msg, env.originAgency, env, {
        reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
        detail: `no document ${st.documentId} sent by ${st.documentSender} is known at ${node.id}`,
      });
      return undefined;
    }
    const wanted = env.recipients.length > 0 ? new Set(env.recipients) : undefined;
    const targets = records
      .filter(
        (r) =>
          r.transport !== TransportState.TRANSPORT_STATE_FAILED ||
          r.failure !== FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
      )
      .map((r) => r.recipient)
      .filter((r) => !wanted || wanted.has(r));
    await Promise.all(
      targets.map((recipient) =>
        this.tracking.apply(st.documentSender, st.documentId, recipient, {
          type: 'business',
          code: BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
          atMs: st.timestampMs || now,
          node: node.id,
          description: st.description ?? '',
          ...(st.staff ? { staff: st.staff } : {}),
        }),
      ),
    );
    return targets;
  }

  /**
   * A business status reached the home node of the document's sender: update its tracking. Returns
   * why it was refused (dead-lettered: no such document sent to the reporter, or against the rules),
   * for the caller to tell the reporter; undefined when it was taken.
   */
  async status(
    node: NodeInfo,
    env: AcceptedStatus,
    sender: string,
    msg: InboundMessage | undefined,
  ): Promise<Rejection | undefined> {
    const st = env.status;
    const event: TrackingEvent = {
      type: 'business',
      code: st.code,
      atMs: st.timestampMs || env.createdAtMs || this.now(),
      node: env.hops[0]?.node ?? env.originNode,
      description: st.description ?? '',
      ...(st.staff ? { staff: st.staff } : {}),
      ...receiptOf(st),
    };
    let result = await this.tracking.apply(sender, st.documentId, st.responder, event);
    if (result.outcome === 'unknown' && (await this.lateRedirects.link(sender, st.documentId, st.responder)))
      result = await this.tracking.apply(sender, st.documentId, st.responder, event);
    // A successor sent the document itself too: a closed code's copy drained into its inbox was the
    // same item, and its statuses answer for that code as well.
    else if (result.outcome === 'changed' && this.topology.succeeds(st.responder))
      await this.lateRedirects.link(sender, st.documentId, st.responder);
    if (result.outcome === 'changed') this.metrics.status(st.code);
    if (result.outcome === 'unknown') {
      const problem = await this.notSentTo(sender, st);
      await this.refusals.deadLetter(node, msg, problem, env);
      return problem;
    }
    if (st.code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
      this.overdue.remove(TrackingStore.key(sender, st.documentId, st.responder));
    }
    if (result.violation) {
      const problem = { reason: FailureReason.FAILURE_REASON_INVALID_STATUS, detail: result.violation };
      await this.refusals.deadLetter(node, msg, problem, env);
      return problem;
    }
    return undefined;
  }

  /** Why a status has no record: a document the sender did send, to others, or not at all. */
  private async notSentTo(
    sender: string,
    st: AcceptedStatusReport,
  ): Promise<{ reason: FailureReason; detail: string }> {
    const sentToOthers = (await this.tracking.list(sender, st.documentId)).length > 0;
    const code = String(st.code).padStart(2, '0');
    return sentToOthers
      ? {
          reason: FailureReason.FAILURE_REASON_NOT_A_RECIPIENT,
          detail: `${st.responder} reported ${code} on ${st.documentId}, but ${sender} did not send it to ${st.responder}`,
        }
      : {
          reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
          detail: `${st.responder} reported ${code} on ${st.documentId}, which ${sender} did not send to it`,
        };
  }

  /** A transport event reached the home node of the document's sender: update its tracking. */
  async transport(
    node: NodeInfo,
    env: AcceptedTransportEvent,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const t = env.transport;
    const event: TrackingEvent = {
      type: 'transport',
      state: t.state,
      atMs: t.atMs || this.now(),
      node: t.node ?? '',
      ...(t.failure ? { failure: t.failure } : {}),
      ...(t.detail ? { detail: t.detail } : {}),
      ...(t.hops && t.hops.length > 0 ? { hops: t.hops } : {}),
    };
    let result = await this.tracking.apply(t.documentSender, t.documentId, t.recipient, event);
    if (
      result.outcome === 'unknown' &&
      (await this.lateRedirects.link(t.documentSender, t.documentId, t.recipient))
    )
      result = await this.tracking.apply(t.documentSender, t.documentId, t.recipient, event);
    if (t.state === TransportState.TRANSPORT_STATE_RELAYED && result.outcome !== 'unknown')
      await this.lateRedirects.redirected(t.documentSender, t.documentId, t.recipient);
    if (result.outcome === 'unknown') {
      await this.refusals.deadLetter(
        node,
        msg,
        {
          reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
          detail: `transport event for ${t.documentId} to ${t.recipient}, which ${t.documentSender} did not send`,
        },
        env,
      );
    }
  }
}

/**
 * The status kept in the timeline as the sender's receipt: a signed status (without the certificate,
 * which the directory holds), and a status posted as an edXML package, whose original bytes the
 * sender's system fetches as they were posted.
 */
function receiptOf(st: IStatusReport): { receipt?: IStatusReport } {
  if (st.signature?.value?.length)
    return { receipt: { ...st, signature: { ...st.signature, certificate: new Uint8Array() } } };
  if (st.edxmlOriginal?.length) return { receipt: st };
  return {};
}

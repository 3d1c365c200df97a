import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { encodeEnvelope, encodeTrackingRecord, isAgencyCode, trackSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import type { NatsHandles } from '@lienthong/infra';
import { EnvelopeKind, FailureReason, TrackingRecord, TransportState } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';
import { DeadLetters } from './dead-letters';
import { RECORDS_WINDOW, fanOut } from './fan-out';
import type { AcceptedTransportEvent } from './accepted';
import type { Clock, InboundMessage, Rejection } from './inbound';
import type { TopologyView } from './live-directory';
import { NodeMetrics } from './metrics';
import { TOKENS } from './tokens';
import { documentRecipients } from './submission-rules';
import { TrackingStore } from './tracking-store';

/**
 * What a node refuses: dead letters (with the reason and the original bytes), and for a refused
 * submission also a notice on the submitter's track subject and, for a document, a FAILED tracking
 * record per recipient (core refused-records.ts), which every listing of the sender's shows.
 */
@injectable()
export class Refusals {
  constructor(
    @inject(DeadLetters) private readonly dead: DeadLetters,
    @inject(TOKENS.Nats) private readonly nats: NatsHandles,
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(NodeMetrics) private readonly metrics: NodeMetrics,
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
  ) {}

  /**
   * Keeps what could not be processed as a dead letter of `node`. Its message id comes from the
   * inbound message (or the envelope) and the reason, so a retried attempt lands once.
   */
  async deadLetter(
    node: NodeInfo,
    msg: InboundMessage | undefined,
    problem: Rejection,
    env: IEnvelope | undefined,
    discriminator = '',
  ): Promise<void> {
    const dedup = msg
      ? `dead:${msg.stream}:${msg.seq}:${problem.reason}:${discriminator}`
      : `dead:${env?.envelopeId ?? 'none'}:${node.id}:${problem.reason}:${discriminator}`;
    await this.dead.put(
      node,
      {
        reason: problem.reason,
        detail: problem.detail,
        subject: msg?.subject ?? '',
        original: msg?.data ?? (env ? encodeEnvelope(env) : new Uint8Array()),
        atMs: this.now(),
        envelopeId: env?.envelopeId ?? '',
        documentId: env?.documentId ?? '',
        originAgency: env?.originAgency ?? '',
      },
      dedup,
    );
    this.metrics.deadLetter(problem.reason);
    this.log.warn(
      {
        node: node.id,
        envelopeId: env?.envelopeId,
        documentId: env?.documentId,
        reason: FailureReason[problem.reason],
        detail: problem.detail,
      },
      'dead letter',
    );
  }

  /** A submission the node refuses: dead letter, and the reason on the submitter's track subject. */
  async rejectSubmission(
    node: NodeInfo,
    msg: InboundMessage,
    submitter: string,
    env: IEnvelope | undefined,
    problem: Rejection,
  ): Promise<void> {
    await this.deadLetter(node, msg, problem, env);
    const now = this.now();
    await this.recordRefusal(node, submitter, env, problem, now);
    const notice = TrackingRecord.create({
      documentId: env?.documentId ?? '',
      sender: submitter,
      transport: TransportState.TRANSPORT_STATE_FAILED,
      failure: problem.reason,
      failureDetail: problem.detail,
      ...(problem.edxmlSignature ? { edxmlSignature: problem.edxmlSignature } : {}),
      updatedAtMs: now,
      timeline: [
        {
          atMs: now,
          transport: TransportState.TRANSPORT_STATE_FAILED,
          // A refused status report names its code, so the reporter can tell which one it was.
          ...(env?.status?.code ? { business: env.status.code } : {}),
          node: node.id,
          description: problem.detail,
        },
      ],
    });
    const at = this.noticeNode(node, submitter);
    await this.publishNotice(at, submitter, notice, `reject:${msg.stream}:${msg.seq}`);
    this.log.warn(
      {
        node: node.id,
        agency: submitter,
        documentId: env?.documentId,
        reason: FailureReason[problem.reason],
        detail: problem.detail,
      },
      'submission rejected',
    );
  }

  /**
   * The home node of a document's sender refused a status `reporter` reported on it (not a
   * recipient, no such document, against the rules): this node, the reporter's home, tells the
   * reporter with a notice on its track subject, as for a submission refused here. The notice names
   * the document, the reporter as its submitter, the status code (in its timeline entry) and the reason.
   */
  async statusRefused(node: NodeInfo, event: AcceptedTransportEvent): Promise<void> {
    const t = event.transport;
    const now = this.now();
    const notice = TrackingRecord.create({
      documentId: t.documentId,
      // As on every notice, the agency that submitted what was refused (the document's is in `detail`).
      sender: t.recipient,
      transport: TransportState.TRANSPORT_STATE_FAILED,
      failure: t.failure ?? FailureReason.FAILURE_REASON_UNSPECIFIED,
      failureDetail: t.detail ?? '',
      updatedAtMs: now,
      timeline: [
        {
          atMs: Number(t.atMs ?? 0) || now,
          transport: TransportState.TRANSPORT_STATE_FAILED,
          ...(t.status ? { business: t.status } : {}),
          node: t.node ?? event.originNode,
          description: t.detail ?? '',
        },
      ],
    });
    const at = this.noticeNode(node, t.recipient);
    await this.publishNotice(at, t.recipient, notice, `refused:${event.envelopeId}`);
    this.log.warn(
      {
        node: node.id,
        agency: t.recipient,
        documentId: t.documentId,
        status: t.status,
        reason: FailureReason[t.failure ?? 0],
        detail: t.detail,
      },
      "status refused by the document sender's home node; the reporter is told",
    );
  }

  private async publishNotice(
    at: NodeInfo,
    agency: string,
    notice: TrackingRecord,
    msgID: string,
  ): Promise<void> {
    const h = natsHeaders();
    h.set('Lt-Kind', 'rejection');
    await this.nats.js.publish(trackSubject(at.level, at.id, agency), encodeTrackingRecord(notice), {
      msgID,
      headers: h,
    });
  }

  /**
   * The refused document's tracking records: one per recipient code it names, or one without a
   * recipient when none could be read. Only at the submitter's home node, its records' one writer:
   * a submission from an agency the directory does not know, or on another node's subject, gets
   * the notice and the dead letter only; so does a refused status report (it sends no document).
   */
  private async recordRefusal(
    node: NodeInfo,
    submitter: string,
    env: IEnvelope | undefined,
    problem: Rejection,
    now: number,
  ): Promise<void> {
    const documentId = env?.documentId ?? '';
    if (env?.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT || documentId === '') return;
    if (this.topology.agency(submitter)?.homeNode !== node.id) return;
    const named = env.document ? documentRecipients(env.document) : (env.recipients ?? []);
    const codes = [...new Set(named.filter((c) => isAgencyCode(c)))];
    const base = {
      documentId,
      sender: submitter,
      atMs: now,
      node: node.id,
      failure: problem.reason,
      detail: problem.detail,
      subject: env.document?.subject ?? '',
      priority: env.document?.priority ?? 0,
      ...(problem.edxmlSignature ? { edxmlSignature: problem.edxmlSignature } : {}),
    };
    await fanOut(
      (codes.length > 0 ? codes : ['']).map(
        (recipient) => () => this.tracking.refuse({ ...base, recipient }),
      ),
      RECORDS_WINDOW,
    );
  }

  /**
   * Where the submitter follows its tracking: its home node's track subject. A submission on the
   * wrong node's subject (WRONG_HOME_NODE) would otherwise be answered where nobody listens. Only
   * within this domain: another domain's streams are not reachable through this client.
   */
  private noticeNode(node: NodeInfo, submitter: string): NodeInfo {
    const home = this.topology.agency(submitter)?.homeNode;
    const homeNode = home !== undefined && this.topology.hasNode(home) ? this.topology.node(home) : node;
    return homeNode.domain === node.domain ? homeNode : node;
  }
}

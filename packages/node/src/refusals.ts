import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { encodeEnvelope, encodeTrackingRecord, trackSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import type { NatsHandles } from '@lienthong/infra';
import { FailureReason, TrackingRecord, TransportState } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';
import { DeadLetters } from './dead-letters';
import type { Clock, InboundMessage, Rejection } from './inbound';
import type { TopologyView } from './live-directory';
import { NodeMetrics } from './metrics';
import { TOKENS } from './tokens';

/**
 * What a node refuses: dead letters (with the reason and the original bytes), and for a refused
 * submission also a notice on the submitter's track subject.
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
          node: node.id,
          description: problem.detail,
        },
      ],
    });
    const h = natsHeaders();
    h.set('Lt-Kind', 'rejection');
    const at = this.noticeNode(node, submitter);
    await this.nats.js.publish(trackSubject(at.level, at.id, submitter), encodeTrackingRecord(notice), {
      msgID: `reject:${msg.stream}:${msg.seq}`,
      headers: h,
    });
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

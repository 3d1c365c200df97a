import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import {
  DecodeError,
  LienthongError,
  ENVELOPE_LIMITS,
  confirmDeadline,
  decodeEnvelope,
  encodeEnvelope,
  encodeTrackingRecord,
  documentEnvelopeId,
  envelopeIdFor,
  inboxSubject,
  isAgencyCode,
  laneOf,
  msgIdFor,
  parseSubject,
  relaySubject,
  trackSubject,
} from '@lienthong/core';
import type { NodeInfo, TrackingEvent } from '@lienthong/core';
import {
  BusinessOperation,
  BusinessStatus,
  Envelope as EnvelopeMessage,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TrackingRecord,
  TransportState,
} from '@lienthong/proto';
import type { Envelope, IEnvelope, IHop, IStatusReport, ITransportEvent } from '@lienthong/proto';
import { msgIdRejection } from './submit-guard';
import { refs } from './attachments';
import type { AttachmentProblem, Attachments } from './attachments';
import type { NodeLimits, OverdueConfig } from './config';
import type { DeadLetters } from './dead-letters';
import type { TopologyView } from './live-directory';
import type { NodeMetrics } from './metrics';
import type { OverdueIndex } from './overdue';
import type { SignaturePolicy } from './signature-policy';
import { NeighbourRoom, deferredSubmission } from './flow';
import type { SubmitPacer } from './flow';
import { JS_MAX_MSGS_PER_SUBJECT, jsApiCode } from './streams';
import { TrackingStore } from './tracking-store';

/** One message taken from a node's submit or relay stream. */
export interface InboundMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly stream: string;
  readonly seq: number;
  /** When the stream stored it (the node's custody began), Unix ms. */
  readonly storedAtMs: number;
  /** How many times it was handed out (1 the first time). */
  readonly deliveryCount?: number;
  readonly headers?: MsgHdrs;
}

export interface ProcessorDeps {
  readonly js: JetStreamClient;
  readonly topology: TopologyView;
  readonly tracking: TrackingStore;
  readonly dead: DeadLetters;
  readonly overdue: OverdueIndex;
  readonly limits: NodeLimits;
  readonly overdueConfig: OverdueConfig;
  readonly log: Logger;
  readonly metrics?: NodeMetrics;
  readonly now?: () => number;
  /** Signature checks at intake; none when absent. */
  readonly signatures?: SignaturePolicy;
  /** Large attachments: limits, presence, cross-domain copies, verification before delivery. */
  readonly attachments?: Attachments;
  /** Paces agencies by their submit limits; none: unlimited. */
  readonly pacer?: SubmitPacer;
}

interface Rejection {
  readonly reason: FailureReason;
  readonly detail: string;
}

/** What happened to one inbound message; for metrics and logs. */
export type Disposition = 'forwarded' | 'dead-lettered';

/**
 * The per-message work of a node: intake of its own agencies' submissions, and the relay of
 * envelopes handed over by its neighbours. Each handler returns only after everything it produced
 * (relays, inbox deliveries, tracking changes, dead letters) has been accepted by JetStream, so the
 * caller may then acknowledge the inbound message: custody transfer. Anything thrown is transient
 * and the caller retries the whole message; every step is idempotent, so a retry makes no copies.
 */
export class Processor {
  private readonly now: () => number;
  /** Relays waiting for a place in a full neighbour's queue (flow control). */
  readonly room = new NeighbourRoom();

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
  }

  async handleSubmit(node: NodeInfo, msg: InboundMessage): Promise<Disposition> {
    const parsed = parseSubject(msg.subject);
    if (parsed?.kind !== 'submit') {
      await this.deadLetter(
        node,
        msg,
        {
          reason: FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE,
          detail: `${msg.subject} does not name an agency`,
        },
        undefined,
      );
      return 'dead-lettered';
    }
    const submitter = parsed.agency;
    // Over its pace, a submission waits in the agency's queue: taken again when its turn comes.
    const wait = this.deps.pacer?.admit(submitter, parsed.lane, msg.data.length, `${msg.stream}:${msg.seq}`);
    if (wait) throw deferredSubmission(submitter, wait);
    let env: Envelope;
    try {
      env = decodeEnvelope(msg.data, { maxBytes: this.deps.limits.maxEnvelopeBytes });
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      // Keep the ids it could be read that far (a wrong schema version, a bad agency code…): the dead
      // letter and the sender's notice then name the document.
      await this.rejectSubmission(node, msg, submitter, readableIds(msg.data, e), {
        reason: e.reason,
        detail: e.message,
      });
      return 'dead-lettered';
    }
    const problem =
      this.checkSubmission(node, submitter, env) ??
      msgIdRejection(submitter, msg.headers) ??
      this.deps.signatures?.check(env, msg.storedAtMs);
    if (problem) {
      await this.rejectSubmission(node, msg, submitter, env, problem);
      return 'dead-lettered';
    }
    const now = this.now();
    const accepted: IEnvelope = {
      ...env,
      originNode: node.id,
      envelopeId: envelopeIdOf(env),
      createdAtMs: env.createdAtMs > 0 ? env.createdAtMs : now,
      hops: [],
      hopLimit: this.deps.limits.hopLimit,
      priority:
        env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? (env.document?.priority ?? 0) : env.priority,
    };
    const hop: IHop = { node: node.id, level: node.level, inMs: msg.storedAtMs, outMs: now };

    if (env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT) {
      const recipients = await this.openTracking(node, msg, accepted, now);
      if (recipients.length === 0) return 'dead-lettered';
      accepted.recipients = recipients;
    } else if (env.status?.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
      const recipients = await this.requestRecall(node, msg, accepted, now);
      if (recipients === undefined) return 'dead-lettered';
      accepted.recipients = recipients;
    }
    return this.permanentAsDeadLetter(node, msg, accepted, async () => {
      await this.route(node, accepted, hop, msg);
      return 'forwarded';
    });
  }

  /** A message on a subject no hosted node answers for: kept as a dead letter of `node`. */
  async handleUnroutable(node: NodeInfo, msg: InboundMessage, detail: string): Promise<Disposition> {
    await this.deadLetter(node, msg, { reason: FailureReason.FAILURE_REASON_MALFORMED, detail }, undefined);
    return 'dead-lettered';
  }

  async handleRelay(node: NodeInfo, msg: InboundMessage): Promise<Disposition> {
    let env: Envelope;
    try {
      env = decodeEnvelope(msg.data, { maxBytes: this.deps.limits.maxEnvelopeBytes });
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      await this.deadLetter(node, msg, { reason: e.reason, detail: e.message }, undefined);
      return 'dead-lettered';
    }
    // A neighbour's envelope id becomes a subject token (the inbox item key): it must be one.
    if (!ENVELOPE_ID.test(env.envelopeId)) {
      await this.deadLetter(
        node,
        msg,
        malformed(`envelope id '${env.envelopeId.slice(0, 64)}' is not of the form the home node gives`),
        env,
      );
      return 'dead-lettered';
    }
    const hop: IHop = { node: node.id, level: node.level, inMs: msg.storedAtMs, outMs: this.now() };
    return this.permanentAsDeadLetter(node, msg, env, async () => {
      await this.route(node, env, hop, msg);
      return 'forwarded';
    });
  }

  /**
   * An error that a retry cannot cure (our own validation refusing something about the message)
   * dead-letters the message instead of retrying it forever; anything else is transient.
   */
  private async permanentAsDeadLetter(
    node: NodeInfo,
    msg: InboundMessage,
    env: IEnvelope | undefined,
    run: () => Promise<Disposition>,
  ): Promise<Disposition> {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof LienthongError) || (e.code !== 'InvalidArgument' && e.code !== 'NotFound')) throw e;
      await this.deadLetter(node, msg, malformed(`cannot be processed: ${e.message}`), env);
      return 'dead-lettered';
    }
  }

  /** Rules an agency's submission must meet before the node takes it on. */
  private checkSubmission(node: NodeInfo, submitter: string, env: Envelope): Rejection | undefined {
    const home = this.deps.topology.agency(submitter);
    if (!home) {
      return {
        reason: FailureReason.FAILURE_REASON_UNKNOWN_SENDER,
        detail: `agency ${submitter} is not in the directory`,
      };
    }
    if (home.homeNode !== node.id) {
      return {
        reason: FailureReason.FAILURE_REASON_WRONG_HOME_NODE,
        detail: `agency ${submitter} belongs to node ${home.homeNode}, not ${node.id}`,
      };
    }
    if (env.originAgency !== submitter) {
      return mismatch(`envelope origin ${env.originAgency} is not the submitting agency ${submitter}`);
    }
    switch (env.kind) {
      case EnvelopeKind.ENVELOPE_KIND_DOCUMENT: {
        const doc = env.document;
        if (!doc) return malformed('document envelope without a document');
        if (doc.from?.code !== submitter) {
          return mismatch(
            `document sender ${doc.from?.code ?? '(none)'} is not the submitting agency ${submitter}`,
          );
        }
        if (doc.documentId !== env.documentId) {
          return malformed(`document id ${doc.documentId} differs from the envelope's ${env.documentId}`);
        }
        if ((doc.to ?? []).length === 0) return malformed('document has no recipients');
        // Tracking is opened per `to` code: one that is not an agency code must be refused here, or
        // it fails later as an error a retry cannot cure (found by the node fuzz run).
        const badTo = (doc.to ?? []).find((o) => !isAgencyCode(o.code ?? ''));
        if (badTo) {
          return {
            reason: FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE,
            detail: `document recipient '${(badTo.code ?? '').slice(0, 32)}' is not an agency code`,
          };
        }
        const op = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
        if (
          op !== BusinessOperation.BUSINESS_OPERATION_NEW &&
          (doc.responseFor ?? []).length === 0 &&
          !doc.business?.replaces?.length
        ) {
          return malformed(
            `a ${BusinessOperation[op]} package must name the earlier document (responseFor or replaces)`,
          );
        }
        return this.deps.attachments?.check(doc);
      }
      case EnvelopeKind.ENVELOPE_KIND_STATUS: {
        const st = env.status;
        if (!st) return malformed('status envelope without a status report');
        if (st.responder !== submitter) {
          return mismatch(`status responder ${st.responder} is not the submitting agency ${submitter}`);
        }
        if (st.documentId !== env.documentId) {
          return malformed(
            `status document id ${st.documentId} differs from the envelope's ${env.documentId}`,
          );
        }
        if (!isAgencyCode(st.documentSender)) return malformed('status without a valid document sender');
        if (!st.code || BusinessStatus[st.code] === undefined) {
          return {
            reason: FailureReason.FAILURE_REASON_INVALID_STATUS,
            detail: `unknown status code ${st.code}`,
          };
        }
        if (st.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
          if (st.documentSender !== submitter) {
            return mismatch(`only the sender ${st.documentSender} may recall its document`);
          }
        } else if (env.recipients.length !== 1 || env.recipients[0] !== st.documentSender) {
          return malformed(`a status report goes to the document's sender ${st.documentSender} only`);
        }
        if (
          (st.code === BusinessStatus.BUSINESS_STATUS_REJECTED ||
            st.code === BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED) &&
          (st.description ?? '').trim() === ''
        ) {
          return {
            reason: FailureReason.FAILURE_REASON_INVALID_STATUS,
            detail: `status ${st.code} needs a reason in its description`,
          };
        }
        return undefined;
      }
      default:
        return malformed(
          `agencies may submit documents and status reports, not ${EnvelopeKind[env.kind] ?? env.kind}`,
        );
    }
  }

  /** Opens a tracking record per recipient; unknown recipients fail at once. Returns the known ones. */
  private async openTracking(
    node: NodeInfo,
    msg: InboundMessage,
    env: IEnvelope,
    now: number,
  ): Promise<string[]> {
    const doc = env.document!;
    const sender = env.originAgency!;
    const documentId = env.documentId!;
    const recipients = [...new Set(doc.to!.map((o) => o.code!))];
    const priority = doc.priority ?? 0;
    const confirmByMs = confirmDeadline(
      now,
      priority,
      this.deps.overdueConfig.fixedMs !== undefined
        ? { fixedMs: this.deps.overdueConfig.fixedMs }
        : undefined,
    );
    const known: string[] = [];
    const unknown: string[] = [];
    for (const r of recipients) (this.deps.topology.agency(r) ? known : unknown).push(r);
    await Promise.all(
      recipients.map(async (recipient) => {
        const { record } = await this.deps.tracking.create(
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
            changeRequested:
              (doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW) !==
              BusinessOperation.BUSINESS_OPERATION_NEW,
          },
        );
        if (!unknown.includes(recipient)) {
          this.deps.overdue.add(TrackingStore.key(sender, documentId, recipient), record.confirmByMs);
        }
      }),
    );
    if (unknown.length > 0) {
      const detail = `not in the directory: ${unknown.join(', ')}`;
      await this.deadLetter(
        node,
        msg,
        { reason: FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT, detail },
        env,
      );
      await Promise.all(
        unknown.map((recipient) =>
          this.deps.tracking.apply(sender, documentId, recipient, {
            type: 'transport',
            state: TransportState.TRANSPORT_STATE_FAILED,
            atMs: now,
            node: node.id,
            failure: FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
            detail: `${recipient} is not in the directory`,
          }),
        ),
      );
    }
    return known;
  }

  /** A recall (13) goes to every recipient of the document, and marks their records. */
  private async requestRecall(
    node: NodeInfo,
    msg: InboundMessage,
    env: IEnvelope,
    now: number,
  ): Promise<string[] | undefined> {
    const st = env.status!;
    const records = await this.deps.tracking.list(st.documentSender!, st.documentId!);
    if (records.length === 0) {
      await this.rejectSubmission(node, msg, env.originAgency!, env, {
        reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
        detail: `no document ${st.documentId} sent by ${st.documentSender} is known at ${node.id}`,
      });
      return undefined;
    }
    const wanted = env.recipients && env.recipients.length > 0 ? new Set(env.recipients) : undefined;
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
        this.deps.tracking.apply(st.documentSender!, st.documentId!, recipient, {
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
   * Splits the envelope's recipients by next hop: hands a copy to each neighbour, delivers to local
   * inboxes, or applies statuses and transport events to local tracking records.
   */
  private async route(
    node: NodeInfo,
    env: IEnvelope,
    hop: IHop,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const { topology } = this.deps;
    // Documents with stored attachments go on only once the content is complete in this domain.
    const content = this.deps.attachments && refs(env).length > 0 ? this.deps.attachments : undefined;
    const receivedAtMs = msg?.storedAtMs ?? this.now();
    const held = content ? await content.hold(env, receivedAtMs) : undefined;
    if (held) {
      await this.failOnTheWay(node, msg, env, env.recipients ?? [], held.reason, held.detail);
      return;
    }
    const hops = [...(env.hops ?? []), hop];
    const byNextHop = new Map<string, { next: NodeInfo; recipients: string[] }>();
    const local: string[] = [];
    const unknown: string[] = [];
    for (const r of env.recipients ?? []) {
      const agency = topology.agency(r);
      if (!agency || !topology.hasNode(agency.homeNode)) {
        unknown.push(r);
        continue;
      }
      const step = topology.nextHop(node.id, agency.homeNode);
      if (step.kind === 'local') {
        local.push(r);
      } else {
        const group = byNextHop.get(step.node.id) ?? { next: step.node, recipients: [] };
        group.recipients.push(r);
        byNextHop.set(step.node.id, group);
      }
    }
    const work: Promise<unknown>[] = [];
    if (unknown.length > 0) {
      work.push(
        this.failOnTheWay(
          node,
          msg,
          env,
          unknown,
          FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
          `not in the directory of ${node.id}`,
        ),
      );
    }
    const hopLimit = env.hopLimit ?? 0;
    for (const { next, recipients } of byNextHop.values()) {
      if (hopLimit <= 1) {
        work.push(
          this.failOnTheWay(
            node,
            msg,
            env,
            recipients,
            FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED,
            `hop limit reached at ${node.id} after ${hops.length} hops`,
          ),
        );
        continue;
      }
      const out: IEnvelope = { ...env, recipients, hops, hopLimit: hopLimit - 1 };
      const subject = relaySubject(next.level, next.id, laneOf(env.priority ?? 0), node.id);
      const data = encodeEnvelope(out);
      work.push(
        this.afterContent(
          content && (() => content.forward(env, next, receivedAtMs)),
          node,
          msg,
          env,
          recipients,
          () =>
            // The next hop's queue for this node may be full: wait for a place (flow.ts).
            this.room.publish(
              subject,
              () =>
                this.publish(
                  subject,
                  data,
                  // The hop count keeps ids unique when a path visits a node twice (an agency moved
                  // while its document was on the way): a plain envelope id + next node would be
                  // de-duplicated.
                  msgIdFor(env.envelopeId!, `${next.id}#${hops.length}`),
                  env,
                  msg?.headers,
                ),
              msg?.deliveryCount ?? 1,
            ),
        ),
      );
    }
    if (local.length > 0) {
      work.push(
        this.afterContent(content && (() => content.verify(env, receivedAtMs)), node, msg, env, local, () =>
          Promise.all(local.map((r) => this.deliverLocal(node, { ...env, hops }, r, msg))),
        ),
      );
    }
    // Every branch settles before the handler returns: a failed one makes the message come back,
    // and no branch of this attempt may still be waiting or copying when it does.
    const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Hands on once the attachments' check passes (the content is where the next reader needs it);
   * else these recipients fail with the reason, and the sender is told.
   */
  private async afterContent(
    check: (() => Promise<AttachmentProblem | undefined>) | undefined,
    node: NodeInfo,
    msg: InboundMessage | undefined,
    env: IEnvelope,
    recipients: string[],
    handOn: () => Promise<unknown>,
  ): Promise<void> {
    const problem = check ? await check() : undefined;
    if (problem) {
      await this.failOnTheWay(node, msg, env, recipients, problem.reason, problem.detail);
      return;
    }
    await handOn();
  }

  private async deliverLocal(
    node: NodeInfo,
    env: IEnvelope,
    recipient: string,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    switch (env.kind) {
      case EnvelopeKind.ENVELOPE_KIND_DOCUMENT:
      case EnvelopeKind.ENVELOPE_KIND_STATUS:
        if (
          env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
          env.status?.code !== BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
        ) {
          await this.applyStatus(node, env, recipient, msg);
          return;
        }
        await this.deliverToInbox(node, env, recipient, msg);
        return;
      case EnvelopeKind.ENVELOPE_KIND_TRANSPORT:
        await this.applyTransport(node, env, msg);
        return;
      default:
        await this.deadLetter(
          node,
          msg,
          { reason: FailureReason.FAILURE_REASON_MALFORMED, detail: `unknown envelope kind ${env.kind}` },
          env,
        );
    }
  }

  private async deliverToInbox(
    node: NodeInfo,
    env: IEnvelope,
    recipient: string,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const now = this.now();
    const hops = (env.hops ?? []).map((h, i, all) => (i === all.length - 1 ? { ...h, outMs: now } : h));
    const item: IEnvelope = { ...env, recipients: [recipient], hops };
    const subject = inboxSubject(node.level, node.id, recipient, env.envelopeId!.toLowerCase());
    try {
      await this.publish(
        subject,
        encodeEnvelope(item),
        msgIdFor(env.envelopeId!, recipient),
        env,
        msg?.headers,
      );
      this.deps.metrics?.delivered(node.levelName, env.createdAtMs ? now - env.createdAtMs : -1);
    } catch (e) {
      // The inbox already holds this item: a retry or a resend. It is delivered, exactly once.
      if (jsApiCode(e) !== JS_MAX_MSGS_PER_SUBJECT) throw e;
    }
    if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return;
    await this.sendTransportBack(node, env, recipient, recipient, ['delivered'], msg, {
      state: TransportState.TRANSPORT_STATE_DELIVERED,
      atMs: now,
      hops,
    });
  }

  /** A business status reached the home node of the document's sender: update its tracking. */
  private async applyStatus(
    node: NodeInfo,
    env: IEnvelope,
    sender: string,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const st = env.status!;
    const event: TrackingEvent = {
      type: 'business',
      code: st.code!,
      atMs: st.timestampMs || env.createdAtMs || this.now(),
      node: (env.hops ?? [])[0]?.node ?? env.originNode ?? node.id,
      description: st.description ?? '',
      ...(st.staff ? { staff: st.staff } : {}),
      ...receiptOf(st),
    };
    const result = await this.deps.tracking.apply(sender, st.documentId!, st.responder!, event);
    if (result.outcome === 'changed') this.deps.metrics?.status(st.code!);
    if (result.outcome === 'unknown') {
      // A document the sender did send, to others: the responder is not one of its recipients.
      const sentToOthers = (await this.deps.tracking.list(sender, st.documentId!)).length > 0;
      await this.deadLetter(
        node,
        msg,
        sentToOthers
          ? {
              reason: FailureReason.FAILURE_REASON_NOT_A_RECIPIENT,
              detail: `${st.responder} reported ${st.code} on ${st.documentId}, but ${sender} did not send it to ${st.responder}`,
            }
          : {
              reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
              detail: `${st.responder} reported ${st.code} on ${st.documentId}, which ${sender} did not send to it`,
            },
        env,
      );
      return;
    }
    if (result.violation) {
      await this.deadLetter(
        node,
        msg,
        { reason: FailureReason.FAILURE_REASON_INVALID_STATUS, detail: result.violation },
        env,
      );
    }
    if (st.code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
      this.deps.overdue.remove(TrackingStore.key(sender, st.documentId!, st.responder!));
    }
  }

  private async applyTransport(
    node: NodeInfo,
    env: IEnvelope,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const t = env.transport!;
    const event: TrackingEvent = {
      type: 'transport',
      state: t.state!,
      atMs: t.atMs || this.now(),
      node: t.node ?? '',
      ...(t.failure ? { failure: t.failure } : {}),
      ...(t.detail ? { detail: t.detail } : {}),
      ...(t.hops && t.hops.length > 0 ? { hops: t.hops } : {}),
    };
    const result = await this.deps.tracking.apply(t.documentSender!, t.documentId!, t.recipient!, event);
    if (result.outcome === 'unknown') {
      await this.deadLetter(
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

  /**
   * Some recipients cannot be reached from here: dead-letter the envelope for them and, for a
   * document, send a FAILED transport event back to the sender's home node.
   */
  private async failOnTheWay(
    node: NodeInfo,
    msg: InboundMessage | undefined,
    env: IEnvelope,
    recipients: string[],
    reason: FailureReason,
    detail: string,
  ): Promise<void> {
    await this.deadLetter(
      node,
      msg,
      { reason, detail: `${detail}: ${recipients.join(', ')}` },
      env,
      recipients.join(','),
    );
    if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return;
    const now = this.now();
    await Promise.all(
      recipients.map((recipient) =>
        this.sendTransportBack(node, env, recipient, env.originAgency!, ['failed', String(reason)], msg, {
          state: TransportState.TRANSPORT_STATE_FAILED,
          atMs: now,
          failure: reason,
          detail,
        }),
      ),
    );
  }

  /**
   * Routes a transport event about `recipient`'s copy of `env`'s document back to the sender's home
   * node. Its envelope id is made of the document, the recipient and `idParts`, so a retry sends the
   * same event once.
   */
  private async sendTransportBack(
    node: NodeInfo,
    env: IEnvelope,
    recipient: string,
    originAgency: string,
    idParts: string[],
    msg: InboundMessage | undefined,
    event: Pick<ITransportEvent, 'state' | 'atMs'> & Partial<ITransportEvent>,
  ): Promise<void> {
    const now = this.now();
    const back: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor(['transport', env.documentId!, recipient, ...idParts]),
      kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
      documentId: env.documentId!,
      originAgency,
      originNode: node.id,
      recipients: [env.originAgency!],
      createdAtMs: now,
      hops: [],
      hopLimit: this.deps.limits.hopLimit,
      priority: env.priority ?? 0,
      transport: {
        ...event,
        documentId: env.documentId!,
        documentSender: env.originAgency!,
        recipient,
        node: node.id,
      },
    };
    await this.route(node, back, { node: node.id, level: node.level, inMs: now, outMs: now }, msg);
  }

  /** A submission the node refuses: dead letter, and the reason on the submitter's track subject. */
  private async rejectSubmission(
    node: NodeInfo,
    msg: InboundMessage,
    submitter: string,
    env: IEnvelope | undefined,
    problem: Rejection,
  ): Promise<void> {
    await this.deadLetter(node, msg, problem, env);
    const notice = TrackingRecord.create({
      documentId: env?.documentId ?? '',
      sender: submitter,
      transport: TransportState.TRANSPORT_STATE_FAILED,
      failure: problem.reason,
      failureDetail: problem.detail,
      updatedAtMs: this.now(),
      timeline: [
        {
          atMs: this.now(),
          transport: TransportState.TRANSPORT_STATE_FAILED,
          node: node.id,
          description: problem.detail,
        },
      ],
    });
    const h = natsHeaders();
    h.set('Lt-Kind', 'rejection');
    // Told where the submitter follows its tracking: its home node's track subject. A submission on
    // the wrong node's subject (WRONG_HOME_NODE) would otherwise be answered where nobody listens.
    // Only within this domain: another domain's streams are not reachable through this client.
    const home = this.deps.topology.agency(submitter)?.homeNode;
    const homeNode =
      home !== undefined && this.deps.topology.hasNode(home) ? this.deps.topology.node(home) : node;
    const at = homeNode.domain === node.domain ? homeNode : node;
    await this.deps.js.publish(trackSubject(at.level, at.id, submitter), encodeTrackingRecord(notice), {
      msgID: `reject:${msg.stream}:${msg.seq}`,
      headers: h,
    });
    this.deps.log.warn(
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

  private async deadLetter(
    node: NodeInfo,
    msg: InboundMessage | undefined,
    problem: Rejection,
    env: IEnvelope | undefined,
    discriminator = '',
  ): Promise<void> {
    const now = this.now();
    const dedup = msg
      ? `dead:${msg.stream}:${msg.seq}:${problem.reason}:${discriminator}`
      : `dead:${env?.envelopeId ?? 'none'}:${node.id}:${problem.reason}:${discriminator}`;
    await this.deps.dead.put(
      node,
      {
        reason: problem.reason,
        detail: problem.detail,
        subject: msg?.subject ?? '',
        original: msg?.data ?? (env ? encodeEnvelope(env) : new Uint8Array()),
        atMs: now,
        envelopeId: env?.envelopeId ?? '',
        documentId: env?.documentId ?? '',
        originAgency: env?.originAgency ?? '',
      },
      dedup,
    );
    this.deps.metrics?.deadLetter(problem.reason);
    this.deps.log.warn(
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

  private async publish(
    subject: string,
    data: Uint8Array,
    msgID: string,
    env: IEnvelope,
    inbound: MsgHdrs | undefined,
  ): Promise<PubAck> {
    const h = natsHeaders();
    h.set('Lt-Kind', EnvelopeKind[env.kind ?? 0] ?? 'unknown');
    const traceparent = inbound?.get('traceparent');
    if (traceparent) h.set('traceparent', traceparent);
    return this.deps.js.publish(subject, data, { msgID, headers: h });
  }
}

/** The deterministic id of an accepted envelope: a resend of the same thing gets the same id. */
export function envelopeIdOf(env: Envelope): string {
  switch (env.kind) {
    case EnvelopeKind.ENVELOPE_KIND_DOCUMENT: {
      const op = env.document?.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
      return documentEnvelopeId(env.originAgency, env.documentId, op);
    }
    case EnvelopeKind.ENVELOPE_KIND_STATUS: {
      const st = env.status!;
      return envelopeIdFor([
        'status',
        st.responder ?? '',
        st.documentSender ?? '',
        st.documentId ?? '',
        String(st.code),
        String(st.timestampMs),
      ]);
    }
    default:
      return envelopeIdFor([
        'other',
        env.originAgency,
        env.documentId,
        String(env.kind),
        String(env.createdAtMs),
      ]);
  }
}

/**
 * The ids of a submission that parsed but failed validation, read without validating them, for the
 * dead letter and the sender's notice. Nothing for bytes that did not parse, or that were refused
 * for their size before parsing (TOO_LARGE costs no parse).
 */
function readableIds(data: Uint8Array, e: DecodeError): IEnvelope | undefined {
  if (e.reason === FailureReason.FAILURE_REASON_TOO_LARGE) return undefined;
  let raw: Envelope;
  try {
    raw = EnvelopeMessage.decode(data);
  } catch {
    return undefined;
  }
  // The same rules a TrackingRecord's documentId must meet, or the notice would not decode.
  const usable = (s: unknown): s is string =>
    typeof s === 'string' &&
    s !== '' &&
    s.length <= ENVELOPE_LIMITS.maxDocumentIdLength &&
    !/[\p{Cc}\p{Cf}]/u.test(s);
  return {
    ...(usable(raw.documentId) ? { documentId: raw.documentId } : {}),
    ...(usable(raw.envelopeId) ? { envelopeId: raw.envelopeId } : {}),
    ...(isAgencyCode(raw.originAgency) ? { originAgency: raw.originAgency } : {}),
  };
}

/** A signed status, kept in the timeline as the sender's receipt (without the certificate, which the directory holds). */
function receiptOf(st: IStatusReport): { receipt?: IStatusReport } {
  if (!st.signature?.value?.length) return {};
  return { receipt: { ...st, signature: { ...st.signature, certificate: new Uint8Array() } } };
}

/** Envelope ids are lowercase base32 (`envelopeIdOf`): usable as a subject token. */
const ENVELOPE_ID = /^[a-z0-9-]{1,64}$/;

function malformed(detail: string): Rejection {
  return { reason: FailureReason.FAILURE_REASON_MALFORMED, detail };
}

function mismatch(detail: string): Rejection {
  return { reason: FailureReason.FAILURE_REASON_SENDER_MISMATCH, detail };
}

import { inject, injectable } from 'tsyringe';
import { laneOf, msgIdFor, relaySubject } from '@lienthong/core';
import type { ClosedCode, NodeInfo } from '@lienthong/core';
import { BusinessStatus, EnvelopeKind, FailureReason, TransportState } from '@lienthong/proto';
import type { IHop } from '@lienthong/proto';
import { storedAttachments } from './accepted';
import type { AcceptedEnvelope, AcceptedStatus } from './accepted';
import { Attachments } from './attachments';
import { redirectedOnTheWay, redirectsOnTheWay } from './closed-on-the-way';
import type { AttachmentProblem } from './attachments';
import type { ResolvedConfig } from './config';
import { Delivery } from './delivery';
import { encodeEnvelopeShared } from './document-bytes';
import { fanOut } from './fan-out';
import { NeighbourRoom } from './flow';
import type { Clock, InboundMessage, Rejection } from './inbound';
import type { TopologyView } from './live-directory';
import { EnvelopePublisher } from './publisher';
import { Refusals } from './refusals';
import { TOKENS } from './tokens';
import { TrackingApply } from './tracking-apply';
import { passedHops, shortcutTarget } from './shortcut';
import type { HopTarget } from './shortcut';
import { ownHop, statusRefusedBack, transportEventBack } from './transport-events';
import { TransportBatches, goesInBatch } from './transport-batches';

/** Where each recipient of an envelope goes from this node. */
interface RoutePlan {
  readonly local: string[];
  readonly unknown: string[];
  /** Codes closed after the document left its sender's home node, refused here. */
  readonly closed: ClosedCode[];
  /** Codes closed after it left, whose copies go on to their successors (closed-on-the-way.ts). */
  readonly redirected: ClosedCode[];
  /** By the node each copy is published to (the next node, or farther with the shortcut). */
  readonly byNextHop: Map<string, HopTarget & { recipients: string[] }>;
}

/**
 * Routing at one node: splits an envelope's recipients by next hop on the tree, hands a copy to
 * each neighbour's relay queue, and for recipients at home delivers to their inbox or applies a
 * status or transport event to the sender's tracking. Recipients that cannot be reached fail with a
 * dead letter and, for a document, a FAILED transport event routed back to its sender. Resolves only
 * when everything it produced is stored (custody transfer): the caller may then acknowledge.
 */
@injectable()
export class Router {
  constructor(
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(Attachments) private readonly attachments: Attachments,
    @inject(NeighbourRoom) private readonly room: NeighbourRoom,
    @inject(EnvelopePublisher) private readonly publisher: EnvelopePublisher,
    @inject(TransportBatches) private readonly batches: TransportBatches,
    @inject(Delivery) private readonly delivery: Delivery,
    @inject(TrackingApply) private readonly trackingApply: TrackingApply,
    @inject(Refusals) private readonly refusals: Refusals,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {}

  async route(
    node: NodeInfo,
    env: AcceptedEnvelope,
    hop: IHop,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    // Documents with stored attachments go on only once the content is complete in this domain.
    const content = storedAttachments(env).length > 0 ? this.attachments : undefined;
    const receivedAtMs = msg?.storedAtMs ?? this.now();
    const held = content ? await content.hold(env, receivedAtMs) : undefined;
    if (held) {
      await this.failOnTheWay(node, msg, env, env.recipients, held.reason, held.detail);
      return;
    }
    const hops = [...env.hops, hop];
    const plan = this.plan(node, env.recipients, env.hopLimit, (c) => redirectsOnTheWay(env, c));
    const work: Promise<unknown>[] = [];
    if (plan.unknown.length > 0) {
      const reason = FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT;
      work.push(
        this.failOnTheWay(node, msg, env, plan.unknown, reason, `not in the directory of ${node.id}`),
      );
    }
    for (const c of plan.redirected) {
      if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) continue;
      const back = redirectedOnTheWay(node, env, c, this.config.limits.hopLimit, this.now());
      work.push(this.route(node, back, ownHop(node, back.createdAtMs), msg));
    }
    for (const c of plan.closed) {
      // Closed after the document left its sender's home node, under a `refuse` closure (or a
      // status other than a recall): refused here, naming the successor.
      const detail =
        env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS
          ? `the document's sender ${c.code} was closed on ${c.closedAt} (successor ${c.successor}); a status is not carried to a closed code`
          : `${c.code} closed on ${c.closedAt} while the document was on its way; successor ${c.successor}`;
      work.push(
        this.failOnTheWay(node, msg, env, [c.code], FailureReason.FAILURE_REASON_AGENCY_CLOSED, detail),
      );
    }
    // One copy per next hop (and per local recipient below), a window of them at a time (fan-out.ts).
    const copies = [...plan.byNextHop.values()].map(({ target, passed, recipients }) => {
      const via =
        passed.length > 0
          ? [...hops, ...passedHops(passed, typeof hop.outMs === 'number' ? hop.outMs : this.now())]
          : hops;
      return () =>
        this.relay(
          node,
          msg,
          env,
          via,
          target,
          recipients,
          content && (() => content.forward(env, target, receivedAtMs)),
        );
    });
    if (copies.length > 0) work.push(fanOut(copies));
    if (plan.local.length > 0) {
      const here = { ...env, hops };
      work.push(
        this.afterContent(
          content && (() => content.verify(env, receivedAtMs)),
          node,
          msg,
          env,
          plan.local,
          () => fanOut(plan.local.map((r) => () => this.deliverLocal(node, here, r, msg))),
        ),
      );
    }
    // Every branch settles before the handler returns: a failed one makes the message come back,
    // and no branch of this attempt may still be waiting or copying when it does.
    if (work.length === 1) {
      await work[0];
      return;
    }
    const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private plan(
    node: NodeInfo,
    recipients: readonly string[],
    hopLimit: number,
    redirects: (c: ClosedCode) => boolean,
  ): RoutePlan {
    const plan: RoutePlan = { local: [], unknown: [], closed: [], redirected: [], byNextHop: new Map() };
    // A redirected code's successor joins the recipients (once: a successor already among them, or
    // already sent the document another way, is not given a second copy; its inbox keeps one).
    const all = [...recipients];
    for (const r of all) {
      const agency = this.topology.agency(r);
      const closure = agency ? undefined : this.topology.closedCode(r);
      if (closure && redirects(closure)) {
        plan.redirected.push(closure);
        if (!all.includes(closure.successor)) all.push(closure.successor);
        continue;
      }
      if (closure) {
        plan.closed.push(closure);
        continue;
      }
      if (!agency || !this.topology.hasNode(agency.homeNode)) {
        plan.unknown.push(r);
        continue;
      }
      const step = this.topology.nextHop(node.id, agency.homeNode);
      if (step.kind === 'local') {
        plan.local.push(r);
      } else {
        const to = this.config.domainShortcut
          ? shortcutTarget(this.topology, node, step.node, agency.homeNode, hopLimit)
          : { target: step.node, passed: [] };
        const group = plan.byNextHop.get(to.target.id) ?? { ...to, recipients: [] };
        group.recipients.push(r);
        plan.byNextHop.set(to.target.id, group);
      }
    }
    return plan;
  }

  /**
   * Hands a copy for `recipients` to the relay queue for this node at `next` (the next tree node,
   * or with the shortcut the last one on the path in this domain: `hops` then records the nodes
   * passed, and each of them counts against the hop limit).
   */
  private async relay(
    node: NodeInfo,
    msg: InboundMessage | undefined,
    env: AcceptedEnvelope,
    hops: IHop[],
    next: NodeInfo,
    recipients: string[],
    copyContent: (() => Promise<AttachmentProblem | undefined>) | undefined,
  ): Promise<void> {
    const steps = hops.length - env.hops.length; // 1, plus the nodes passed within the domain
    if (env.hopLimit <= 1) {
      const reason = FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED;
      const detail = `hop limit reached at ${node.id} after ${env.hops.length + 1} hops`;
      await this.failOnTheWay(node, msg, env, recipients, reason, detail);
      return;
    }
    const subject = relaySubject(next.level, next.id, laneOf(env.priority), node.id);
    const data = encodeEnvelopeShared({ ...env, recipients, hops, hopLimit: env.hopLimit - steps });
    // The hop count keeps ids unique when a path visits a node twice (an agency moved while its
    // document was on the way): a plain envelope id + next node would be de-duplicated.
    const msgID = msgIdFor(env.envelopeId, `${next.id}#${hops.length}`);
    // Transport events into another domain go together with those waiting for the same queue.
    if (goesInBatch(this.config, env.kind, node, next)) {
      await this.batches.send(subject, data, msgID, msg?.headers, msg?.deliveryCount ?? 1);
      return;
    }
    await this.afterContent(copyContent, node, msg, env, recipients, () =>
      // The next hop's queue for this node may be full: wait for a place (flow.ts).
      this.room.publish(
        subject,
        () => this.publisher.publish(subject, data, msgID, env.kind, msg?.headers),
        msg?.deliveryCount ?? 1,
      ),
    );
  }

  /**
   * Hands on once the attachments' check passes (the content is where the next reader needs it);
   * else these recipients fail with the reason, and the sender is told.
   */
  private async afterContent(
    check: (() => Promise<AttachmentProblem | undefined>) | undefined,
    node: NodeInfo,
    msg: InboundMessage | undefined,
    env: AcceptedEnvelope,
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
    env: AcceptedEnvelope,
    recipient: string,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    switch (env.kind) {
      case EnvelopeKind.ENVELOPE_KIND_STATUS:
        if (env.status.code !== BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
          const refused = await this.trackingApply.status(node, env, recipient, msg);
          if (refused) await this.tellReporter(node, env, recipient, refused, msg);
          return;
        }
        await this.delivery.toInbox(node, env, recipient, msg);
        return;
      case EnvelopeKind.ENVELOPE_KIND_DOCUMENT: {
        const delivered = await this.delivery.toInbox(node, env, recipient, msg);
        if (delivered) await this.route(node, delivered, ownHop(node, delivered.createdAtMs), msg);
        return;
      }
      case EnvelopeKind.ENVELOPE_KIND_TRANSPORT:
        if (env.transport.state === TransportState.TRANSPORT_STATE_STATUS_REFUSED) {
          await this.refusals.statusRefused(node, env);
          return;
        }
        await this.trackingApply.transport(node, env, msg);
        return;
    }
  }

  /** A refused status goes back to its reporter, at its home node (which may be in another domain). */
  private async tellReporter(
    node: NodeInfo,
    env: AcceptedStatus,
    sender: string,
    problem: Rejection,
    msg: InboundMessage | undefined,
  ): Promise<void> {
    const now = this.now();
    const back = statusRefusedBack(node, env, sender, problem, this.config.limits.hopLimit, now);
    await this.route(node, back, ownHop(node, now), msg);
  }

  /**
   * An envelope relayed to a node the directory does not have (taken by a level-wide consumer, at
   * `node`, a node hosted here): none of its recipients can be reached through it. Fails it on the
   * way as below, so that its sender (or a status's reporter) is told, not only the operators.
   */
  failUnroutable(node: NodeInfo, msg: InboundMessage, env: AcceptedEnvelope, detail: string): Promise<void> {
    return this.failOnTheWay(
      node,
      msg,
      env,
      env.recipients,
      FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
      detail,
    );
  }

  /**
   * Some recipients cannot be reached from here: dead-letter the envelope for them and, for a
   * document, send a FAILED transport event back to the sender's home node; a status reported on a
   * document goes back to its reporter as refused.
   */
  private async failOnTheWay(
    node: NodeInfo,
    msg: InboundMessage | undefined,
    env: AcceptedEnvelope,
    recipients: readonly string[],
    reason: FailureReason,
    detail: string,
  ): Promise<void> {
    const problem = { reason, detail: `${detail}: ${recipients.join(', ')}` };
    await this.refusals.deadLetter(node, msg, problem, env, recipients.join(','));
    if (
      env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
      env.status.code !== BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
    ) {
      await this.tellReporter(node, env, env.status.documentSender, problem, msg);
      return;
    }
    if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return;
    const now = this.now();
    await Promise.all(
      recipients.map((recipient) => {
        const back = transportEventBack({
          node,
          about: env,
          recipient,
          originAgency: env.originAgency,
          idParts: ['failed', String(reason)],
          news: { state: TransportState.TRANSPORT_STATE_FAILED, atMs: now, failure: reason, detail },
          hopLimit: this.config.limits.hopLimit,
          now,
        });
        return this.route(node, back, ownHop(node, now), msg);
      }),
    );
  }
}

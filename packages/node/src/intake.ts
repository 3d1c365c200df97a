import { inject, injectable } from 'tsyringe';
import { DecodeError, LienthongError, parseSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { BusinessStatus, EnvelopeKind, FailureReason } from '@lienthong/proto';
import type { Envelope, IEnvelope, IHop } from '@lienthong/proto';
import { acceptEnvelope, isRejection } from './accepted';
import { ClosedRecipients } from './closed-recipients';
import { sharedDocuments } from './document-bytes';
import type { AcceptedEnvelope } from './accepted';
import { Attachments } from './attachments';
import type { ResolvedConfig } from './config';
import { ContentPossession } from './content-held';
import { EdxmlSignatures } from './edxml-signatures';
import { ENVELOPE_ID, envelopeIdOf, readableIds } from './envelope-ids';
import { SubmitPacer, deferredSubmission } from './flow';
import { malformed } from './inbound';
import type { Clock, Disposition, InboundMessage } from './inbound';
import type { TopologyView } from './live-directory';
import { Refusals } from './refusals';
import { RelayFastPath } from './relay-fast-path';
import { Router } from './router';
import { SignaturePolicy } from './signature-policy';
import { msgIdRejection } from './submit-guard';
import { checkSubmission, documentRecipients } from './submission-rules';
import type { SubmissionContext } from './submission-rules';
import { TOKENS } from './tokens';
import { TrackingApply } from './tracking-apply';
import { fanOut } from './fan-out';
import { readRoutingFields } from './relay-fast-path';
import { isBatch, readBatch } from './batch-wire';

/**
 * Where a message enters a node: an agency's submission at its home node (decoded, checked,
 * signature verified, given its deterministic envelope id, tracking opened), or an envelope a
 * neighbour relayed. Both are turned into an accepted envelope once, here, and routed on. What the
 * node refuses becomes a dead letter (and, for a submission, a notice to the submitter); anything
 * thrown is transient and the caller retries the whole message.
 */
@injectable()
export class Intake {
  private readonly rules: SubmissionContext;

  constructor(
    @inject(SubmitPacer) private readonly pacer: SubmitPacer,
    @inject(SignaturePolicy) private readonly signatures: SignaturePolicy,
    @inject(ContentPossession) private readonly possession: ContentPossession,
    @inject(Attachments) attachments: Attachments,
    @inject(TOKENS.Topology) topology: TopologyView,
    @inject(TrackingApply) private readonly trackingApply: TrackingApply,
    @inject(Router) private readonly router: Router,
    @inject(Refusals) private readonly refusals: Refusals,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(ClosedRecipients) private readonly closedCodes: ClosedRecipients,
    @inject(EdxmlSignatures) private readonly edxml: EdxmlSignatures,
    @inject(RelayFastPath) private readonly fastPath: RelayFastPath,
  ) {
    this.rules = { topology, checkAttachments: (doc) => attachments.check(doc) };
  }

  async submit(node: NodeInfo, msg: InboundMessage): Promise<Disposition> {
    const parsed = parseSubject(msg.subject);
    if (parsed?.kind !== 'submit') {
      const reason = FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE;
      await this.refusals.deadLetter(
        node,
        msg,
        { reason, detail: `${msg.subject} does not name an agency` },
        undefined,
      );
      return 'dead-lettered';
    }
    const submitter = parsed.agency;
    // Over its pace, a submission waits in the agency's queue: taken again when its turn comes.
    const wait = this.pacer.admit(submitter, parsed.lane, msg.data.length, `${msg.stream}:${msg.seq}`);
    if (wait) throw deferredSubmission(submitter, wait);
    const env = this.decode(msg);
    if (env instanceof DecodeError) {
      // Keep the ids it could be read that far (a wrong schema version, a bad agency code…): the dead
      // letter and the sender's notice then name the document.
      const ids = readableIds(msg.data, env);
      await this.refusals.rejectSubmission(node, msg, submitter, ids, {
        reason: env.reason,
        detail: env.message,
      });
      return 'dead-lettered';
    }
    const now = this.now();
    const accepted = acceptEnvelope(env, {
      originNode: node.id,
      envelopeId: envelopeIdOf(env),
      createdAtMs: env.createdAtMs > 0 ? env.createdAtMs : now,
      hops: [],
      hopLimit: this.config.limits.hopLimit,
      priority:
        env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? (env.document?.priority ?? 0) : env.priority,
    });
    const problem =
      checkSubmission(this.rules, node, submitter, env) ??
      msgIdRejection(submitter, msg.headers) ??
      (isRejection(accepted) ? accepted : this.signatures.check(env, msg.storedAtMs)) ??
      (await this.possession.problem(node, submitter, env.document));
    if (problem || isRejection(accepted)) {
      await this.refusals.rejectSubmission(node, msg, submitter, env, problem ?? malformed('not accepted'));
      return 'dead-lettered';
    }
    const judged = await this.edxml.judge(node, env, msg.storedAtMs);
    if (judged.refusal) {
      await this.refusals.rejectSubmission(node, msg, submitter, env, judged.refusal);
      return 'dead-lettered';
    }
    const withVerdict = judged.verdict ? { ...accepted, edxmlSignature: judged.verdict } : accepted;
    // The new records' track publishes go on while the document is handed on: both are stored
    // before the submission is acknowledged.
    const trackPublishes: Promise<unknown>[] = [];
    const routed = await this.openRecords(node, msg, withVerdict, now, trackPublishes);
    if (!routed) {
      await Promise.all(trackPublishes);
      return 'dead-lettered';
    }
    const hop: IHop = { node: node.id, level: node.level, inMs: msg.storedAtMs, outMs: now };
    const disposition = await this.permanentAsDeadLetter(node, msg, routed, () =>
      this.router.route(node, routed, hop, msg),
    );
    await Promise.all(trackPublishes);
    return disposition;
  }

  /**
   * A document opens a tracking record per recipient, a recall marks them; the envelope goes on to
   * the recipients that have one. Undefined when nobody is left to route it to.
   */
  private async openRecords(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedEnvelope,
    now: number,
    trackPublishes: Promise<unknown>[],
  ): Promise<AcceptedEnvelope | undefined> {
    if (env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT) {
      const resolved = this.closedCodes.resolve(documentRecipients(env.document));
      await this.closedCodes.record(node, env, resolved.closed, now);
      const recipients = await this.trackingApply.open(
        node,
        msg,
        env,
        resolved.recipients,
        now,
        trackPublishes,
      );
      await this.closedCodes.link(env, resolved.closed);
      return recipients.length > 0 ? { ...env, recipients } : undefined;
    }
    if (
      env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
      env.status.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
    ) {
      const recipients = await this.trackingApply.recall(node, msg, env, now);
      // A closed code's recall goes to its successor (redirect) or nowhere (refuse: never delivered).
      return recipients === undefined
        ? undefined
        : { ...env, recipients: this.closedCodes.resolve(recipients).recipients };
    }
    return env;
  }

  /**
   * A message on a subject no hosted node answers for, kept as a dead letter of `node`. A document
   * or status relayed there (to a node the directory does not have) fails on the way: its sender's
   * records say FAILED, a status goes back to its reporter as refused.
   */
  async unroutable(node: NodeInfo, msg: InboundMessage, detail: string): Promise<Disposition> {
    const env = parseSubject(msg.subject)?.kind === 'relay' ? this.decode(msg) : undefined;
    const accepted =
      env && !(env instanceof DecodeError) && ENVELOPE_ID.test(env.envelopeId)
        ? acceptEnvelope(env)
        : undefined;
    if (accepted && !isRejection(accepted)) {
      await this.router.failUnroutable(node, msg, accepted, detail);
      return 'dead-lettered';
    }
    await this.refusals.deadLetter(node, msg, malformed(detail), undefined);
    return 'dead-lettered';
  }

  /** An envelope a neighbour handed over, on its way to its recipients. */
  async relay(node: NodeInfo, msg: InboundMessage): Promise<Disposition> {
    if (isBatch(msg.headers)) return this.relayBatch(node, msg);
    // Only passing through: handed on as received, the new hops appended (relay-fast-path.ts).
    if (await this.fastPath.forward(node, msg)) return 'forwarded';
    const env = this.decode(msg);
    if (env instanceof DecodeError) {
      await this.refusals.deadLetter(node, msg, { reason: env.reason, detail: env.message }, undefined);
      return 'dead-lettered';
    }
    // A neighbour's envelope id becomes a subject token (the inbox item key): it must be one.
    const accepted = ENVELOPE_ID.test(env.envelopeId)
      ? acceptEnvelope(env)
      : malformed(`envelope id '${env.envelopeId.slice(0, 64)}' is not of the form the home node gives`);
    if (isRejection(accepted)) {
      await this.refusals.deadLetter(node, msg, accepted, env);
      return 'dead-lettered';
    }
    const hop: IHop = { node: node.id, level: node.level, inMs: msg.storedAtMs, outMs: this.now() };
    return this.permanentAsDeadLetter(node, msg, accepted, () => this.router.route(node, accepted, hop, msg));
  }

  /**
   * Transport events that crossed from another domain together (transport-batches.ts): each entry is
   * handled as if it had arrived alone, and the batch is done when all of them are. An entry that is
   * not a transport event is dead-lettered; the others go on.
   */
  private async relayBatch(node: NodeInfo, msg: InboundMessage): Promise<Disposition> {
    const entries = readBatch(msg.data);
    if (!Array.isArray(entries)) {
      await this.refusals.deadLetter(node, msg, entries, undefined);
      return 'dead-lettered';
    }
    const outcomes: Disposition[] = [];
    await fanOut(
      entries.map((data) => async () => {
        const entry: InboundMessage = { ...msg, data, headers: undefined };
        const kind = readRoutingFields(data)?.kind;
        if (kind !== EnvelopeKind.ENVELOPE_KIND_TRANSPORT) {
          const what =
            kind === undefined ? 'does not read as an envelope' : `is ${EnvelopeKind[kind] ?? kind}`;
          await this.refusals.deadLetter(
            node,
            entry,
            malformed(`a batch carries only transport events; this entry ${what}`),
            undefined,
          );
          outcomes.push('dead-lettered');
          return;
        }
        outcomes.push(await this.relay(node, entry));
      }),
    );
    return outcomes.includes('forwarded') ? 'forwarded' : 'dead-lettered';
  }

  private decode(msg: InboundMessage): Envelope | DecodeError {
    try {
      return sharedDocuments.decode(msg.data, { maxBytes: this.config.limits.maxEnvelopeBytes });
    } catch (e) {
      if (e instanceof DecodeError) return e;
      throw e;
    }
  }

  /**
   * An error that a retry cannot cure (our own validation refusing something about the message)
   * dead-letters the message instead of retrying it forever; anything else is transient.
   */
  private async permanentAsDeadLetter(
    node: NodeInfo,
    msg: InboundMessage,
    env: IEnvelope,
    route: () => Promise<void>,
  ): Promise<Disposition> {
    try {
      await route();
      return 'forwarded';
    } catch (e) {
      if (!(e instanceof LienthongError) || (e.code !== 'InvalidArgument' && e.code !== 'NotFound')) throw e;
      await this.refusals.deadLetter(node, msg, malformed(`cannot be processed: ${e.message}`), env);
      return 'dead-lettered';
    }
  }
}

/**
 * Hands envelopes to the home node: signs what it carries, refuses what the node would dead-letter,
 * publishes to the agency's submit subject (the urgent lane for priority 3–4) and waits for the
 * PubAck, which is custody. Retries while the broker is unreachable; paces itself when the agency's
 * queue at its home node is full.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  DEFAULT_MAX_BYTES,
  checkEncodedEnvelope,
  encodeEnvelope,
  envelopeIdFor,
  laneOf,
  signDocument,
  signStatus,
  submitMsgId,
  submitSubject,
} from '@lienthong/core';
import type { SigningKey } from '@lienthong/core';
import { EnvelopeKind, SCHEMA_VERSION } from '@lienthong/proto';
import type { BusinessStatus, IEnvelope, ISubmitLimits, IStaff, Priority } from '@lienthong/proto';
import { canceled, retryWhileUnavailable, traceparentOf, withCall } from './call';
import type { CallOptions } from './call';
import { backpressureOf, withCapacity } from './flow';
import type { Session } from './session';

/** What the home node said when it took an envelope. */
export interface Custody {
  /** The node already had this message id (a resend within its duplicate window). */
  readonly duplicate: boolean;
  /** The trace the envelope travels under. */
  readonly traceparent: string;
}

/** A status report to submit: who reports what on which document, to whom. */
export interface StatusToSubmit {
  readonly documentId: string;
  /** The document's sender. */
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly code: BusinessStatus;
  readonly timestampMs: number;
  readonly priority: Priority;
  readonly description?: string;
  readonly staff?: IStaff | null;
  /** SHA-256 of the document received, in a signed 01: the sender's proof of receipt. */
  readonly contentSha256?: Uint8Array;
  /** The edXML Status package the status was mapped from, carried unchanged. */
  readonly edxmlOriginal?: Uint8Array;
}

export class Submitter {
  constructor(
    private readonly session: Session,
    private readonly signingKey: SigningKey | undefined,
    /** This agency's submission limits from the directory, for the suggested wait after a refusal. */
    private readonly limits: ISubmitLimits | undefined,
    /** The key of this agency's submission message ids (from its credentials): see `submitMsgId`. */
    private readonly msgIdKey: Uint8Array | undefined,
  ) {}

  /** The message id of a submission of this agency made of `parts` (`submitMsgId`). */
  msgId(parts: readonly string[]): string {
    return submitMsgId(this.session.agency, parts, this.msgIdKey);
  }

  /** Whether what this client submits is signed. */
  get signs(): boolean {
    return this.signingKey !== undefined;
  }

  /**
   * Submits `env` under message id `msgID`. When the agency's queue is full it fails with a
   * BackpressureError or, with `waitForCapacity` (the default), waits and retries until the deadline.
   */
  async submit(
    what: string,
    env: IEnvelope,
    msgID: string,
    opts: CallOptions,
    flow: { waitForCapacity: boolean } = { waitForCapacity: true },
  ): Promise<Custody> {
    const { agency, homeNode, js, defaultTimeoutMs } = this.session;
    const subject = submitSubject(homeNode.level, homeNode.id, agency, laneOf(env.priority ?? 0));
    const traceparent = traceparentOf(opts);
    const h = natsHeaders();
    h.set('traceparent', traceparent);
    const signed = this.sign(env);
    const data = encodeEnvelope(signed);
    // Refuse here what the home node would dead-letter: too large, malformed, bad agency codes
    // (the rules of its decode, applied to the object encoded rather than to the bytes decoded again).
    checkEncodedEnvelope(signed, data, { maxBytes: DEFAULT_MAX_BYTES });
    if (opts.signal?.aborted) throw canceled(what, opts.signal.reason);
    const refusal = { agency, subject, limits: this.limits, bytes: data.length };
    return withCall(what, opts, defaultTimeoutMs, (ctx) =>
      withCapacity(ctx, flow.waitForCapacity, () =>
        retryWhileUnavailable(what, ctx, async (remainingMs) => {
          try {
            const ack = await js.publish(subject, data, { msgID, timeout: remainingMs, headers: h });
            return { duplicate: ack.duplicate, traceparent };
          } catch (e) {
            throw backpressureOf(what, e, refusal) ?? e;
          }
        }),
      ),
    );
  }

  /** Submits a status report of this agency; status reports always wait for capacity. */
  async submitStatus(what: string, s: StatusToSubmit, opts: CallOptions): Promise<void> {
    const { agency, homeNode } = this.session;
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor([
        'submit-status',
        agency,
        s.documentId,
        String(s.code),
        String(s.timestampMs),
      ]),
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId: s.documentId,
      originAgency: agency,
      originNode: homeNode.id,
      recipients: [...s.recipients],
      createdAtMs: s.timestampMs,
      priority: s.priority,
      status: {
        code: s.code,
        responder: agency,
        documentId: s.documentId,
        documentSender: s.sender,
        description: s.description ?? '',
        timestampMs: s.timestampMs,
        ...(s.staff ? { staff: s.staff } : {}),
        ...(s.contentSha256 ? { documentSha256: s.contentSha256 } : {}),
        ...(s.edxmlOriginal ? { edxmlOriginal: s.edxmlOriginal } : {}),
      },
    };
    // The message id names the responder: two recipients' 01s can carry the same delivery time.
    const msgID = this.msgId(['status', s.sender, s.documentId, String(s.code), String(s.timestampMs)]);
    await this.submit(what, env, msgID, opts);
  }

  private sign(env: IEnvelope): IEnvelope {
    if (!this.signingKey) return env;
    const signedAtMs = Date.now();
    let out = env;
    if (out.document) out = { ...out, document: signDocument(out.document, this.signingKey, signedAtMs) };
    if (out.status) out = { ...out, status: signStatus(out.status, this.signingKey, signedAtMs) };
    return out;
  }
}

/**
 * Sending documents: the package (document, recipients, attachments) made into an envelope and
 * handed to the submitter. Attachments over the inline limit are uploaded first as stored content.
 */
import { randomUUID } from 'node:crypto';
import type { ContentStore } from '@lienthong/content';
import { LienthongError, assertDocumentIdOf, envelopeIdFor, isRefusedRecord } from '@lienthong/core';
import { BusinessOperation, EnvelopeKind, SCHEMA_VERSION } from '@lienthong/proto';
import type { IDocument, IEnvelope, TrackingRecord } from '@lienthong/proto';
import { prepareAttachments } from './attachments';
import { checkCall, withCall } from './call';
import type { AttachmentLimits } from './attachments';
import type { KnownRecipients } from './recipients';
import type { Session } from './session';
import type { Submitter } from './submitter';
import type { TrackingReader } from './tracking-reader';
import type { SendOptions, SendReceipt } from './types';
import { checkAttachmentSize, checkDocumentShape, recipientsOf, requireId } from './validate';

export class DocumentSender {
  constructor(
    private readonly session: Session,
    private readonly submitter: Submitter,
    private readonly content: ContentStore,
    private readonly attachmentLimits: AttachmentLimits,
    private readonly recipients: KnownRecipients,
    /** This agency's tracking: what confirms a duplicate the home node reports. */
    private readonly tracking: TrackingReader,
  ) {}

  /** Hands a document to the home node; resolves once the node has custody of it. */
  async send(document: IDocument, opts: SendOptions): Promise<SendReceipt> {
    const { agency, homeNode } = this.session;
    checkDocumentShape('send', document, opts.priority);
    const documentId = assertDocumentIdOf(requireId('send', document.documentId), agency);
    const to = recipientsOf('send', opts.to ?? (document.to ?? []).map((o) => o.code ?? ''));
    // Under the call's deadline, its errors typed like the rest of send()'s; recipients looked up
    // within the last minute need no look-up, and no deadline of their own (the usual case).
    if (this.recipients.allKnown(to)) checkCall('send', opts, this.session.defaultTimeoutMs);
    else
      await withCall('send', opts, this.session.defaultTimeoutMs, () => this.recipients.assert('send', to));
    const doc = await this.withAttachments({ ...document, documentId }, to, opts);
    const op = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor(['submit', agency, documentId, String(op)]),
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId,
      originAgency: agency,
      originNode: homeNode.id,
      recipients: to,
      createdAtMs: Date.now(),
      priority: doc.priority ?? 0,
      document: doc,
    };
    const msgID = this.submitter.msgId(['document', documentId, String(op)]);
    const flow = { waitForCapacity: opts.waitForCapacity ?? false };
    let ack = await this.submitter.submit('send', env, msgID, opts, flow);
    if (ack.duplicate) {
      // "Already there" only when this agency's tracking knows the document; otherwise hand it over
      // again under a fresh id (the inbox keeps one item per envelope id: delivered once either way).
      const held = (await this.tracking.snapshot(documentId, opts)).filter((r) => !isRefusedRecord(r));
      if (held.length === 0) {
        ack = await this.submitter.submit('send', env, `${msgID}:${randomUUID()}`, opts, flow);
      } else assertSentTo(documentId, to, held);
    }
    return { documentId, duplicate: ack.duplicate, recipients: to, traceparent: ack.traceparent };
  }

  /** The document as sent: from this agency, to `to`, with the options' priority and due date and every attachment. */
  private async withAttachments(
    document: IDocument,
    to: readonly string[],
    opts: SendOptions,
  ): Promise<IDocument> {
    const byCode = new Map((document.to ?? []).map((o) => [o.code, o]));
    for (const a of document.attachments ?? []) checkAttachmentSize(a);
    const attached = await prepareAttachments(this.content, opts.attachments ?? [], this.attachmentLimits, {
      first: (document.attachments ?? []).length,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return {
      ...document,
      from: { ...document.from, code: this.session.agency },
      to: to.map((code) => ({ ...byCode.get(code), code })),
      ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      ...(opts.dueDate !== undefined ? { dueDate: opts.dueDate } : {}),
      attachments: [...(document.attachments ?? []), ...attached],
    };
  }
}

/**
 * A resend the home node took as a duplicate names only recipients the document was sent to: one it
 * was not sent to would never get it (the resend is not processed), so the call says so and names
 * the way to add recipients, rather than a receipt that lists them.
 */
function assertSentTo(documentId: string, to: readonly string[], held: readonly TrackingRecord[]): void {
  // A closed code's record answers for it, and its successor's answers for the closed code.
  const sent = new Set(held.flatMap((r) => [r.recipient, ...r.answersFor]));
  const missing = to.filter((code) => !sent.has(code));
  if (missing.length === 0) return;
  const had = [...new Set(held.map((r) => r.recipient))].join(', ');
  throw new LienthongError(
    'AlreadyExists',
    `send: document ${documentId} was sent before, to ${had}; a document is sent once, so ${missing.join(', ')} would not get it: add recipients with update(${documentId}, anUpdate, { addRecipients })`,
    { context: { what: 'send', documentId, missing } },
  );
}

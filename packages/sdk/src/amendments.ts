/**
 * What a sender does to a document it already sent: recall it (13), send an update (cập nhật) or a
 * replacement (thay thế). Each looks up the document's recipients in its tracking records first.
 */
import { BusinessOperation, BusinessStatus } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import type { DocumentSender } from './documents';
import type { Session } from './session';
import type { Submitter } from './submitter';
import type { TrackingReader } from './tracking-reader';
import type { RecallOptions, ReplaceOptions, SendReceipt, UpdateOptions } from './types';
import { invalid, recipientsOf, requireId, requireReason } from './validate';

export class Amendments {
  constructor(
    private readonly session: Session,
    private readonly documents: DocumentSender,
    private readonly submitter: Submitter,
    private readonly tracking: TrackingReader,
  ) {}

  /** Asks the recipients (all, or `opts.recipients`) to give a sent document back (13). */
  async recall(documentId: string, opts: RecallOptions): Promise<void> {
    const { agency } = this.session;
    const reason = requireReason('recall', opts.reason);
    const records = await this.tracking.sentRecords('recall', documentId, opts);
    const all = records.map((r) => r.recipient);
    const wanted = opts.recipients ? recipientsOf('recall', opts.recipients) : all;
    const strangers = wanted.filter((r) => !all.includes(r));
    if (strangers.length > 0) {
      throw invalid('recall', `${strangers.join(', ')} did not receive ${documentId}`);
    }
    await this.submitter.submitStatus(
      'recall',
      {
        documentId,
        sender: agency,
        recipients: wanted,
        code: BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
        timestampMs: Date.now(),
        priority: records[0]?.priority ?? 0,
        description: reason,
        ...(opts.staff ? { staff: opts.staff } : {}),
      },
      opts,
    );
  }

  /** Sends `document` as an update of `original`, to its recipients plus `addRecipients`. */
  async update(original: string, document: IDocument, opts: UpdateOptions): Promise<SendReceipt> {
    const documentId = requireId('update', document.documentId);
    if (documentId === original) {
      throw invalid('update', 'an update carries its own document id, not the original one');
    }
    const reason = requireReason('update', opts.reason);
    const added = recipientsOf('update', opts.addRecipients ?? [], true);
    const removed = recipientsOf('update', opts.removeRecipients ?? [], true);
    const current = (await this.tracking.sentRecipients('update', [original], opts)).get(original) ?? [];
    const unknown = removed.filter((r) => !current.includes(r));
    if (unknown.length > 0) {
      throw invalid('update', `cannot remove ${unknown.join(', ')}: not a recipient of ${original}`);
    }
    const to = [...new Set([...current, ...added])];
    return this.documents.send(
      {
        ...document,
        responseFor: [
          ...(document.responseFor ?? []),
          { documentId: original, organCode: this.session.agency },
        ],
        business: {
          operation: BusinessOperation.BUSINESS_OPERATION_UPDATE,
          reason,
          addedRecipients: added,
          removedRecipients: removed,
        },
      },
      { ...opts, to },
    );
  }

  /** Sends `document` as the replacement of `originals`, to `opts.to`, else its own, else theirs. */
  async replace(
    originals: readonly string[],
    document: IDocument,
    opts: ReplaceOptions,
  ): Promise<SendReceipt> {
    if (originals.length === 0) throw invalid('replace', 'name at least one document to replace');
    const documentId = requireId('replace', document.documentId);
    if (originals.includes(documentId)) {
      throw invalid('replace', 'a replacement carries its own document id, not the replaced one');
    }
    const reason = requireReason('replace', opts.reason);
    const byOriginal = await this.tracking.sentRecipients('replace', originals, opts);
    const given = opts.to ?? (document.to ?? []).map((o) => o.code ?? '');
    const to = given.length > 0 ? given : [...new Set([...byOriginal.values()].flat())];
    return this.documents.send(
      {
        ...document,
        responseFor: [
          ...(document.responseFor ?? []),
          ...originals.map((id) => ({ documentId: id, organCode: this.session.agency })),
        ],
        business: {
          operation: BusinessOperation.BUSINESS_OPERATION_REPLACE,
          reason,
          replaces: [...originals],
        },
      },
      { ...opts, to },
    );
  }
}

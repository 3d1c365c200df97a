import { headers as natsHeaders, connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import {
  BUCKETS,
  STREAMS,
  DEFAULT_MAX_BYTES,
  LienthongError,
  agencyToToken,
  assertAgencyCode,
  assertStatusMove,
  decodeEnvelope,
  decodeTrackingRecord,
  describeStatus,
  directoryKeys,
  encodeEnvelope,
  documentEnvelopeId,
  envelopeIdFor,
  inboxFilter,
  inboxSubject,
  isAgencyCode,
  laneOf,
  submitSubject,
  trackSubject,
  trackingDocumentFilter,
  trackingSenderFilter,
  buildReceiptProof,
  documentSha256,
  signDocument,
  signStatus,
  verifyDocument,
  verifyStatus,
} from '@lienthong/core';
import type { ReceiptProof, SigningKey } from '@lienthong/core';
import {
  AgencyRecord,
  BusinessOperation,
  BusinessStatus,
  EnvelopeKind,
  FailureReason,
  NodeRecord,
  SCHEMA_VERSION,
} from '@lienthong/proto';
import type {
  IAttachment,
  IPublicKey,
  IDocument,
  IEnvelope,
  IStaff,
  ISubmitLimits,
  Level,
  Priority,
  TrackingRecord,
} from '@lienthong/proto';
import { ContentStore, DEFAULT_MAX_ATTACHMENT_BYTES } from '@lienthong/content';
import { DEFAULT_ATTACHMENT_LIMITS, prepareAttachments, receivedAttachments } from './attachments';
import type { AttachmentLimits, AttachmentProgress, AttachmentSource } from './attachments';
import { canceled, normalize, retryWhileUnavailable, traceparentOf, withCall } from './call';
import type { CallOptions } from './call';
import { backpressureOf, withCapacity } from './flow';
import { Inbox } from './inbox';
import type { InboxOptions } from './inbox';
import { isIdentity, securityOptions } from './security';
import type { Credentials, TlsSettings } from './security';
import { listTrackingKeys } from './tracking-keys';
import { Tracker } from './tracking';

export type { Credentials, TlsSettings };

export interface ConnectOptions extends CallOptions {
  /** NATS server URL(s) of the agency's home node. */
  readonly servers: string | readonly string[];
  /** This client's agency code, `AAA.BB.CC.Xnn`. */
  readonly agency: string;
  /** Connection name shown on the server. */
  readonly name?: string;
  /** JetStream domain of the home node, when it has one. */
  readonly domain?: string;
  /** The agency's NATS credentials: its nkey identity (`{ nkeySeed }` or `{ seedFile }`), user/pass or token. */
  readonly credentials?: Credentials;
  /** TLS to the servers (`tls://` URLs): the CA to trust and, when the server verifies clients, a certificate. */
  readonly tls?: TlsSettings;
  /** @deprecated use `credentials`. */
  readonly auth?: { readonly user?: string; readonly pass?: string; readonly token?: string };
  /** Default deadline of each call; 10 s. */
  readonly defaultTimeoutMs?: number;
  /**
   * The agency's signing key: documents and status reports are then signed (docs/SECURITY.md).
   * Required once the agency has keys in the directory: its home node refuses unsigned submissions.
   */
  readonly signingKey?: SigningKey;
  /**
   * Largest attachment `send()` accepts: set it to the home node's `limits.maxAttachmentBytes`
   * (200 MiB by default, as the node's).
   */
  readonly maxAttachmentBytes?: number;
  /**
   * Attachments up to this size travel inside the document; 256 KiB, as the node's
   * `limits.maxInlineAttachmentBytes`: set both lower together.
   */
  readonly maxInlineAttachmentBytes?: number;
  /** Bytes per chunk of stored attachments; 256 KiB. */
  readonly attachmentChunkSize?: number;
}

/** What the SDK found checking the signature of an inbox item against the directory's keys. */
export type ItemSignature =
  | { readonly state: 'verified'; readonly keyId: string; readonly signedAtMs: number }
  /** Not signed, and its sender has no registered keys. */
  | { readonly state: 'unsigned' }
  /** Signed, but the sender has no registered keys to check it with. */
  | { readonly state: 'unverifiable'; readonly detail: string }
  /** The signature does not verify: do not act on the item (its home node should have refused it). */
  | { readonly state: 'invalid'; readonly reason: FailureReason; readonly detail: string };

/** Largest attachment that travels inside the document, in bytes (256 KiB); larger ones are stored content. */
export const MAX_INLINE_ATTACHMENT_BYTES = DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes;

export interface SendOptions extends CallOptions {
  /** Recipients' agency codes; replaces `document.to` when given. */
  readonly to?: readonly string[];
  /**
   * Attached files, as bytes (`data`), a file (`path`) or a stream (`stream`, `size` if known); size
   * and SHA-256 are computed. Up to {@link MAX_INLINE_ATTACHMENT_BYTES} travel inside the document,
   * larger ones are uploaded first as chunked, content-addressed content (up to
   * `maxAttachmentBytes`), with bounded memory.
   */
  readonly attachments?: readonly AttachmentSource[];
  /** Upload progress of each stored attachment, and of each inline one once taken. */
  readonly onProgress?: (p: AttachmentProgress) => void;
  readonly priority?: Priority;
  /** Hạn xử lý, ISO date yyyy-MM-dd. */
  readonly dueDate?: string;
  /**
   * When the home node pushes back (this agency has as many submissions waiting as it may), wait the
   * suggested time and try again until the call's deadline, instead of failing at once with a
   * BackpressureError (code ResourceExhausted, `retryAfterMs`). Default false.
   */
  readonly waitForCapacity?: boolean;
}

export interface SendReceipt {
  readonly documentId: string;
  /**
   * True when the home node already had this package (a resend within its duplicate window):
   * nothing is delivered twice. A resend after the window is not flagged, and still delivered once.
   */
  readonly duplicate: boolean;
  readonly recipients: readonly string[];
  /** The trace the package travels under (`traceparent` header at every hop). */
  readonly traceparent: string;
}

export interface UpdateOptions extends Omit<SendOptions, 'to'> {
  /** Why the document is updated (edXML BussinessDocReason); required. */
  readonly reason: string;
  /** Agencies that receive the document from now on; they get the update too. */
  readonly addRecipients?: readonly string[];
  /** Recipients of the original that no longer concern it; they get the update, which says so. */
  readonly removeRecipients?: readonly string[];
}

export interface ReplaceOptions extends SendOptions {
  /** Why the documents are replaced; required. Recipients: `to`, else the new document's, else the originals'. */
  readonly reason: string;
}

export interface ReportOptions extends CallOptions {
  /** The document's sender; taken from the document id (`{sender},{date},{number}`) when omitted. */
  readonly sender?: string;
  readonly staff?: IStaff;
  /** Free text; the reason for 02 and 16 (required there). */
  readonly description?: string;
  /**
   * The document's priority: statuses of urgent documents (3, 4) travel in the urgent lane. Default:
   * the priority the document had when this client's inbox handed it out, else normal.
   */
  readonly priority?: Priority;
  /** When the status was decided, Unix ms (default now); a resend with the same time is a duplicate. */
  readonly timestampMs?: number;
  /** The edXML Status package this report was mapped from, carried unchanged (the HTTP gateway). */
  readonly edxmlOriginal?: Uint8Array;
}

export interface RecallOptions extends CallOptions {
  /** Why the document is asked back; required. */
  readonly reason: string;
  readonly staff?: IStaff;
  /** Only these recipients; default: all. */
  readonly recipients?: readonly string[];
}

export interface SentQuery extends CallOptions {
  /** Only documents sent at or after this time. */
  readonly since?: Date | number;
  /** Only documents where some recipient's business status is this one. */
  readonly status?: BusinessStatus;
  /** Only documents with (true) or without (false) an overdue recipient. */
  readonly overdue?: boolean;
}

/** One document this agency sent, with every recipient's tracking record. */
export interface SentDocument {
  readonly documentId: string;
  readonly subject: string;
  readonly priority: Priority;
  readonly sentAtMs: number;
  /** Latest change of any recipient's record. */
  readonly updatedAtMs: number;
  /** Some recipient has not confirmed arrival (01) past its deadline. */
  readonly overdue: boolean;
  readonly recipients: readonly TrackingRecord[];
}

export type ConnectionEvent = {
  readonly type: 'disconnect' | 'reconnect' | 'reconnecting' | 'error' | 'close';
  /** The server lost or regained, when known. */
  readonly server?: string;
  readonly error?: Error;
};

/** Statuses a recipient reports with `report()`: 01 comes from `item.ack()`, 13 from `recall()`. */
const REPORTABLE: ReadonlySet<BusinessStatus> = new Set([
  BusinessStatus.BUSINESS_STATUS_REJECTED,
  BusinessStatus.BUSINESS_STATUS_ACCEPTED,
  BusinessStatus.BUSINESS_STATUS_ASSIGNED,
  BusinessStatus.BUSINESS_STATUS_IN_PROGRESS,
  BusinessStatus.BUSINESS_STATUS_COMPLETED,
  BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED,
  BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED,
]);

/** What this client reported on one received document, to refuse illegal moves before sending. */
interface ReportedState {
  business: BusinessStatus | undefined;
  recall: BusinessStatus | undefined;
}

/** Documents whose reported state is remembered; the oldest are forgotten beyond this. */
const REPORTED_CAPACITY = 10_000;

/** Priorities of documents received, remembered for the lane of their statuses; oldest forgotten. */
const PRIORITY_CAPACITY = 10_000;

/** How long recall/update/replace wait for the home node to register a document just sent. */
const REGISTER_WAIT_MS = 2_000;

/** How long a client trusts the agency keys it read from the directory. */
const KEY_CACHE_MS = 30_000;
/**
 * KV reads by direct get, which names the key in the subject: permissions then keep an agency to its
 * own tracking keys (the buckets are created with direct gets allowed).
 */
const DIRECT_READS = { allow_direct: true } as const;

/** Tracking records read from KV at once by `sent()` and `snapshot()`. */
const KV_READ_CONCURRENCY = 32;

/** A client bound to one agency and its home node. */
export class LienthongClient implements AsyncDisposable {
  private readonly listeners = new Set<(e: ConnectionEvent) => void>();
  private readonly reported = new Map<string, ReportedState>();
  private readonly received = new Map<string, Priority>();
  private readonly inboxes = new Set<Inbox>();
  private readonly trackers = new Set<Tracker>();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly agency: string,
    readonly homeNode: { readonly id: string; readonly level: Level },
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly tracking: KV,
    private readonly defaultTimeoutMs: number,
    private readonly directory: KV,
    private readonly signingKey: SigningKey | undefined,
    private readonly content: ContentStore,
    private readonly attachmentLimits: AttachmentLimits,
    /** This agency's submission limits from the directory, for the suggested wait after a refusal. */
    private readonly limits: ISubmitLimits | undefined,
    /** Connected as an nkey identity, whose permissions allow listing tracking keys only this way. */
    private readonly keysByConsumer = false,
  ) {
    void this.watchStatus();
  }

  /**
   * Connects to the home node's NATS servers and looks the agency up in the directory. Fails with
   * NotFound for an agency the directory does not know, Unavailable when no server answers or the
   * home node has not started. Once connected, the client reconnects forever (see `onConnection`).
   */
  static async connect(opts: ConnectOptions): Promise<LienthongClient> {
    const agency = assertAgencyCode(opts.agency);
    const timeout = opts.defaultTimeoutMs ?? 10_000;
    return withCall('connect', opts, opts.timeoutMs ?? timeout, async (ctx) => {
      const nc = await natsConnect({
        servers: typeof opts.servers === 'string' ? opts.servers : [...opts.servers],
        name: opts.name ?? `lienthong-sdk ${agency}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        // Capturing a stack trace for every request costs a fifth of the CPU on the hot path.
        noAsyncTraces: true,
        timeout: Math.min(ctx.timeoutMs, 20_000),
        ...securityOptions(agency, opts.credentials ?? opts.auth, opts.tls),
      });
      try {
        const jsOpts = opts.domain ? { domain: opts.domain } : {};
        const js = jetstream(nc, jsOpts);
        const jsm = await jetstreamManager(nc, jsOpts);
        const kvm = new Kvm(js);
        const directory = await kvm.open(BUCKETS.directory, DIRECT_READS);
        const agencyEntry = await directory.get(directoryKeys.agency(agency));
        if (!agencyEntry || agencyEntry.operation !== 'PUT') {
          throw new LienthongError('NotFound', `agency ${agency} is not in the directory`, {
            context: { agency },
          });
        }
        const record = AgencyRecord.decode(agencyEntry.value);
        const nodeEntry = await directory.get(directoryKeys.node(record.homeNode));
        if (!nodeEntry || nodeEntry.operation !== 'PUT') {
          throw new LienthongError(
            'Unavailable',
            `home node ${record.homeNode} of ${agency} is not running`,
            {
              context: { agency, node: record.homeNode },
            },
          );
        }
        const node = NodeRecord.decode(nodeEntry.value);
        const tracking = await kvm.open(BUCKETS.tracking, DIRECT_READS);
        if (ctx.signal.aborted) throw ctx.signal.reason;
        return new LienthongClient(
          agency,
          { id: node.id, level: node.level },
          nc,
          js,
          jsm,
          tracking,
          timeout,
          directory,
          opts.signingKey,
          // Read and written in the home node's domain: its content stream is where the home node
          // looks for what this agency sends, and where its inbox's attachments are made complete.
          new ContentStore(js, jsm, node.domain),
          {
            maxBytes: opts.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
            maxInlineBytes: Math.min(
              opts.maxInlineAttachmentBytes ?? DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes,
              DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes,
            ),
            chunkSize: opts.attachmentChunkSize ?? DEFAULT_ATTACHMENT_LIMITS.chunkSize,
          },
          record.submitLimits ?? undefined,
          isIdentity(opts.credentials),
        );
      } catch (e) {
        await nc.close().catch(() => undefined);
        throw notOwnIdentity(agency, e);
      }
    });
  }

  /**
   * Hands a document to the home node; resolves once the node has custody of it (its stream
   * acknowledged it), with the document id. Calling it again with the same document id is a resend:
   * no recipient gets it twice. While the broker is unreachable it retries until the deadline.
   */
  async send(document: IDocument, opts: SendOptions = {}): Promise<SendReceipt> {
    this.assertOpen('send');
    const documentId = requireId('send', document.documentId);
    const to = recipientsOf('send', opts.to ?? (document.to ?? []).map((o) => o.code ?? ''));
    const byCode = new Map((document.to ?? []).map((o) => [o.code, o]));
    for (const a of document.attachments ?? []) checkAttachmentSize(a);
    const attached = await prepareAttachments(this.content, opts.attachments ?? [], this.attachmentLimits, {
      first: (document.attachments ?? []).length,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const doc: IDocument = {
      ...document,
      documentId,
      from: { ...document.from, code: this.agency },
      to: to.map((code) => ({ ...byCode.get(code), code })),
      ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      ...(opts.dueDate !== undefined ? { dueDate: opts.dueDate } : {}),
      attachments: [...(document.attachments ?? []), ...attached],
    };
    const op = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor(['submit', this.agency, documentId, String(op)]),
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId,
      originAgency: this.agency,
      originNode: this.homeNode.id,
      recipients: to,
      createdAtMs: Date.now(),
      priority: doc.priority ?? 0,
      document: doc,
    };
    const ack = await this.submit('send', env, `submit:${this.agency}:${documentId}:${op}`, opts, {
      waitForCapacity: opts.waitForCapacity ?? false,
    });
    return { documentId, duplicate: ack.duplicate, recipients: to, traceparent: ack.traceparent };
  }

  /**
   * Sends an update (cập nhật) of a document this agency sent: `document` is the update package,
   * with its own document id (it is tracked separately from the original), to the original's
   * recipients plus `addRecipients`. The recipients answer it like any document (01, 03…).
   */
  async update(originalDocumentId: string, document: IDocument, opts: UpdateOptions): Promise<SendReceipt> {
    this.assertOpen('update');
    const original = requireId('update', originalDocumentId);
    const documentId = requireId('update', document.documentId);
    if (documentId === original) {
      throw invalid('update', 'an update carries its own document id, not the original one');
    }
    const reason = requireReason('update', opts.reason);
    const added = recipientsOf('update', opts.addRecipients ?? [], true);
    const removed = recipientsOf('update', opts.removeRecipients ?? [], true);
    const current = (await this.sentRecipients('update', original, opts)).get(original) ?? [];
    const unknown = removed.filter((r) => !current.includes(r));
    if (unknown.length > 0) {
      throw invalid('update', `cannot remove ${unknown.join(', ')}: not a recipient of ${original}`);
    }
    const to = [...new Set([...current, ...added])];
    return this.send(
      {
        ...document,
        responseFor: [...(document.responseFor ?? []), { documentId: original, organCode: this.agency }],
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

  /**
   * Sends a document that replaces (thay thế) one or more documents this agency sent. It has its own
   * document id; it goes to `opts.to`, else to `document.to`, else to the originals' recipients.
   */
  async replace(
    replaced: string | readonly string[],
    document: IDocument,
    opts: ReplaceOptions,
  ): Promise<SendReceipt> {
    this.assertOpen('replace');
    const originals = [
      ...new Set(
        (typeof replaced === 'string' ? [replaced] : replaced).map((id) => requireId('replace', id)),
      ),
    ];
    if (originals.length === 0) throw invalid('replace', 'name at least one document to replace');
    const documentId = requireId('replace', document.documentId);
    if (originals.includes(documentId)) {
      throw invalid('replace', 'a replacement carries its own document id, not the replaced one');
    }
    const reason = requireReason('replace', opts.reason);
    const byOriginal = await this.sentRecipients('replace', originals, opts);
    const given = opts.to ?? (document.to ?? []).map((o) => o.code ?? '');
    const to = given.length > 0 ? given : [...new Set([...byOriginal.values()].flat())];
    return this.send(
      {
        ...document,
        responseFor: [
          ...(document.responseFor ?? []),
          ...originals.map((id) => ({ documentId: id, organCode: this.agency })),
        ],
        business: { operation: BusinessOperation.BUSINESS_OPERATION_REPLACE, reason, replaces: originals },
      },
      { ...opts, to },
    );
  }

  /**
   * Reports a business status on a document this agency received: 02 (needs a reason in
   * `description`), 03, 04, 05, 06, or 15/16 to answer a recall (16 needs a reason). 01 is reported
   * by `item.ack()`. A move this client knows to be illegal or late (03 after 02, 04 after 05, the
   * same status twice, a second different answer to a recall) is refused with FailedPrecondition
   * before anything is sent.
   */
  async report(documentId: string, code: BusinessStatus, opts: ReportOptions = {}): Promise<void> {
    this.assertOpen('report');
    const id = requireId('report', documentId);
    if (code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
      throw invalid(
        'report',
        '01 arrived is reported by item.ack() when the document is taken from the inbox',
      );
    }
    if (code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
      throw invalid('report', 'use recall() to ask for a document back (13)');
    }
    if (!REPORTABLE.has(code)) {
      throw invalid('report', `${String(code)} is not a status a recipient reports (02–06, 15, 16)`);
    }
    if (
      (code === BusinessStatus.BUSINESS_STATUS_REJECTED ||
        code === BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED) &&
      (opts.description ?? '').trim() === ''
    ) {
      throw invalid('report', `${describeStatus(code)} needs a reason in description`);
    }
    const sender = opts.sender !== undefined ? assertAgencyCode(opts.sender) : senderOf(id);
    const key = `${sender}|${id}`;
    const state = this.reported.get(key) ?? { business: undefined, recall: undefined };
    assertStatusMove(state.business, code, {
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      recallRequested: true,
      ...(state.recall !== undefined ? { recall: state.recall } : {}),
      documentId: id,
      recipient: this.agency,
    });
    await this.sendStatus(
      'report',
      id,
      sender,
      [sender],
      code,
      opts,
      opts.timestampMs ?? Date.now(),
      opts.priority ?? this.received.get(key) ?? 0,
    );
    const isAnswer =
      code === BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED ||
      code === BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED;
    this.remember(key, isAnswer ? { ...state, recall: code } : { ...state, business: code });
  }

  /**
   * Asks the recipients to give a sent document back (13); each answers 15 (accepted) or 16
   * (refused), which shows in tracking. NotFound when this agency sent no such document.
   */
  async recall(documentId: string, opts: RecallOptions): Promise<void> {
    this.assertOpen('recall');
    const id = requireId('recall', documentId);
    const reason = requireReason('recall', opts.reason);
    const records = await this.sentRecords('recall', id, opts);
    const all = records.map((r) => r.recipient);
    const wanted = opts.recipients ? recipientsOf('recall', opts.recipients) : all;
    const strangers = wanted.filter((r) => !all.includes(r));
    if (strangers.length > 0) {
      throw invalid('recall', `${strangers.join(', ')} did not receive ${id}`);
    }
    await this.sendStatus(
      'recall',
      id,
      this.agency,
      wanted,
      BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
      { ...opts, description: reason },
      Date.now(),
      records[0]?.priority ?? 0,
    );
  }

  /** The per-recipient tracking records of a document this agency sent (empty if unknown). */
  async snapshot(documentId: string, opts?: CallOptions): Promise<TrackingRecord[]> {
    const id = requireId('snapshot', documentId);
    return withCall('snapshot', opts, this.defaultTimeoutMs, async () => {
      const keys = await this.trackingKeys(trackingDocumentFilter(this.agency, id));
      return (await this.readRecords(keys)).filter((r) => r.documentId === id);
    });
  }

  /**
   * Tracking of one sent document: `records` holds the current state per recipient (transport,
   * business status, recall answer, overdue, timeline); iterating yields every change from now on,
   * and `until()` waits for a condition. Stop it (or `await using` it) when done.
   */
  async track(documentId: string, opts?: CallOptions): Promise<Tracker> {
    this.assertOpen('track');
    const id = requireId('track', documentId);
    return withCall('track', opts, this.defaultTimeoutMs, async (ctx) => {
      // Follow the track subject from the stream's current end before reading the snapshot, so that
      // no change falls between the two (a change seen twice is recognised and kept once).
      const stream = await this.jsm.streams.info(STREAMS.track);
      const live = await this.js.consumers.get(STREAMS.track, {
        filter_subjects: trackSubject(this.homeNode.level, this.homeNode.id, this.agency),
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: stream.state.last_seq + 1,
      });
      const tracker: Tracker = new Tracker(id, live, () => this.trackers.delete(tracker));
      try {
        await tracker.follow();
        tracker.setSnapshot(await this.snapshot(id, { signal: ctx.signal, timeoutMs: ctx.timeoutMs }));
        if (ctx.signal.aborted) throw ctx.signal.reason;
      } catch (e) {
        await tracker.stop();
        throw e;
      }
      this.trackers.add(tracker);
      return tracker;
    });
  }

  /**
   * The documents this agency sent, newest first, each with its recipients' records. It reads every
   * tracking record of the agency from KV `lt_tracking` (O(records): fine for an agency's working
   * set; an index by date would replace it for archives).
   */
  async sent(query: SentQuery = {}): Promise<SentDocument[]> {
    this.assertOpen('sent');
    const since =
      query.since === undefined ? 0 : typeof query.since === 'number' ? query.since : query.since.getTime();
    return withCall('sent', query, this.defaultTimeoutMs, async () => {
      const keys = await this.trackingKeys(trackingSenderFilter(this.agency));
      const byDocument = new Map<string, TrackingRecord[]>();
      for (const r of await this.readRecords(keys)) {
        if (r.recipient === '') continue;
        byDocument.set(r.documentId, [...(byDocument.get(r.documentId) ?? []), r]);
      }
      const out: SentDocument[] = [];
      for (const [documentId, records] of byDocument) {
        records.sort((a, b) => a.recipient.localeCompare(b.recipient));
        const first = records[0]!;
        const doc: SentDocument = {
          documentId,
          subject: first.subject,
          priority: first.priority,
          sentAtMs: Math.min(...records.map((r) => r.sentAtMs)),
          updatedAtMs: Math.max(...records.map((r) => r.updatedAtMs)),
          overdue: records.some((r) => r.overdue),
          recipients: records,
        };
        if (doc.sentAtMs < since) continue;
        if (query.status !== undefined && !records.some((r) => r.business === query.status)) continue;
        if (query.overdue !== undefined && doc.overdue !== query.overdue) continue;
        out.push(doc);
      }
      return out.sort((a, b) => b.sentAtMs - a.sentAtMs || a.documentId.localeCompare(b.documentId));
    });
  }

  /**
   * Documents and operations addressed to this agency, from a durable consumer: nothing is missed
   * while the client is offline. `ack()` on a document reports 01 arrived. See {@link Inbox} for the
   * order and the bound on items in flight.
   */
  inbox(opts: InboxOptions = {}): Inbox {
    this.assertOpen('inbox');
    const maxInFlight = opts.maxInFlight ?? 16;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw invalid('inbox', 'maxInFlight must be a positive integer');
    }
    for (const [name, ms] of [
      ['holdRecallMs', opts.holdRecallMs],
      ['redeliverAfterMs', opts.redeliverAfterMs],
    ] as const) {
      if (ms !== undefined && !(Number.isFinite(ms) && ms >= (name === 'redeliverAfterMs' ? 500 : 0))) {
        throw invalid(
          'inbox',
          `${name} must be a number of ms${name === 'redeliverAfterMs' ? ' ≥ 500' : ''}`,
        );
      }
    }
    const durable = `lt-inbox-${agencyToToken(this.agency)}`;
    const inbox: Inbox = new Inbox(
      {
        consumer: async ({ maxAckPending, ackWaitMs }) => {
          const filter = inboxFilter(this.homeNode.level, this.homeNode.id, this.agency);
          const ackWait = ackWaitMs * 1_000_000; // nanoseconds
          const info = await this.jsm.consumers.info(STREAMS.inbox, durable).catch(() => undefined);
          if (!info) {
            try {
              await this.jsm.consumers.add(STREAMS.inbox, {
                durable_name: durable,
                filter_subject: filter,
                ack_policy: AckPolicy.Explicit,
                deliver_policy: DeliverPolicy.All,
                ack_wait: ackWait,
                max_deliver: -1,
                max_ack_pending: maxAckPending,
              });
            } catch (e) {
              // Another reader of this agency created it first.
              if (!(await this.jsm.consumers.info(STREAMS.inbox, durable).catch(() => undefined))) throw e;
            }
          } else if (info.config.max_ack_pending !== maxAckPending || info.config.ack_wait !== ackWait) {
            await this.jsm.consumers.update(STREAMS.inbox, durable, {
              max_ack_pending: maxAckPending,
              ack_wait: ackWait,
            });
          }
          return this.js.consumers.get(STREAMS.inbox, durable);
        },
        reportArrived: async (documentId, sender, atMs, callOpts, priority, document) => {
          const key = `${sender}|${documentId}`;
          this.received.delete(key);
          this.received.set(key, priority);
          if (this.received.size > PRIORITY_CAPACITY) {
            const oldest = this.received.keys().next();
            if (!oldest.done) this.received.delete(oldest.value);
          }
          await this.sendStatus(
            'ack',
            documentId,
            sender,
            [sender],
            BusinessStatus.BUSINESS_STATUS_ARRIVED,
            callOpts,
            atMs,
            priority,
            // The signed 01 names the exact content received: the sender's proof of receipt.
            document && this.signingKey ? documentSha256(document) : undefined,
          );
          const state = this.reported.get(key);
          if (!state?.business)
            this.remember(key, { business: BusinessStatus.BUSINESS_STATUS_ARRIVED, recall: state?.recall });
        },
        report: (documentId, code, reportOpts) => this.report(documentId, code, reportOpts),
        findDocument: (documentId, sender) => this.findInboxDocument(documentId, sender),
        verify: (envelope) => this.verifyItem(envelope),
        attachments: (list) => receivedAttachments(this.content, list),
        defaultTimeoutMs: this.defaultTimeoutMs,
        onStop: () => this.inboxes.delete(inbox),
      },
      { ...opts, maxInFlight },
    );
    this.inboxes.add(inbox);
    return inbox;
  }

  /**
   * Connection state changes: `disconnect` (with the server lost), `reconnecting`, `reconnect` (with
   * the server regained), `error`, `close`. The client reconnects forever; publishes made while
   * disconnected fail or retry until their deadline. Returns a function that removes the listener.
   */
  onConnection(listener: (e: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** Stops this client's inboxes and trackers, then drains the connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.inboxes].map((i) => i.stop()));
      await Promise.allSettled([...this.trackers].map((t) => t.stop()));
      // A drain needs the server: while reconnecting (or refused, as a revoked identity is) it would
      // wait forever, so it gets a bounded time and the connection is closed anyway.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.nc.drain().catch(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(this.defaultTimeoutMs, 5_000)))),
      ]);
      clearTimeout(timer);
      await this.nc.close().catch(() => undefined);
    })();
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private assertOpen(what: string): void {
    if (this.closing) {
      throw new LienthongError('FailedPrecondition', `${what}: the client is closed`, { context: { what } });
    }
  }

  private remember(key: string, state: ReportedState): void {
    this.reported.delete(key);
    this.reported.set(key, state);
    if (this.reported.size > REPORTED_CAPACITY) {
      const oldest = this.reported.keys().next();
      if (!oldest.done) this.reported.delete(oldest.value);
    }
  }

  /** Recipients of documents this agency sent, by document; NotFound for one it did not send. */
  private async sentRecipients(
    what: string,
    documentIds: string | readonly string[],
    opts: CallOptions,
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of typeof documentIds === 'string' ? [documentIds] : documentIds) {
      out.set(
        id,
        (await this.sentRecords(what, id, opts)).map((r) => r.recipient),
      );
    }
    return out;
  }

  /**
   * The tracking records of a document this agency sent; NotFound when there are none. The home node
   * opens them shortly after `send()` resolved, so this waits for them up to REGISTER_WAIT_MS.
   */
  private async sentRecords(what: string, documentId: string, opts: CallOptions): Promise<TrackingRecord[]> {
    return withCall(what, opts, this.defaultTimeoutMs, async (ctx) => {
      const giveUpAt = Math.min(ctx.deadline, Date.now() + REGISTER_WAIT_MS);
      for (let pause = 50; ; pause = Math.min(pause * 2, 400)) {
        const records = await this.snapshot(documentId, {
          signal: ctx.signal,
          timeoutMs: Math.max(ctx.deadline - Date.now(), 1),
        });
        if (records.length > 0) return records;
        if (Date.now() + pause > giveUpAt) {
          throw new LienthongError('NotFound', `${what}: no document ${documentId} sent by ${this.agency}`, {
            context: { what, documentId },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    });
  }

  /**
   * Keys of `lt_tracking` matching a filter, sorted. As an nkey identity, with a consumer filtered in
   * its subject (`listTrackingKeys`), which permissions can keep to the agency's own keys; otherwise
   * from the bucket stream's subject counts, which is cheaper and creates no consumer. Not
   * `kv.keys()`: in nats.js 3.4 it repeats keys updated while it lists them, and can then wait ~30 s
   * for a heartbeat to end.
   */
  private async trackingKeys(filter: string): Promise<string[]> {
    if (this.keysByConsumer) return listTrackingKeys(this.js, this.jsm, filter, this.defaultTimeoutMs);
    const prefix = `$KV.${BUCKETS.tracking}.`;
    const info = await this.jsm.streams.info(`KV_${BUCKETS.tracking}`, {
      subjects_filter: `${prefix}${filter}`,
    });
    return Object.keys(info.state.subjects ?? {})
      .map((subject) => subject.slice(prefix.length))
      .sort();
  }

  private async readRecords(keys: readonly string[]): Promise<TrackingRecord[]> {
    const out: TrackingRecord[] = [];
    for (let i = 0; i < keys.length; i += KV_READ_CONCURRENCY) {
      const entries = await Promise.all(
        keys.slice(i, i + KV_READ_CONCURRENCY).map((k) => this.tracking.get(k)),
      );
      for (const e of entries) {
        if (e && e.operation === 'PUT' && e.value.length > 0) out.push(decodeTrackingRecord(e.value));
      }
    }
    return out;
  }

  /**
   * Stream sequence of a document's item in this agency's inbox. The item's subject is named by the
   * envelope id the sender's home node gives a document package (origin, document id, operation).
   */
  private async findInboxDocument(documentId: string, sender: string): Promise<number | undefined> {
    const ops = [
      BusinessOperation.BUSINESS_OPERATION_NEW,
      BusinessOperation.BUSINESS_OPERATION_REVOKE,
      BusinessOperation.BUSINESS_OPERATION_UPDATE,
      BusinessOperation.BUSINESS_OPERATION_REPLACE,
    ];
    const found = await Promise.all(
      ops.map((op) => {
        const key = documentEnvelopeId(sender, documentId, op).toLowerCase();
        const subject = inboxSubject(this.homeNode.level, this.homeNode.id, this.agency, key);
        // A direct get names the subject, so permissions can keep each agency to its own inbox.
        return this.jsm.direct.getMessage(STREAMS.inbox, { last_by_subj: subject });
      }),
    );
    const seqs = found.flatMap((m) => (m ? [m.seq] : []));
    return seqs.length > 0 ? Math.min(...seqs) : undefined;
  }

  private async sendStatus(
    what: string,
    documentId: string,
    sender: string,
    recipients: readonly string[],
    code: BusinessStatus,
    opts: ReportOptions,
    timestampMs: number,
    priority: Priority = 0,
    contentSha256?: Uint8Array,
  ): Promise<void> {
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor([
        'submit-status',
        this.agency,
        documentId,
        String(code),
        String(timestampMs),
      ]),
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId,
      originAgency: this.agency,
      originNode: this.homeNode.id,
      recipients: [...recipients],
      createdAtMs: timestampMs,
      priority,
      status: {
        code,
        responder: this.agency,
        documentId,
        documentSender: sender,
        description: opts.description ?? '',
        timestampMs,
        ...(opts.staff ? { staff: opts.staff } : {}),
        ...(contentSha256 ? { documentSha256: contentSha256 } : {}),
        ...(opts.edxmlOriginal ? { edxmlOriginal: opts.edxmlOriginal } : {}),
      },
    };
    // The message id names the responder: two recipients' 01s can carry the same delivery time.
    // The message id names the responder: two recipients' 01s can carry the same delivery time.
    await this.submit(what, env, `status:${this.agency}:${documentId}:${code}:${timestampMs}`, opts);
  }

  /**
   * The proof that `recipient` received (and processed) a document this agency sent: its signed
   * status reports and its public keys, to verify offline with `verifyReceiptProof`. NotFound when
   * the recipient has sent no signed status yet.
   */
  async receiptProof(documentId: string, recipient: string, opts: CallOptions = {}): Promise<ReceiptProof> {
    this.assertOpen('receiptProof');
    const records = await this.snapshot(requireId('receiptProof', documentId), opts);
    const record = records.find((r) => r.recipient === recipient);
    if (!record) {
      throw new LienthongError('NotFound', `receiptProof: ${documentId} was not sent to ${recipient}`, {
        context: { documentId, recipient },
      });
    }
    return buildReceiptProof(record, await this.keysOf(recipient, true));
  }

  private readonly keyCache = new Map<string, { keys: readonly IPublicKey[]; atMs: number }>();

  /** An agency's registered keys from the directory, cached for a short while. */
  private async keysOf(agency: string, fresh = false): Promise<readonly IPublicKey[]> {
    const cached = this.keyCache.get(agency);
    if (!fresh && cached && Date.now() - cached.atMs < KEY_CACHE_MS) return cached.keys;
    const entry = await this.directory.get(directoryKeys.agency(agency));
    const keys = entry && entry.operation === 'PUT' ? (AgencyRecord.decode(entry.value).keys ?? []) : [];
    this.keyCache.set(agency, { keys, atMs: Date.now() });
    return keys;
  }

  private async verifyItem(envelope: IEnvelope): Promise<ItemSignature> {
    const payload = envelope.document ?? envelope.status;
    const signer = envelope.document ? envelope.document.from?.code : envelope.status?.responder;
    if (!payload || !signer) return { state: 'unsigned' };
    const keys = await this.keysOf(signer);
    const signed = (payload.signature?.value?.length ?? 0) > 0;
    if (!signed) {
      return keys.length === 0
        ? { state: 'unsigned' }
        : {
            state: 'invalid',
            reason: FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
            detail: `${signer} has registered keys but did not sign`,
          };
    }
    if (keys.length === 0) return { state: 'unverifiable', detail: `${signer} has no keys in the directory` };
    const v = envelope.document
      ? verifyDocument(envelope.document, keys)
      : verifyStatus(envelope.status!, keys);
    return v.ok
      ? { state: 'verified', keyId: v.keyId, signedAtMs: v.signedAtMs }
      : { state: 'invalid', reason: v.reason, detail: v.detail };
  }

  /**
   * Publishes to the home node's submit subject (the urgent lane for priority 3-4); the PubAck is
   * custody. Retries while unreachable; when the agency's queue is full, fails with a
   * BackpressureError or, with `waitForCapacity`, waits and retries (status reports always wait:
   * they are small and what the sender is waiting for).
   */
  private async submit(
    what: string,
    env: IEnvelope,
    msgID: string,
    opts: CallOptions,
    flow: { waitForCapacity: boolean } = { waitForCapacity: true },
  ): Promise<{ duplicate: boolean; traceparent: string }> {
    const subject = submitSubject(
      this.homeNode.level,
      this.homeNode.id,
      this.agency,
      laneOf(env.priority ?? 0),
    );
    const traceparent = traceparentOf(opts);
    const h = natsHeaders();
    h.set('traceparent', traceparent);
    const signedAtMs = Date.now();
    if (this.signingKey && env.document)
      env = { ...env, document: signDocument(env.document, this.signingKey, signedAtMs) };
    if (this.signingKey && env.status)
      env = { ...env, status: signStatus(env.status, this.signingKey, signedAtMs) };
    const data = encodeEnvelope(env);
    // Refuse here what the home node would dead-letter: too large, malformed, bad agency codes.
    decodeEnvelope(data, { maxBytes: DEFAULT_MAX_BYTES });
    if (opts.signal?.aborted) throw canceled(what, opts.signal.reason);
    const refusal = { agency: this.agency, subject, limits: this.limits, bytes: data.length };
    return withCall(what, opts, this.defaultTimeoutMs, (ctx) =>
      withCapacity(ctx, flow.waitForCapacity, () =>
        retryWhileUnavailable(what, ctx, async (remainingMs) => {
          try {
            const ack = await this.js.publish(subject, data, { msgID, timeout: remainingMs, headers: h });
            return { duplicate: ack.duplicate, traceparent };
          } catch (e) {
            throw backpressureOf(what, e, refusal) ?? e;
          }
        }),
      ),
    );
  }

  private async watchStatus(): Promise<void> {
    try {
      for await (const s of this.nc.status()) {
        let event: ConnectionEvent | undefined;
        switch (s.type) {
          case 'disconnect':
          case 'reconnect':
            event = { type: s.type, server: s.server };
            break;
          case 'reconnecting':
          case 'close':
            event = { type: s.type };
            break;
          case 'error':
            event = { type: 'error', error: s.error };
            break;
          default:
            continue;
        }
        for (const l of this.listeners) {
          try {
            l(event);
          } catch {
            // A listener's failure is its own.
          }
        }
      }
    } catch {
      // The connection is closed.
    }
  }
}

/** The sender named at the start of a document id `{sender},{yyyy/MM/dd},{number}/{notation}`. */
export function senderOf(documentId: string): string {
  const head = documentId.split(',')[0] ?? '';
  if (!isAgencyCode(head)) {
    throw invalid('report', `cannot tell the sender from document id '${documentId}'; pass { sender }`);
  }
  return head;
}

/**
 * A connection whose replies cannot reach it (its inbox prefix `_INBOX_a_<agency>` is not allowed)
 * holds another identity's credentials: say so instead of naming the subject only.
 */
function notOwnIdentity(agency: string, e: unknown): unknown {
  const err = normalize('connect', e);
  if (err.code === 'PermissionDenied' && err.message.includes(`_INBOX_a_${agencyToToken(agency)}`)) {
    return new LienthongError(
      'PermissionDenied',
      `connect: these credentials are not those of agency ${agency} (${err.message})`,
      { context: { what: 'connect', agency }, cause: e },
    );
  }
  return e;
}

/** Attachments put in the document by hand travel inline: they must fit. */
function checkAttachmentSize(a: IAttachment): void {
  if (a.inline) checkSize(a.name ?? '', a.inline.byteLength);
}

function checkSize(name: string, size: number): void {
  if (size > MAX_INLINE_ATTACHMENT_BYTES) {
    throw new LienthongError(
      'InvalidArgument',
      `send: attachment ${name} is ${size} bytes; inline attachments are limited to ${MAX_INLINE_ATTACHMENT_BYTES} bytes (256 KiB)`,
      { context: { what: 'send', attachment: name, size, limit: MAX_INLINE_ATTACHMENT_BYTES } },
    );
  }
}

function requireId(what: string, id: string | null | undefined): string {
  if (typeof id !== 'string' || id.trim() === '') throw invalid(what, 'a document id is required');
  return id;
}

function requireReason(what: string, reason: string | undefined): string {
  if (typeof reason !== 'string' || reason.trim() === '') throw invalid(what, 'a reason is required');
  return reason;
}

/** Valid, distinct agency codes; at least one unless `allowEmpty`. */
function recipientsOf(what: string, codes: readonly string[], allowEmpty = false): string[] {
  const out = [...new Set(codes.map((c) => assertAgencyCode(c)))];
  if (out.length === 0 && !allowEmpty) throw invalid(what, 'a document needs at least one recipient');
  return out;
}

function invalid(what: string, message: string): LienthongError {
  return new LienthongError('InvalidArgument', `${what}: ${message}`, { context: { what } });
}

export const connect = (opts: ConnectOptions): Promise<LienthongClient> => LienthongClient.connect(opts);

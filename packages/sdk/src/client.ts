import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import {
  BUCKETS,
  LienthongError,
  agencyToToken,
  assertAgencyCode,
  checkStatusMove,
  decodeTrackingRecord,
  directoryKeys,
  encodeEnvelope,
  envelopeIdFor,
  inboxFilter,
  isAgencyCode,
  submitSubject,
  trackSubject,
  trackingDocumentFilter,
} from '@lienthong/core';
import {
  AgencyRecord,
  BusinessOperation,
  BusinessStatus,
  EnvelopeKind,
  NodeRecord,
  SCHEMA_VERSION,
} from '@lienthong/proto';
import type { IDocument, IEnvelope, IStaff, Level, Priority, TrackingRecord } from '@lienthong/proto';
import { withCall } from './call';
import type { CallOptions } from './call';
import { Inbox } from './inbox';
import type { InboxOptions } from './inbox';
import { Tracker } from './tracking';

export interface ConnectOptions extends CallOptions {
  /** NATS server URL(s) of the agency's home node. */
  readonly servers: string | readonly string[];
  /** This client's agency code, `AAA.BB.CC.Xnn`. */
  readonly agency: string;
  /** Connection name shown on the server. */
  readonly name?: string;
  /** JetStream domain of the home node, when it has one. */
  readonly domain?: string;
  readonly auth?: { readonly user?: string; readonly pass?: string; readonly token?: string };
  /** Default deadline of each call; 10 s. */
  readonly defaultTimeoutMs?: number;
}

export interface SendOptions extends CallOptions {
  /** Recipients; replaces `document.to` when given. */
  readonly to?: readonly string[];
  readonly priority?: Priority;
  /** Hạn xử lý, ISO date yyyy-MM-dd. */
  readonly dueDate?: string;
}

export interface SendReceipt {
  readonly documentId: string;
  /** True when the home node already had this document (a resend): nothing is delivered twice. */
  readonly duplicate: boolean;
  readonly recipients: readonly string[];
}

export interface ReportOptions extends CallOptions {
  /** The document's sender; taken from the document id (`{sender},{date},{number}`) when omitted. */
  readonly sender?: string;
  readonly staff?: IStaff;
  /** Free text; the reason for 02 and 16. */
  readonly description?: string;
}

export interface RecallOptions extends CallOptions {
  readonly reason: string;
  readonly staff?: IStaff;
  /** Only these recipients; default: all. */
  readonly recipients?: readonly string[];
}

export type ConnectionEvent = {
  type: 'disconnect' | 'reconnect' | 'reconnecting' | 'error' | 'close';
  server?: string;
};

/** A client bound to one agency and its home node. */
export class LienthongClient implements AsyncDisposable {
  private readonly listeners = new Set<(e: ConnectionEvent) => void>();
  private readonly reported = new Map<string, BusinessStatus>();
  private closed = false;

  private constructor(
    readonly agency: string,
    readonly homeNode: { readonly id: string; readonly level: Level },
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly tracking: KV,
    private readonly defaultTimeoutMs: number,
  ) {
    void this.watchStatus();
  }

  static async connect(opts: ConnectOptions): Promise<LienthongClient> {
    const agency = assertAgencyCode(opts.agency);
    const timeout = opts.defaultTimeoutMs ?? 10_000;
    return withCall('connect', opts, opts.timeoutMs ?? timeout, async () => {
      const nc = await natsConnect({
        servers: typeof opts.servers === 'string' ? opts.servers : [...opts.servers],
        name: opts.name ?? `lienthong-sdk ${agency}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        ...(opts.auth?.user !== undefined ? { user: opts.auth.user, pass: opts.auth.pass } : {}),
        ...(opts.auth?.token !== undefined ? { token: opts.auth.token } : {}),
      });
      try {
        const jsOpts = opts.domain ? { domain: opts.domain } : {};
        const js = jetstream(nc, jsOpts);
        const jsm = await jetstreamManager(nc, jsOpts);
        const kvm = new Kvm(js);
        const directory = await kvm.open(BUCKETS.directory);
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
        const tracking = await kvm.open(BUCKETS.tracking);
        return new LienthongClient(
          agency,
          { id: node.id, level: node.level },
          nc,
          js,
          jsm,
          tracking,
          timeout,
        );
      } catch (e) {
        await nc.close();
        throw e;
      }
    });
  }

  /** Hands a document to the home node; resolves once the node has custody of it. */
  async send(document: IDocument, opts: SendOptions = {}): Promise<SendReceipt> {
    const documentId = document.documentId ?? '';
    if (documentId.trim() === '') throw invalid('send', 'document.documentId is required');
    const to = [
      ...new Set((opts.to ?? (document.to ?? []).map((o) => o.code ?? '')).map((c) => assertAgencyCode(c))),
    ];
    if (to.length === 0) throw invalid('send', 'a document needs at least one recipient');
    const byCode = new Map((document.to ?? []).map((o) => [o.code, o]));
    const doc: IDocument = {
      ...document,
      documentId,
      from: { ...document.from, code: this.agency },
      to: to.map((code) => ({ ...byCode.get(code), code })),
      ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      ...(opts.dueDate !== undefined ? { dueDate: opts.dueDate } : {}),
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
    const ack = await this.submit('send', env, `submit:${documentId}:${op}`, opts);
    return { documentId, duplicate: ack.duplicate, recipients: to };
  }

  /** Reports a business status (02–06, 15, 16) on a document this agency received. */
  async report(documentId: string, code: BusinessStatus, opts: ReportOptions = {}): Promise<void> {
    const sender = opts.sender ?? senderOf(documentId);
    if (code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
      throw invalid('report', 'use recall() to ask for a document back (13)');
    }
    const previous = this.reported.get(documentId);
    const check = checkStatusMove(previous, code, {
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      recallRequested: true,
    });
    if (!check.ok) {
      throw new LienthongError('FailedPrecondition', `report ${code} on ${documentId}: ${check.reason}`, {
        context: { documentId, from: previous, to: code },
      });
    }
    await this.sendStatus('report', documentId, sender, [sender], code, opts, Date.now());
    if (
      code !== BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED &&
      code !== BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED
    ) {
      if (previous === undefined || rank(code) > rank(previous)) this.reported.set(documentId, code);
    }
  }

  /** Asks the recipients to give a sent document back (13); they answer 15 or 16. */
  async recall(documentId: string, opts: RecallOptions): Promise<void> {
    if (!opts.reason || opts.reason.trim() === '') throw invalid('recall', 'a recall needs a reason');
    const records = await this.snapshot(documentId, opts);
    if (records.length === 0) {
      throw new LienthongError('NotFound', `no document ${documentId} sent by ${this.agency}`, {
        context: { documentId },
      });
    }
    const all = records.map((r) => r.recipient);
    const recipients = opts.recipients ? all.filter((r) => opts.recipients!.includes(r)) : all;
    await this.sendStatus(
      'recall',
      documentId,
      this.agency,
      recipients,
      BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
      { ...opts, description: opts.reason },
      Date.now(),
    );
  }

  /** The per-recipient tracking records of a document this agency sent. */
  async snapshot(documentId: string, opts?: CallOptions): Promise<TrackingRecord[]> {
    return withCall('snapshot', opts, this.defaultTimeoutMs, async () => {
      const keys: string[] = [];
      for await (const k of await this.tracking.keys(trackingDocumentFilter(this.agency, documentId)))
        keys.push(k);
      const records: TrackingRecord[] = [];
      for (const key of keys.sort()) {
        const e = await this.tracking.get(key);
        if (e && e.operation === 'PUT') records.push(decodeTrackingRecord(e.value));
      }
      return records;
    });
  }

  /** Tracking of one sent document: a snapshot now, and every change as it happens. */
  async track(documentId: string, opts?: CallOptions): Promise<Tracker> {
    const subject = trackSubject(this.homeNode.level, this.homeNode.id, this.agency);
    // Subscribe before reading the snapshot so that no change falls between the two.
    const live = await this.js.consumers.get('LT_TRACK', {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.New,
    });
    const tracker = new Tracker(documentId, live);
    try {
      await tracker.follow();
      tracker.setSnapshot(await this.snapshot(documentId, opts));
    } catch (e) {
      await tracker.stop();
      throw e;
    }
    return tracker;
  }

  /**
   * Documents and operations addressed to this agency, from a durable consumer: nothing is missed
   * while the client is offline. `ack()` on an item reports 01 arrived for a document.
   */
  inbox(opts: InboxOptions = {}): Inbox {
    const durable = `lt-inbox-${agencyToToken(this.agency)}`;
    const maxInFlight = opts.maxInFlight ?? 16;
    return new Inbox(
      async () => {
        const filter = inboxFilter(this.homeNode.level, this.homeNode.id, this.agency);
        try {
          await this.jsm.consumers.info('LT_INBOX', durable);
        } catch {
          await this.jsm.consumers.add('LT_INBOX', {
            durable_name: durable,
            filter_subject: filter,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            ack_wait: 60_000_000_000,
            max_deliver: -1,
            max_ack_pending: Math.max(maxInFlight, 1),
          });
        }
        return this.js.consumers.get('LT_INBOX', durable);
      },
      (documentId, sender, atMs) =>
        this.sendStatus(
          'ack',
          documentId,
          sender,
          [sender],
          BusinessStatus.BUSINESS_STATUS_ARRIVED,
          {},
          atMs,
        ),
      { ...opts, maxInFlight },
    );
  }

  /** Connection state changes: disconnect, reconnecting, reconnect, error, close. */
  onConnection(listener: (e: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Drains the connection: what was handed over is flushed first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.nc.drain().catch(() => this.nc.close());
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private async sendStatus(
    what: string,
    documentId: string,
    sender: string,
    recipients: readonly string[],
    code: BusinessStatus,
    opts: ReportOptions,
    timestampMs: number,
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
      status: {
        code,
        responder: this.agency,
        documentId,
        documentSender: sender,
        description: opts.description ?? '',
        timestampMs,
        ...(opts.staff ? { staff: opts.staff } : {}),
      },
    };
    await this.submit(what, env, `status:${documentId}:${code}:${timestampMs}`, opts);
  }

  private async submit(
    what: string,
    env: IEnvelope,
    msgID: string,
    opts: CallOptions,
  ): Promise<{ duplicate: boolean }> {
    const subject = submitSubject(this.homeNode.level, this.homeNode.id, this.agency);
    const data = encodeEnvelope(env);
    return withCall(what, opts, this.defaultTimeoutMs, async (timeout) => {
      const ack = await this.js.publish(subject, data, { msgID, timeout });
      return { duplicate: ack.duplicate };
    });
  }

  private async watchStatus(): Promise<void> {
    try {
      for await (const s of this.nc.status()) {
        if (s.type === 'ping' || s.type === 'staleConnection' || s.type === 'update' || s.type === 'ldm')
          continue;
        const type = s.type === 'reconnecting' ? 'reconnecting' : s.type;
        if (
          type !== 'disconnect' &&
          type !== 'reconnect' &&
          type !== 'reconnecting' &&
          type !== 'error' &&
          type !== 'close'
        )
          continue;
        const event: ConnectionEvent = {
          type,
          ...('server' in s && typeof s.server === 'string' ? { server: s.server } : {}),
        };
        for (const l of this.listeners) l(event);
      }
    } catch {
      // closed
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

const RANK: Partial<Record<BusinessStatus, number>> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6 };
function rank(code: BusinessStatus): number {
  return RANK[code] ?? 0;
}

function invalid(what: string, message: string): LienthongError {
  return new LienthongError('InvalidArgument', `${what}: ${message}`, { context: { what } });
}

export const connect = (opts: ConnectOptions): Promise<LienthongClient> => LienthongClient.connect(opts);

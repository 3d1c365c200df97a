/**
 * `connect()` and `LienthongClient`: a client bound to one agency and its home node. The client is
 * a facade: each call checks that the client is open and hands over to the part that does the work
 * (see `parts.ts` for how they are put together).
 */
import { assertAgencyCode } from '@lienthong/core';
import type { ReceiptProof } from '@lienthong/core';
import type { BusinessStatus, IDocument, Level, TrackingRecord } from '@lienthong/proto';
import { withCall } from './call';
import type { CallOptions } from './call';
import type { HomeState } from './home';
import { DurableInbox } from './inbox';
import type { Inbox, InboxOptions } from './inbox-types';
import { buildParts } from './parts';
import type { ClientParts } from './parts';
import { serversShown } from '@lienthong/infra';
import { checkServers, openSession } from './session';
import type { Refusals, RefusalsOptions } from './refusal-feed';
import type { Tracker } from './tracking';
import type {
  ConnectOptions,
  ConnectionEvent,
  RecallOptions,
  ReplaceOptions,
  ReportOptions,
  SendOptions,
  SendReceipt,
  SentDocument,
  SentQuery,
  UpdateOptions,
} from './types';
import { invalid, requireId, requireOptions } from './validate';

/** A client bound to one agency and its home node. */
export class LienthongClient implements AsyncDisposable {
  readonly agency: string;
  private readonly inboxes = new Set<Inbox>();

  private constructor(private readonly parts: ClientParts) {
    this.agency = parts.session.agency;
  }

  /**
   * The agency's home node, as the directory says now: followed while connected (agency move). While
   * the agency's home node is in another JetStream domain, the last one in this client's domain.
   */
  get homeNode(): { readonly id: string; readonly level: Level } {
    return this.parts.home.node;
  }

  /**
   * Where the directory says the agency's home node is, and whether this client reaches it: not once
   * it is in another JetStream domain (`agency move`, `topology apply` merging domains), when every
   * call that needs it fails with FailedPrecondition naming the domain to connect to. It is reached
   * again if the agency comes back into this client's domain.
   */
  home(): HomeState {
    return this.parts.home.state;
  }

  /**
   * Connects to the home node's NATS servers and looks the agency up in the directory. Fails with
   * NotFound for an agency the directory does not know, Unavailable when no server answers or the
   * home node has not started. Once connected, the client reconnects forever (see `onConnection`).
   */
  static async connect(opts: ConnectOptions): Promise<LienthongClient> {
    if (typeof opts !== 'object' || (opts as unknown) === null) {
      throw invalid(
        'connect',
        "options are required: { servers: 'nats://HOST:PORT', agency: 'AAA.BB.CC.Xnn' }",
      );
    }
    checkServers(opts.servers);
    const credentials: unknown = opts.credentials;
    if (credentials !== undefined && (typeof credentials !== 'object' || credentials === null)) {
      throw invalid(
        'connect',
        `credentials must be an object, such as { seedFile: '…' } (or { nkeySeed }, { user, pass }, { token }); got ${typeof credentials === 'string' ? `the string '${credentials}'` : String(credentials)}`,
      );
    }
    if ((opts.agency as unknown) === undefined) {
      throw invalid(
        'connect',
        'agency is required: the code of the agency this client acts for (such as 000.00.00.G22)',
      );
    }
    const agency = assertAgencyCode(opts.agency);
    const timeout = opts.defaultTimeoutMs ?? 10_000;
    return withCall(
      `connect to ${serversShown(opts.servers)}`,
      opts,
      opts.timeoutMs ?? timeout,
      async (ctx) => {
        const opened = await openSession(agency, opts, timeout, ctx);
        return new LienthongClient(buildParts(opened, opts));
      },
    );
  }

  /**
   * Hands a document to the home node; resolves once the node has custody of it (its stream
   * acknowledged it), with the document id. Calling it again with the same document id is a resend:
   * no recipient gets it twice. While the broker is unreachable it retries until the deadline.
   */
  async send(document: IDocument, opts: SendOptions = {}): Promise<SendReceipt> {
    if (typeof document !== 'object' || (document as unknown) === null) {
      throw invalid('send', 'a document is required: { documentId, subject, to: [{ code }] }');
    }
    this.assertReady('send');
    return this.parts.documents.send(document, opts);
  }

  /**
   * Sends an update (cập nhật) of a document this agency sent: `document` is the update package,
   * with its own document id (it is tracked separately from the original), to the original's
   * recipients plus `addRecipients`. The recipients answer it like any document (01, 03…).
   */
  async update(originalDocumentId: string, document: IDocument, opts: UpdateOptions): Promise<SendReceipt> {
    this.assertReady('update');
    return this.parts.amendments.update(
      requireId('update', originalDocumentId),
      document,
      requireOptions('update', opts),
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
    this.assertReady('replace');
    const ids = (typeof replaced === 'string' ? [replaced] : replaced).map((id) => requireId('replace', id));
    return this.parts.amendments.replace([...new Set(ids)], document, requireOptions('replace', opts));
  }

  /**
   * Reports a business status on a document this agency received: 02 (needs a reason in
   * `description`), 03, 04, 05, 06, or 15/16 to answer a recall (16 needs a reason). 01 is reported
   * by `item.ack()`. A move this client knows to be illegal or late (03 after 02, 04 after 05, the
   * same status twice, a second different answer to a recall) is refused with FailedPrecondition
   * before anything is sent.
   */
  async report(documentId: string, code: BusinessStatus, opts: ReportOptions = {}): Promise<void> {
    this.assertReady('report');
    return this.parts.reports.report(documentId, code, opts);
  }

  /**
   * Asks the recipients to give a sent document back (13); each answers 15 (accepted) or 16
   * (refused), which shows in tracking. NotFound when this agency sent no such document.
   */
  async recall(documentId: string, opts: RecallOptions): Promise<void> {
    this.assertReady('recall');
    return this.parts.amendments.recall(requireId('recall', documentId), requireOptions('recall', opts));
  }

  /** The per-recipient tracking records of a document this agency sent (empty if unknown). */
  async snapshot(documentId: string, opts?: CallOptions): Promise<TrackingRecord[]> {
    this.parts.home.current();
    return this.parts.tracking.snapshot(requireId('snapshot', documentId), opts);
  }

  /**
   * Tracking of one sent document: `records` holds the current state per recipient (transport,
   * business status, recall answer, overdue, timeline); iterating yields every change from now on,
   * and `until()` waits for a condition. Stop it (or `await using` it) when done.
   */
  async track(documentId: string, opts?: CallOptions): Promise<Tracker> {
    this.assertReady('track');
    return this.parts.tracking.track(requireId('track', documentId), opts);
  }

  /**
   * What the network refuses of this agency's submissions from now on: a document or status its
   * home node refused at intake, and a status the document sender's home node refused (no such
   * document sent to this agency, or against the status rules). `report()` resolves once the home
   * node has custody, before the sender's node judges it; this is where a refusal comes back. From
   * now on, or with `since` from then (as far back as the track stream keeps them) and on.
   */
  async refusals(opts: RefusalsOptions = {}): Promise<Refusals> {
    this.assertReady('refusals');
    const since = opts.since;
    const sinceMs = since instanceof Date ? since.getTime() : since;
    if (sinceMs !== undefined && !(typeof sinceMs === 'number' && Number.isFinite(sinceMs) && sinceMs >= 0)) {
      throw invalid('refusals', `since ${String(since)} is not a time: pass a Date or Unix milliseconds`);
    }
    return this.parts.tracking.refusals({ ...opts, ...(sinceMs !== undefined ? { sinceMs } : {}) });
  }

  /**
   * The documents this agency sent, newest first, each with its recipients' records. It reads every
   * tracking record of the agency from KV `lt_tracking` (O(records): fine for an agency's working
   * set; an index by date would replace it for archives).
   */
  async sent(query: SentQuery = {}): Promise<SentDocument[]> {
    this.assertReady('sent');
    return this.parts.tracking.sent(query);
  }

  /**
   * Documents and operations addressed to this agency, from a durable consumer: nothing is missed
   * while the client is offline. `ack()` on a document reports 01 arrived. See {@link Inbox} for the
   * order and the bound on items in flight.
   */
  inbox(opts: InboxOptions = {}): Inbox {
    this.assertOpen('inbox');
    const maxInFlight = checkInboxOptions(opts);
    const inbox: Inbox = new DurableInbox(this.parts.inboxPort, { ...opts, maxInFlight }, () =>
      this.inboxes.delete(inbox),
    );
    this.inboxes.add(inbox);
    return inbox;
  }

  /**
   * The proof that `recipient` received (and processed) a document this agency sent: its signed
   * status reports and its public keys, to verify offline with `verifyReceiptProof`. NotFound when
   * the recipient has sent no signed status yet.
   */
  async receiptProof(documentId: string, recipient: string, opts: CallOptions = {}): Promise<ReceiptProof> {
    this.assertReady('receiptProof');
    const records = await this.snapshot(requireId('receiptProof', documentId), opts);
    return this.parts.keys.receiptProof(documentId, recipient, records);
  }

  /**
   * Connection state changes: `disconnect` (with the server lost), `reconnecting`, `reconnect` (with
   * the server regained), `error`, `close`. The client reconnects forever; publishes made while
   * disconnected fail or retry until their deadline. Returns a function that removes the listener.
   */
  onConnection(listener: (e: ConnectionEvent) => void): () => void {
    return this.parts.events.listen(listener);
  }

  get isClosed(): boolean {
    return this.parts.lifecycle.isClosed;
  }

  /** Stops this client's inboxes and trackers, then drains the connection. Idempotent. */
  close(): Promise<void> {
    return this.parts.lifecycle.close(async () => {
      const { nc, defaultTimeoutMs } = this.parts.session;
      this.parts.home.stop();
      await Promise.allSettled([...this.inboxes].map((i) => i.stop()));
      await this.parts.tracking.stopAll();
      // A drain needs the server: while reconnecting (or refused, as a revoked identity is) it would
      // wait forever, so it gets a bounded time and the connection is closed anyway.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        nc.drain().catch(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(defaultTimeoutMs, 5_000)))),
      ]);
      clearTimeout(timer);
      await nc.close().catch(() => undefined);
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private assertOpen(what: string): void {
    this.parts.lifecycle.assertOpen(what);
  }

  /** Open, and its agency's home node in this client's JetStream domain. */
  private assertReady(what: string): void {
    this.assertOpen(what);
    this.parts.home.current();
  }
}

/** The inbox's `maxInFlight` (16 by default), once its options are found valid. */
function checkInboxOptions(opts: InboxOptions): number {
  const maxInFlight = opts.maxInFlight ?? 16;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw invalid('inbox', 'maxInFlight must be a positive integer');
  }
  for (const [name, ms] of [
    ['holdRecallMs', opts.holdRecallMs],
    ['redeliverAfterMs', opts.redeliverAfterMs],
  ] as const) {
    if (ms !== undefined && !(Number.isFinite(ms) && ms >= (name === 'redeliverAfterMs' ? 500 : 0))) {
      throw invalid('inbox', `${name} must be a number of ms${name === 'redeliverAfterMs' ? ' ≥ 500' : ''}`);
    }
  }
  if (opts.onUnreadable !== undefined && typeof opts.onUnreadable !== 'function') {
    throw invalid('inbox', 'onUnreadable must be a function');
  }
  return maxInFlight;
}

export const connect = (opts: ConnectOptions): Promise<LienthongClient> => LienthongClient.connect(opts);

import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { LienthongError, agencyToToken, isAgencyCode, isBackpressure } from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { BusinessOperation, BusinessStatus, FailureReason, Level, TransportState } from '@lienthong/proto';
import type { IDocument, TrackingRecord } from '@lienthong/proto';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { EdxmlError } from './codec';
import type { EdxmlCodec, MessageType } from './codec';
import { LienthongEdxmlCodec } from './edxml-codec';
import { PackageTooLargeError, spool } from './spool';

/** What the gateway needs of the node process it runs in (NodeRuntime has it). */
export interface GatewayHost {
  /** The directory as it is now. */
  readonly topology: Topology;
  /** The nodes this process hosts: the gateway acts only for their agencies. */
  readonly nodes: readonly NodeInfo[];
  readiness(): { ok: boolean; reason?: string };
}

export interface GatewayOptions {
  /** Default: `@lienthong/edxml` (LienthongEdxmlCodec). */
  readonly codec?: EdxmlCodec;
  /**
   * An SDK client for an agency this node hosts, connected with that agency's own NATS identity (and
   * its signing key, when it signs). Called once per agency, on its first request.
   */
  readonly connect: (agency: string) => Promise<LienthongClient>;
  /** Largest package accepted, in bytes: the attachment limit, 200 MiB by default. */
  readonly maxPackageBytes?: number;
  /** Items a caller may hold listed and not acknowledged; 256 by default. */
  readonly maxListed?: number;
  /** After `fail`, how long before the item is listed again; 30 s by default. */
  readonly failRetryMs?: number;
}

/** A gateway error: the HTTP layer maps `status` and `code` to its answer. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface SendResult {
  readonly id: string;
  readonly documentId: string;
  readonly messageType: MessageType;
  readonly businessDocType?: number;
  readonly statusCode?: string;
  readonly warnings: readonly string[];
  /** True when this package had been posted before: nothing was sent again. */
  readonly duplicate: boolean;
}

export interface ReceivedItem {
  readonly id: string;
  readonly documentId: string;
  readonly from: string;
  readonly messageType: MessageType;
  readonly statusCode?: string;
  readonly businessDocType?: number;
  /** ISO time the recipient's home node put it in the inbox. */
  readonly receivedAt: string;
  /** The sender's signature as checked against the directory's keys. */
  readonly signature: string;
  /** True when the package is the sender's original edXML bytes (else rendered from the document). */
  readonly original: boolean;
}

export interface PackageBytes {
  readonly size?: number;
  readonly body: Uint8Array | Readable;
}

export const DEFAULT_MAX_PACKAGE_BYTES = 200 * 1024 * 1024;
/** The attachment that carries the original package, as SDK recipients see it. */
export const ORIGINAL_ATTACHMENT_NAME = 'edxml-original.edxml';
export const ORIGINAL_MEDIA_TYPE = 'application/xml';

/**
 * The edXML gateway, independent of any transport: the HTTP routes (and later a VXP endpoint) are
 * thin layers over it. Each agency acts through an SDK client of its own, so a package posted here
 * travels the same custody, tracking, flow-control and signature path as one sent with the SDK.
 */
export class EdocGateway {
  private readonly clients = new Map<string, Promise<LienthongClient>>();
  private readonly inboxes = new Map<string, ReceivedQueue>();
  /** Responses to packages already posted (by package SHA-256), so a repeat sends nothing. */
  private readonly posted = new Map<string, SendResult>();
  private readonly maxPackageBytes: number;
  private readonly codec: EdxmlCodec;
  private closed = false;

  constructor(
    private readonly host: GatewayHost,
    private readonly opts: GatewayOptions,
  ) {
    this.maxPackageBytes = opts.maxPackageBytes ?? DEFAULT_MAX_PACKAGE_BYTES;
    // The codec's own limit is the package limit plus nothing: the spool refuses first.
    this.codec = opts.codec ?? new LienthongEdxmlCodec({ maxBytes: this.maxPackageBytes + 1 });
  }

  get packageLimit(): number {
    return this.maxPackageBytes;
  }

  /** Refuses callers this node does not host, and everything while the node is not ready. */
  assertServes(agency: string): void {
    const r = this.host.readiness();
    if (!r.ok || this.closed) {
      throw new GatewayError(
        503,
        'Unavailable',
        `the node is not ready: ${r.reason ?? 'closing'}`,
        undefined,
        1000,
      );
    }
    if (!isAgencyCode(agency))
      throw new GatewayError(401, 'Unauthenticated', `'${agency}' is not an agency code`);
    const info = this.host.topology.agency(agency);
    if (!info) throw new GatewayError(403, 'PermissionDenied', `agency ${agency} is not in the directory`);
    if (!this.host.nodes.some((n) => n.id === info.homeNode)) {
      throw new GatewayError(
        403,
        'PermissionDenied',
        `agency ${agency} is hosted by node ${info.homeNode}, not by this node: use its gateway`,
      );
    }
  }

  /**
   * Posts one edXML package (an edoc, or a Status package) for `agency`, whose From it must be.
   * Resolves when the home node has custody. The same package posted again gets the same id and
   * sends nothing twice.
   */
  async sendPackage(
    agency: string,
    body: AsyncIterable<Uint8Array>,
    declaredLength?: number,
  ): Promise<SendResult> {
    this.assertServes(agency);
    if (declaredLength !== undefined && declaredLength > this.maxPackageBytes) {
      throw tooLarge(new PackageTooLargeError(this.maxPackageBytes, declaredLength));
    }
    let pkg;
    try {
      pkg = await spool(body, this.codec.parser(), this.maxPackageBytes);
    } catch (e) {
      if (e instanceof PackageTooLargeError) throw tooLarge(e);
      if (e instanceof EdxmlError && e.code === 'TOO_LARGE') {
        throw tooLarge(new PackageTooLargeError(this.maxPackageBytes));
      }
      if (e instanceof EdxmlError) {
        throw new GatewayError(400, 'InvalidArgument', `not a valid edXML package: ${e.message}`, {
          reason: e.reason,
          codecCode: e.code,
          ...(e.line !== undefined ? { line: e.line, column: e.column } : {}),
        });
      }
      throw e;
    }
    try {
      const id = `${agencyToToken(agency)}.${pkg.sha256Hex}`;
      const { parsed } = pkg;
      const from = parsed.document?.from?.code ?? parsed.status?.responder ?? '';
      if (from !== agency) {
        throw new GatewayError(
          403,
          'PermissionDenied',
          `the package's From is ${from || '(none)'}, not the caller ${agency}`,
          { from, caller: agency },
        );
      }
      const seen = this.posted.get(id);
      if (seen) return { ...seen, duplicate: true };
      for (const t of parsed.document?.to ?? []) {
        if (!isAgencyCode(t.code ?? '')) {
          throw new GatewayError(400, 'InvalidArgument', `recipient '${t.code}' is not an agency code`, {
            recipient: t.code,
          });
        }
      }
      const client = await this.client(agency);
      let result: SendResult;
      if (parsed.messageType === 'edoc') {
        const d = parsed.document!;
        const document: IDocument = {
          ...d,
          edxmlOriginal: { sha256Hex: pkg.sha256Hex, size: pkg.size, warnings: [...parsed.warnings] },
        };
        const source = pkg.data
          ? { name: ORIGINAL_ATTACHMENT_NAME, mediaType: ORIGINAL_MEDIA_TYPE, data: pkg.data }
          : { name: ORIGINAL_ATTACHMENT_NAME, mediaType: ORIGINAL_MEDIA_TYPE, path: pkg.path! };
        const receipt = await sdkCall(() =>
          client.send(document, {
            attachments: [source],
            ...(d.priority ? { priority: d.priority } : {}),
          }),
        );
        result = {
          id,
          documentId: receipt.documentId,
          messageType: 'edoc',
          businessDocType: d.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW,
          warnings: parsed.warnings,
          duplicate: receipt.duplicate,
        };
      } else {
        const s = parsed.status!;
        const statusCode = String(s.code).padStart(2, '0');
        if (s.code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
          // 01 is the acknowledgement of the item that brought the document (as POST …/ack).
          const q = await this.queue(agency);
          await q.settle();
          const held = q.findDocument(s.documentId, s.otherParty);
          if (held) {
            await sdkCall(() => held.item.ack());
            q.acked(held.id);
          } else if (!q.documentAcked(s.documentId, s.otherParty)) {
            throw new GatewayError(
              409,
              'FailedPrecondition',
              `no document ${s.documentId} from ${s.otherParty || '(no ResponseFor/OrganId)'} is waiting for ${agency}: 01 acknowledges a received document`,
            );
          }
        } else if (s.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
          await sdkCall(() =>
            client.recall(s.documentId, {
              reason: s.description || 'recall requested',
              ...(s.staff ? { staff: s.staff } : {}),
              ...(isAgencyCode(s.otherParty) ? { recipients: [s.otherParty] } : {}),
            }),
          );
        } else {
          await sdkCall(() =>
            client.report(s.documentId, s.code as BusinessStatus, {
              ...(isAgencyCode(s.otherParty) ? { sender: s.otherParty } : {}),
              description: s.description,
              ...(s.staff ? { staff: s.staff } : {}),
              timestampMs: s.timestampMs,
              edxmlOriginal: pkg.data ?? new Uint8Array(),
            }),
          );
        }
        result = {
          id,
          documentId: s.documentId,
          messageType: 'status',
          statusCode,
          warnings: parsed.warnings,
          duplicate: false,
        };
      }
      this.remember(id, result);
      return result;
    } finally {
      pkg.dispose();
    }
  }

  /** Items waiting for `agency`: documents (and recalls, as status items), oldest first. */
  async listReceived(agency: string, messageType?: MessageType): Promise<ReceivedItem[]> {
    this.assertServes(agency);
    const q = await this.queue(agency);
    await q.settle();
    return q.items().filter((i) => messageType === undefined || i.messageType === messageType);
  }

  /** The bytes of a received item: the sender's original package, or the document rendered as edXML. */
  async getPackage(agency: string, id: string): Promise<PackageBytes> {
    const item = await this.held(agency, id);
    const env = item.envelope;
    if (env.status) {
      const s = env.status;
      if (s.edxmlOriginal && s.edxmlOriginal.length > 0)
        return { body: s.edxmlOriginal, size: s.edxmlOriginal.length };
      const bytes = this.codec.renderStatus(s, { otherParty: agency });
      return { body: bytes, size: bytes.length };
    }
    const d = item.document!;
    const original = d.edxmlOriginal?.sha256Hex;
    if (original) {
      const att = item.attachments.find((a) => a.sha256Hex === original);
      if (!att) {
        throw new GatewayError(
          500,
          'DataLoss',
          `the original package ${original} is not among the attachments`,
        );
      }
      if (!att.stored) {
        const bytes = await sdkCall(() => att.bytes());
        return { body: bytes, size: bytes.length };
      }
      const body = new PassThrough();
      att.download(body).then(
        () => body.end(),
        (e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))),
      );
      return { body, size: att.size };
    }
    const bytes = await this.codec.renderEdoc(d);
    return { body: bytes, size: bytes.length };
  }

  /** Takes an item out of the list; for a document this reports 01 arrived. Idempotent. */
  async ack(agency: string, id: string): Promise<{ id: string; acknowledged: true; duplicate: boolean }> {
    this.assertServes(agency);
    this.assertOwnItem(agency, id);
    const q = await this.queue(agency);
    if (q.wasAcked(id)) return { id, acknowledged: true, duplicate: true };
    const item = await this.held(agency, id);
    await sdkCall(() => item.ack());
    q.acked(id);
    return { id, acknowledged: true, duplicate: false };
  }

  /** Puts an item back: it is listed again after the retry delay (the VXP `fail`). */
  async fail(agency: string, id: string, reason: string): Promise<{ id: string; retryAfterMs: number }> {
    this.assertServes(agency);
    const item = await this.held(agency, id);
    const q = await this.queue(agency);
    const retryAfterMs = this.opts.failRetryMs ?? 30_000;
    q.failed(id, item, reason, retryAfterMs);
    return { id, retryAfterMs };
  }

  /** The caller's tracking of a document it sent: per recipient, transport, business status, timeline. */
  async sent(agency: string, documentId: string): Promise<SentRecord[]> {
    this.assertServes(agency);
    if (documentId.trim() === '') throw new GatewayError(400, 'InvalidArgument', 'documentId is required');
    const client = await this.client(agency);
    const records = await sdkCall(() => client.snapshot(documentId));
    return records.filter((r) => r.recipient !== '').map(sentRecord);
  }

  /** The directory: every agency with its home node. */
  agencies(): AgencyEntry[] {
    return this.host.topology
      .agencies()
      .map((a) => ({
        code: a.code,
        name: a.name,
        parentCode: a.parentCode ?? '',
        tier: levelName(a.tier),
        homeNode: a.homeNode,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inboxes.values()].map((q) => q.stop()));
    const clients = await Promise.allSettled([...this.clients.values()]);
    await Promise.allSettled(clients.map((c) => (c.status === 'fulfilled' ? c.value.close() : undefined)));
  }

  private remember(id: string, r: SendResult): void {
    this.posted.set(id, r);
    if (this.posted.size > 10_000) this.posted.delete(this.posted.keys().next().value!);
  }

  private assertOwnItem(agency: string, id: string): void {
    const token = id.split('.')[0] ?? '';
    if (!/^[0-9A-Za-z_]+\.[0-9a-z-]+$/.test(id)) throw new GatewayError(404, 'NotFound', `no item ${id}`);
    if (token !== agencyToToken(agency)) {
      throw new GatewayError(
        403,
        'PermissionDenied',
        `item ${id} was delivered to another agency, not ${agency}`,
      );
    }
  }

  private async held(agency: string, id: string): Promise<InboxItem> {
    this.assertServes(agency);
    this.assertOwnItem(agency, id);
    const q = await this.queue(agency);
    await q.settle();
    const item = q.get(id);
    if (!item) {
      throw new GatewayError(
        404,
        'NotFound',
        q.wasAcked(id)
          ? `item ${id} was acknowledged and left the list`
          : `no item ${id} waiting for ${agency}`,
      );
    }
    return item;
  }

  private client(agency: string): Promise<LienthongClient> {
    let c = this.clients.get(agency);
    if (!c) {
      c = this.opts.connect(agency);
      this.clients.set(agency, c);
      c.catch(() => this.clients.delete(agency));
    }
    return c;
  }

  private async queue(agency: string): Promise<ReceivedQueue> {
    let q = this.inboxes.get(agency);
    if (!q) {
      const client = await sdkCall(() => this.client(agency));
      q = this.inboxes.get(agency);
      if (!q) {
        q = new ReceivedQueue(client, agency, this.opts.maxListed ?? 256);
        this.inboxes.set(agency, q);
      }
    }
    return q;
  }
}

export interface SentRecord {
  readonly recipient: string;
  readonly transport: string;
  readonly business: string;
  readonly statusCode?: string;
  readonly recall?: string;
  readonly overdue: boolean;
  readonly failure?: string;
  readonly route: readonly string[];
  readonly sentAt: string;
  readonly updatedAt: string;
  readonly timeline: readonly {
    readonly at: string;
    readonly transport?: string;
    readonly statusCode?: string;
    readonly node: string;
    readonly description: string;
    readonly ignored: boolean;
    readonly signed: boolean;
  }[];
}

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string;
  readonly tier: string;
  readonly homeNode: string;
}

function levelName(l: Level): string {
  return (Level[l] ?? 'LEVEL_UNSPECIFIED').replace('LEVEL_', '').toLowerCase();
}

function code2(b: BusinessStatus): string | undefined {
  return b ? String(b).padStart(2, '0') : undefined;
}

function sentRecord(r: TrackingRecord): SentRecord {
  const iso = (ms: unknown): string => new Date(Number(ms ?? 0)).toISOString();
  return {
    recipient: r.recipient,
    transport: TransportState[r.transport]?.replace('TRANSPORT_STATE_', '') ?? String(r.transport),
    business: BusinessStatus[r.business]?.replace('BUSINESS_STATUS_', '') ?? String(r.business),
    ...(code2(r.business) ? { statusCode: code2(r.business)! } : {}),
    ...(r.recall ? { recall: code2(r.recall)! } : {}),
    overdue: r.overdue,
    ...(r.failure ? { failure: FailureReason[r.failure] ?? String(r.failure) } : {}),
    route: r.hops.map((h) => h.node ?? ''),
    sentAt: iso(r.sentAtMs),
    updatedAt: iso(r.updatedAtMs),
    timeline: r.timeline.map((t) => ({
      at: iso(t.atMs),
      ...(t.transport ? { transport: TransportState[t.transport]?.replace('TRANSPORT_STATE_', '') } : {}),
      ...(t.business ? { statusCode: code2(t.business)! } : {}),
      node: t.node ?? '',
      description: t.description ?? '',
      ignored: Boolean(t.ignored),
      signed: (t.receipt?.signature?.value?.length ?? 0) > 0,
    })),
  };
}

function tooLarge(e: PackageTooLargeError): GatewayError {
  return new GatewayError(413, 'TooLarge', e.message, {
    limit: e.limit,
    ...(e.size !== undefined ? { size: e.size } : {}),
  });
}

/** SDK errors as gateway errors: the SDK's codes mapped to HTTP statuses. */
async function sdkCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw gatewayErrorOf(e);
  }
}

const STATUS_OF: Record<string, number> = {
  InvalidArgument: 400,
  NotFound: 404,
  AlreadyExists: 409,
  PermissionDenied: 403,
  FailedPrecondition: 409,
  ResourceExhausted: 429,
  DeadlineExceeded: 504,
  Unavailable: 503,
  Canceled: 499,
  Internal: 500,
  DataLoss: 500,
};

export function gatewayErrorOf(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (isBackpressure(e)) {
    return new GatewayError(429, 'ResourceExhausted', e.message, { scope: e.scope }, e.retryAfterMs);
  }
  if (e instanceof LienthongError) {
    const status = STATUS_OF[e.code] ?? 500;
    return new GatewayError(status, e.code, e.message);
  }
  return new GatewayError(500, 'Internal', 'internal error');
}

/**
 * The items of one agency the gateway holds for its HTTP caller: an SDK inbox that keeps up to
 * `max` items handed out and unsettled (kept alive while listed); `ack` settles them.
 */
class ReceivedQueue {
  private readonly held = new Map<string, { item: InboxItem; notBefore: number }>();
  private readonly ackedIds = new Set<string>();
  private readonly ackedDocs = new Set<string>();
  private readonly inbox;
  private readonly started = Date.now();
  private readonly loop: Promise<void>;

  constructor(
    client: LienthongClient,
    private readonly agency: string,
    max: number,
  ) {
    this.inbox = client.inbox({ maxInFlight: max });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    try {
      for await (const item of this.inbox) {
        this.held.set(itemId(this.agency, item), { item, notBefore: 0 });
      }
    } catch {
      // The client closed.
    }
  }

  /** Gives a just-started inbox a moment to take what is waiting. */
  async settle(): Promise<void> {
    const wait = 300 - (Date.now() - this.started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  items(): ReceivedItem[] {
    const now = Date.now();
    return [...this.held.entries()]
      .filter(([, h]) => h.notBefore <= now)
      .map(([id, h]) => describe(id, h.item))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  }

  get(id: string): InboxItem | undefined {
    return this.held.get(id)?.item;
  }

  wasAcked(id: string): boolean {
    return this.ackedIds.has(id);
  }

  /** The held document item of a document id from a sender. */
  findDocument(documentId: string, sender: string): { id: string; item: InboxItem } | undefined {
    for (const [id, h] of this.held) {
      if (
        h.item.kind === 'document' &&
        h.item.documentId === documentId &&
        (!sender || h.item.sender === sender)
      ) {
        return { id, item: h.item };
      }
    }
    return undefined;
  }

  documentAcked(documentId: string, sender: string): boolean {
    return this.ackedDocs.has(`${sender}|${documentId}`);
  }

  acked(id: string): void {
    const h = this.held.get(id);
    if (h?.item.kind === 'document') this.ackedDocs.add(`${h.item.sender}|${h.item.documentId}`);
    this.held.delete(id);
    this.ackedIds.add(id);
    if (this.ackedIds.size > 100_000) this.ackedIds.delete(this.ackedIds.values().next().value!);
  }

  /** Hidden from the list until the retry time (the item stays held: the SDK keeps it alive). */
  failed(id: string, item: InboxItem, _reason: string, retryAfterMs: number): void {
    this.held.set(id, { item, notBefore: Date.now() + retryAfterMs });
  }

  async stop(): Promise<void> {
    await this.inbox.stop();
    await this.loop;
  }
}

function itemId(agency: string, item: InboxItem): string {
  return `${agencyToToken(agency)}.${item.envelope.envelopeId.toLowerCase()}`;
}

function describe(id: string, item: InboxItem): ReceivedItem {
  const status = item.envelope.status;
  const d = item.document;
  return {
    id,
    documentId: item.documentId,
    from: item.sender,
    messageType: status ? 'status' : 'edoc',
    ...(status ? { statusCode: String(status.code).padStart(2, '0') } : {}),
    ...(d ? { businessDocType: d.business?.operation ?? 0 } : {}),
    receivedAt: new Date(item.deliveredAtMs).toISOString(),
    signature: item.signature.state,
    original: status ? (status.edxmlOriginal?.length ?? 0) > 0 : Boolean(d?.edxmlOriginal?.sha256Hex),
  };
}

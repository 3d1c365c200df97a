import { agencyToToken, isAgencyCode } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { BusinessOperation, BusinessStatus } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { EdxmlError } from './codec';
import type { EdxmlCodec, MessageType } from './codec';
import { LienthongEdxmlCodec } from './edxml-codec';
import { signatureView } from './edxml-signature';
import type { SignatureView } from './edxml-signature';
import { originalPackage, renderedPackage } from './original-package';
import type { PackageBytes } from './original-package';
import { DEFAULT_CAPACITY_WAIT_MS, withCapacityWait } from './capacity';
import { GatewayError, gatewayErrorOf, notAnAgency, sdkCall, tooLarge } from './errors';
import { ReceivedQueue, assertOwnItem, describeStatus, isStatusId } from './received-queue';
import type { ReceivedItem } from './received-queue';
import { directoryEntries, sentRecords } from './records';
import type { AgencyEntry, SentRecord } from './records';
import { PackageTooLargeError, spool } from './spool';
import type { ContentUpload, SpooledPackage } from './spool';
import { RefusalLogs } from './refusal-log';
import type { RefusalJson } from './refusal-log';
import { StatusQueue } from './status-queue';
import { ContentUploads, ORIGINAL_ATTACHMENT_NAME, ORIGINAL_MEDIA_TYPE, storedAttachment } from './uploads';
import type { HeldStatus } from './status-queue';
import type { GatewayHost, GatewayOptions, SendResult } from './gateway-types';

export { GatewayError, gatewayErrorOf } from './errors';
export type { ReceivedItem } from './received-queue';
export type { AgencyEntry, SentRecord } from './records';
export type { GatewayHost, GatewayOptions, SendResult } from './gateway-types';
export type { PackageBytes } from './original-package';
export type { RefusalJson } from './refusal-log';
export const DEFAULT_MAX_PACKAGE_BYTES = 200 * 1024 * 1024;
export { ORIGINAL_ATTACHMENT_NAME, ORIGINAL_MEDIA_TYPE } from './uploads';

/**
 * The edXML gateway, independent of any transport: the HTTP routes (and later a VXP endpoint) are
 * thin layers over it. Each agency acts through an SDK client of its own, so a package posted here
 * travels the same custody, tracking, flow-control and signature path as one sent with the SDK.
 */
export class EdocGateway {
  private readonly clients = new Map<string, Promise<LienthongClient>>();
  private readonly refusalLogs = new RefusalLogs();
  private readonly inboxes = new Map<string, ReceivedQueue>();
  private readonly statuses = new Map<string, Promise<StatusQueue | undefined>>();
  /** Responses to packages already posted (by package SHA-256), so a repeat sends nothing. */
  private readonly posted = new Map<string, SendResult>();
  /** The directory list of each directory version (a new Topology on every change). */
  private readonly directory = new WeakMap<Topology, readonly AgencyEntry[]>();
  /** Large packages are stored as content as they arrive (with the node's JetStream). */
  private readonly uploads: ContentUploads | undefined;
  private readonly maxPackageBytes: number;
  private readonly codec: EdxmlCodec;
  private closed = false;

  constructor(
    private readonly host: GatewayHost,
    private readonly opts: GatewayOptions,
  ) {
    this.maxPackageBytes = opts.maxPackageBytes ?? DEFAULT_MAX_PACKAGE_BYTES;
    this.uploads = opts.jetstream && new ContentUploads(opts.jetstream, this.maxPackageBytes, host);
    // The codec's own limit is the package limit plus nothing: the spool refuses first.
    this.codec = opts.codec ?? new LienthongEdxmlCodec({ maxBytes: this.maxPackageBytes + 1 });
  }

  /** The directory as the node sees it now. */
  get topology(): Topology {
    return this.host.topology;
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
    if (!info) throw notAnAgency(agency, this.host.topology.closedCode(agency));
    const hosted = this.host.hostsNode
      ? this.host.hostsNode(info.homeNode)
      : this.host.nodes.some((n) => n.id === info.homeNode);
    if (!hosted) {
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
    // Statuses of what it sends from now on are listed for it.
    await this.statusQueue(agency);
    if (declaredLength !== undefined && declaredLength > this.maxPackageBytes) {
      throw tooLarge(new PackageTooLargeError(this.maxPackageBytes, declaredLength));
    }
    // A body that declares its length (within the limit) is stored as content while it arrives; one
    // of unknown length goes to a temporary file first, so that a stream over the limit stores nothing.
    const upload =
      declaredLength !== undefined
        ? this.uploads?.of(this.host.topology.homeNodeOf(agency).domain, agency)
        : undefined;
    const pkg = await this.spool(body, upload);
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
      const result = await this.withRoom(() =>
        parsed.messageType === 'edoc'
          ? this.sendEdoc(client, id, pkg)
          : this.sendStatus(agency, client, id, pkg),
      );
      this.remember(id, result);
      return result;
    } finally {
      pkg.dispose();
    }
  }

  /** A submission that waits a little for room at the agency's home node before a 429 (capacity.ts). */
  private withRoom<T>(attempt: () => Promise<T>): Promise<T> {
    return withCapacityWait(
      this.opts.capacityWaitMs ?? DEFAULT_CAPACITY_WAIT_MS,
      () => !this.closed && this.host.readiness().ok,
      attempt,
    );
  }

  /** Reads the posted body to its end (memory or a spool file), parsing it on the way. */
  private async spool(body: AsyncIterable<Uint8Array>, upload?: ContentUpload): Promise<SpooledPackage> {
    try {
      return await spool(body, this.codec.parser(), this.maxPackageBytes, upload);
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
  }

  /** An edoc: the mapped document, with the package itself as the attachment that carries it. */
  private async sendEdoc(client: LienthongClient, id: string, pkg: SpooledPackage): Promise<SendResult> {
    const { parsed } = pkg;
    const d = parsed.document!;
    const document: IDocument = {
      ...d,
      edxmlOriginal: { sha256Hex: pkg.sha256Hex, size: pkg.size, warnings: [...parsed.warnings] },
    };
    const info = { name: ORIGINAL_ATTACHMENT_NAME, mediaType: ORIGINAL_MEDIA_TYPE };
    // Stored as content while it arrived: the document references it; otherwise the SDK attaches it.
    if (pkg.stored) document.attachments = [storedAttachment(pkg.stored)];
    const sources = pkg.stored ? [] : [pkg.data ? { ...info, data: pkg.data } : { ...info, path: pkg.path! }];
    if (pkg.data && parsed.edxml) this.host.rememberEdxmlParse?.(pkg.data, parsed.edxml);
    const receipt = await sdkCall(() =>
      client.send(document, {
        attachments: sources,
        ...(d.priority ? { priority: d.priority } : {}),
      }),
    );
    return {
      id,
      documentId: receipt.documentId,
      messageType: 'edoc',
      businessDocType: d.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW,
      warnings: parsed.warnings,
      duplicate: receipt.duplicate,
    };
  }

  /** A Status package: 01 acknowledges the item, 13 recalls, the others are reported as they are. */
  private async sendStatus(
    agency: string,
    client: LienthongClient,
    id: string,
    pkg: SpooledPackage,
  ): Promise<SendResult> {
    const s = pkg.parsed.status!;
    if (s.code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
      await this.acknowledgeDocument(agency, s.documentId, s.otherParty);
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
    return {
      id,
      documentId: s.documentId,
      messageType: 'status',
      statusCode: String(s.code).padStart(2, '0'),
      warnings: pkg.parsed.warnings,
      duplicate: false,
    };
  }

  /** 01 is the acknowledgement of the item that brought the document (as POST …/ack). */
  private async acknowledgeDocument(agency: string, documentId: string, sender: string): Promise<void> {
    const q = await this.queue(agency);
    await q.settle();
    const held = q.findDocument(documentId, sender);
    if (held) {
      await sdkCall(() => held.item.ack());
      q.acked(held.id);
    } else if (!q.documentAcked(documentId, sender)) {
      throw new GatewayError(
        409,
        'FailedPrecondition',
        `no document ${documentId} from ${sender || '(no ResponseFor/OrganId)'} is waiting for ${agency}: 01 acknowledges a received document`,
      );
    }
  }

  /** Items waiting for `agency`: documents (and recalls, as status items), oldest first. */
  async listReceived(agency: string, messageType?: MessageType): Promise<ReceivedItem[]> {
    this.assertServes(agency);
    const [q, s] = await Promise.all([this.queue(agency), this.statusQueue(agency)]);
    await q.settle();
    const items = [...q.items(), ...(s?.items() ?? []).map(describeStatus)].sort(
      (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id),
    );
    return items.filter((i) => messageType === undefined || i.messageType === messageType);
  }

  /** How many items `listReceived` lists, without describing and sorting them (VXP countReceive*). */
  async countReceived(agency: string, messageType?: MessageType): Promise<number> {
    this.assertServes(agency);
    const [q, s] = await Promise.all([this.queue(agency), this.statusQueue(agency)]);
    await q.settle();
    return q.count(messageType) + (messageType === 'edoc' ? 0 : (s?.count() ?? 0));
  }

  /** The bytes of a received item: the sender's original package, or the document rendered as edXML. */
  async getPackage(agency: string, id: string): Promise<PackageBytes> {
    const status = await this.heldStatus(agency, id);
    if (status) {
      const r = status.receipt;
      const bytes = r.edxmlOriginal?.length ? r.edxmlOriginal : this.codec.renderStatus(r);
      return { body: bytes, size: bytes.length };
    }
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
    const verdict = item.edxmlSignature?.verdict;
    if (original && verdict) return { ...(await originalPackage(item, original)), edxmlSignature: verdict };
    if (original) return originalPackage(item, original);
    return renderedPackage(this.codec, d, item);
  }

  /** The verdict on a held item's edXML signature (GET /edocs/{id}/signature). */
  async signature(agency: string, id: string): Promise<SignatureView> {
    if (await this.heldStatus(agency, id)) {
      throw new GatewayError(
        404,
        'NotFound',
        `item ${id} is a status: statuses carry no edXML signature verdict`,
      );
    }
    return signatureView(id, await this.held(agency, id));
  }

  /** Takes an item out of the list; for a document this reports 01 arrived. Idempotent. */
  async ack(agency: string, id: string): Promise<{ id: string; acknowledged: true; duplicate: boolean }> {
    this.assertServes(agency);
    assertOwnItem(agency, id);
    if (isStatusId(id)) {
      const s = await this.statusQueue(agency);
      if (s?.wasAcked(id)) return { id, acknowledged: true, duplicate: true };
      await this.heldStatus(agency, id);
      await sdkCall(() => s!.ack(id));
      return { id, acknowledged: true, duplicate: false };
    }
    const q = await this.queue(agency);
    if (q.wasAcked(id)) return { id, acknowledged: true, duplicate: true };
    const item = await this.held(agency, id);
    await this.withRoom(() => sdkCall(() => item.ack()));
    q.acked(id);
    return { id, acknowledged: true, duplicate: false };
  }

  /** Puts an item back: it is listed again after the retry delay (the VXP `fail`). */
  async fail(agency: string, id: string, reason: string): Promise<{ id: string; retryAfterMs: number }> {
    this.assertServes(agency);
    const retryAfterMs = this.opts.failRetryMs ?? 30_000;
    if (await this.heldStatus(agency, id)) {
      (await this.statusQueue(agency))!.fail(id, reason, retryAfterMs);
      return { id, retryAfterMs };
    }
    const item = await this.held(agency, id);
    const q = await this.queue(agency);
    q.failed(id, item, reason, retryAfterMs);
    return { id, retryAfterMs };
  }

  /** The caller's tracking of a document it sent: per recipient, transport, business status, timeline. */
  async sent(agency: string, documentId: string): Promise<SentRecord[]> {
    this.assertServes(agency);
    if (documentId.trim() === '') throw new GatewayError(400, 'InvalidArgument', 'documentId is required');
    const client = await this.client(agency);
    const records = await sdkCall(() => client.snapshot(documentId));
    return sentRecords(records);
  }

  /** Every document the caller sent, from its tracking records (oldest first), per recipient. */
  async sentDocuments(agency: string): Promise<{ documentId: string; records: SentRecord[] }[]> {
    this.assertServes(agency);
    const docs = [...(await sdkCall(async () => (await this.client(agency)).sent()))];
    docs.sort((a, b) => a.sentAtMs - b.sentAtMs);
    return docs.map((d) => ({
      documentId: d.documentId,
      records: sentRecords(d.recipients),
    }));
  }

  /**
   * The directory: every agency with its home node, and every closed code with its successor. Built
   * once per directory version (4,093 entries on the national tree: 2.5 ms).
   */
  agencies(): readonly AgencyEntry[] {
    const t = this.host.topology;
    let list = this.directory.get(t);
    if (!list) this.directory.set(t, (list = Object.freeze(directoryEntries(t))));
    return list;
  }

  /** What the network refused of the caller's submissions since `sinceMs`, oldest first. */
  async refusals(agency: string, sinceMs: number): Promise<{ refusals: RefusalJson[] }> {
    this.assertServes(agency);
    await sdkCall(() => this.client(agency));
    return { refusals: await this.refusalLogs.list(agency, sinceMs) };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.refusalLogs.close();
    await Promise.allSettled([...this.inboxes.values()].map((q) => q.stop()));
    await Promise.allSettled([...this.statuses.values()].map(async (s) => (await s)?.stop()));
    const clients = await Promise.allSettled([...this.clients.values()]);
    await Promise.allSettled(clients.map((c) => (c.status === 'fulfilled' ? c.value.close() : undefined)));
  }

  private remember(id: string, r: SendResult): void {
    this.posted.set(id, r);
    if (this.posted.size > 10_000) this.posted.delete(this.posted.keys().next().value!);
  }

  private async held(agency: string, id: string): Promise<InboxItem> {
    this.assertServes(agency);
    assertOwnItem(agency, id);
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

  /** A status item held for the caller, or undefined when the id is not a status item's. */
  private async heldStatus(agency: string, id: string): Promise<HeldStatus | undefined> {
    if (!isStatusId(id)) return undefined;
    this.assertServes(agency);
    assertOwnItem(agency, id);
    const s = await this.statusQueue(agency);
    const h = s?.get(id);
    if (!h) {
      throw new GatewayError(
        404,
        'NotFound',
        s?.wasAcked(id)
          ? `item ${id} was acknowledged and left the list`
          : `no item ${id} waiting for ${agency}`,
      );
    }
    return h;
  }

  /** The agency's status queue, created (with its durable consumer) on first use. */
  private statusQueue(agency: string): Promise<StatusQueue | undefined> {
    const nats = this.opts.jetstream;
    if (!nats) return Promise.resolve(undefined);
    let s = this.statuses.get(agency);
    if (!s) {
      const home = this.host.topology.homeNodeOf(agency);
      const q = new StatusQueue(nats, agency, home, this.opts.maxListed ?? 256);
      s = q.start().then(
        () => q,
        (e: unknown) => {
          this.statuses.delete(agency);
          throw gatewayErrorOf(e);
        },
      );
      this.statuses.set(agency, s);
    }
    return s;
  }

  private client(agency: string): Promise<LienthongClient> {
    let c = this.clients.get(agency);
    if (!c) {
      // Its refusals are followed before anything it posts goes out (refusal-log.ts).
      c = this.opts.connect(agency).then((client) => this.refusalLogs.opened(agency, client));
      this.clients.set(agency, c);
      c.catch(() => this.clients.delete(agency));
    }
    return c;
  }

  private async queue(agency: string): Promise<ReceivedQueue> {
    let q = this.inboxes.get(agency);
    // Its inbox ended (the agency out of reach): a fresh one, which ends at once while that lasts.
    if (!q || q.ended) {
      const client = await sdkCall(() => this.client(agency));
      q = this.inboxes.get(agency);
      if (!q || q.ended) {
        q = new ReceivedQueue(client, agency, this.opts.maxListed ?? 256, {
          ...(this.opts.onUnreadable ? { onUnreadable: this.opts.onUnreadable } : {}),
        });
        this.inboxes.set(agency, q);
      }
    }
    return q;
  }
}

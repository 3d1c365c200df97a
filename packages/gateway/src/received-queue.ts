import { agencyToToken } from '@lienthong/core';
import type { InboxItem, LienthongClient, UnreadableItem } from '@lienthong/sdk';
import type { MessageType } from './codec';
import { GatewayError, gatewayErrorOf } from './errors';
import { nextFailure } from './failure';
import type { ItemFailure } from './failure';
import type { HeldStatus } from './status-queue';

export type { ItemFailure } from './failure';

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
  /** What the caller said when it last failed the item (`fail`), and how many times it did. */
  readonly lastFailure?: ItemFailure;
  /** The verdict on the package's XML signature, judged at the sender's home node. */
  readonly edxmlSignature?: string;
}

export interface ReceivedQueueOptions {
  /** Acknowledged item ids and documents remembered (for idempotent acks and 01s), newest kept. */
  readonly keepAcked?: number;
  /** Told of an item the client cannot read (the SDK's process warning without it). */
  readonly onUnreadable?: (item: UnreadableItem) => void;
}

/**
 * The items of one agency the gateway holds for its HTTP caller: an SDK inbox that keeps up to
 * `max` items handed out and unsettled (kept alive while listed); `ack` settles them.
 */
export class ReceivedQueue {
  private readonly held = new Map<string, { item: InboxItem; notBefore: number; failure?: ItemFailure }>();
  private readonly ackedIds = new Set<string>();
  private readonly ackedDocs = new Set<string>();
  private readonly inbox;
  private readonly started = Date.now();
  private readonly loop: Promise<void>;
  private readonly keepAcked: number;
  private failure: unknown;

  constructor(
    client: LienthongClient,
    private readonly agency: string,
    max: number,
    opts: ReceivedQueueOptions = {},
  ) {
    this.keepAcked = opts.keepAcked ?? 100_000;
    const { onUnreadable } = opts;
    this.inbox = client.inbox({ maxInFlight: max, ...(onUnreadable ? { onUnreadable } : {}) });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    try {
      for await (const item of this.inbox) {
        this.held.set(itemId(this.agency, item), { item, notBefore: 0 });
      }
    } catch (e) {
      // The agency is out of this client's reach: its code was closed, or its home node is in another
      // JetStream domain now (the client closing ends the iteration without an error).
      this.failure = e;
    }
  }

  /** True once the inbox ended with an error; the gateway makes another queue then. */
  get ended(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Gives a just-started inbox a moment to take what is waiting; rejects with what ended it (a closed
   * code names its successor), rather than listing nothing for ever.
   */
  async settle(): Promise<void> {
    const wait = 300 - (Date.now() - this.started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (this.failure !== undefined) throw gatewayErrorOf(this.failure);
  }

  items(): ReceivedItem[] {
    const now = Date.now();
    return [...this.held.entries()]
      .filter(([, h]) => h.notBefore <= now)
      .map(([id, h]) => describe(id, h.item, h.failure))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  }

  /** How many items `items()` lists (of one message type), without describing them. */
  count(messageType?: MessageType): number {
    const now = Date.now();
    let n = 0;
    for (const h of this.held.values()) {
      if (h.notBefore > now) continue;
      if (messageType === undefined || (h.item.envelope.status ? 'status' : 'edoc') === messageType) n++;
    }
    return n;
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
    if (h?.item.kind === 'document') {
      this.ackedDocs.add(`${h.item.sender}|${h.item.documentId}`);
      if (this.ackedDocs.size > this.keepAcked) this.ackedDocs.delete(this.ackedDocs.values().next().value!);
    }
    this.held.delete(id);
    this.ackedIds.add(id);
    if (this.ackedIds.size > this.keepAcked) this.ackedIds.delete(this.ackedIds.values().next().value!);
  }

  /** Hidden from the list until the retry time (the item stays held: the SDK keeps it alive). */
  failed(id: string, item: InboxItem, reason: string, retryAfterMs: number): void {
    const failure = nextFailure(this.held.get(id)?.failure, reason);
    this.held.set(id, { item, notBefore: Date.now() + retryAfterMs, failure });
  }

  async stop(): Promise<void> {
    await this.inbox.stop();
    await this.loop;
  }
}

export function isStatusId(id: string): boolean {
  return /^[0-9A-Za-z_]+\.s\d+(\.\d+)?$/.test(id);
}

export function describeStatus(h: HeldStatus): ReceivedItem {
  const r = h.receipt;
  return {
    id: h.id,
    documentId: r.documentId ?? '',
    from: r.responder ?? '',
    messageType: 'status',
    statusCode: String(r.code ?? 0).padStart(2, '0'),
    receivedAt: new Date(h.atMs).toISOString(),
    signature: (r.signature?.value?.length ?? 0) > 0 ? 'verified' : 'unsigned',
    original: (r.edxmlOriginal?.length ?? 0) > 0,
    ...(h.failure ? { lastFailure: h.failure } : {}),
  };
}

function itemId(agency: string, item: InboxItem): string {
  return `${agencyToToken(agency)}.${item.envelope.envelopeId.toLowerCase()}`;
}

function describe(id: string, item: InboxItem, failure?: ItemFailure): ReceivedItem {
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
    ...(failure ? { lastFailure: failure } : {}),
    ...(item.edxmlSignature?.verdict ? { edxmlSignature: item.edxmlSignature.verdict } : {}),
  };
}

/**
 * Refuses an id that is not of the form the gateway gives (`<token>.<item>`, or `<token>.s<seq>.<n>`
 * for the second and later statuses of one tracking change), or that is another agency's item.
 */
export function assertOwnItem(agency: string, id: string): void {
  const token = id.split('.')[0] ?? '';
  if (!/^[0-9A-Za-z_]+\.[0-9a-z-]+$/.test(id) && !isStatusId(id))
    throw new GatewayError(404, 'NotFound', `no item ${id}`);
  if (token !== agencyToToken(agency)) {
    throw new GatewayError(
      403,
      'PermissionDenied',
      `item ${id} was delivered to another agency, not ${agency}`,
    );
  }
}

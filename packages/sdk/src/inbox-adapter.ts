/**
 * The client's side of an inbox's port: the agency's durable consumer on the inbox stream, the
 * lookup of a recalled document's item, and the keys, content and reports of the client.
 */
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { Consumer } from '@nats-io/jetstream';
import type { ContentStore } from '@lienthong/content';
import { STREAMS, agencyToToken, documentEnvelopeId, inboxFilter, inboxSubject } from '@lienthong/core';
import { BusinessOperation } from '@lienthong/proto';
import type { BusinessStatus, Envelope, IDocument } from '@lienthong/proto';
import type { AgencyKeys } from './agency-keys';
import { receivedAttachments } from './attachments';
import type { ReceivedAttachment } from './attachments';
import type { CallOptions } from './call';
import type { InboxCheckDeps } from './inbox-check';
import type { Arrival, ConsumerSettings, InboxPort } from './inbox-port';
import type { HomeService } from './home-service';
import type { Lifecycle } from './lifecycle';
import type { Reports } from './reports';
import type { HomeFollower } from './home';
import type { Session } from './session';
import type { ItemSignature, ReportOptions } from './types';

/** The operations a document package can carry: each names its inbox item differently. */
const OPERATIONS = [
  BusinessOperation.BUSINESS_OPERATION_NEW,
  BusinessOperation.BUSINESS_OPERATION_REVOKE,
  BusinessOperation.BUSINESS_OPERATION_UPDATE,
  BusinessOperation.BUSINESS_OPERATION_REPLACE,
] as const;

export class ClientInboxPort implements InboxPort {
  readonly defaultTimeoutMs: number;

  constructor(
    private readonly session: Session,
    private readonly keys: AgencyKeys,
    private readonly content: ContentStore,
    private readonly reports: Reports,
    private readonly lifecycle: Lifecycle,
    /** With an nkey identity, the home node creates and updates the consumer. */
    private readonly service?: HomeService,
    private readonly home?: HomeFollower,
  ) {
    this.defaultTimeoutMs = session.defaultTimeoutMs;
  }

  get agency(): string {
    return this.session.agency;
  }

  get check(): InboxCheckDeps {
    return { jsm: this.session.jsm, connection: this.session.nc };
  }

  /**
   * The durable consumer `lt-inbox-<agency>`, created on first use, or brought up to date (by the
   * home node, for an nkey identity).
   */
  async consumer({ maxAckPending, ackWaitMs }: ConsumerSettings): Promise<Consumer> {
    const { agency, js, jsm } = this.session;
    const durable = `lt-inbox-${agencyToToken(agency)}`;
    const ackWait = ackWaitMs * 1_000_000; // nanoseconds
    const info = await jsm.consumers.info(STREAMS.inbox, durable).catch(() => undefined);
    const current =
      info !== undefined && info.config.max_ack_pending === maxAckPending && info.config.ack_wait === ackWait;
    // Gone, perhaps because the agency moved (its old home node removes it once the unread items
    // are copied to the new inbox): it is made again at the home node the directory names now.
    if (!info) await this.home?.refresh().catch(() => false);
    // Not at all while the home node is in another JetStream domain: FailedPrecondition.
    this.home?.current();
    if (this.service) {
      // Asked of the home node only when it is missing or its settings change: an existing one is
      // read even while the node is away.
      if (!current) {
        await this.service.call({ op: 'inbox', maxAckPending, ackWaitMs }, this.defaultTimeoutMs);
      }
      return js.consumers.get(STREAMS.inbox, durable);
    }
    if (!info) {
      const { homeNode } = this.session;
      try {
        await jsm.consumers.add(STREAMS.inbox, {
          durable_name: durable,
          filter_subject: inboxFilter(homeNode.level, homeNode.id, agency),
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ack_wait: ackWait,
          max_deliver: -1,
          max_ack_pending: maxAckPending,
        });
      } catch (e) {
        // Another reader of this agency created it first.
        if (!(await jsm.consumers.info(STREAMS.inbox, durable).catch(() => undefined))) throw e;
      }
    } else if (!current) {
      await jsm.consumers.update(STREAMS.inbox, durable, {
        max_ack_pending: maxAckPending,
        ack_wait: ackWait,
      });
    }
    return js.consumers.get(STREAMS.inbox, durable);
  }

  /**
   * Stream sequence of a document's item in this agency's inbox. The item's subject is named by the
   * envelope id the sender's home node gives a document package (origin, document id, operation).
   */
  async documentSequence(documentId: string, sender: string): Promise<number | undefined> {
    const { agency, homeNode, jsm } = this.session;
    const found = await Promise.all(
      OPERATIONS.map((op) => {
        const key = documentEnvelopeId(sender, documentId, op).toLowerCase();
        const subject = inboxSubject(homeNode.level, homeNode.id, agency, key);
        // A direct get names the subject, so permissions can keep each agency to its own inbox.
        return jsm.direct.getMessage(STREAMS.inbox, { last_by_subj: subject });
      }),
    );
    const seqs = found.flatMap((m) => (m ? [m.seq] : []));
    return seqs.length > 0 ? Math.min(...seqs) : undefined;
  }

  onAway(listener: (e: Error) => void): () => void {
    return this.home?.onAway(listener) ?? (() => undefined);
  }

  verify(envelope: Envelope): Promise<ItemSignature> {
    return this.keys.verify(envelope);
  }

  attachments(list: IDocument['attachments']): ReceivedAttachment[] {
    return receivedAttachments(this.content, list, () => this.home?.current());
  }

  assertOpen(what: string): void {
    this.lifecycle.assertOpen(what);
  }

  arrived(arrival: Arrival, opts: CallOptions): Promise<void> {
    return this.reports.arrived(arrival, opts);
  }

  async report(documentId: string, code: BusinessStatus, opts: ReportOptions): Promise<void> {
    this.lifecycle.assertOpen('report');
    return this.reports.report(documentId, code, opts);
  }
}

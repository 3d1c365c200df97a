/** What the edXML gateway (service.ts) is given and what it answers a posted package with. */
import type { NodeInfo, Topology } from '@lienthong/core';
import type { ParsedPackage as EdxmlParse } from '@lienthong/edxml';
import type { LienthongClient, UnreadableItem } from '@lienthong/sdk';
import type { EdxmlCodec, MessageType } from './codec';
import type { GatewayJetStream } from './status-queue';
import type { UploadHost } from './uploads';

/** What the gateway needs of the node process it runs in (NodeRuntime has it). */
export interface GatewayHost extends UploadHost {
  /** The directory as it is now. */
  readonly topology: Topology;
  /** The nodes this process hosts: the gateway acts only for their agencies. */
  readonly nodes: readonly NodeInfo[];
  /** Whether this process hosts the node, without listing them all (3,356 nodes nationally). */
  hostsNode?(nodeId: string): boolean;
  readiness(): { ok: boolean; reason?: string };
  /** A package read here, about to be submitted: the signature check at intake reuses the parse. */
  rememberEdxmlParse?(bytes: Uint8Array, parsed: EdxmlParse): void;
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
  /**
   * How long a post whose agency's queue at its home node is full waits here for room before it is
   * answered 429 with `Retry-After`; 2,000 ms by default, 0 to answer at once.
   */
  readonly capacityWaitMs?: number;
  /** After `fail`, how long before the item is listed again; 30 s by default. */
  readonly failRetryMs?: number;
  /**
   * The node's JetStream: statuses coming back to an agency for documents it sent are listed from
   * its track subject. Without it, they are only in `sent()`.
   */
  readonly jetstream?: GatewayJetStream;
  /**
   * Told of an inbox item an agency's SDK client cannot read (a newer schema, damaged bytes): it
   * stays in the inbox and is not listed. The HTTP plugin logs it on the node's logger; without
   * this, the SDK's process warning.
   */
  readonly onUnreadable?: (item: UnreadableItem) => void;
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

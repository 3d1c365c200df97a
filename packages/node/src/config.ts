import type { SubmitPace, Topology } from '@lienthong/core';
import { defaultDomainShortcut } from './shortcut';
import { DEFAULT_SECURITY } from './signature-policy';
import type { SecurityConfig } from './signature-policy';
import { DEFAULT_EDXML_SIGNATURES } from './edxml-signatures';
import type { EdxmlSignatureConfig } from './edxml-signatures';

/** How one node process is set up. Everything but `servers` and `topology` has a default. */
export interface NodeRuntimeConfig {
  /** NATS server URL(s) of the node's home server. */
  readonly servers: string | readonly string[];
  /** The tree and the agency directory. */
  readonly topology: Topology;
  /** Ids of the logical nodes this process hosts; default: every node of the topology. */
  readonly nodes?: readonly string[];
  /** JetStream domain of the home server; default: the server's own (none). */
  readonly domain?: string;
  /** Name of this process on the NATS connection and in logs. */
  readonly name?: string;
  /**
   * NATS credentials: a user/password pair, a token, or the process's node identity (an nkey seed, or
   * a file holding one, and the inbox prefix its permissions allow; see docs/SECURITY.md).
   */
  readonly auth?: {
    readonly user?: string;
    readonly pass?: string;
    readonly token?: string;
    readonly nkeySeed?: string;
    readonly seedFile?: string;
    readonly inboxPrefix?: string;
  };
  /** TLS to the server: CA to trust, and a client certificate when the server verifies clients. */
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
  readonly limits?: Partial<NodeLimits>;
  readonly retention?: Partial<RetentionConfig>;
  readonly overdue?: Partial<OverdueConfig>;
  /** Process at most this many messages of one consumer at once. */
  readonly concurrency?: number;
  /** Serve `/metrics`, `/healthz` and `/readyz` here (port 0 picks a free port). */
  readonly http?: { readonly port: number; readonly host?: string };
  /** Replicas of the streams and buckets this process creates (3 on the centre's cluster). */
  readonly replicas?: number;
  /** Signature checks at intake (docs/SECURITY.md). */
  readonly security?: Partial<SecurityConfig>;
  /** edXML signature verdicts at intake: policy, trust anchors, CRLs (docs/EDXML.md "Signatures"). */
  readonly edxmlSignatures?: Partial<EdxmlSignatureConfig>;
  /** Bounds on what a node holds and how fast agencies submit (docs/ARCHITECTURE.md, Flow control). */
  readonly flow?: Partial<FlowConfig>;
  /**
   * Within one JetStream domain, publish straight to the last node of the path still in it
   * (docs/ARCHITECTURE.md, "Domain-local shortcut"); default on (`LT_DOMAIN_SHORTCUT=off` turns the
   * default off for a process).
   */
  readonly domainShortcut?: boolean;
  /**
   * Transport events for a node in another JetStream domain that wait for the same relay queue go
   * as one message (transport-batches.ts; default true). A node of an earlier version cannot read
   * such a message: set false until the neighbours across the domain border run this version.
   */
  readonly crossDomainBatches?: boolean;
}

/**
 * Queue bounds are stream settings shared by every process of a JetStream domain: give them the
 * same values everywhere (the last process to start sets them).
 */
export interface FlowConfig {
  /** Submissions one agency may have waiting at its home node, per lane. */
  readonly maxQueuedPerAgency: number;
  /** Envelopes one neighbour may have waiting at a node, per lane. */
  readonly maxQueuedPerNeighbour: number;
  /** Bytes LT_SUBMIT and LT_RELAY may each hold; -1: no bound but the disk. */
  readonly maxQueuedBytes: number;
  /** Pace of agencies whose directory record sets no submit limits; none: unlimited. */
  readonly defaultSubmitLimits?: SubmitPace;
}

export interface NodeLimits {
  /** Largest envelope accepted, in bytes (NATS caps a message at 1 MiB by default). */
  readonly maxEnvelopeBytes: number;
  /** Hops an envelope may take before it is treated as a routing loop. */
  readonly hopLimit: number;
  /** Largest attachment accepted, in bytes (200 MiB). */
  readonly maxAttachmentBytes: number;
  /** Largest attachment accepted inside a document rather than as stored content (256 KiB). */
  readonly maxInlineAttachmentBytes: number;
  /** How long a document waits for its attachments' content to be complete before it fails (10 min). */
  readonly attachmentWaitMs: number;
  /** Attachment copies and verifications run at once per process; each holds a few chunks (2). */
  readonly attachmentTransfers: number;
  /** Bytes of attachment content one agency may upload per second, on average (16 MiB); 0: no pace. */
  readonly uploadBytesPerSecond: number;
  /** Bytes one agency may upload at once beyond its pace (256 MiB; at least 1 MiB, one chunk). */
  readonly uploadBurstBytes: number;
  /**
   * Bytes of uploaded content one agency may hold that no document references yet (1 GiB, an
   * eighth of `LT_CONTENT`'s default bound); 0: no bound.
   */
  readonly uploadUnreferencedBytes: number;
}

export interface RetentionConfig {
  /** How long inbox items are kept; also the horizon of duplicate suppression. */
  readonly inboxMaxAgeMs: number;
  /** How long tracking changes stay replayable on the track subjects. */
  readonly trackMaxAgeMs: number;
  /** How long dead letters are kept. */
  readonly deadMaxAgeMs: number;
  /** JetStream's duplicate window for relay and submit streams. */
  readonly duplicateWindowMs: number;
  /**
   * How long attachment content is kept after the last node that handled a document referencing it
   * recorded the reference; by default as long as inbox items.
   */
  readonly attachmentMaxAgeMs: number;
  /** Content nothing references yet (an upload whose document is not submitted) is kept this long. */
  readonly attachmentGraceMs: number;
  /** How often unreferenced content is swept; 0 turns the sweep off. */
  readonly attachmentSweepIntervalMs: number;
}

export interface OverdueConfig {
  /** Fixed time a recipient has to confirm 01; default: by the next working morning. */
  readonly fixedMs?: number;
  /** How often the overdue sweep runs. */
  readonly sweepIntervalMs: number;
}

const DAY = 24 * 3600 * 1000;

export const DEFAULT_LIMITS: NodeLimits = {
  maxEnvelopeBytes: 1024 * 1024,
  hopLimit: 16,
  maxAttachmentBytes: 200 * 1024 * 1024,
  maxInlineAttachmentBytes: 256 * 1024,
  attachmentWaitMs: 10 * 60 * 1000,
  attachmentTransfers: 2,
  uploadBytesPerSecond: 16 * 1024 * 1024,
  uploadBurstBytes: 256 * 1024 * 1024,
  uploadUnreferencedBytes: 1024 * 1024 * 1024,
};
export const DEFAULT_RETENTION: RetentionConfig = {
  inboxMaxAgeMs: 30 * DAY,
  trackMaxAgeMs: 30 * DAY,
  deadMaxAgeMs: 90 * DAY,
  duplicateWindowMs: 10 * 60 * 1000,
  attachmentMaxAgeMs: 30 * DAY,
  attachmentGraceMs: 3600 * 1000,
  attachmentSweepIntervalMs: 10 * 60 * 1000,
};
export const DEFAULT_OVERDUE: OverdueConfig = { sweepIntervalMs: 60_000 };
export const DEFAULT_FLOW: FlowConfig = {
  maxQueuedPerAgency: 1000,
  maxQueuedPerNeighbour: 1000,
  maxQueuedBytes: -1,
};

/** A config with every default filled in. */
export interface ResolvedConfig {
  readonly servers: string[];
  readonly topology: Topology;
  readonly nodes: readonly string[];
  readonly domain: string | undefined;
  readonly name: string;
  readonly auth: NodeRuntimeConfig['auth'];
  readonly tls: NodeRuntimeConfig['tls'];
  readonly limits: NodeLimits;
  readonly retention: RetentionConfig;
  readonly overdue: OverdueConfig;
  readonly concurrency: number;
  readonly http: NodeRuntimeConfig['http'];
  readonly replicas: number;
  readonly security: SecurityConfig;
  readonly edxmlSignatures: EdxmlSignatureConfig;
  readonly flow: FlowConfig;
  readonly domainShortcut: boolean;
  readonly crossDomainBatches: boolean;
}

export function resolveConfig(config: NodeRuntimeConfig): ResolvedConfig {
  const nodes = config.nodes ?? config.topology.nodes().map((n) => n.id);
  for (const id of nodes) config.topology.node(id); // throws NotFound for an unknown node
  return {
    servers: typeof config.servers === 'string' ? [config.servers] : [...config.servers],
    topology: config.topology,
    nodes,
    domain: config.domain,
    name: config.name ?? `lienthong-node-${process.pid}`,
    auth: config.auth,
    tls: config.tls,
    limits: { ...DEFAULT_LIMITS, ...config.limits },
    retention: {
      ...DEFAULT_RETENTION,
      attachmentMaxAgeMs: config.retention?.inboxMaxAgeMs ?? DEFAULT_RETENTION.attachmentMaxAgeMs,
      ...config.retention,
    },
    overdue: { ...DEFAULT_OVERDUE, ...config.overdue },
    concurrency: config.concurrency ?? 64,
    http: config.http,
    replicas: config.replicas ?? 1,
    security: {
      ...DEFAULT_SECURITY,
      maxSignatureAgeMs: config.retention?.inboxMaxAgeMs ?? DEFAULT_RETENTION.inboxMaxAgeMs,
      ...config.security,
    },
    edxmlSignatures: { ...DEFAULT_EDXML_SIGNATURES, ...config.edxmlSignatures },
    flow: { ...DEFAULT_FLOW, ...config.flow },
    domainShortcut: config.domainShortcut ?? defaultDomainShortcut(),
    crossDomainBatches: config.crossDomainBatches ?? true,
  };
}

/**
 * The relay fast path (docs/ARCHITECTURE.md, "Relay fast path"): a node that only hands an envelope
 * on reads the routing fields from the received bytes, skipping the payload (the document, status or
 * transport event) without decoding it, and publishes the same bytes with the new hops and hop limit
 * appended. Protobuf merges a repeated field by appending and keeps the last value of a scalar, so the
 * result decodes as the re-encoded envelope would; the payload bytes, and any signature over them, go
 * on untouched. Signatures and the payload's full validation stay where the design checks them: at
 * intake, and at the delivering node (which decodes everything).
 *
 * Anything else goes the full way (`Intake.relay`): an envelope whose recipients split, or that
 * has a recipient here or unknown, stored attachments (their content is held, copied and verified), a
 * hop limit that runs out, or fields that do not read as the home node writes them.
 */
import { inject, injectable } from 'tsyringe';
import { laneOf, msgIdFor, relaySubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { EnvelopeKind, Hop, SCHEMA_VERSION } from '@lienthong/proto';
import type { IHop } from '@lienthong/proto';
import type { ResolvedConfig } from './config';
import { ENVELOPE_ID } from './envelope-ids';
import { NeighbourRoom } from './flow';
import type { Clock, InboundMessage } from './inbound';
import type { TopologyView } from './live-directory';
import { EnvelopePublisher } from './publisher';
import { WireReader, lengthDelimited, varint } from './wire';
import { passedHops, shortcutTarget } from './shortcut';
import { TOKENS } from './tokens';
import { TransportBatches, goesInBatch } from './transport-batches';

/** What a forwarding node reads of an envelope. */
export interface RoutingFields {
  readonly schemaVersion: number;
  readonly envelopeId: string;
  readonly kind: number;
  readonly recipients: string[];
  readonly hopCount: number;
  readonly hopLimit: number;
  readonly priority: number;
  /** The payload's field number (12 document, 13 status, 14 transport event); 0 if none. */
  readonly payload: number;
  /** The document has an attachment stored as content (a reference, not inline bytes). */
  readonly storedContent: boolean;
}

const PAYLOAD_OF_KIND: ReadonlyMap<number, number> = new Map([
  [EnvelopeKind.ENVELOPE_KIND_DOCUMENT, 12],
  [EnvelopeKind.ENVELOPE_KIND_STATUS, 13],
  [EnvelopeKind.ENVELOPE_KIND_TRANSPORT, 14],
]);

/** Document field 18 (attachments): any of them with a `ref` (field 7)? Reads tags only. */
function hasStoredAttachment(r: WireReader, end: number): boolean {
  let stored = false;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag >>> 3 === 18 && (tag & 7) === 2) {
      const aEnd = r.length();
      while (r.pos < aEnd) {
        const t = r.varint();
        if (t >>> 3 === 7) stored = true;
        r.skip(t & 7);
      }
    } else r.skip(tag & 7);
  }
  return stored;
}

/**
 * The routing fields of an encoded envelope, the payload skipped; undefined when the bytes do not
 * read as an envelope (the full decode then says why).
 */
export function readRoutingFields(bytes: Uint8Array): RoutingFields | undefined {
  const r = new WireReader(bytes);
  let schemaVersion = 0;
  let envelopeId = '';
  let kind = 0;
  let hopCount = 0;
  let hopLimit = 0;
  let priority = 0;
  let payload = 0;
  let storedContent = false;
  const recipients: string[] = [];
  try {
    while (r.pos < r.len) {
      const tag = r.varint();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1 && wire === 0) schemaVersion = r.varint();
      else if (field === 2 && wire === 2) envelopeId = r.string();
      else if (field === 3 && wire === 0) kind = r.varint();
      else if (field === 7 && wire === 2) recipients.push(r.string());
      else if (field === 10 && wire === 0) hopLimit = r.varint();
      else if (field === 11 && wire === 0) priority = r.varint();
      else if (field >= 12 && field <= 14 && wire === 2) {
        payload = field;
        const end = r.length();
        if (field === 12) storedContent = hasStoredAttachment(r, end) || storedContent;
        r.pos = end;
      } else {
        if (field === 9) hopCount++;
        r.skip(wire);
      }
    }
  } catch {
    return undefined;
  }
  const fields = { schemaVersion, envelopeId, kind, recipients, hopCount, hopLimit, priority };
  return { ...fields, payload, storedContent };
}

/** The received bytes with `hops` appended and the hop limit set (merged as protobuf merges). */
export function appendRouting(bytes: Uint8Array, hops: readonly IHop[], hopLimit: number): Uint8Array {
  const parts = [bytes, ...hops.map((h) => lengthDelimited(9, Hop.encode(h).finish())), varint(10, hopLimit)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Forwards envelopes that only pass this node, without decoding their payload. */
@injectable()
export class RelayFastPath {
  /** Envelopes handed on by the fast path, and those it left to the full path. */
  forwarded = 0;
  declined = 0;
  /** Nodes with a neighbour in another JetStream domain (from the topology the process started with). */
  private readonly borders: ReadonlySet<string>;

  constructor(
    @inject(TOKENS.Topology) private readonly topology: TopologyView,
    @inject(NeighbourRoom) private readonly room: NeighbourRoom,
    @inject(EnvelopePublisher) private readonly publisher: EnvelopePublisher,
    @inject(TransportBatches) private readonly batches: TransportBatches,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {
    const borders = new Set<string>();
    for (const n of config.topology.nodes()) {
      const parent = n.parent === undefined ? undefined : config.topology.node(n.parent);
      if (parent && parent.domain !== n.domain) borders.add(n.id).add(parent.id);
    }
    this.borders = borders;
  }

  /**
   * Whether an envelope taken at `node` may only pass it. With the shortcut, within a domain only a
   * border node is published to without being the recipients' home (or where the hop limit runs
   * out, or from a process with the shortcut off: the full path serves those too), so the other
   * nodes do not read the routing fields twice.
   */
  mayPass(node: NodeInfo): boolean {
    return !this.config.domainShortcut || this.borders.has(node.id);
  }

  /** Hands `msg` on if it only passes `node`: true once it is stored at the next node's queue. */
  async forward(node: NodeInfo, msg: InboundMessage): Promise<boolean> {
    const fits = msg.data.length <= this.config.limits.maxEnvelopeBytes;
    const next = fits && this.mayPass(node) ? this.plan(node, msg) : undefined;
    if (!next) {
      this.declined++;
      return false;
    }
    const { env, target, passed } = next;
    const outMs = this.now();
    const hops: IHop[] = [
      { node: node.id, level: node.level, inMs: msg.storedAtMs, outMs },
      ...passedHops(passed, outMs),
    ];
    const hopCount = env.hopCount + hops.length;
    const data = appendRouting(msg.data, hops, env.hopLimit - hops.length);
    const subject = relaySubject(target.level, target.id, laneOf(env.priority), node.id);
    // The same message id as the full path gives this hop (router.ts), so either may retry the other.
    const msgID = msgIdFor(env.envelopeId, `${target.id}#${hopCount}`);
    if (goesInBatch(this.config, env.kind, node, target)) {
      await this.batches.send(subject, data, msgID, msg.headers, msg.deliveryCount ?? 1);
    } else {
      await this.room.publish(
        subject,
        () => this.publisher.publish(subject, data, msgID, env.kind, msg.headers),
        msg.deliveryCount ?? 1,
      );
    }
    this.forwarded++;
    return true;
  }

  private plan(
    node: NodeInfo,
    msg: InboundMessage,
  ): { env: RoutingFields; target: NodeInfo; passed: readonly NodeInfo[] } | undefined {
    const env = readRoutingFields(msg.data);
    if (
      !env ||
      env.schemaVersion !== SCHEMA_VERSION ||
      !ENVELOPE_ID.test(env.envelopeId) ||
      env.payload === 0 ||
      PAYLOAD_OF_KIND.get(env.kind) !== env.payload ||
      env.storedContent ||
      env.recipients.length === 0 ||
      env.hopLimit <= 1
    ) {
      return undefined;
    }
    let to: { target: NodeInfo; passed: readonly NodeInfo[] } | undefined;
    for (const r of env.recipients) {
      const agency = this.topology.agency(r);
      if (!agency || !this.topology.hasNode(agency.homeNode)) return undefined;
      const step = this.topology.nextHop(node.id, agency.homeNode);
      if (step.kind === 'local') return undefined;
      const t = this.config.domainShortcut
        ? shortcutTarget(this.topology, node, step.node, agency.homeNode, env.hopLimit)
        : { target: step.node, passed: [] };
      if (to && to.target.id !== t.target.id) return undefined;
      to = t;
    }
    return to && { env, ...to };
  }
}

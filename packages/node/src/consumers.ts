import type { JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { isBackpressure, laneSubjects } from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { storedAtMs } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import { AuditLog, auditEntryOf } from './audit-log';
import type { ResolvedConfig } from './config';
import { IntakeYield } from './flow';
import { HostedNodes, wholeLevels } from './hosted-nodes';
import { InFlight } from './in-flight';
import type { Disposition, InboundMessage } from './inbound';
import { Intake } from './intake';
import { LiveDirectory } from './live-directory';
import { NodeMetrics } from './metrics';
import type { MessageKind } from './metrics';
import { PullWorker } from './pull-worker';
import { STREAMS } from '@lienthong/core';
import { TOKENS } from './tokens';

/** Most messages a normal-lane consumer holds in memory waiting for their turn. */
const MAX_WINDOW = 2_048;

/** Counts of what a runtime did since it started. */
export interface RuntimeCounters {
  submitted: number;
  relayed: number;
  deadLettered: number;
}

/** The subjects one set of consumers serves, and the suffix of their durable names. */
export interface ConsumerScope {
  readonly filterSuffix: string;
  readonly durableSuffix: string;
}

/**
 * One consumer scope per level when this process hosts every node of that level in its domain
 * (a single wildcard consumer scales to thousands of nodes), else one per hosted node.
 */
export function consumerScopes(
  topology: Topology,
  domain: string,
  hosted: readonly NodeInfo[],
): ConsumerScope[] {
  const whole = wholeLevels(topology, domain, hosted);
  const scopes: ConsumerScope[] = [...whole].map((level) => ({
    filterSuffix: `lt.v1.${level}.*`,
    durableSuffix: `${level}-all${domain ? `-${domain}` : ''}`,
  }));
  for (const n of hosted) {
    if (!whole.has(n.levelName))
      scopes.push({ filterSuffix: `lt.v1.${n.levelName}.${n.id}`, durableSuffix: n.id });
  }
  return scopes;
}

type Handler = (node: NodeInfo, msg: InboundMessage) => Promise<Disposition>;

/**
 * The submit and relay consumers of the hosted nodes, one per lane and scope (urgent envelopes
 * never wait behind a normal backlog), and what happens around each message: the node that answers
 * for its subject, the audit entry before the ack, metrics and counters.
 */
@injectable()
export class NodeConsumers {
  readonly workers: readonly PullWorker[];
  readonly scopes: readonly ConsumerScope[];
  readonly counters: RuntimeCounters = { submitted: 0, relayed: 0, deadLettered: 0 };
  /** The normal-lane intake gives way to the relays waiting in this process (`IntakeYield`). */
  readonly intakeYield: IntakeYield;

  constructor(
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Nats) private readonly nats: NatsHandles,
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(Intake) private readonly intake: Intake,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(NodeMetrics) private readonly metrics: NodeMetrics,
    @inject(LiveDirectory) private readonly directory: LiveDirectory,
    @inject(InFlight) private readonly inFlight: InFlight,
    @inject(HostedNodes) private readonly hosted: HostedNodes,
  ) {
    this.scopes = consumerScopes(config.topology, config.domain ?? '', hosted.list());
    // The intake gives way to a quarter of its handlers while the relays' handlers are all busy and
    // as many more wait (the relays are falling behind, more than a burst), or while more relays are
    // held than half of what one neighbour may queue here, when that is less.
    const { concurrency, flow } = config;
    this.intakeYield = new IntakeYield(
      Math.ceil(concurrency / 4),
      Math.min(2 * concurrency, Math.ceil(flow.maxQueuedPerNeighbour / 2)),
    );
    this.workers = this.scopes.flatMap((scope) => this.scopeWorkers(scope));
  }

  async start(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  /** Messages waiting or in flight at the hosted nodes' consumers. */
  async backlog(): Promise<number> {
    const counts = await Promise.all(this.workers.map((w) => w.backlog()));
    return counts.reduce((a, b) => a + b, 0);
  }

  private scopeWorkers({ filterSuffix, durableSuffix }: ConsumerScope): PullWorker[] {
    const submit: Handler = (n, m) => this.intake.submit(n, m);
    const relay: Handler = (n, m) => this.intake.relay(n, m);
    // Normal lanes look at more messages than one sender may queue (up to a memory bound), so every
    // sender's next message is seen and served in turn; submissions over their agency's pace wait
    // in the consumer's pending set.
    const { concurrency, flow } = this.config;
    const windowFor = (perSender: number): number =>
      Math.max(concurrency * 4, Math.min(perSender + concurrency, MAX_WINDOW));
    const submitWindow = windowFor(flow.maxQueuedPerAgency);
    const lanes = laneSubjects(filterSuffix);
    const relays = this.worker(
      'relay',
      STREAMS.relay,
      `lt-relay-${durableSuffix}`,
      lanes.relay.normal,
      relay,
      {
        window: windowFor(flow.maxQueuedPerNeighbour),
      },
    );
    this.intakeYield.watch(relays);
    return [
      this.worker('submit', STREAMS.submit, `lt-submit-${durableSuffix}`, lanes.submit.normal, submit, {
        window: submitWindow,
        maxAckPending: submitWindow + 2 * concurrency + 4 * flow.maxQueuedPerAgency,
        yieldTo: this.intakeYield,
      }),
      this.worker('submit', STREAMS.submit, `lt-urgent-submit-${durableSuffix}`, lanes.submit.urgent, submit),
      relays,
      this.worker('relay', STREAMS.relay, `lt-urgent-relay-${durableSuffix}`, lanes.relay.urgent, relay),
    ];
  }

  private worker(
    kind: MessageKind,
    stream: string,
    durable: string,
    filter: string,
    handle: Handler,
    sizes: { window?: number; maxAckPending?: number; yieldTo?: IntakeYield } = {},
  ): PullWorker {
    const opts = {
      stream,
      durable,
      filter,
      concurrency: this.config.concurrency,
      ...sizes,
      connection: this.nats.nc,
    };
    const log = this.log.child({ consumer: durable });
    return new PullWorker(this.nats.js, this.nats.jsm, opts, (m) => this.take(kind, stream, m, handle), log);
  }

  private take(kind: MessageKind, stream: string, m: JsMsg, handle: Handler): Promise<void> {
    const inbound: InboundMessage = {
      subject: m.subject,
      data: m.data,
      stream,
      seq: m.seq,
      storedAtMs: storedAtMs(m),
      deliveryCount: m.info.deliveryCount,
      ...(m.headers ? { headers: m.headers } : {}),
    };
    // The level-wide filters also catch subjects of nodes the directory gained since the start (taken
    // on here: hosted-nodes.ts), and subjects with a node token that no node answers for.
    const token = m.subject.split('.')[3] ?? '';
    const node = this.hosted.resolve(token);
    if (!node) {
      const [fallback] = this.hosted.list();
      if (!fallback) throw new Error(`no node is hosted here to answer for ${m.subject}`);
      const detail = this.directory.hasNode(token)
        ? `no node here answers for ${m.subject}`
        : `no node ${token.slice(0, 64)} in the directory answers for ${m.subject}`;
      return this.measure(kind, fallback.levelName, () => this.intake.unroutable(fallback, inbound, detail));
    }
    return this.measure(kind, node.levelName, async () => {
      const d = await handle(node, inbound);
      // Before the ack: every custody transfer is in the node's audit chain (docs/SECURITY.md).
      await this.audit.record(node, auditEntryOf(kind, inbound, d));
      return d;
    });
  }

  private async measure(kind: MessageKind, level: string, run: () => Promise<Disposition>): Promise<void> {
    const t0 = performance.now();
    const done = this.inFlight.begin(this.directory.epoch);
    let d: Disposition;
    try {
      d = await run();
    } catch (e) {
      if (isBackpressure(e)) this.metrics.backpressure(kind, e.scope);
      this.metrics.message(kind, level, isBackpressure(e) ? 'deferred' : 'retried', 0);
      throw e;
    } finally {
      done();
    }
    this.metrics.message(
      kind,
      level,
      d === 'dead-lettered' ? 'dead_lettered' : 'forwarded',
      (performance.now() - t0) / 1000,
    );
    if (d === 'dead-lettered') this.counters.deadLettered++;
    else this.counters[kind === 'submit' ? 'submitted' : 'relayed']++;
  }
}

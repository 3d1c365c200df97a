import type { JsMsg } from '@nats-io/jetstream';
import type { SweepResult } from '@lienthong/content';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { BUCKETS, isBackpressure, laneSubjects, levelName } from '@lienthong/core';
import type { NodeInfo, SubmitPace, Topology } from '@lienthong/core';
import { Attachments, attachmentConfig } from './attachments';
import type { ResolvedConfig } from './config';
import type { NatsHandles } from './connection';
import { AuditLog, auditEntryOf } from './audit-log';
import { DeadLetters } from './dead-letters';
import { HTTP_PLUGINS, HealthServer } from './http';
import type { HttpPlugin } from './http';
import { NodeMetrics } from './metrics';
import type { MessageKind } from './metrics';
import { publishDirectory } from './directory';
import { SubmitPacer, readFlowUsage } from './flow';
import type { FlowUsage } from './flow';
import { moveInbox } from './inbox-move';
import { LiveDirectory } from './live-directory';
import type { AgencyMove } from './live-directory';
import { OverdueIndex } from './overdue';
import { Processor } from './processor';
import type { Disposition, InboundMessage } from './processor';
import { PullWorker } from './pull-worker';
import { SignaturePolicy } from './signature-policy';
import { STREAMS, ensureBuckets, ensureStreams } from './streams';
import { TOKENS } from './tokens';
import { TrackingStore } from './tracking-store';

/** Most messages a normal-lane consumer holds in memory waiting for their turn. */
const MAX_WINDOW = 2_048;

/** Counts of what a runtime did since it started. */
export interface RuntimeCounters {
  submitted: number;
  relayed: number;
  deadLettered: number;
}

/**
 * Hosts a set of logical nodes in one process: makes sure the domain's streams exist, runs the
 * submit and relay consumers of the hosted nodes, and the overdue sweep.
 */
@injectable()
export class NodeRuntime {
  private readonly workers: PullWorker[] = [];
  private overdue: OverdueIndex | undefined;
  private directory: LiveDirectory | undefined;
  /** Messages being handled, by the directory epoch they started under. */
  private readonly inFlightByEpoch = new Map<number, number>();
  private processor: Processor | undefined;
  private audit: AuditLog | undefined;
  private attachments: Attachments | undefined;
  private pacer: SubmitPacer | undefined;
  private hosted = new Map<string, NodeInfo>();
  readonly counters: RuntimeCounters = { submitted: 0, relayed: 0, deadLettered: 0 };
  readonly metrics = new NodeMetrics();
  private draining = false;
  private started = false;
  private connected = true;
  private http: HealthServer | undefined;
  /** Where `/metrics`, `/healthz` and `/readyz` are served, when configured. */
  httpUrl: string | undefined;

  constructor(
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Nats) private readonly nats: NatsHandles,
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(HTTP_PLUGINS) private readonly httpPlugins: readonly HttpPlugin[] = [],
  ) {}

  get nodes(): NodeInfo[] {
    return [...this.hosted.values()];
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async start(): Promise<void> {
    const { topology, retention } = this.config;
    this.hosted = new Map(this.config.nodes.map((id) => [id, topology.node(id)]));
    const { replicas } = this.config;
    await ensureStreams(
      this.nats.jsm,
      topology,
      this.config.domain ?? '',
      retention,
      replicas,
      this.config.flow,
    );
    await ensureBuckets(this.nats.kvm, replicas);
    await publishDirectory(this.nats.kvm, topology, replicas);
    this.directory = new LiveDirectory(topology, this.log);
    await this.directory.watch(await this.nats.kvm.open(BUCKETS.directory), (moves, before, after) =>
      this.moveInboxes(moves, before, after),
    );
    this.audit = new AuditLog(this.nats.js, this.nats.jsm, this.log, replicas);
    await this.audit.ensureStream(topology, this.config.domain ?? '');
    this.attachments = new Attachments(
      this.nats,
      this.config.domain ?? '',
      attachmentConfig(this.config.limits, retention),
      this.log,
      this.metrics.registry,
    );
    await this.attachments.start(replicas);
    const kv = await this.nats.kvm.open(BUCKETS.tracking);
    const tracking = new TrackingStore(kv, this.nats.js, this.directory);
    this.pacer = new SubmitPacer((agency) => this.submitLimits(agency));
    this.overdue = new OverdueIndex(tracking, this.log);
    this.processor = new Processor({
      js: this.nats.js,
      topology: this.directory,
      tracking,
      dead: new DeadLetters(this.nats.js),
      overdue: this.overdue,
      limits: this.config.limits,
      overdueConfig: this.config.overdue,
      log: this.log,
      metrics: this.metrics,
      signatures: new SignaturePolicy(this.directory, this.config.security),
      attachments: this.attachments,
      pacer: this.pacer,
    });
    const senders = this.nodes.flatMap((n) => topology.agenciesOf(n.id).map((a) => a.code));
    await this.overdue.load(senders);
    this.overdue.start(this.config.overdue.sweepIntervalMs);

    // One consumer per lane: urgent envelopes never wait behind a normal backlog (Flow control).
    const submit = (n: NodeInfo, m: InboundMessage): Promise<Disposition> =>
      this.processor!.handleSubmit(n, m);
    const relay = (n: NodeInfo, m: InboundMessage): Promise<Disposition> => this.processor!.handleRelay(n, m);
    // Normal lanes look at more messages than one sender may queue (up to a memory bound), so every
    // sender's next message is seen and served in turn; submissions over their agency's pace wait in
    // the consumer's pending set.
    const { concurrency, flow } = this.config;
    const windowFor = (perSender: number): number =>
      Math.max(concurrency * 4, Math.min(perSender + concurrency, MAX_WINDOW));
    const submitWindow = windowFor(flow.maxQueuedPerAgency);
    const relayWindow = windowFor(flow.maxQueuedPerNeighbour);
    for (const { filterSuffix, durableSuffix } of this.consumerScopes()) {
      const lanes = laneSubjects(filterSuffix);
      this.workers.push(
        this.worker('submit', STREAMS.submit, `lt-submit-${durableSuffix}`, lanes.submit.normal, submit, {
          window: submitWindow,
          maxAckPending: submitWindow + 2 * concurrency + 4 * flow.maxQueuedPerAgency,
        }),
        this.worker(
          'submit',
          STREAMS.submit,
          `lt-urgent-submit-${durableSuffix}`,
          lanes.submit.urgent,
          submit,
        ),
        this.worker('relay', STREAMS.relay, `lt-relay-${durableSuffix}`, lanes.relay.normal, relay, {
          window: relayWindow,
        }),
        this.worker('relay', STREAMS.relay, `lt-urgent-relay-${durableSuffix}`, lanes.relay.urgent, relay),
      );
    }
    await Promise.all(this.workers.map((w) => w.start()));
    void this.watchConnection();
    if (this.config.http) {
      const health = { ready: () => this.readiness(), refresh: () => this.refreshGauges() };
      this.http = new HealthServer(this.metrics, health, this.httpPlugins, this.log, this);
      this.httpUrl = (await this.http.listen(this.config.http.port, this.config.http.host)).url;
    }
    this.started = true;
    this.log.info(
      { nodes: this.nodes.map((n) => n.id), consumers: this.workers.length },
      'node runtime started',
    );
  }

  /** Stops taking new messages and finishes those in flight. */
  async stop(): Promise<void> {
    this.draining = true;
    this.metrics.draining.set(1);
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.overdue?.stop();
    await this.attachments?.stop();
    await this.directory?.stop();
    await this.http?.close();
    this.log.info('node runtime stopped');
  }

  /** Runs the overdue sweep now (the timer runs it periodically). */
  async sweepOverdue(): Promise<number> {
    return this.overdue ? this.overdue.sweep() : 0;
  }

  /** Removes attachment content no retained document references (the timer runs it periodically). */
  async sweepAttachments(): Promise<SweepResult | undefined> {
    return this.attachments?.sweep();
  }

  /** Messages waiting or in flight at the hosted nodes' consumers. */
  async backlog(): Promise<number> {
    const counts = await Promise.all(this.workers.map((w) => w.backlog()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * One consumer scope per level when this process hosts every node of that level in its domain
   * (a single wildcard consumer scales to thousands of nodes), else one per hosted node.
   */
  private consumerScopes(): { filterSuffix: string; durableSuffix: string }[] {
    const { topology } = this.config;
    const domain = this.config.domain ?? '';
    const scopes: { filterSuffix: string; durableSuffix: string }[] = [];
    const byLevel = new Map<string, NodeInfo[]>();
    for (const n of this.nodes) byLevel.set(n.levelName, [...(byLevel.get(n.levelName) ?? []), n]);
    for (const [level, nodes] of byLevel) {
      const all = topology.nodes().filter((n) => levelName(n.level) === level && n.domain === domain);
      if (all.length > 1 && nodes.length === all.length) {
        scopes.push({
          filterSuffix: `lt.v1.${level}.*`,
          durableSuffix: `${level}-all${domain ? `-${domain}` : ''}`,
        });
      } else {
        for (const n of nodes) scopes.push({ filterSuffix: `lt.v1.${level}.${n.id}`, durableSuffix: n.id });
      }
    }
    return scopes;
  }

  /** An agency's submit limits as this runtime applies them now (directory, else the default). */
  submitLimits(agency: string): SubmitPace | undefined {
    return this.directory?.submitLimits(agency) ?? this.config.flow.defaultSubmitLimits;
  }

  /** The directory as it is now (follows `lt_directory`). */
  /** The process's NATS connection and JetStream views, for the plugins on its HTTP port. */
  get natsHandles(): NatsHandles {
    return this.nats;
  }

  get topology(): Topology {
    return this.directory?.topology ?? this.config.topology;
  }

  /** Agencies that left a node hosted here take their unread inbox items with them. */
  private async moveInboxes(moves: AgencyMove[], before: Topology, after: Topology): Promise<void> {
    // Messages taken before the change may still deliver into the old inbox: let them finish first.
    const epoch = this.directory?.epoch ?? 0;
    const deadline = Date.now() + 30_000;
    while ([...this.inFlightByEpoch.keys()].some((e) => e < epoch) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const m of moves) {
      if (!this.hosted.has(m.from)) continue;
      await moveInbox(this.nats, m.code, before.node(m.from), after.node(m.to), this.log);
    }
  }

  /** Serving: started, not draining, connected to NATS. */
  readiness(): { ok: boolean; reason?: string } {
    if (!this.started) return { ok: false, reason: 'starting' };
    if (this.draining) return { ok: false, reason: 'draining' };
    if (!this.connected) return { ok: false, reason: 'NATS unreachable' };
    return { ok: true };
  }

  private async refreshGauges(): Promise<void> {
    this.metrics.overduePending.set(this.overdue?.size ?? 0);
    await this.refreshFlowGauges().catch((err: unknown) => this.log.debug({ err }, 'flow gauges not read'));
    await Promise.all(
      this.workers.map(async (w) =>
        this.metrics.backlog.set({ consumer: w.name }, await w.backlog().catch(() => 0)),
      ),
    );
  }

  /** Queue bounds and how full the hosted nodes' queues are (lienthong_flow_* gauges). */
  async flowUsage(): Promise<FlowUsage> {
    const prefixes = this.consumerScopes().map((s) => s.filterSuffix);
    return readFlowUsage(this.nats.jsm, prefixes, this.config.flow, this.pacer, this.processor?.room);
  }

  private async refreshFlowGauges(): Promise<void> {
    this.metrics.flow(await this.flowUsage());
  }

  private async watchConnection(): Promise<void> {
    this.metrics.connected.set(1);
    for await (const s of this.nats.nc.status()) {
      if (s.type === 'disconnect') this.connected = false;
      else if (s.type === 'reconnect') this.connected = true;
      else continue;
      this.metrics.connected.set(this.connected ? 1 : 0);
    }
  }

  private worker(
    kind: MessageKind,
    stream: string,
    durable: string,
    filter: string,
    handle: (node: NodeInfo, msg: InboundMessage) => Promise<Disposition>,
    sizes: { window?: number; maxAckPending?: number } = {},
  ): PullWorker {
    return new PullWorker(
      this.nats.js,
      this.nats.jsm,
      {
        stream,
        durable,
        filter,
        concurrency: this.config.concurrency,
        ...sizes,
      },
      (m: JsMsg) => {
        const inbound: InboundMessage = {
          subject: m.subject,
          data: m.data,
          stream,
          seq: m.seq,
          storedAtMs: Math.floor(m.info.timestampNanos / 1_000_000),
          deliveryCount: m.info.deliveryCount,
          ...(m.headers ? { headers: m.headers } : {}),
        };
        // The level-wide filters also catch subjects with a node token that no node answers for.
        const node = this.hosted.get(m.subject.split('.')[3] ?? '');
        if (!node) {
          const fallback = this.nodes[0]!;
          return this.measure(kind, fallback.levelName, () =>
            this.processor!.handleUnroutable(fallback, inbound, `no node here answers for ${m.subject}`),
          );
        }
        return this.measure(kind, node.levelName, async () => {
          const d = await handle(node, inbound);
          // Before the ack: every custody transfer is in the node's audit chain (docs/SECURITY.md).
          await this.audit!.record(node, auditEntryOf(kind, inbound, d));
          return d;
        });
      },
      this.log.child({ consumer: durable }),
    );
  }

  private async measure(kind: MessageKind, level: string, run: () => Promise<Disposition>): Promise<void> {
    const t0 = performance.now();
    const epoch = this.directory?.epoch ?? 0;
    this.inFlightByEpoch.set(epoch, (this.inFlightByEpoch.get(epoch) ?? 0) + 1);
    let d: Disposition;
    try {
      d = await run();
    } catch (e) {
      if (isBackpressure(e)) this.metrics.backpressure(kind, e.scope);
      this.metrics.message(kind, level, isBackpressure(e) ? 'deferred' : 'retried', 0);
      throw e;
    } finally {
      const left = (this.inFlightByEpoch.get(epoch) ?? 1) - 1;
      if (left === 0) this.inFlightByEpoch.delete(epoch);
      else this.inFlightByEpoch.set(epoch, left);
    }
    this.metrics.message(
      kind,
      level,
      d === 'dead-lettered' ? 'dead_lettered' : 'forwarded',
      (performance.now() - t0) / 1000,
    );
    this.count(d, kind === 'submit' ? 'submitted' : 'relayed');
  }

  private count(d: Disposition, kind: 'submitted' | 'relayed'): void {
    if (d === 'dead-lettered') this.counters.deadLettered++;
    else this.counters[kind]++;
  }
}

import type { ContentWriter, SweepResult } from '@lienthong/content';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { BUCKETS, agencyToToken } from '@lienthong/core';
import type { NodeInfo, SubmitPace, Topology } from '@lienthong/core';
import type { ParsedPackage } from '@lienthong/edxml';
import type { NatsHandles } from '@lienthong/infra';
import { AgencyService } from './agency-service';
import { Attachments } from './attachments';
import type { ResolvedConfig } from './config';
import { NodeConsumers } from './consumers';
import type { RuntimeCounters } from './consumers';
import { EdxmlSignatures } from './edxml-signatures';
import { NeighbourRoom, SubmitPacer, readFlowUsage } from './flow';
import type { FlowUsage } from './flow';
import { HealthServer } from './http';
import { HostedNodes } from './hosted-nodes';
import type { HttpPlugin } from './http';
import { InboxMover } from './inbox-move';
import { LiveDirectory } from './live-directory';
import { NodeMetrics } from './metrics';
import { NodeStatusBoard } from './node-status';
import { OverdueIndex } from './overdue';
import { registerStreamFill } from './stream-fill';
import { TOKENS } from './tokens';
import type { UploadQuota } from './upload-quota';

/**
 * Hosts a set of logical nodes in one process: follows the live directory, runs the submit and
 * relay consumers of the hosted nodes, the overdue and attachment sweeps, and the HTTP endpoints.
 * Everything it runs is built by the container (container.ts) before it starts.
 */
@injectable()
export class NodeRuntime {
  private readonly http: HealthServer;
  /** Consumers and key listings done for the hosted nodes' agencies (they may create none). */
  private readonly agencyService: AgencyService;
  private draining = false;
  private started = false;
  private connected = true;
  /** Where `/metrics`, `/healthz`, `/readyz` and the HTTP plugins are served, when configured. */
  httpUrl: string | undefined;

  constructor(
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Nats) private readonly nats: NatsHandles,
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(LiveDirectory) private readonly directory: LiveDirectory,
    @inject(NodeConsumers) private readonly consumers: NodeConsumers,
    @inject(OverdueIndex) private readonly overdue: OverdueIndex,
    @inject(NodeStatusBoard) private readonly status: NodeStatusBoard,
    @inject(Attachments) private readonly attachments: Attachments,
    @inject(InboxMover) private readonly inboxMover: InboxMover,
    @inject(SubmitPacer) private readonly pacer: SubmitPacer,
    @inject(NeighbourRoom) private readonly room: NeighbourRoom,
    @inject(NodeMetrics) readonly metrics: NodeMetrics,
    @inject(TOKENS.HttpPlugins) httpPlugins: readonly HttpPlugin[],
    @inject(EdxmlSignatures) private readonly edxmlSignatures: EdxmlSignatures,
    @inject(HostedNodes) private readonly hosted: HostedNodes,
  ) {
    this.agencyService = new AgencyService(
      nats,
      log,
      config.domain ?? '',
      attachments.puts,
      (agency) => directory.agency(agency)?.homeNode,
    );
    const health = { ready: () => this.readiness(), refresh: () => this.refreshGauges() };
    // Plugins are given this runtime as their host and the process's NATS connection.
    this.http = new HealthServer(metrics, health, httpPlugins, log, this, nats);
  }

  /** The nodes hosted now: those of the config, and those taken on since (hosted-nodes.ts). */
  get nodes(): NodeInfo[] {
    return this.hosted.list();
  }

  /** Whether this runtime hosts the node. */
  hostsNode(nodeId: string): boolean {
    return this.hosted.has(nodeId);
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Counts of what this runtime did since it started. */
  get counters(): RuntimeCounters {
    return this.consumers.counters;
  }

  async start(): Promise<void> {
    await this.directory.watch(await this.nats.kvm.open(BUCKETS.directory), (moves, before, after) =>
      this.inboxMover.move(moves, this.directory.epoch, before, after),
    );
    // Nodes the directory has beyond the config's, at a level served whole here, and those it gains.
    this.hosted.adoptNew();
    this.directory.onChange(() => this.hosted.adoptNew());
    await this.attachments.start();
    registerStreamFill(this.nats.jsm, this.metrics.registry);
    // From the directory as it is now: a node taken on above is not in the config's topology.
    const senders = this.nodes.flatMap((n) => this.directory.agenciesOf(n.id).map((a) => a.code));
    await this.overdue.load(senders);
    this.overdue.start(this.config.overdue.sweepIntervalMs);
    await this.status.start(() => this.hosted.ids(), this.config.overdue.sweepIntervalMs);
    await this.consumers.start();
    // Inbox items left behind for agencies homed elsewhere now (a move that gave up or never ran).
    this.inboxMover.startSweeping(this.directory);
    this.agencyService.start(this.nodes);
    this.hosted.onAdopted((node) => this.agencyService.adopt(node));
    void this.watchConnection();
    if (this.config.http) {
      this.httpUrl = (await this.http.listen(this.config.http.port, this.config.http.host)).url;
    }
    this.started = true;
    this.log.info(
      { nodes: this.nodes.map((n) => n.id), consumers: this.consumers.workers.length },
      'node runtime started',
    );
  }

  /** Stops taking new messages and finishes those in flight. */
  async stop(): Promise<void> {
    this.draining = true;
    this.metrics.draining.set(1);
    await this.agencyService.stop();
    await this.consumers.stop();
    await this.inboxMover.stopSweeping();
    await this.overdue.stop();
    await this.status.stop();
    await this.attachments.stop();
    await this.directory.stop();
    await this.http.close();
    this.log.info('node runtime stopped');
  }

  /**
   * Moves inbox items left behind for agencies homed elsewhere now, looking through the whole inbox
   * stream (the timer runs it once, 30 s after the start).
   */
  sweepInboxes(): Promise<number> {
    return this.inboxMover.sweep(this.directory);
  }

  /**
   * Looks again at the inboxes agencies left at nodes hosted here and moves what reached them since
   * (the timer runs it every 5 minutes); `quietMs`: forget one found empty that long after it was left.
   */
  recheckLeftInboxes(quietMs?: number): Promise<number> {
    return this.inboxMover.recheck(this.directory, quietMs);
  }

  /**
   * Runs the overdue sweep now, then writes the hosted nodes' changed overdue counts to `lt_status`
   * (the timers do both periodically). Returns how many recipients the sweep marked.
   */
  async sweepOverdue(): Promise<number> {
    const marked = await this.overdue.sweep();
    await this.status.write(this.hosted.ids());
    return marked;
  }

  /** Removes attachment content no retained document references (the timer runs it periodically). */
  sweepAttachments(): Promise<SweepResult> {
    return this.attachments.sweep();
  }

  /** Messages waiting or in flight at the hosted nodes' consumers. */
  backlog(): Promise<number> {
    return this.consumers.backlog();
  }

  /** An agency's submit limits as this runtime applies them now (directory, else the default). */
  submitLimits(agency: string): SubmitPace | undefined {
    return this.directory.submitLimits(agency) ?? this.config.flow.defaultSubmitLimits;
  }

  /** What each agency of the hosted nodes holds uploaded and unreferenced, in bytes. */
  get uploadQuota(): UploadQuota {
    return this.attachments.uploads;
  }

  /**
   * Where content stored for an agency goes (the edXML gateway's large packages): counted against
   * the agency's upload pace and bound like its own uploads.
   */
  contentWriter(agency: string): ContentWriter {
    return this.attachments.puts.writerFor(agencyToToken(agency));
  }

  /** The process's NATS connection and JetStream views, for the plugins on its HTTP port. */
  get natsHandles(): NatsHandles {
    return this.nats;
  }

  /** The directory as it is now (follows `lt_directory`). */
  get topology(): Topology {
    return this.directory.topology;
  }

  /**
   * An edXML package read in this process (by the edXML gateway) on its way to intake as a
   * document's inline original: the signature judgement there reuses the parse (edxml-parsed.ts).
   */
  rememberEdxmlParse(bytes: Uint8Array, parsed: ParsedPackage): void {
    this.edxmlSignatures.rememberParsed(bytes, parsed);
  }

  /** Serving: started, not draining, connected to NATS. */
  readiness(): { ok: boolean; reason?: string } {
    if (!this.started) return { ok: false, reason: 'starting' };
    if (this.draining) return { ok: false, reason: 'draining' };
    if (!this.connected) return { ok: false, reason: 'NATS unreachable' };
    return { ok: true };
  }

  /** Queue bounds and how full the hosted nodes' queues are (lienthong_flow_* gauges). */
  flowUsage(): Promise<FlowUsage> {
    const prefixes = this.consumers.scopes.map((s) => s.filterSuffix);
    return readFlowUsage(
      this.nats.jsm,
      prefixes,
      this.config.flow,
      this.pacer,
      this.room,
      this.consumers.intakeYield,
    );
  }

  private async refreshGauges(): Promise<void> {
    this.metrics.overduePending.set(this.overdue.size);
    await this.flowUsage()
      .then((u) => this.metrics.flow(u))
      .catch((err: unknown) => this.log.debug({ err }, 'flow gauges not read'));
    await Promise.all(
      this.consumers.workers.map(async (w) =>
        this.metrics.backlog.set({ consumer: w.name }, await w.backlog().catch(() => 0)),
      ),
    );
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
}

import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory } from 'tsyringe';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { KV } from '@nats-io/kv';
import type { Logger } from 'pino';
import { BUCKETS } from '@lienthong/core';
import type { NatsHandles } from '@lienthong/infra';
import { Attachments, attachmentConfig, provisionAttachments } from './attachments';
import { ContentHolders, ContentPossession, isNodeIdentity, provisionContentHeld } from './content-held';
import { ContentReads } from './content-reads';
import { AuditLog } from './audit-log';
import { resolveConfig } from './config';
import type { NodeRuntimeConfig, ResolvedConfig } from './config';
import { openNats } from './connection';
import { NodeConsumers } from './consumers';
import { DeadLetters } from './dead-letters';
import { Delivery } from './delivery';
import { directorySource, publishDirectory } from './directory';
import { NeighbourRoom, SubmitPacer } from './flow';
import type { HttpPlugin } from './http';
import { InFlight } from './in-flight';
import { HostedNodes } from './hosted-nodes';
import { InboxMover } from './inbox-move';
import { Intake } from './intake';
import type { Clock } from './inbound';
import { LiveDirectory } from './live-directory';
import { createLogger } from './logger';
import { NodeMetrics } from './metrics';
import { NodeStatusBoard } from './node-status';
import { OverdueIndex } from './overdue';
import { EnvelopePublisher } from './publisher';
import { Refusals } from './refusals';
import { LateRedirects } from './closed-on-the-way';
import { RelayFastPath } from './relay-fast-path';
import { TransportBatches } from './transport-batches';
import { Router } from './router';
import { NodeRuntime } from './runtime';
import { DRAIN_TIMEOUT_MS, drainWithin } from './shutdown';
import { SignaturePolicy } from './signature-policy';
import { EdxmlSignatures } from './edxml-signatures';
import { ensureBuckets, ensureStreams } from './streams';
import { TOKENS } from './tokens';
import { TrackingApply } from './tracking-apply';
import { TrackingStore } from './tracking-store';

/** A started node process: its container, runtime and connection. */
export interface RunningNode extends AsyncDisposable {
  readonly container: DependencyContainer;
  readonly runtime: NodeRuntime;
  readonly nats: NatsHandles;
  readonly config: ResolvedConfig;
  readonly log: Logger;
  /** Drains: stops taking messages, finishes those in flight, closes the connection. */
  stop(): Promise<void>;
}

export interface NodeContainerOptions {
  readonly logger?: Logger;
  /**
   * Mounted on the process's HTTP port (`http` in the config) beside `/metrics`, `/healthz` and
   * `/readyz`: the edXML gateway, the dashboard. Registered as `TOKENS.HttpPlugins`.
   */
  readonly httpPlugins?: readonly HttpPlugin[];
  /**
   * Runs after every collaborator is registered and before any is built: a registration made here
   * (`c.register(TOKENS.Clock, { useValue: … })`, `c.register(Delivery, { useClass: … })`) replaces
   * the default one.
   */
  readonly configure?: (c: DependencyContainer) => void;
}

/**
 * The streams, buckets and directory entries a node needs, created or brought up to date before
 * anything runs: the node's own streams, `lt_tracking`, the directory, the audit stream, and the
 * content stream with its reference bucket, and `lt_status`.
 */
async function provision(config: ResolvedConfig, nats: NatsHandles, log: Logger): Promise<Buckets> {
  const { topology, retention, replicas, flow } = config;
  const domain = config.domain ?? '';
  await ensureStreams(nats.jsm, topology, domain, retention, replicas, flow);
  await ensureBuckets(nats.kvm, replicas);
  // A leaf domain's directory follows the centre's (a mirror); the centre's is seeded from the file.
  await publishDirectory(nats.kvm, topology, replicas, { follow: directorySource(topology, domain), log });
  await new AuditLog(nats.js, nats.jsm, log, replicas).ensureStream(topology, domain);
  const contentRefs = await provisionAttachments(
    nats,
    domain,
    attachmentConfig(config.limits, retention),
    replicas,
  );
  return {
    tracking: await nats.kvm.open(BUCKETS.tracking),
    contentRefs,
    contentHeld: await provisionContentHeld(nats, replicas),
    status: await nats.kvm.open(BUCKETS.status),
  };
}

/** The KV buckets a node's collaborators use. */
interface Buckets {
  readonly tracking: KV;
  readonly contentRefs: KV;
  readonly contentHeld: KV;
  readonly status: KV;
}

/** `provision`, closing the connection when it fails. */
async function provisioned(config: ResolvedConfig, nats: NatsHandles, log: Logger): Promise<Buckets> {
  try {
    return await provision(config, nats, log);
  } catch (e) {
    await nats.nc.close();
    throw e;
  }
}

/** Registers a collaborator built once, from the container. */
type Once = <T>(token: InjectionToken<T>, make: (r: DependencyContainer) => T) => void;

/** The attachment collaborators: content stored, guarded, copied, swept, and whose it is. */
function registerContent(
  once: Once,
  resolved: ResolvedConfig,
  nats: NatsHandles,
  kv: Buckets,
  log: Logger,
  clock: (r: DependencyContainer) => Clock,
): void {
  once(Attachments, (r) => {
    const config = attachmentConfig(resolved.limits, resolved.retention);
    return new Attachments(
      nats,
      resolved.domain ?? '',
      kv.contentRefs,
      config,
      log,
      r.resolve(NodeMetrics).registry,
      clock(r),
      r.resolve(ContentHolders),
    );
  });
  once(ContentHolders, () => new ContentHolders(kv.contentHeld));
  once(
    ContentPossession,
    (r) =>
      new ContentPossession(
        new ContentReads(nats.jsm, resolved.domain ?? '', r.resolve(ContentHolders)),
        isNodeIdentity(resolved.auth),
      ),
  );
}

/**
 * The composition root of a node process: connects, provisions what the node needs in JetStream,
 * and registers every collaborator in a child container of its own (two runtimes in one process
 * never share state). Nothing is built until the runtime is resolved; each is built once.
 */
export async function createContainer(
  config: NodeRuntimeConfig,
  opts: NodeContainerOptions = {},
): Promise<DependencyContainer> {
  const resolved = resolveConfig(config);
  const log = opts.logger ?? createLogger({ name: resolved.name });
  const nats = await openNats(resolved, log);
  const kv = await provisioned(resolved, nats, log);
  const c = rootContainer.createChildContainer();
  c.register(TOKENS.Config, { useValue: resolved });
  c.register(TOKENS.Logger, { useValue: log });
  c.register(TOKENS.Nats, { useValue: nats });
  c.register<Clock>(TOKENS.Clock, { useValue: Date.now });
  c.register<readonly HttpPlugin[]>(TOKENS.HttpPlugins, { useValue: opts.httpPlugins ?? [] });
  // Collaborators whose constructors take plain values are built here, once, from the container.
  const once: Once = <T>(token: InjectionToken<T>, make: (r: DependencyContainer) => T): void => {
    c.register<T>(token, { useFactory: instanceCachingFactory<T>(make) });
  };
  const clock = (r: DependencyContainer): Clock => r.resolve<Clock>(TOKENS.Clock);
  once(NodeMetrics, () => new NodeMetrics());
  once(LiveDirectory, () => new LiveDirectory(resolved.topology, log));
  c.register(TOKENS.Topology, { useFactory: (r) => r.resolve(LiveDirectory) });
  once(TrackingStore, (r) => new TrackingStore(kv.tracking, nats.js, nats.jsm, r.resolve(LiveDirectory)));
  once(OverdueIndex, (r) => new OverdueIndex(r.resolve(TrackingStore), log, clock(r)));
  once(
    NodeStatusBoard,
    (r) => new NodeStatusBoard(kv.status, r.resolve(OverdueIndex), r.resolve(LiveDirectory), log, clock(r)),
  );
  once(DeadLetters, () => new DeadLetters(nats.js));
  once(SignaturePolicy, (r) => new SignaturePolicy(r.resolve(LiveDirectory), resolved.security));
  once(
    EdxmlSignatures,
    (r) =>
      new EdxmlSignatures(
        resolved.edxmlSignatures,
        r.resolve(Attachments),
        resolved.limits.attachmentWaitMs,
        log,
        clock(r),
      ),
  );
  once(AuditLog, () => new AuditLog(nats.js, nats.jsm, log, resolved.replicas));
  once(NeighbourRoom, () => new NeighbourRoom());
  once(InFlight, () => new InFlight());
  once(SubmitPacer, (r) => {
    const directory = r.resolve(LiveDirectory);
    return new SubmitPacer((a) => directory.submitLimits(a) ?? resolved.flow.defaultSubmitLimits, clock(r));
  });
  registerContent(once, resolved, nats, kv, log, clock);
  // The stages of the per-message work and the runtime, built by constructor injection.
  c.registerSingleton(HostedNodes);
  c.registerSingleton(EnvelopePublisher);
  c.registerSingleton(TransportBatches);
  c.registerSingleton(Refusals);
  c.registerSingleton(Delivery);
  c.registerSingleton(LateRedirects);
  c.registerSingleton(TrackingApply);
  c.registerSingleton(Router);
  c.registerSingleton(RelayFastPath);
  c.registerSingleton(Intake);
  c.registerSingleton(NodeConsumers);
  c.registerSingleton(InboxMover);
  c.registerSingleton(NodeRuntime);
  opts.configure?.(c);
  return c;
}

export async function startNode(
  config: NodeRuntimeConfig,
  opts: NodeContainerOptions = {},
): Promise<RunningNode> {
  const c = await createContainer(config, opts);
  const nats = c.resolve<NatsHandles>(TOKENS.Nats);
  let runtime: NodeRuntime | undefined;
  try {
    runtime = c.resolve(NodeRuntime);
    await runtime.start();
  } catch (e) {
    // Workers that did start must not keep pulling for a runtime that failed.
    await runtime?.stop().catch(() => undefined);
    await nats.nc.close();
    throw e;
  }
  const started = runtime;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await started.stop();
      await drainWithin(nats.nc, DRAIN_TIMEOUT_MS);
      await c.dispose();
    })());
  return {
    container: c,
    runtime: started,
    nats,
    config: c.resolve<ResolvedConfig>(TOKENS.Config),
    log: c.resolve<Logger>(TOKENS.Logger),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

import 'reflect-metadata';
import { container as rootContainer } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import { resolveConfig } from './config';
import type { NodeRuntimeConfig, ResolvedConfig } from './config';
import { openNats } from './connection';
import { HTTP_PLUGINS } from './http';
import type { HttpPlugin } from './http';
import type { NatsHandles } from './connection';
import { createLogger } from './logger';
import { NodeRuntime } from './runtime';
import { TOKENS } from './tokens';

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

/**
 * The composition root of a node process: one child container per process (or per test), so two
 * runtimes in one process never share state.
 */
export async function createContainer(
  config: NodeRuntimeConfig,
  opts: { logger?: Logger; httpPlugins?: readonly HttpPlugin[] } = {},
): Promise<DependencyContainer> {
  const resolved = resolveConfig(config);
  const log = opts.logger ?? createLogger({ name: resolved.name });
  const nats = await openNats(resolved, log);
  const c = rootContainer.createChildContainer();
  c.register(TOKENS.Config, { useValue: resolved });
  c.register(TOKENS.Logger, { useValue: log });
  c.register(TOKENS.Nats, { useValue: nats });
  c.register(HTTP_PLUGINS, { useValue: opts.httpPlugins ?? [] });
  c.registerSingleton(NodeRuntime);
  return c;
}

export async function startNode(
  config: NodeRuntimeConfig,
  opts: { logger?: Logger; httpPlugins?: readonly HttpPlugin[] } = {},
): Promise<RunningNode> {
  const c = await createContainer(config, opts);
  const runtime = c.resolve(NodeRuntime);
  const nats = c.resolve<NatsHandles>(TOKENS.Nats);
  try {
    await runtime.start();
  } catch (e) {
    // Workers that did start must not keep pulling for a runtime that failed.
    await runtime.stop().catch(() => undefined);
    await nats.nc.close();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await runtime.stop();
      await nats.nc.drain().catch(() => nats.nc.close());
      await c.dispose();
    })());
  return {
    container: c,
    runtime,
    nats,
    config: c.resolve<ResolvedConfig>(TOKENS.Config),
    log: c.resolve<Logger>(TOKENS.Logger),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTopologyFile, startEmbeddedServer, startNode } from '@lienthong/node';
import type { EmbeddedServer, RunningNode } from '@lienthong/node';
import type { Topology } from '@lienthong/core';
import type { Logger } from 'pino';

/** The embedded default: a local nats-server with JetStream, and every node of a topology in this process. */
export interface Embedded extends AsyncDisposable {
  readonly server: EmbeddedServer;
  readonly node: RunningNode;
  readonly topology: Topology;
  stop(): Promise<void>;
}

export const DEMO_TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');

export async function startEmbedded(opts: {
  topologyFile?: string;
  dataDir?: string;
  port?: number;
  logger?: Logger;
  overdueSweepMs?: number;
  /** Serve the runtime's `/metrics`, `/healthz` and `/readyz` on this port (0 picks a free one). */
  httpPort?: number;
}): Promise<Embedded> {
  const topology = loadTopologyFile(opts.topologyFile ?? DEMO_TOPOLOGY);
  const temp = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'lienthong-')) : undefined;
  const server = await startEmbeddedServer({
    dataDir: opts.dataDir ?? temp!,
    ...(opts.port ? { port: opts.port } : {}),
  });
  let node: RunningNode;
  try {
    node = await startNode(
      {
        servers: server.url,
        topology,
        name: 'lienthong-up',
        ...(opts.overdueSweepMs ? { overdue: { sweepIntervalMs: opts.overdueSweepMs } } : {}),
        ...(opts.httpPort !== undefined ? { http: { port: opts.httpPort } } : {}),
      },
      opts.logger ? { logger: opts.logger } : {},
    );
  } catch (e) {
    await server.stop();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await node.stop();
      await server.stop();
      if (temp) rmSync(temp, { recursive: true, force: true });
    })());
  return { server, node, topology, stop, [Symbol.asyncDispose]: stop };
}

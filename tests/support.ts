/**
 * Shared set-up of the cross-package tests: a real nats-server (testkit), every node of the demo
 * topology in one runtime, and a raw NATS connection for looking at subjects and streams.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseTopology } from '@lienthong/core';
import type { Topology, TopologyJson } from '@lienthong/core';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

export const DEMO_TOPOLOGY_FILE = path.resolve(__dirname, '../deploy/topology.demo.json');

export interface DemoBroker {
  readonly server: NatsServer;
  readonly node: RunningNode;
  readonly nc: NatsConnection;
  readonly topology: Topology;
  /** Closes the connection, drains the runtime and removes the server with its store. */
  stop(): Promise<void>;
}

/** `LT_TEST_LOG_LEVEL` overrides the runtime's log level (default `level`). */
export async function startDemoBroker(name: string, level = 'warn'): Promise<DemoBroker> {
  const server = await startNatsServer();
  const topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
  let node: RunningNode | undefined;
  let nc: NatsConnection | undefined;
  const stop = async (): Promise<void> => {
    await nc?.close();
    await node?.stop();
    await server.cleanup();
  };
  try {
    node = await startNode(
      { servers: server.url, topology },
      { logger: createLogger({ name, level: process.env.LT_TEST_LOG_LEVEL ?? level }) },
    );
    nc = await natsConnect({ servers: server.url });
  } catch (e) {
    await stop();
    throw e;
  }
  return { server, node, nc, topology, stop };
}

/** The demo tree with a JetStream domain per province (the root in `central`), as a topology file. */
export function demoDomainTopologyJson(): TopologyJson {
  const json = JSON.parse(readFileSync(DEMO_TOPOLOGY_FILE, 'utf8')) as TopologyJson;
  for (const n of json.nodes) n.domain = n.id === 'vn' ? 'central' : n.id.split('-')[0];
  return json;
}

/** The demo tree with a JetStream domain per province (the root in `central`). */
export function demoDomainTopology(): Topology {
  return parseTopology(demoDomainTopologyJson());
}

/** The ids of the nodes of `topology` whose streams are in JetStream domain `domain`. */
export function nodesInDomain(topology: Topology, domain: string): string[] {
  return topology
    .nodes()
    .filter((n) => n.domain === domain)
    .map((n) => n.id);
}

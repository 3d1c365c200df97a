/**
 * What scenarios 7 (edXML gateway) and 8 (VXP endpoint) share: the node process serving the demo
 * tree with the gateway on its HTTP port, and the document systems in a child process of their own
 * (`gateway-clients.ts`) driven over IPC, each phase metered in both processes.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpTokenStore, gatewayPlugin, vxpPlugin } from '@lienthong/gateway';
import type { HttpPlugin } from '@lienthong/node';
import { loadTopologyFile, startNode } from '@lienthong/node';
import type { EmbeddedServer } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import { benchLogger, cpuMeter, defer, startServer } from './env';
import { round } from './util';

export const SENDER = '000.00.00.G22';
export const RECIPIENT = '000.00.00.H41';
const TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');

/** What the client process is told once. */
export interface ClientsSetup {
  readonly mode: 'api' | 'vxp';
  /** `…/api/v1` or `…/vxp`. */
  readonly url: string;
  readonly senderSecret?: string;
  readonly recipientSecret?: string;
  readonly window: number;
  readonly timeoutMs: number;
  /** Makes this run's document ids unique. */
  readonly run: string;
  /** The nats-server, for the same pair's SDK path (`sdkCycle`). */
  readonly servers?: string;
  readonly notation: string;
  readonly subject: string;
}

/** How the same pair's SDK path is driven (`sdkCycle`). */
export interface SdkCycleOptions {
  /** Documents per second the sender sends at (the gateway cycle's rate); unpaced without. */
  readonly rate?: number;
  /** Unpaced, each send() in flight until custody only (the sender can outrun the path). */
  readonly custodyOnly?: boolean;
  /** The recipient acknowledges (01) each document this long after it has it; at once without. */
  readonly ackDelayMs?: number;
}

export type ClientsCommand =
  | { readonly cmd: 'setup'; readonly setup: ClientsSetup }
  | { readonly cmd: 'cycle'; readonly first: number; readonly count: number }
  | ({ readonly cmd: 'sdkCycle'; readonly first: number; readonly count: number } & SdkCycleOptions)
  | { readonly cmd: 'statuses' }
  | { readonly cmd: 'prepareBig'; readonly dir: string; readonly mb: number }
  | {
      readonly cmd: 'transfer';
      readonly file: string;
      readonly size: number;
      readonly expected: string;
      readonly dir: string;
    };

/** Runs `fn` over `items` with at most `window` in flight. */
export async function windowed<T>(
  items: readonly T[],
  window: number,
  fn: (x: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** The document systems' process, forked and stopped when the run ends. */
export class Clients {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { seq: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.error !== undefined) w?.reject(new Error(`clients: ${m.error}`));
      else w?.resolve(m.result);
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the clients' process exited (${code})`));
      this.waiting.clear();
    });
  }

  static async start(setup: ClientsSetup): Promise<Clients> {
    const child = fork(join(__dirname, '../gateway-clients.js'), [], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    defer('gateway clients', () => {
      child.kill();
      return Promise.resolve();
    });
    const c = new Clients(child);
    await c.call({ cmd: 'setup', setup });
    return c;
  }

  call<T = Record<string, number>>(command: ClientsCommand): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolveCall, reject) => {
      this.waiting.set(seq, { resolve: resolveCall as (v: unknown) => void, reject });
      this.child.send({ seq, command });
    });
  }

  /**
   * One cycle of `count` packages, metered in the node process, nats-server and the clients: through
   * the gateway (`cycle`), or the same pair's SDK path with the SDK clients in the clients' process
   * (`sdkCycle`).
   */
  async measuredCycle(
    server: EmbeddedServer,
    first: number,
    count: number,
    cmd: 'cycle' | 'sdkCycle' = 'cycle',
    sdk: SdkCycleOptions = {},
  ): Promise<MeasuredCycle> {
    const cpu = cpuMeter(server.pid);
    const r = await this.call(cmd === 'sdkCycle' ? { cmd, first, count, ...sdk } : { cmd, first, count });
    const used = cpu.stop();
    return {
      ms: r.ms!,
      listedMs: r.listedMs!,
      bytes: r.bytes!,
      refusedPosts: r.refusedPosts ?? 0,
      cpu: {
        processMsPerPackage: round(used.processMs / count, 3),
        serverMsPerPackage: round(used.serverMs / count, 3),
        clientsMsPerPackage: round(r.cpuMs! / count, 3),
      },
    };
  }
}

export interface MeasuredCycle {
  readonly ms: number;
  readonly listedMs: number;
  readonly bytes: number;
  /** POSTs answered 429 (backpressure) and posted again after `Retry-After`. */
  readonly refusedPosts: number;
  readonly cpu: { processMsPerPackage: number; serverMsPerPackage: number; clientsMsPerPackage: number };
}

/**
 * A nats-server and one node process running every node of the demo tree, serving the gateway
 * (without auth, or with HTTP tokens and the VXP endpoint beside it) on its HTTP port.
 */
export async function startGatewayNode(
  label: string,
  opts: { vxp?: boolean } = {},
): Promise<{ server: EmbeddedServer; url: string; tokens?: HttpTokenStore }> {
  const server = await startServer(label);
  const topology = loadTopologyFile(TOPOLOGY);
  let tokens: HttpTokenStore | undefined;
  if (opts.vxp) {
    const dir = mkdtempSync(join(tmpdir(), `lt-bench-${label}-`));
    defer('token store', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  }
  const gw = gatewayPlugin({
    auth: tokens ? { mode: 'token', tokens } : { mode: 'none' },
    connect: (agency) => connect({ servers: server.url, agency }),
  });
  const plugins: HttpPlugin[] = [gw];
  if (tokens) plugins.push(vxpPlugin({ gateway: () => gw.gateway, tokens }));
  const node = await startNode(
    { servers: server.url, topology, name: `bench-${label}`, http: { port: 0 } },
    { httpPlugins: plugins, logger: benchLogger(`bench-${label}`) },
  );
  defer('node', () => node.stop());
  return { server, url: node.runtime.httpUrl!, ...(tokens ? { tokens } : {}) };
}

import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeMetrics } from './metrics';

export interface HealthSource {
  /** False while draining or disconnected from NATS. */
  ready(): { ok: boolean; reason?: string };
  /** Refreshes gauges that are read on demand (backlogs). */
  refresh?(): Promise<void>;
}

/** A node process's HTTP endpoints: `/metrics`, `/healthz` (alive) and `/readyz` (serving). */
export class HealthServer {
  private server: Server | undefined;

  constructor(
    private readonly metrics: NodeMetrics,
    private readonly health: HealthSource,
  ) {}

  /** Listens on `port` (0 picks a free one); resolves with the bound address. */
  async listen(port: number, host = '127.0.0.1'): Promise<{ host: string; port: number; url: string }> {
    const server = createServer((req, res) => {
      void this.handle(req.url ?? '/', res);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    return { host: addr.address, port: addr.port, url: `http://${addr.address}:${addr.port}` };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(url: string, res: ServerResponse): Promise<void> {
    const path = url.split('?')[0];
    try {
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else if (path === '/readyz') {
        const r = this.health.ready();
        res
          .writeHead(r.ok ? 200 : 503, { 'content-type': 'text/plain' })
          .end(r.ok ? 'ready\n' : `not ready: ${r.reason}\n`);
      } else if (path === '/metrics') {
        await this.health.refresh?.().catch(() => undefined);
        res
          .writeHead(200, { 'content-type': this.metrics.registry.contentType })
          .end(await this.metrics.registry.metrics());
      } else {
        res
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('not found: try /metrics, /healthz or /readyz\n');
      }
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(e as Error).message}\n`);
    }
  }
}

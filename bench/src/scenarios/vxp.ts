/**
 * Scenario 8: the VXP endpoint. One process runs every node of the demo tree and serves `/api/v1`
 * and `/vxp` on its HTTP port (as `lienthong up --http-port` does), with HTTP tokens, so every
 * request's HMAC is checked against the token store's sealed secrets. The Government Office sends
 * through `/vxp` as the Java client does (signed headers, the file plus CRLF, unpadded hash-file);
 * Nghệ An's People's Committee receives through `/vxp` too.
 *
 * Measured: 4 KB edoc packages/s from sendEdoc (16 in flight) until each is listed at the recipient
 * (getReceivedEdocList); the recipient fetches (getEdoc) and acknowledges (updateStatus done) each,
 * which keeps its list moving. CPU per package of this process and of nats-server.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderEdocBytes } from '@lienthong/edxml';
import { HttpTokenStore, gatewayPlugin, unpaddedHex, vxpPlugin } from '@lienthong/gateway';
import { loadTopologyFile, startNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import { benchLogger, cpuMeter, defer, startServer } from '../lib/env';
import { now, round, sleep } from '../lib/util';

export interface VxpBenchOptions {
  readonly packages: number;
  readonly warmup: number;
  readonly window: number;
  readonly timeoutMs: number;
}

const TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');
const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const RUN = Date.now().toString(36);

interface Answer {
  status: string;
  ErrorCode: string;
  ErrorDesc: string;
  DocId?: string;
  data?: string | { docId: string; documentId?: string }[];
}

/** A VXP service object as the Java client keeps it: one header map, signed on every call. */
class JavaStyleClient {
  private readonly map: Record<string, string>;

  constructor(
    private readonly endpoint: string,
    systemId: string,
    private readonly secret: string,
  ) {
    this.map = { systemid: systemId, timestamp: '02122026T063722+0287' };
  }

  private headers(h: Record<string, string>, contentType: string): Record<string, string> {
    Object.assign(this.map, h, { 'Content-Type': contentType });
    const entries = Object.entries(this.map).map(([k, v]) => [`XroadVnpt-${k}`, v] as const);
    const sign = JSON.stringify(Object.fromEntries(entries));
    return {
      'content-type': contentType,
      ...Object.fromEntries(entries),
      'XroadVnpt-sign-header-key': Object.keys(this.map).join(';'),
      'XroadVnpt-sign-header': sign,
      'XroadVnpt-hash-header': createHmac('sha256', this.secret).update(sign).digest('hex'),
      'user-agent': 'JAVASDKAgent/1.0.0 XRoad/VPCP',
    };
  }

  async call(verb: string, h: Record<string, string> = {}, body?: Uint8Array): Promise<Answer> {
    const r = await fetch(`${this.endpoint}/${verb}`, {
      method: 'POST',
      headers: this.headers(h, body ? 'application/octet-stream' : 'application/json'),
      body: body ?? '{}',
    });
    const a = (await r.json()) as Answer;
    if (a.ErrorCode !== '0') throw new Error(`${verb}: ${a.ErrorCode} ${a.ErrorDesc}`);
    return a;
  }

  sendEdoc(file: Uint8Array): Promise<Answer> {
    const hash = unpaddedHex(createHash('sha256').update(file).digest());
    const body = Buffer.concat([file, Buffer.from('\r\n')]);
    return this.call('sendEdoc', { 'hash-file': hash, from: SENDER, messagetype: 'edoc' }, body);
  }
}

async function edoc(n: number, padTo: number): Promise<{ documentId: string; bytes: Uint8Array }> {
  const documentId = `${SENDER},2026/12/02,${RUN}${n}/VPCP-VXP`;
  const base = {
    documentId,
    from: { code: SENDER, name: 'Văn phòng Chính phủ' },
    to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
    codeNumber: `${RUN}${n}`,
    codeNotation: 'VPCP-VXP',
    promulgationDate: '2026-12-02',
    subject: 'Về việc đo thông lượng của cổng VXP',
  };
  const plain = await renderEdocBytes(base);
  const pad = Math.max(0, padTo - plain.length - 64);
  return { documentId, bytes: await renderEdocBytes({ ...base, contentSummary: 'x'.repeat(pad) }) };
}

async function windowed<T>(items: readonly T[], window: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function vxp(opts: VxpBenchOptions): Promise<Record<string, unknown>> {
  const server = await startServer('vxp');
  const topology = loadTopologyFile(TOPOLOGY);
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-vxp-'));
  defer('token store', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  const gw = gatewayPlugin({
    auth: { mode: 'token', tokens },
    connect: (agency) => connect({ servers: server.url, agency }),
  });
  const node = await startNode(
    { servers: server.url, topology, name: 'bench-vxp', http: { port: 0 } },
    {
      httpPlugins: [gw, vxpPlugin({ gateway: () => gw.gateway, tokens })],
      logger: benchLogger('bench-vxp'),
    },
  );
  defer('node', () => node.stop());
  const endpoint = `${node.runtime.httpUrl!}/vxp`;
  const sender = new JavaStyleClient(endpoint, SENDER, tokens.issue(SENDER).token);
  const recipient = new JavaStyleClient(endpoint, RECIPIENT, tokens.issue(RECIPIENT).token);

  /** sendEdoc for each; resolves with the time each was first listed at the recipient. */
  const cycle = async (docs: { documentId: string; bytes: Uint8Array }[]): Promise<number> => {
    const want = new Map(docs.map((d) => [d.documentId, d.bytes.length]));
    let lastListed = 0;
    const receiving = (async () => {
      const deadline = Date.now() + opts.timeoutMs;
      const seen = new Set<string>();
      while (want.size > 0) {
        if (Date.now() > deadline) throw new Error(`${want.size} packages not fetched in time`);
        const list = (await recipient.call('getReceivedEdocList', { messagetype: 'edoc' })).data as {
          docId: string;
          documentId?: string;
        }[];
        const items = list.filter((i) => want.has(i.documentId ?? ''));
        for (const i of items) {
          if (!seen.has(i.docId)) {
            seen.add(i.docId);
            lastListed = now();
          }
        }
        if (items.length === 0) await sleep(5);
        await windowed(items, opts.window, async (i) => {
          const got = await recipient.call('getEdoc', { docId: i.docId });
          if (Buffer.from(String(got.data), 'base64').length !== want.get(i.documentId!)) {
            throw new Error('fetched bytes differ');
          }
          await recipient.call('updateStatus', { docId: i.docId, status: 'done' });
          want.delete(i.documentId!);
        });
      }
    })();
    await windowed(docs, opts.window, async (d) => {
      await sender.sendEdoc(d.bytes);
    });
    await receiving;
    return lastListed;
  };

  const warm = await Promise.all(Array.from({ length: opts.warmup }, (_, i) => edoc(i, 4096)));
  await cycle(warm);
  const docs = await Promise.all(
    Array.from({ length: opts.packages }, (_, i) => edoc(opts.warmup + i, 4096)),
  );
  const cpu = cpuMeter(server.pid);
  const t0 = now();
  const lastListed = await cycle(docs);
  const totalMs = now() - t0;
  const used = cpu.stop();
  return {
    packages: opts.packages,
    bytes: docs[0]!.bytes.length,
    listedPerSec: round((opts.packages * 1000) / (lastListed - t0), 1),
    cyclePerSec: round((opts.packages * 1000) / totalMs, 1),
    cpu: {
      processMsPerPackage: round(used.processMs / opts.packages, 3),
      serverMsPerPackage: round(used.serverMs / opts.packages, 3),
    },
  };
}

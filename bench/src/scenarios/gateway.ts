/**
 * Scenario 7: the edXML gateway. One process runs every node of the demo tree and serves the gateway
 * on its HTTP port (as `lienthong up --http-port` does); the Government Office (node vn) and Nghệ
 * An's People's Committee (node h41) are document systems speaking HTTP, here in the same process.
 *
 * Measured:
 * - edoc packages/s: 4 KB edXML packages POSTed by the sender (16 in flight) until each has been
 *   listed, fetched (GET, bytes compared) and acknowledged by the recipient;
 * - Status packages/s: one 03 per document POSTed by the recipient (16 in flight) until the sender's
 *   tracking shows 03 for every one;
 * - CPU per package of this process (runtime + gateway + both HTTP clients) and of nats-server;
 * - MB/s for one 50 MB package: POST streamed from a file → GET streamed to a file at the recipient,
 *   SHA-256 checked, and the growth of this process's peak RSS during the transfer.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { renderEdocBytes, renderStatus } from '@lienthong/edxml';
import { gatewayPlugin } from '@lienthong/gateway';
import { loadTopologyFile, startNode } from '@lienthong/node';
import { BusinessStatus, connect } from '@lienthong/sdk';
import { benchLogger, cpuMeter, defer, processRssBytes, startServer } from '../lib/env';
import { now, round, sleep } from '../lib/util';

export interface GatewayBenchOptions {
  readonly packages: number;
  readonly warmup: number;
  readonly window: number;
  readonly bigMb: number;
  readonly timeoutMs: number;
}

const TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');
const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const RUN = Date.now().toString(36);
const MiB = 1024 * 1024;

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux ≥ 4.0). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function vmHwm(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

interface Item {
  id: string;
  documentId: string;
}

class Party {
  constructor(
    private readonly api: string,
    readonly agency: string,
  ) {}

  async post(body: Uint8Array | Readable, size?: number): Promise<{ id: string; documentId: string }> {
    const r = await fetch(`${this.api}/edocs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        'x-lienthong-agency': this.agency,
        ...(size !== undefined ? { 'content-length': String(size) } : {}),
      },
      body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
      duplex: 'half',
    } as RequestInit);
    if (r.status !== 202) throw new Error(`POST: ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string; documentId: string };
  }

  async received(): Promise<Item[]> {
    const r = await fetch(`${this.api}/edocs/received?messageType=edoc`, {
      headers: { 'x-lienthong-agency': this.agency },
    });
    if (r.status !== 200) throw new Error(`received: ${r.status}`);
    return (await r.json()) as Item[];
  }

  async get(id: string): Promise<Response> {
    const r = await fetch(`${this.api}/edocs/${id}`, { headers: { 'x-lienthong-agency': this.agency } });
    if (r.status !== 200) throw new Error(`GET: ${r.status}`);
    return r;
  }

  async ack(id: string): Promise<void> {
    const r = await fetch(`${this.api}/edocs/${id}/ack`, {
      method: 'POST',
      headers: { 'x-lienthong-agency': this.agency },
    });
    if (r.status !== 200) throw new Error(`ack: ${r.status}`);
  }
}

async function edoc(n: number, padTo: number): Promise<{ documentId: string; bytes: Uint8Array }> {
  const documentId = `${SENDER},2026/12/02,${RUN}${n}/VPCP-BENCH`;
  const base = {
    documentId,
    from: { code: SENDER, name: 'Văn phòng Chính phủ' },
    to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
    codeNumber: `${RUN}${n}`,
    codeNotation: 'VPCP-BENCH',
    promulgationDate: '2026-12-02',
    subject: 'Về việc đo thông lượng của cổng edXML',
  };
  const plain = await renderEdocBytes(base);
  const pad = Math.max(0, padTo - plain.length - 64);
  return { documentId, bytes: await renderEdocBytes({ ...base, contentSummary: 'x'.repeat(pad) }) };
}

/** Runs `fn` over `items` with at most `window` in flight. */
async function windowed<T>(items: readonly T[], window: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function gateway(opts: GatewayBenchOptions): Promise<Record<string, unknown>> {
  const server = await startServer('gateway');
  const topology = loadTopologyFile(TOPOLOGY);
  const plugin = gatewayPlugin({
    auth: { mode: 'none' },
    connect: (agency) => connect({ servers: server.url, agency }),
  });
  const node = await startNode(
    { servers: server.url, topology, name: 'bench-gateway', http: { port: 0 } },
    { httpPlugins: [plugin], logger: benchLogger('bench-gateway') },
  );
  defer('node', () => node.stop());
  const api = `${node.runtime.httpUrl!}/api/v1`;
  const sender = new Party(api, SENDER);
  const recipient = new Party(api, RECIPIENT);
  const tracker = await connect({ servers: server.url, agency: SENDER });
  defer('tracker', () => tracker.close());

  /** Posts `docs` and has the recipient list, fetch and ack every one; resolves when all are done. */
  const cycle = async (docs: { documentId: string; bytes: Uint8Array }[]): Promise<void> => {
    const want = new Map(docs.map((d) => [d.documentId, d.bytes.length]));
    const receiving = (async () => {
      const deadline = Date.now() + opts.timeoutMs;
      while (want.size > 0) {
        if (Date.now() > deadline) throw new Error(`${want.size} packages not fetched in time`);
        const items = (await recipient.received()).filter((i) => want.has(i.documentId));
        if (items.length === 0) await sleep(5);
        await windowed(items, opts.window, async (i) => {
          const bytes = new Uint8Array(await (await recipient.get(i.id)).arrayBuffer());
          if (bytes.length !== want.get(i.documentId)) throw new Error('fetched bytes differ');
          await recipient.ack(i.id);
          want.delete(i.documentId);
        });
      }
    })();
    await windowed(docs, opts.window, async (d) => {
      await sender.post(d.bytes);
    });
    await receiving;
  };

  const warm = await Promise.all(Array.from({ length: opts.warmup }, (_, i) => edoc(i, 4096)));
  await cycle(warm);
  const docs = await Promise.all(
    Array.from({ length: opts.packages }, (_, i) => edoc(opts.warmup + i, 4096)),
  );
  const edocBytes = docs[0]!.bytes.length;
  let cpu = cpuMeter(server.pid);
  let t0 = now();
  await cycle(docs);
  const edocMs = now() - t0;
  const edocCpu = cpu.stop();

  // One 03 per document, as Status packages from the recipient.
  const statuses = docs.map((d, i) =>
    renderStatus({
      code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
      responder: RECIPIENT,
      documentId: d.documentId,
      documentSender: SENDER,
      description: 'Đã tiếp nhận',
      timestampMs: Date.now() + i,
    }),
  );
  cpu = cpuMeter(server.pid);
  t0 = now();
  await windowed(statuses, opts.window, async (s) => {
    await recipient.post(s);
  });
  const postedMs = now() - t0;
  const deadline = Date.now() + opts.timeoutMs;
  const ids = new Set(docs.map((d) => d.documentId));
  for (;;) {
    const sent = await tracker.sent({ status: BusinessStatus.BUSINESS_STATUS_ACCEPTED });
    const done = sent.filter((s) => ids.has(s.documentId)).length;
    if (done === ids.size) break;
    if (Date.now() > deadline) throw new Error(`${ids.size - done} statuses not tracked in time`);
    await sleep(20);
  }
  const statusMs = now() - t0;
  const statusCpu = cpu.stop();

  // One big package: a base64 attachment of `bigMb` MiB, streamed both ways through files.
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-gw-'));
  defer('big package files', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const big = await edoc(999_999, 0);
  const head = Buffer.from(big.bytes).toString('utf8').replace('</edXML>', '');
  const bigFile = join(dir, 'big.edxml');
  let raw: Buffer | undefined = Buffer.alloc(opts.bigMb * MiB);
  for (let i = 0; i < raw.length; i += 4) raw.writeUInt32LE((i * 2654435761) >>> 0, i);
  writeFileSync(
    bigFile,
    Buffer.concat([
      Buffer.from(
        `${head}  <AttachmentEncoded>\n    <Attachment>\n      <ContentId>cid:1</ContentId>\n      <AttachmentName>ho-so.pdf</AttachmentName>\n      <ContentType>application/pdf</ContentType>\n      <edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">`,
      ),
      Buffer.from(raw.toString('base64')),
      Buffer.from('</edXML:ContentTransferEncoded>\n    </Attachment>\n  </AttachmentEncoded>\n</edXML>\n'),
    ]),
  );
  raw = undefined;
  const bigSize = statSync(bigFile).size;
  const sum = createHash('sha256');
  await pipeline(createReadStream(bigFile), sum);
  const expected = sum.digest('hex');
  global.gc?.();
  const rss0 = processRssBytes(process.pid);
  const peakReset = resetPeak(process.pid);
  t0 = now();
  const posted = await sender.post(createReadStream(bigFile), bigSize);
  const tPosted = now();
  let item: Item | undefined;
  while (!item) {
    item = (await recipient.received()).find((i) => i.documentId === posted.documentId);
    if (!item) await sleep(5);
  }
  const out = join(dir, 'received.edxml');
  const res = await recipient.get(item.id);
  await pipeline(Readable.fromWeb(res.body! as never), createWriteStream(out));
  const bigMs = now() - t0;
  const peak = peakReset ? vmHwm(process.pid) : Number.NaN;
  const got = createHash('sha256');
  await pipeline(createReadStream(out), got);
  if (got.digest('hex') !== expected)
    throw new Error('the fetched 50 MB package differs from the posted one');

  return {
    edoc: {
      packages: opts.packages,
      bytes: edocBytes,
      packagesPerSec: round((opts.packages * 1000) / edocMs, 1),
      cpu: {
        processMsPerPackage: round(edocCpu.processMs / opts.packages, 3),
        serverMsPerPackage: round(edocCpu.serverMs / opts.packages, 3),
      },
    },
    status: {
      packages: statuses.length,
      postedPerSec: round((statuses.length * 1000) / postedMs, 1),
      trackedPerSec: round((statuses.length * 1000) / statusMs, 1),
      cpu: {
        processMsPerPackage: round(statusCpu.processMs / statuses.length, 3),
        serverMsPerPackage: round(statusCpu.serverMs / statuses.length, 3),
      },
    },
    big: {
      bytes: bigSize,
      mbPerSec: round(bigSize / MiB / (bigMs / 1000), 1),
      postMs: round(tPosted - t0, 0),
      totalMs: round(bigMs, 0),
      rssGrowthMb: round((peak - rss0) / MiB, 1),
    },
  };
}

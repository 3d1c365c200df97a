/**
 * The document systems of scenarios 7 and 8, in a process of their own (as real ones are): forked
 * by the scenario with IPC, they POST, list, fetch and acknowledge packages through `/api/v1` or
 * `/vxp` when told to, and answer with their wall time and their own CPU. So the node process's
 * CPU per package is the node's and the gateway's alone, and the clients' is reported beside it.
 */
import { createHash, createHmac } from 'node:crypto';
import { createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { renderEdocBytes, renderStatus } from '@lienthong/edxml';
import { unpaddedHex } from '@lienthong/gateway';
import { BusinessStatus } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { makeDocument } from './lib/documents';
import { HttpClient } from './lib/http-client';
import { RECIPIENT, SENDER, windowed } from './lib/gateway-bench';
import type { ClientsCommand, ClientsSetup, SdkCycleOptions } from './lib/gateway-bench';
import { now, sleep } from './lib/util';

const MiB = 1024 * 1024;
/** Sở Nội vụ tỉnh Nghệ An: homed at h41 like the HTTP recipient, so the path is the same. */
const SDK_RECIPIENT = '000.00.01.H41';

interface Item {
  readonly id: string;
  readonly documentId: string;
}

/** One document system's calls, whichever protocol it speaks. */
interface Side {
  post(body: Uint8Array | Readable, size?: number, messageType?: 'edoc' | 'status'): Promise<Item>;
  list(): Promise<Item[]>;
  /** POSTs answered 429 and posted again, so far (HTTP API only). */
  readonly refused?: number;
  /** The fetched package's length. */
  fetch(id: string): Promise<number>;
  ack(id: string): Promise<void>;
}

/** `/api/v1` with `X-Lienthong-Agency` (the node runs without auth). */
class ApiSide implements Side {
  private readonly http: HttpClient;

  constructor(
    api: string,
    private readonly agency: string,
  ) {
    this.http = new HttpClient(api);
  }

  /** Posts a package; refused for backpressure (429), posts it again after `Retry-After`, as a client should. */
  async post(body: Uint8Array | Readable, size?: number): Promise<Item> {
    for (;;) {
      const r = await this.http.call(
        'POST',
        '/edocs',
        {
          'content-type': 'application/xml',
          'x-lienthong-agency': this.agency,
          ...(size !== undefined ? { 'content-length': String(size) } : {}),
        },
        body,
      );
      if (r.status === 429 && body instanceof Uint8Array) {
        this.refused++;
        await sleep(Number(r.headers['retry-after'] ?? 1) * 1000);
        continue;
      }
      if (r.status !== 202) throw new Error(`POST: ${r.status} ${r.body.toString()}`);
      return JSON.parse(r.body.toString()) as Item;
    }
  }

  /** POSTs answered 429 and posted again. */
  refused = 0;

  async list(): Promise<Item[]> {
    const r = await this.http.call('GET', '/edocs/received?messageType=edoc', {
      'x-lienthong-agency': this.agency,
    });
    if (r.status !== 200) throw new Error(`received: ${r.status}`);
    return JSON.parse(r.body.toString()) as Item[];
  }

  /** The package's answer, its body still to be read. */
  async get(id: string): Promise<Readable> {
    const r = await this.http.open('GET', `/edocs/${id}`, { 'x-lienthong-agency': this.agency });
    if (r.status !== 200) {
      r.body.resume();
      throw new Error(`GET: ${r.status}`);
    }
    return r.body;
  }

  async fetch(id: string): Promise<number> {
    let n = 0;
    for await (const c of await this.get(id)) n += (c as Buffer).length;
    return n;
  }

  async ack(id: string): Promise<void> {
    const r = await this.http.call('POST', `/edocs/${id}/ack`, { 'x-lienthong-agency': this.agency });
    if (r.status !== 200) throw new Error(`ack: ${r.status}`);
  }
}

interface Answer {
  status: string;
  ErrorCode: string;
  ErrorDesc: string;
  DocId?: string;
  data?: string | { docId: string; documentId?: string }[];
}

/** `/vxp` as the Java client speaks it: one header map, never emptied, signed on every call. */
class VxpSide implements Side {
  private readonly map: Record<string, string>;
  private readonly http: HttpClient;

  constructor(
    endpoint: string,
    private readonly agency: string,
    private readonly secret: string,
  ) {
    this.map = { systemid: agency, timestamp: '02122026T063722+0287' };
    this.http = new HttpClient(endpoint);
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

  private async call(verb: string, h: Record<string, string> = {}, body?: Uint8Array): Promise<Answer> {
    const r = await this.http.call(
      'POST',
      `/${verb}`,
      this.headers(h, body ? 'application/octet-stream' : 'application/json'),
      body ?? '{}',
    );
    const a = JSON.parse(r.body.toString()) as Answer;
    if (a.ErrorCode !== '0') throw new Error(`${verb}: ${a.ErrorCode} ${a.ErrorDesc}`);
    return a;
  }

  async post(body: Uint8Array | Readable, _size?: number, messageType = 'edoc'): Promise<Item> {
    if (body instanceof Readable) throw new Error('the VXP side posts packages from memory');
    const hash = unpaddedHex(createHash('sha256').update(body).digest());
    const file = Buffer.concat([body, Buffer.from('\r\n')]);
    const a = await this.call(
      'sendEdoc',
      { 'hash-file': hash, from: this.agency, messagetype: messageType },
      file,
    );
    return { id: a.DocId ?? '', documentId: '' };
  }

  async list(): Promise<Item[]> {
    const a = await this.call('getReceivedEdocList', { messagetype: 'edoc' });
    return (a.data as { docId: string; documentId?: string }[]).map((i) => ({
      id: i.docId,
      documentId: i.documentId ?? '',
    }));
  }

  async fetch(id: string): Promise<number> {
    return Buffer.from(String((await this.call('getEdoc', { docId: id })).data), 'base64').length;
  }

  async ack(id: string): Promise<void> {
    await this.call('updateStatus', { docId: id, status: 'done' });
  }
}

interface Doc {
  readonly documentId: string;
  readonly bytes: Uint8Array;
}

async function edocPackage(setup: ClientsSetup, n: number, padTo: number): Promise<Doc> {
  const documentId = `${SENDER},2026/12/02,${setup.run}${n}/${setup.notation}`;
  const base = {
    documentId,
    from: { code: SENDER, name: 'Văn phòng Chính phủ' },
    to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
    codeNumber: `${setup.run}${n}`,
    codeNotation: setup.notation,
    promulgationDate: '2026-12-02',
    subject: setup.subject,
  };
  const plain = await renderEdocBytes(base);
  const pad = Math.max(0, padTo - plain.length - 64);
  return { documentId, bytes: await renderEdocBytes({ ...base, contentSummary: 'x'.repeat(pad) }) };
}

class Parties {
  private readonly sender: Side;
  private readonly recipient: Side;
  private measured: Doc[] = [];

  constructor(private readonly setup: ClientsSetup) {
    const make = (agency: string, secret?: string): Side =>
      setup.mode === 'api' ? new ApiSide(setup.url, agency) : new VxpSide(setup.url, agency, secret ?? '');
    this.sender = make(SENDER, setup.senderSecret);
    this.recipient = make(RECIPIENT, setup.recipientSecret);
  }

  /** Posts packages `first…first+count-1`; the recipient lists, fetches and acks every one. */
  async cycle(first: number, count: number): Promise<Record<string, number>> {
    const docs = await Promise.all(
      Array.from({ length: count }, (_, i) => edocPackage(this.setup, first + i, 4096)),
    );
    this.measured = docs;
    const want = new Map(docs.map((d) => [d.documentId, d.bytes.length]));
    const t0 = now();
    const cpu0 = process.cpuUsage();
    const refused0 = this.sender.refused ?? 0;
    let lastListed = 0;
    const seen = new Set<string>();
    const receiving = (async () => {
      const deadline = Date.now() + this.setup.timeoutMs;
      while (want.size > 0) {
        if (Date.now() > deadline) throw new Error(`${want.size} packages not fetched in time`);
        const items = (await this.recipient.list()).filter((i) => want.has(i.documentId));
        for (const i of items) {
          if (!seen.has(i.id)) {
            seen.add(i.id);
            lastListed = now();
          }
        }
        if (items.length === 0) await sleep(5);
        await windowed(items, this.setup.window, async (i) => {
          if ((await this.recipient.fetch(i.id)) !== want.get(i.documentId)) {
            throw new Error('fetched bytes differ');
          }
          await this.recipient.ack(i.id);
          want.delete(i.documentId);
        });
      }
    })();
    await windowed(docs, this.setup.window, async (d) => {
      await this.sender.post(d.bytes);
    });
    await receiving;
    const cpu = process.cpuUsage(cpu0);
    return {
      ms: now() - t0,
      listedMs: lastListed - t0,
      refusedPosts: (this.sender.refused ?? 0) - refused0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      bytes: docs[0]!.bytes.length,
    };
  }

  private sdk?: { sender: LienthongClient; recipient: LienthongClient };

  /**
   * The same pair's SDK path, for comparison: `count` documents of the packages' size sent by the
   * sender's SDK client, each taken from the recipient's inbox and acknowledged (01), both clients
   * in this process as the HTTP ones are. As many in flight as the gateway cycle posts, each from
   * send() until the recipient has it (a sender that only waits for custody outruns the return
   * path and runs into the flow control's bounds, which the gateway cycle does not); or, with
   * `rate`, sent at that many documents/s, each until custody; or, with `custodyOnly`, unpaced,
   * each until custody. With `ackDelayMs` the recipient acknowledges each document that long after
   * it has it (as a system that polls, or a person, does), so its 01 no longer comes within the
   * 50 ms a DELIVERED waits for it to be written together.
   * The recipient is another agency of the same node (h41): the gateway already reads
   * the HTTP recipient's inbox.
   */
  async sdkCycle(
    first: number,
    count: number,
    { rate, custodyOnly = false, ackDelayMs = 0 }: SdkCycleOptions = {},
  ): Promise<Record<string, number>> {
    if (!this.setup.servers) throw new Error('sdkCycle needs the nats-server (setup.servers)');
    this.sdk ??= {
      sender: await connect({ servers: this.setup.servers, agency: SENDER, name: 'bench sdk sender' }),
      recipient: await connect({
        servers: this.setup.servers,
        agency: SDK_RECIPIENT,
        name: 'bench sdk recipient',
      }),
    };
    const { sender, recipient } = this.sdk;
    const docs = Array.from({ length: count }, (_, i) =>
      makeDocument(
        SENDER,
        [SDK_RECIPIENT],
        `${SENDER},2026/12/02,${this.setup.run}${first + i}/SDK-BENCH`,
        4096,
      ),
    );
    const want = new Set(docs.map((d) => d.documentId!));
    const due = new Map(docs.map((d, i) => [d, rate ? (i * 1000) / rate : 0]));
    const t0 = now();
    const cpu0 = process.cpuUsage();
    const inbox = recipient.inbox({ maxInFlight: 256 });
    // Unpaced, a document is in flight from send() until the recipient has it.
    const arrived = new Map<string, () => void>();
    const receiving = (async () => {
      const acks: Promise<void>[] = [];
      for await (const item of inbox) {
        acks.push(ackDelayMs > 0 ? sleep(ackDelayMs).then(() => item.ack()) : item.ack());
        arrived.get(item.documentId)?.();
        if (want.delete(item.documentId) && want.size === 0) break;
      }
      await Promise.all(acks);
    })();
    await windowed(docs, this.setup.window, async (d) => {
      const wait = t0 + due.get(d)! - now();
      if (wait > 0) await sleep(wait);
      const got = rate || custodyOnly ? undefined : new Promise<void>((r) => arrived.set(d.documentId!, r));
      await sender.send(d, { waitForCapacity: true });
      await got;
    });
    const deadline = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${want.size} documents not in the inbox in time`)),
        this.setup.timeoutMs,
      ).unref(),
    );
    await Promise.race([receiving, deadline]);
    await inbox.stop();
    const cpu = process.cpuUsage(cpu0);
    return { ms: now() - t0, listedMs: 0, cpuMs: (cpu.user + cpu.system) / 1000, bytes: 4096 };
  }

  /** One 03 per document of the last cycle, as Status packages from the recipient. */
  async statuses(): Promise<Record<string, number>> {
    const statuses = this.measured.map((d, i) =>
      renderStatus({
        code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
        responder: RECIPIENT,
        documentId: d.documentId,
        documentSender: SENDER,
        description: 'Đã tiếp nhận',
        timestampMs: Date.now() + i,
      }),
    );
    const t0 = now();
    const cpu0 = process.cpuUsage();
    await windowed(statuses, this.setup.window, async (s) => {
      await this.recipient.post(s, undefined, 'status');
    });
    const cpu = process.cpuUsage(cpu0);
    return { ms: now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, count: statuses.length };
  }

  /** One package with a base64 attachment of `mb` MiB: POST streamed from a file, GET to a file. */
  async big(dir: string, mb: number): Promise<Record<string, number | string>> {
    if (!(this.sender instanceof ApiSide) || !(this.recipient instanceof ApiSide)) {
      throw new Error('the big package goes through /api/v1');
    }
    const big = await edocPackage(this.setup, 999_999, 0);
    const head = Buffer.from(big.bytes).toString('utf8').replace('</edXML>', '');
    const file = join(dir, 'big.edxml');
    let raw: Buffer | undefined = Buffer.alloc(mb * MiB);
    for (let i = 0; i < raw.length; i += 4) raw.writeUInt32LE((i * 2654435761) >>> 0, i);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          `${head}  <AttachmentEncoded>\n    <Attachment>\n      <ContentId>cid:1</ContentId>\n      <AttachmentName>ho-so.pdf</AttachmentName>\n      <ContentType>application/pdf</ContentType>\n      <edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">`,
        ),
        Buffer.from(raw.toString('base64')),
        Buffer.from('</edXML:ContentTransferEncoded>\n    </Attachment>\n  </AttachmentEncoded>\n</edXML>\n'),
      ]),
    );
    raw = undefined;
    const size = statSync(file).size;
    const sum = createHash('sha256');
    await pipeline(createReadStream(file), sum);
    const expected = sum.digest('hex');
    return { size, expected, file };
  }

  /** Sends the prepared big package and fetches it back; the file's SHA-256 is compared. */
  async transfer(file: string, size: number, expected: string, dir: string): Promise<Record<string, number>> {
    const sender = this.sender as ApiSide;
    const recipient = this.recipient as ApiSide;
    const t0 = now();
    const posted = await sender.post(createReadStream(file), size);
    const tPosted = now();
    let item: Item | undefined;
    while (!item) {
      item = (await recipient.list()).find((i) => i.documentId === posted.documentId);
      if (!item) await sleep(5);
    }
    const out = join(dir, 'received.edxml');
    await pipeline(await recipient.get(item.id), createWriteStream(out));
    const totalMs = now() - t0;
    const got = createHash('sha256');
    await pipeline(createReadStream(out), got);
    if (got.digest('hex') !== expected)
      throw new Error('the fetched big package differs from the posted one');
    return { postMs: tPosted - t0, totalMs };
  }
}

let parties: Parties | undefined;

async function run(c: ClientsCommand): Promise<unknown> {
  switch (c.cmd) {
    case 'setup':
      parties = new Parties(c.setup);
      return {};
    case 'cycle':
      return parties!.cycle(c.first, c.count);
    case 'sdkCycle':
      return parties!.sdkCycle(c.first, c.count, c);
    case 'statuses':
      return parties!.statuses();
    case 'prepareBig':
      return parties!.big(c.dir, c.mb);
    case 'transfer':
      return parties!.transfer(c.file, c.size, c.expected, c.dir);
  }
}

process.on('message', (m: { seq: number; command: ClientsCommand }) => {
  run(m.command).then(
    (result) => process.send!({ seq: m.seq, result }),
    (e: unknown) => process.send!({ seq: m.seq, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));

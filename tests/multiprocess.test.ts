/**
 * The four level services as four OS processes on one nats-server. The province process is killed
 * (SIGKILL) while 2,000 documents are in flight and started again: every document must reach every
 * recipient's inbox exactly once and every tracking record must complete.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { BUCKETS, decodeTrackingRecord, trackingSenderFilter } from '@lienthong/core';
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer, startService } from '@lienthong/testkit';
import type { NatsServer, ServiceLevel, ServiceProcess } from '@lienthong/testkit';

const TOPOLOGY = path.resolve(__dirname, '../deploy/topology.demo.json');
const SENDER = '000.01.43.H41'; // commune Bảo Thành (Yên Thành)
const COMMUNE = '000.01.44.H41'; // commune Quỳnh Thạch (Quỳnh Lưu): via district, province, district
const CENTRE = '000.00.00.G22'; // Government Office: via district, province, central
const DOCS = 2000;

jest.setTimeout(180_000);

describe('four services as separate processes', () => {
  let server: NatsServer;
  let dir: string;
  const services = new Map<ServiceLevel, ServiceProcess>();
  const clients: LienthongClient[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    dir = mkdtempSync(path.join(tmpdir(), 'lt-mp-'));
    for (const level of ['central', 'province', 'district', 'commune'] as const) {
      const config = path.join(dir, `${level}.json`);
      writeFileSync(config, JSON.stringify({ servers: server.url, topology: TOPOLOGY, name: `lt-${level}` }));
      services.set(level, await startService(level, config));
    }
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled([...services.values()].map((s) => s.stop()));
    await server?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hosts each level in its own process', () => {
    expect(services.get('central')!.nodes).toEqual(['vn']);
    expect([...services.get('province')!.nodes].sort()).toEqual(['h27', 'h41']);
    expect(services.get('commune')!.nodes).toHaveLength(5);
    const pids = new Set([...services.values()].map((s) => s.pid));
    expect(pids.size).toBe(4);
  });

  it('delivers 2,000 documents exactly once through a SIGKILL of the province process', async () => {
    const sender = await connect({ servers: server.url, agency: SENDER });
    const commune = await connect({ servers: server.url, agency: COMMUNE });
    const centre = await connect({ servers: server.url, agency: CENTRE });
    clients.push(sender, commune, centre);

    const received: Record<string, Map<string, number>> = { [COMMUNE]: new Map(), [CENTRE]: new Map() };
    const done = AbortSignal.timeout(150_000);
    const drain = async (client: LienthongClient, code: string): Promise<void> => {
      const inbox = client.inbox({ maxInFlight: 64 });
      done.addEventListener('abort', () => void inbox.stop(), { once: true });
      const seen = received[code]!;
      for await (const item of inbox) {
        seen.set(item.documentId, (seen.get(item.documentId) ?? 0) + 1);
        await item.ack();
        if (seen.size >= DOCS) break;
      }
      await inbox.stop();
    };
    const workers = [drain(commune, COMMUNE), drain(centre, CENTRE)];

    const province = services.get('province')!;
    const day = '2026/11/22';
    let killedAt = -1;
    for (let i = 0; i < DOCS; i++) {
      await sender.send({
        documentId: `${SENDER},${day},${i + 1}/UBND-VP`,
        subject: `Báo cáo số ${i + 1}`,
        to: [{ code: COMMUNE }, { code: CENTRE }],
      });
      if (i === Math.floor(DOCS / 4)) {
        await province.kill();
        killedAt = i;
      }
      if (i === Math.floor(DOCS / 2)) await province.restart();
    }
    expect(killedAt).toBeGreaterThan(0);
    await Promise.all(workers);

    for (const code of [COMMUNE, CENTRE]) {
      const seen = received[code]!;
      expect(seen.size).toBe(DOCS);
      expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
    }

    // The inbox stream holds exactly one copy per (document, recipient).
    const nc = await natsConnect({ servers: server.url });
    try {
      const jsm = await jetstreamManager(nc);
      const inbox = await jsm.streams.info('LT_INBOX');
      expect(inbox.state.messages).toBe(2 * DOCS);

      // Every tracking record completes: delivered, fetched and 01 arrived back at the sender.
      const kv = await new Kvm(nc).open(BUCKETS.tracking);
      const deadline = Date.now() + 60_000;
      let complete = 0;
      while (Date.now() < deadline) {
        complete = 0;
        for await (const key of await kv.keys(trackingSenderFilter(SENDER))) {
          const e = await kv.get(key);
          const r = e ? decodeTrackingRecord(e.value) : undefined;
          if (
            r?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED &&
            r.transport === TransportState.TRANSPORT_STATE_FETCHED
          )
            complete++;
        }
        if (complete === 2 * DOCS) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(complete).toBe(2 * DOCS);
    } finally {
      await nc.close();
    }
  });
});

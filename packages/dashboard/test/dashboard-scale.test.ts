/**
 * The overdue and statistics pages on the national tree (≈30,000 agencies, 11,400 units) with
 * 100,000 tracking records in KV lt_tracking: each renders in a real browser within 1 s of being
 * opened. Also: without authentication (`up --no-auth`) every page carries the banner.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Browser } from 'puppeteer-core';
import { BUCKETS, trackingKey } from '@lienthong/core';
import { Priority, TrackingRecord, TransportState } from '@lienthong/proto';
import { publishDirectory } from '../../node/src/directory';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { NATIONAL, nationalTopology } from '../../../bench/src/lib/topologies';
import { registerDashboard } from '../src';
import type { Dashboard } from '../src';
import { buildPages, launch, shoot, textOf } from './browser';

jest.setTimeout(300_000);

const RECORDS = Number(process.env.LT_DASHBOARD_RECORDS ?? 100_000);
const DAY = 86_400_000;

/** A deterministic spread of states: most answered, some waiting, some late, some rejected or failed. */
function record(i: number, agencies: readonly string[], now: number): TrackingRecord {
  const sender = agencies[(i * 7919) % agencies.length]!;
  let recipient = agencies[(i * 104_729 + 13) % agencies.length]!;
  if (recipient === sender) recipient = agencies[(i + 1) % agencies.length]!;
  const sentAtMs = now - ((i * 7_777_777) % (6 * DAY)) - 60_000;
  const kind = i % 20;
  const r = TrackingRecord.create({
    documentId: `${sender},2026/11/${String(1 + (i % 28)).padStart(2, '0')},${Math.floor(i / 3)}/UBND-VP`,
    sender,
    recipient,
    subject: `Văn bản số ${Math.floor(i / 3)} về công tác phòng chống thiên tai`,
    priority: i % 50 === 0 ? Priority.PRIORITY_FLASH : Priority.PRIORITY_NORMAL,
    sentAtMs,
    updatedAtMs: sentAtMs + 5_000,
    confirmByMs: sentAtMs + DAY,
    transport: TransportState.TRANSPORT_STATE_FETCHED,
    timeline: [
      { atMs: sentAtMs, transport: TransportState.TRANSPORT_STATE_ACCEPTED, node: 'vn' },
      { atMs: sentAtMs + 800, transport: TransportState.TRANSPORT_STATE_DELIVERED, node: 'vn' },
    ],
  });
  if (kind < 2) {
    // In the inbox, never fetched: overdue once a day has passed.
    r.transport = TransportState.TRANSPORT_STATE_DELIVERED;
    r.overdue = now > r.confirmByMs;
  } else if (kind === 2) {
    r.transport = TransportState.TRANSPORT_STATE_FAILED;
    r.failureDetail = 'recipient not in the directory';
  } else {
    const steps = kind === 3 ? [1, 2] : kind < 10 ? [1, 3, 4, 5, 6] : [1, 3];
    steps.forEach((code, k) =>
      r.timeline.push({ atMs: sentAtMs + 60_000 * (k + 1) * (1 + (i % 5)), business: code }),
    );
    r.business = steps[steps.length - 1]!;
  }
  return r;
}

describe('dashboard at national scale', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let app: FastifyInstance;
  let dashboard: Dashboard;
  let url: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    buildPages();
    server = await startNatsServer();
    nc = await natsConnect({ servers: server.url });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const kvm = new Kvm(js);
    const topology = nationalTopology(NATIONAL);
    await publishDirectory(kvm, topology);
    await kvm.create(BUCKETS.tracking, { history: 1 });
    const agencies = topology.agencies().map((a) => a.code);
    const now = Date.now();
    const t0 = Date.now();
    for (let start = 0; start < RECORDS; start += 2_000) {
      const acks: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(RECORDS, start + 2_000); i++) {
        const r = record(i, agencies, now);
        acks.push(
          js.publish(
            `$KV.${BUCKETS.tracking}.${trackingKey(r.sender, r.documentId, r.recipient)}`,
            TrackingRecord.encode(r).finish(),
          ),
        );
      }
      await Promise.all(acks);
    }
    process.stdout.write(
      `${RECORDS} tracking records on ${topology.nodes().length} units / ${agencies.length} agencies stored in ${Date.now() - t0} ms\n`,
    );
    app = Fastify();
    const loadStart = Date.now();
    dashboard = await registerDashboard(app, {
      session: { settings: { server: server.url, timeoutMs: 30_000 }, nc, js, jsm, kvm },
      authenticate: () => null,
      noAuth: true,
    });
    await dashboard.ready;
    process.stdout.write(
      `dashboard loaded ${dashboard.index.size} records in ${Date.now() - loadStart} ms\n`,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}/`;
    ({ browser, close: closeBrowser } = await launch());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await app?.close();
    await nc?.close();
    await server?.stop();
  });

  it('holds every record', () => {
    expect(dashboard.index.size).toBe(RECORDS);
  });

  /** Opens a page (the bundle cached by an earlier visit, as for a person who uses it daily). */
  const render = async (hash: string, ready: string): Promise<number> => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${url}#/sent`, { waitUntil: 'load' }); // warm: the bundle is loaded once
    await page.waitForSelector('.docs, .empty');
    const t0 = Date.now();
    await page.goto(`${url}#/${hash}`, { waitUntil: 'load' });
    await page.waitForSelector(ready, { timeout: 20_000 }).catch(async (e: unknown) => {
      await shoot(page, `national-${hash}-failed`);
      throw e;
    });
    const ms = Date.now() - t0;
    expect(await textOf(page, '.banner')).toContain('--no-auth');
    await shoot(page, `national-${hash}`);
    await page.close();
    return ms;
  };

  it('renders the overdue page within 1 s', async () => {
    const ms = await render('overdue', 'details.group tr[data-recipient]');
    process.stdout.write(`overdue page on ${RECORDS} records: ${ms} ms\n`);
    const a0 = Date.now();
    const res = await fetch(`${url}dashboard/api/overdue`);
    const body = (await res.json()) as { total: number; groups: { kind: string; count: number }[] };
    process.stdout.write(`  GET /dashboard/api/overdue: ${Date.now() - a0} ms\n`);
    // Every 20th record in the inbox past its deadline, a day after sending… all that were sent over a day ago.
    expect(body.total).toBeGreaterThan(RECORDS / 40);
    expect(body.groups.filter((g) => g.kind === 'province').length).toBeGreaterThan(50);
    expect(body.groups.reduce((n, g) => n + g.count, 0)).toBe(body.total);
    expect(ms).toBeLessThanOrEqual(1_000);
  });

  it('renders the statistics page within 1 s', async () => {
    const ms = await render('stats', 'table.stats tr.total');
    process.stdout.write(`statistics page on ${RECORDS} records: ${ms} ms\n`);
    const a0 = Date.now();
    const res = await fetch(`${url}dashboard/api/stats`);
    const body = (await res.json()) as {
      total: { sent: number; rejected: number; failed: number };
      levels: unknown[];
    };
    process.stdout.write(`  GET /dashboard/api/stats: ${Date.now() - a0} ms\n`);
    expect(body.total.rejected).toBe(RECORDS / 20);
    expect(body.total.failed).toBe(RECORDS / 20);
    expect(body.levels).toHaveLength(4);
    expect(ms).toBeLessThanOrEqual(1_000);
  });
});

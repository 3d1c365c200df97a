#!/usr/bin/env node
/**
 * What one full look through the inbox stream costs (`InboxMover.strays`: STREAM.INFO listing every
 * item subject of a level), as the stream grows: a nats-server of the test kit, an inbox stream
 * filled with N items of 200 bytes (one subject each, as items are kept 30 days read or not), then
 * the listing, timed, while a second connection of the same process publishes every 5 ms and notes
 * how long each publish waits. `node scripts/inbox-sweep-cost.mjs [N…]` (default 20000 100000
 * 300000). Prints a line per N and a JSON line.
 */
import { countsFromArgs, workspaceRequire } from './lib/measure.mjs';

const require = workspaceRequire('node');
const { startNatsServer } = require('@lienthong/testkit');
const { connect } = require('@nats-io/transport-node');
const { jetstream, jetstreamManager } = require('@nats-io/jetstream');

const targets = countsFromArgs([20_000, 100_000, 300_000]).sort((a, b) => a - b);
const server = await startNatsServer();
const results = [];
try {
  const nc = await connect({ servers: server.url });
  const probeNc = await connect({ servers: server.url });
  const js = jetstream(nc);
  const probeJs = jetstream(probeNc);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'LT_INBOX', subjects: ['lt.v1.*.*.inbox.>'], max_msgs_per_subject: 1 });
  await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
  const payload = new Uint8Array(200);
  let n = 0;
  for (const target of targets) {
    while (n < target) {
      const acks = [];
      for (let i = 0; i < 1000 && n < target; i++, n++) {
        acks.push(js.publish(`lt.v1.commune.c${n % 300}.inbox.a_${n % 3000}.k${n}`, payload));
      }
      await Promise.all(acks);
    }
    let listing = true;
    let worstMs = 0;
    const probe = (async () => {
      while (listing) {
        const t = performance.now();
        await probeJs.publish('probe.x', payload);
        worstMs = Math.max(worstMs, performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const info = await jsm.streams.info('LT_INBOX', { subjects_filter: 'lt.v1.commune.*.inbox.>' });
    const wallMs = Math.round(performance.now() - t0);
    const used = process.cpuUsage(cpu);
    listing = false;
    await probe;
    const r = {
      items: target,
      subjects: Object.keys(info.state.subjects ?? {}).length,
      wallMs,
      processCpuMs: Math.round((used.user + used.system) / 1000),
      worstPublishWaitMs: Math.round(worstMs),
    };
    results.push(r);
    process.stdout.write(
      `${String(target).padStart(7)} items: listing ${wallMs} ms, ${r.processCpuMs} ms of CPU here; a publish waited up to ${r.worstPublishWaitMs} ms\n`,
    );
  }
  await probeNc.close();
  await nc.close();
} finally {
  await server.cleanup();
}
process.stdout.write(`${JSON.stringify({ scenario: 'inbox-sweep-cost', results })}\n`);

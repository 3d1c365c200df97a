/**
 * The ops CLI against a running `lienthong up`, as an operator uses it: the tree, the agencies, a
 * document from sending to 01 arrived, live tracking, statistics, the health endpoints.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import { BUCKETS, encodeNodeStatus, statusKeys } from '@lienthong/core';
import { BusinessStatus, connect } from '@lienthong/sdk';
import { background, eventually, json, killAll, lienthong, startBroker, tempDir } from './helpers';
import type { Broker } from './helpers';

jest.setTimeout(30_000);

const SENDER = '000.01.43.H41'; // commune Bảo Thành (Yên Thành)
const CENTRE = '000.00.00.G22'; // Government Office, at the root
const COMMUNE = '000.01.44.H41'; // commune Quỳnh Thạch (Quỳnh Lưu)
const DOC = `${SENDER},2026/11/22,15/UBND-VP`;

interface TrackJson {
  documentId: string;
  summary: { recipients: number; delivered: number; pending: number; overdue: number };
  recipients: {
    recipient: string;
    name: string;
    transport: string;
    business: string;
    hops: { node: string; inMs: number }[];
    timeline: { transport: string; business: string; node: string }[];
  }[];
}

describe('lienthong against a running broker', () => {
  let broker: Broker;
  let s: string[];
  let docFile: string;

  beforeAll(async () => {
    broker = await startBroker({ http: true });
    s = ['-s', broker.url];
    docFile = path.join(tempDir('lt-cli-doc-'), 'doc.json');
    writeFileSync(
      docFile,
      JSON.stringify({
        documentId: DOC,
        codeNumber: '15',
        codeNotation: 'UBND-VP',
        subject: 'Báo cáo tình hình thiệt hại do mưa lũ',
        priority: 'PRIORITY_NORMAL',
        signer: { position: 'Chủ tịch', fullName: 'Trần Văn An' },
        to: [{ code: CENTRE }],
      }),
    );
  });

  afterAll(async () => {
    try {
      if (broker) expect(await broker.stop()).toBe(0); // Ctrl-C drains and stops cleanly
    } finally {
      await killAll();
    }
  });

  it('up serves /healthz, /readyz and /metrics when asked', async () => {
    expect(broker.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${broker.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${broker.httpUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${broker.httpUrl}/metrics`)).text();
    expect(metrics).toContain('lienthong_nats_connected 1');
  });

  it('node ls lists the tree with levels, parents and agency counts', async () => {
    const table = await lienthong(['node', 'ls', ...s]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+LEVEL\s+PARENT\s+NAME\s+DOMAIN\s+AGENCIES$/);
    expect(lines[1]).toMatch(/^vn\s+central\s+-\s+/);
    expect(table.stdout).toMatch(/^ {4}h41-yenthanh\s+district\s+h41\s+Huyện Yên Thành\s+-\s+1$/m);
    // columns line up: every row's LEVEL starts where the header's does
    const at = lines[0]!.indexOf('LEVEL');
    for (const l of lines.slice(1)) expect(l.slice(at)).toMatch(/^(central|province|district|commune) /);

    const nodes = json<{ id: string; level: string; parent: string | null; agencies: number }[]>(
      await lienthong(['node', 'ls', '--json', ...s]),
    );
    expect(nodes).toHaveLength(11);
    expect(nodes.find((n) => n.id === 'h41')).toEqual({
      id: 'h41',
      level: 'province',
      parent: 'vn',
      name: 'Nền tảng liên thông tỉnh Nghệ An',
      domain: null,
      agencies: 3,
    });

    const under = await lienthong(['node', 'ls', '--under', 'h41-yenthanh', ...s]);
    expect(
      under.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/)[0]),
    ).toEqual(['h41-yenthanh', 'h41-yenthanh-xa1', 'h41-yenthanh-xa2']);
    expect(under.stdout).toMatch(/^ {2}h41-yenthanh-xa1\s+commune\s+h41-yenthanh\s/m);
    const provinces = json<{ id: string }[]>(
      await lienthong(['node', 'ls', '--level', 'province', '--json', ...s]),
    );
    expect(provinces.map((n) => n.id)).toEqual(['h27', 'h41']);
    const unknown = await lienthong(['node', 'ls', '--under', 'h99', ...s]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('node h99 is not in the directory');
    // A mistyped level is named, with the levels there are, before anything is read.
    for (const args of [
      ['node', 'ls', '--level', 'provnce'],
      ['stats', '--level', 'provnce'],
    ]) {
      const typo = await lienthong([...args, ...s]);
      expect(typo.code).not.toBe(0);
      expect(typo.stderr).toContain("'provnce' is not a level: central, province, district or commune");
    }
  });

  it('node info shows children, agencies, backlog and the consumers serving the node', async () => {
    const info = await lienthong(['node', 'info', 'h41', ...s]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/children\s+h41-quynhluu, h41-yenthanh/);
    expect(info.stdout).toMatch(/agencies\s+3: 000\.00\.00\.H41/);
    expect(info.stdout).toMatch(/process\s+serving/);
    expect(info.stdout).toMatch(/LT_RELAY\s+lt-relay-province-all\s+serving/);

    const j = json<{
      level: string;
      children: string[];
      process: string;
      backlog: { submit: number; relay: number; toParent: number; dead: number };
      consumers: { submit: { name: string; status: string }[]; relay: { name: string; status: string }[] };
    }>(await lienthong(['node', 'info', 'h41-yenthanh-xa1', '--json', ...s]));
    expect(j.level).toBe('commune');
    expect(j.children).toEqual([]);
    expect(j.process).toBe('serving');
    expect(j.backlog).toMatchObject({ submit: 0, relay: 0, toParent: 0 });
    expect(j.consumers.submit.map((c) => c.name)).toEqual(['lt-submit-commune-all']);
    expect(j.consumers.relay[0]).toMatchObject({ name: 'lt-relay-commune-all', status: 'serving' });

    // `show`, as for agencies, documents and dead letters.
    const shown = await lienthong(['node', 'show', 'h41', ...s]);
    expect([shown.code, shown.stdout]).toEqual([0, info.stdout]);
  });

  it('audit verify before any message has been handled says there is no audit log yet', async () => {
    const none = await lienthong(['audit', 'verify', ...s]);
    expect([none.code, none.stderr]).toEqual([0, '']);
    expect(none.stdout).toBe(
      'no audit log here yet: a node writes its first block when it has handled its first message\n',
    );
    expect(json(await lienthong(['audit', 'verify', '--json', ...s]))).toEqual([]);
  });

  it('agency ls and agency show', async () => {
    const ls = await lienthong(['agency', 'ls', '--node', 'h41', ...s]);
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim().split('\n')).toHaveLength(4);
    expect(ls.stdout).toMatch(
      /^000\.00\.01\.H41\s+Sở Nội vụ tỉnh Nghệ An\s+province\s+h41\s+000\.00\.00\.H41$/m,
    );
    const all = json<{ code: string; homeNode: string }[]>(await lienthong(['agency', 'ls', '--json', ...s]));
    expect(all.find((a) => a.code === SENDER)?.homeNode).toBe('h41-yenthanh-xa1');

    const show = await lienthong(['agency', 'show', SENDER, ...s]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/home node\s+h41-yenthanh-xa1\s+Xã Bảo Thành \(commune\)/);
    expect(show.stdout).toContain('lt.v1.commune.h41-yenthanh-xa1.submit.000_01_43_H41');
    const j = json<{ parentCode: string; subjects: { track: string }; inbox: { kept: number } }>(
      await lienthong(['agency', 'show', SENDER, '--json', ...s]),
    );
    expect(j.parentCode).toBe('000.00.43.H41');
    expect(j.subjects.track).toBe('lt.v1.commune.h41-yenthanh-xa1.track.000_01_43_H41');
  });

  it('doc send, then doc show and doc track follow it to 01 arrived', async () => {
    const watch = background(['doc', 'watch', '--agency', SENDER, ...s]);
    await watch.waitFor(/watching lt\.v1\.\*\.\*\.track\.000_01_43_H41/, 10_000, 'stderr');

    const sent = await lienthong([
      'doc',
      'send',
      docFile,
      '--from',
      SENDER,
      '--to',
      `${CENTRE},${COMMUNE}`,
      ...s,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`sent ${DOC}`);
    expect(sent.stdout).toContain('home node h41-yenthanh-xa1 has custody');
    // the same document again is a resend, never a second copy
    const again = json<{ duplicate: boolean; recipients: string[] }>(
      await lienthong(['doc', 'send', docFile, '--to', `${CENTRE},${COMMUNE}`, '--json', ...s]),
    );
    expect(again).toMatchObject({ duplicate: true, recipients: [CENTRE, COMMUNE] });

    const track = await eventually(async () => {
      const t = json<TrackJson>(await lienthong(['doc', 'track', DOC, '--json', ...s]));
      expect(t.summary).toMatchObject({ recipients: 2, delivered: 2 });
      return t;
    });
    const centre = track.recipients.find((r) => r.recipient === CENTRE)!;
    expect(centre.transport).toBe('TRANSPORT_STATE_DELIVERED');
    expect(centre.hops.map((h) => h.node)).toEqual(['h41-yenthanh-xa1', 'h41-yenthanh', 'h41', 'vn']);

    // the live feed saw the copies being accepted and delivered
    await watch.waitFor(new RegExp(`${DOC.replace(/[.,/]/g, '\\$&')}\\s+${SENDER} → ${CENTRE}\\s+DELIVERED`));

    // the recipient's system takes it from its inbox: 01 arrived
    const recipient = await connect({ servers: broker.url, agency: CENTRE });
    try {
      const inbox = recipient.inbox();
      for await (const item of inbox) {
        expect(item.documentId).toBe(DOC);
        await item.ack();
        break;
      }
      await inbox.stop();
    } finally {
      await recipient.close();
    }
    await eventually(async () => {
      const t = json<TrackJson>(await lienthong(['doc', 'track', DOC, '--json', ...s]));
      expect(t.recipients.find((r) => r.recipient === CENTRE)?.business).toBe('BUSINESS_STATUS_ARRIVED');
    });

    const table = await lienthong(['doc', 'track', DOC, ...s]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^RECIPIENT\s+NAME\s+TRANSPORT\s+BUSINESS\s+RECALL\s+OVERDUE\s+CONFIRM BY\s+UPDATED$/m,
    );
    expect(table.stdout).toMatch(
      /^000\.00\.00\.G22\s+Văn phòng Chính phủ\s+FETCHED\s+01 ARRIVED\s+-\s+no\s/m,
    );
    expect(table.stdout).toMatch(/^000\.01\.44\.H41\s+.*\s+DELIVERED\s+-\s+-\s+no\s/m);
    expect(table.stdout).toMatch(/hops: h41-yenthanh-xa1 \(\+\d+ ms\) → h41-yenthanh .* → vn \(\+\d+ ms\)/);
    expect(table.stdout).toMatch(/01 ARRIVED\s+at vn/);

    const show = await lienthong(['doc', 'show', DOC, ...s]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/subject\s+Báo cáo tình hình thiệt hại do mưa lũ/);
    expect(show.stdout).toMatch(/number\s+15\/UBND-VP/);
    expect(show.stdout).toMatch(/recipients: 2 — 2 delivered \(1 fetched\), 0 on the way, 0 overdue/);
    const j = json<{
      sender: string;
      document: { signer: { fullName: string } } | null;
      recipients: { recipient: string; transport: string; business: string }[];
    }>(await lienthong(['doc', 'show', DOC, '--json', ...s]));
    expect(j.sender).toBe(SENDER);
    expect(j.recipients[0]).toMatchObject({
      recipient: CENTRE,
      transport: 'TRANSPORT_STATE_FETCHED',
      business: 'BUSINESS_STATUS_ARRIVED',
    });
    expect(j.document?.signer.fullName).toBe('Trần Văn An');

    expect(await watch.stop('SIGINT')).toBe(0); // Ctrl-C ends the watch cleanly
    expect(watch.stdout()).toMatch(/01 ARRIVED/);
  });

  it('doc watch --json prints one decoded record per change', async () => {
    const watch = background(['doc', 'watch', '--json', '--count', '2', ...s]);
    await watch.waitFor(/watching lt\.v1\.\*\.\*\.track\.\*/, 10_000, 'stderr');
    const file = path.join(tempDir('lt-cli-doc-'), 'doc2.json');
    writeFileSync(
      file,
      JSON.stringify({ documentId: `${SENDER},2026/11/22,16/UBND-VP`, subject: 'Giấy mời' }),
    );
    expect((await lienthong(['doc', 'send', file, '--to', CENTRE, ...s])).code).toBe(0);
    expect(await watch.exited()).toBe(0); // --count 2: stops by itself
    const events = watch
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; documentId: string; transport: string });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'tracking', documentId: `${SENDER},2026/11/22,16/UBND-VP` });
  });

  it('stats counts per level and node with delivery times', async () => {
    type Stats = {
      total: {
        sent: number;
        received: number;
        rejected: number;
        deliveryMs: { count: number; p50: number; p99: number };
      };
      levels: { level: string; received: number }[];
      nodes: { node: string; sent: number; received: number; pending: number }[];
    };
    const j = await eventually(async () => {
      const stats = json<Stats>(await lienthong(['stats', '--window', '1h', '--json', ...s]));
      expect(stats.total).toMatchObject({ sent: 2, received: 3 });
      return stats;
    });
    expect(j.total.deliveryMs.count).toBe(3);
    expect(j.total.rejected).toBe(0);
    expect(j.total.deliveryMs.p50).toBeGreaterThanOrEqual(0);
    expect(j.total.deliveryMs.p99).toBeGreaterThanOrEqual(j.total.deliveryMs.p50);
    expect(j.levels.find((l) => l.level === 'central')?.received).toBe(2);
    expect(j.nodes.find((n) => n.node === 'h41-yenthanh-xa1')).toMatchObject({ sent: 2 });

    const table = await lienthong(['stats', ...s]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^LEVEL\s+SENT\s+RECEIVED\s+PENDING\s+OVERDUE\s+FAILED\s+REJECTED\s+DEAD\s+P50\s+P99$/m,
    );
    expect(table.stdout).toMatch(/^central\s+0\s+2\s+0\s+0\s+0\s+0\s+0\s+\d+ ms\s+\d+ ms$/m);
    expect(table.stdout).toMatch(/^vn\s+central\s+0\s+2\s/m);
  });

  it('check says OK with exit code 0 and Nagios perfdata', async () => {
    const ok = await lienthong(['check', ...s]);
    expect(ok.stdout).toMatch(
      /^LIENTHONG OK - 11\/11 nodes served, backlog 0, 0 dead letters, 0 overdue \| backlog=0;;1000;0; /,
    );
    expect(ok.code).toBe(0);
    const j = json<{ status: string; levels: { level: string; unserved: string[] }[] }>(
      await lienthong(['check', '--format', 'json', ...s]),
    );
    expect(j.status).toBe('OK');
    expect(j.levels.map((l) => l.level)).toEqual(['central', 'province', 'district', 'commune']);
    const prom = await lienthong(['check', '--format', 'prometheus', ...s]);
    expect(prom.code).toBe(0);
    expect(prom.stdout).toMatch(/^lienthong_check_status\{server="nats:\/\/127\.0\.0\.1:\d+"\} 0$/m);
    expect(prom.stdout).toMatch(/^lienthong_check_unserved_nodes\{level="commune"\} 0$/m);
  });

  it('an unknown document is NotFound with its id', async () => {
    const r = await lienthong(['doc', 'track', `${SENDER},2026/11/22,99/KHONG-CO`, ...s]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `[NotFound] document ${SENDER},2026/11/22,99/KHONG-CO sent by ${SENDER} not found`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    const node = await lienthong(['node', 'info', 'h99', ...s]);
    expect(node.code).toBe(1);
    expect(node.stderr).toMatch(/\[NotFound\] node h99 is not in the directory\n {2}hint: .*node ls/);
  });

  // Last: the refused status leaves a dead letter, which `check` above counts.
  it('doc refusals lists a status refused at the document sender’s home node, read back and done', async () => {
    const typo = `${SENDER},2026/11/22,915/UBND-VP`; // never sent: a mistyped number
    const reporter = await connect({ servers: broker.url, agency: COMMUNE });
    try {
      const feed = await reporter.refusals();
      await reporter.report(typo, BusinessStatus.BUSINESS_STATUS_ACCEPTED, { sender: SENDER });
      for await (const r of feed) {
        expect(r.documentId).toBe(typo);
        break;
      }
      await feed.stop();
    } finally {
      await reporter.close();
    }
    const listed = await lienthong(['doc', 'refusals', '--agency', COMMUNE, '--since', '1h', '--json', ...s]);
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        agency: COMMUNE,
        documentId: typo,
        kind: 'status',
        statusCode: '03',
        reason: 'UNKNOWN_DOCUMENT',
        detail: expect.stringContaining(`${COMMUNE} reported 03 on ${typo}`),
        node: 'h41-yenthanh-xa1',
        at: expect.stringMatching(/^2\d{3}-/),
      },
    ]);
    expect(listed.stderr).toMatch(new RegExp(`^1 refused of ${COMMUNE.replace(/\./g, '\\.')} since `, 'm'));
    // Every agency's, as lines; the sender's own list is empty; a mistyped code and time are errors.
    const all = await lienthong(['doc', 'refusals', ...s]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/REFUSED {2}status 03 ACCEPTED at h41-yenthanh-xa1 {2}.*UNKNOWN_DOCUMENT/);
    const none = await lienthong(['doc', 'refusals', '--agency', SENDER, ...s]);
    expect([none.code, none.stdout]).toEqual([0, '']);
    expect(none.stderr).toMatch(/^0 refused of /m);
    const unknown = await lienthong(['doc', 'refusals', '--agency', '000.00.99.H41', ...s]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('000.00.99.H41');
    const bad = await lienthong(['doc', 'refusals', '--since', 'yesterday', ...s]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a duration such as 24h or 7d, or an ISO 8601 time');
  });

  it('check sums the overdue counts the nodes tell in lt_status, of the nodes in the directory', async () => {
    type Check = { status: string; overdue: number };
    const before = json<Check>(await lienthong(['check', '--format', 'json', ...s]));
    expect(before.overdue).toBe(0);
    // Written as the runtimes hosting those nodes write them (overdue.test.ts provokes the real ones).
    const nc = await natsConnect({ servers: broker.url });
    try {
      const kv = await new Kvm(nc).open(BUCKETS.status);
      const put = (node: string, overdue: number) =>
        kv.put(statusKeys.node(node), encodeNodeStatus({ node, overdue, atMs: Date.now() }));
      await put('h41', 2);
      await put('h41-yenthanh-xa1', 3);
      await put('h99', 40); // not in the directory: not counted
      const after = json<Check>(await lienthong(['check', '--format', 'json', '--max-overdue', '4', ...s]));
      expect(after.overdue).toBe(5);
      const line = await lienthong(['check', '--max-overdue', '4', ...s]);
      expect(line.stdout).toMatch(/5 overdue recipients > 4/);
      expect(line.code).toBe(1); // WARNING
      await put('h41', 0);
      await put('h41-yenthanh-xa1', 0);
    } finally {
      await nc.close();
    }
  });
});

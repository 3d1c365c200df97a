/** The pure parts of the CLI: tables, durations, statistics, check verdicts, settings precedence. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TrackingRecord, TransportState } from '@lienthong/proto';
import { evaluate, formatNagios, formatPrometheus } from '../src/check';
import { parseSince } from '../src/commands/doc-refusals';
import { processStatus } from '../src/commands/node';
import type { ConsumerState } from '@lienthong/readers';
import type { CheckFacts } from '../src/check';
import { displayWidth, table } from '../src/output';
import { parseDuration } from '../src/program';
import { subjectMatches } from '@lienthong/readers';
import { resolveSettings } from '../src/settings';
import { NOT_IN_DIRECTORY, computeStats, percentile } from '@lienthong/readers';
import { killAll, tempDir } from './helpers';

afterAll(() => killAll());

describe('table', () => {
  it('aligns Vietnamese text by what a terminal shows, decomposed or not', () => {
    const decomposed = 'Huyện Yên Thành'.normalize('NFD');
    expect(displayWidth(decomposed)).toBe(15);
    const out = table(
      [
        { name: decomposed, n: 1 },
        { name: 'vn', n: 100 },
      ],
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'N', value: (r) => r.n, align: 'right' },
      ],
      false,
    );
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => displayWidth(l))).toEqual([20, 20, 20]);
    expect(lines[2]).toBe('vn               100');
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['250ms', 250],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '1x', 'h', '0s', '1h junk'])('refuses %p', (text) =>
    expect(() => parseDuration(text)).toThrow(/duration/),
  );
});

describe('parseSince (doc refusals)', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it.each([
    ['24h', now - 86_400_000],
    ['7d', now - 604_800_000],
    ['2026-12-01T08:00:00Z', Date.parse('2026-12-01T08:00:00Z')],
    ['2026-12-01', Date.parse('2026-12-01')],
  ])('%s', (text, ms) => expect(parseSince(text, now)).toBe(ms));
  it.each(['yesterday', '', '12/01/2026', '2026-13-45'])('refuses %p', (text) =>
    expect(() => parseSince(text, now)).toThrow(/a duration such as 24h or 7d, or an ISO 8601 time/),
  );
});

describe('subjectMatches', () => {
  it('follows NATS wildcards', () => {
    expect(subjectMatches('lt.v1.commune.*.relay.>', 'lt.v1.commune.x1.relay.normal.d1')).toBe(true);
    expect(subjectMatches('lt.v1.commune.*.relay.>', 'lt.v1.commune.x1.relay')).toBe(false);
    expect(subjectMatches('lt.v1.province.h41.submit.*', 'lt.v1.province.h27.submit.a')).toBe(false);
    expect(subjectMatches('', 'anything')).toBe(true);
  });
});

describe('stats', () => {
  const record = (over: Partial<TrackingRecord> & { deliveredAfter?: number }): TrackingRecord => {
    const sentAtMs = over.sentAtMs ?? 1_000_000;
    return TrackingRecord.create({
      documentId: 'd1',
      sender: '000.01.43.H41',
      recipient: '000.00.00.G22',
      transport: TransportState.TRANSPORT_STATE_ACCEPTED,
      sentAtMs,
      ...over,
      timeline:
        over.deliveredAfter === undefined
          ? []
          : [{ atMs: sentAtMs + over.deliveredAfter, transport: TransportState.TRANSPORT_STATE_DELIVERED }],
    });
  };
  const home: Record<string, string> = {
    '000.01.43.H41': 'xa1',
    '000.00.00.G22': 'vn',
    '000.00.00.H41': 'h41',
  };
  const levels: Record<string, string> = { xa1: 'commune', vn: 'central', h41: 'province' };

  it('percentile is nearest-rank', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(
      percentile(
        [...Array(100).keys()].map((i) => i + 1),
        0.99,
      ),
    ).toBe(99);
  });

  it('counts by the sender node and the recipient node, within the window', () => {
    const FETCHED = TransportState.TRANSPORT_STATE_FETCHED;
    const stats = computeStats({
      records: [
        record({ transport: FETCHED, deliveredAfter: 40 }),
        record({
          recipient: '000.00.00.H41',
          transport: TransportState.TRANSPORT_STATE_DELIVERED,
          deliveredAfter: 10,
        }),
        record({ documentId: 'd2', recipient: '000.00.00.H41', overdue: true }),
        record({ documentId: 'old', sentAtMs: 10, transport: FETCHED, deliveredAfter: 5 }),
        record({ documentId: 'd3', recipient: '', failure: 1 }), // a refusal notice: not a copy
      ],
      deadLetters: [
        { node: 'xa1', atMs: 2_000_000 },
        { node: 'xa1', atMs: 5 },
      ],
      since: 500_000,
      homeNodeOf: (a) => home[a],
      levelOf: (n) => levels[n],
      nodes: ['vn', 'h41', 'xa1'],
    });
    const node = (id: string) => stats.nodes.find((n) => n.node === id)!;
    expect(node('xa1')).toMatchObject({ level: 'commune', sent: 2, received: 0, deadLettered: 1 });
    expect(node('h41')).toMatchObject({ received: 1, pending: 1, overdue: 1 });
    expect(node('vn').deliveryMs).toEqual({ count: 1, p50: 40, p99: 40 });
    expect(stats.total).toMatchObject({ sent: 2, received: 2, pending: 1, overdue: 1, deadLettered: 1 });
    expect(stats.total.deliveryMs).toEqual({ count: 2, p50: 10, p99: 40 });
    expect(stats.levels.map((l) => l.level)).toEqual(['central', 'province', 'commune']);
  });

  it('labels the row of a recipient that is not in the directory, and dead letters without a node', () => {
    const stats = computeStats({
      records: [
        record({ recipient: '000.00.99.H41', transport: TransportState.TRANSPORT_STATE_FAILED, failure: 1 }),
      ],
      deadLetters: [{ node: '', atMs: 2_000_000 }],
      since: 500_000,
      homeNodeOf: (a) => home[a],
      levelOf: (n) => levels[n],
    });
    const unknown = stats.nodes.find((n) => n.node === NOT_IN_DIRECTORY);
    expect(unknown).toMatchObject({ level: '(unknown)', failed: 1 });
    expect(stats.nodes.find((n) => n.node === '(no node)')).toMatchObject({ deadLettered: 1 });
    expect(stats.nodes.map((n) => n.node)).not.toContain('?');
    expect(stats.levels.map((l) => l.level)).not.toContain('?');
  });
});

describe('check verdicts', () => {
  const healthy: CheckFacts = {
    server: 'nats://x:4222',
    streams: ['LT_SUBMIT', 'LT_RELAY', 'LT_INBOX', 'LT_TRACK', 'LT_DEAD'].map((name) => ({
      name,
      present: true,
    })),
    levels: [
      { level: 'central', nodes: 1, unserved: [] },
      { level: 'commune', nodes: 5, unserved: [] },
    ],
    backlog: 3,
    deadLetters: 0,
    overdue: 0,
  };
  const t = { maxBacklog: 1000, warnDead: 0, maxOverdue: 0 };

  it('OK with perfdata', () => {
    const r = evaluate(healthy, t);
    expect(r.code).toBe(0);
    expect(formatNagios(r)).toBe(
      'LIENTHONG OK - 6/6 nodes served, backlog 3, 0 dead letters, 0 overdue | backlog=3;;1000;0; dead_letters=0;0;;0; overdue=0;0;;0; unserved_nodes=0;;0;0; streams_missing=0;;0;0;\n',
    );
  });

  it('the worst finding wins and comes first', () => {
    const r = evaluate(
      {
        ...healthy,
        overdue: 2,
        levels: [{ level: 'commune', nodes: 5, unserved: ['x1', 'x2'] }],
        backlog: 5000,
      },
      t,
    );
    expect(r.status).toBe('CRITICAL');
    expect(r.code).toBe(2);
    expect(r.findings.map((f) => f.status)).toEqual(['CRITICAL', 'CRITICAL', 'WARNING']);
    expect(formatNagios(r)).toMatch(
      /^LIENTHONG CRITICAL - commune: 2\/5 nodes not served \(x1, x2\); backlog 5000 > 1000; 2 overdue recipients > 0 \|/,
    );
  });

  it('a failure to look is CRITICAL or UNKNOWN, without perfdata; Prometheus says up 0', () => {
    const r = evaluate({ ...healthy, failure: { status: 'UNKNOWN', message: 'refused' } }, t);
    expect(formatNagios(r)).toBe('LIENTHONG UNKNOWN - refused\n');
    expect(r.code).toBe(3);
    expect(formatPrometheus(r)).toMatch(/^lienthong_check_up 0$/m);
    expect(formatPrometheus(r)).toMatch(/^lienthong_check_status\{server="nats:\/\/x:4222"\} 3$/m);
  });
});

describe('processStatus', () => {
  const c = (status: ConsumerState['status']): ConsumerState => ({
    stream: 'LT_RELAY',
    name: 'lt-relay-x',
    filter: 'lt.v1.commune.*.relay.>',
    status,
    waitingPulls: status === 'serving' ? 1 : 0,
    pending: 0,
    inFlight: 0,
    redelivered: 0,
    lastActiveMs: null,
  });
  it('needs a pulled consumer on both custody streams', () => {
    expect(processStatus([c('serving')], [c('serving')])).toBe('serving');
    expect(processStatus([c('serving')], [c('no-puller')])).toBe('no-puller');
    expect(processStatus([], [c('serving')])).toBe('missing');
  });
});

describe('settings', () => {
  const withContexts = (current?: string): NodeJS.ProcessEnv => {
    const xdg = tempDir('lt-cli-units-');
    mkdirSync(path.join(xdg, 'lienthong'));
    writeFileSync(
      path.join(xdg, 'lienthong', 'contexts.json'),
      JSON.stringify({
        ...(current ? { current } : {}),
        contexts: { a: { server: 'nats://a:1', domain: 'h41', timeoutMs: 900 }, b: { server: 'nats://b:1' } },
      }),
    );
    return { XDG_CONFIG_HOME: xdg };
  };

  it('flag > --context > LT_SERVER > selected context > default', () => {
    expect(resolveSettings({}, {}).server).toBe('nats://127.0.0.1:4222');
    expect(resolveSettings({}, withContexts('a'))).toMatchObject({
      server: 'nats://a:1',
      domain: 'h41',
      timeoutMs: 900,
      context: 'a',
    });
    expect(resolveSettings({}, { ...withContexts('a'), LT_SERVER: 'nats://env:1' }).server).toBe(
      'nats://env:1',
    );
    expect(
      resolveSettings({ context: 'b' }, { ...withContexts('a'), LT_SERVER: 'nats://env:1' }).server,
    ).toBe('nats://b:1');
    expect(resolveSettings({ context: 'b', server: 'nats://flag:1' }, withContexts('a')).server).toBe(
      'nats://flag:1',
    );
    expect(resolveSettings({ timeout: 42 }, withContexts('a')).timeoutMs).toBe(42);
  });
});

/**
 * The chaos harness: a topology of separate processes and several nats-servers (the centre and two
 * provinces as leaf nodes with their own JetStream domains), a steady load of documents, recipients
 * that take every item and answer it, and one verifier of the promise: every document delivered
 * exactly once to each recipient, every status back at the sender, tracking consistent, nothing
 * left pending. Each scenario prints one summary line and writes it as JSON to `results/`.
 *
 * `LT_CHAOS=full` selects the long form (more documents, more faults, a 30 s link cut);
 * `LT_CHAOS_SEED` replays a run; `LT_CHAOS_LOG_LEVEL` sets the services' log level (`warn`; their
 * last lines are in the JSON of a failed scenario).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { TopologyJson } from '@lienthong/core';
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { Inbox, LienthongClient, TrackingRecord } from '@lienthong/sdk';
import { sleep, startLeafTree, startService } from '@lienthong/testkit';
import type { LeafTree, NatsServer, ServiceLevel, ServiceProcess } from '@lienthong/testkit';
import { demoDomainTopologyJson } from '../support';

export const FULL = process.env.LT_CHAOS === 'full';

/** Seeded so a failing run can be replayed with `LT_CHAOS_SEED`. */
export const SEED = Number(process.env.LT_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: small, fast, good enough to pick moments and victims. */
export class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A generator of its own for one scenario, derived from the run's seed and the scenario's name. */
  static forScenario(seed: number, scenario: string): Rng {
    let h = seed >>> 0;
    for (const ch of scenario) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return new Rng(h);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

export type Domain = 'central' | 'h41' | 'h27';

export interface AgencySpec {
  readonly code: string;
  readonly domain: Domain;
}

/** Who sends to whom: across domains (h41 → centre, h41 → h27, centre → h41) and inside a province. */
export const AGENCIES = {
  baoThanh: { code: '000.01.43.H41', domain: 'h41' }, // commune, Yên Thành
  congThanh: { code: '000.02.43.H41', domain: 'h41' }, // commune, Yên Thành
  quynhThach: { code: '000.01.44.H41', domain: 'h41' }, // commune, Quỳnh Lưu
  quynhHau: { code: '000.02.44.H41', domain: 'h41' }, // commune, Quỳnh Lưu
  sonTay: { code: '000.01.41.H27', domain: 'h27' }, // commune, Hương Sơn (Hà Tĩnh)
  vpcp: { code: '000.00.00.G22', domain: 'central' }, // Government Office
} as const satisfies Record<string, AgencySpec>;

export const FLOWS: readonly { readonly from: AgencySpec; readonly to: readonly AgencySpec[] }[] = [
  { from: AGENCIES.baoThanh, to: [AGENCIES.vpcp, AGENCIES.quynhThach, AGENCIES.sonTay] },
  { from: AGENCIES.vpcp, to: [AGENCIES.congThanh, AGENCIES.sonTay] },
];

/** Every commune of the two provinces: the recipients of a broadcast from the centre. */
export const COMMUNES: readonly AgencySpec[] = [
  AGENCIES.baoThanh,
  AGENCIES.congThanh,
  AGENCIES.quynhThach,
  AGENCIES.quynhHau,
  AGENCIES.sonTay,
];

/** One document from the centre to every commune of h41 and h27. */
export const BROADCAST: readonly { readonly from: AgencySpec; readonly to: readonly AgencySpec[] }[] = [
  { from: AGENCIES.vpcp, to: COMMUNES },
];

const RECIPIENTS: readonly AgencySpec[] = [AGENCIES.vpcp, ...COMMUNES];

/** The service processes: the centre's, and one per level in each province's domain. */
export type ServiceName =
  | 'central'
  | 'province-h41'
  | 'district-h41'
  | 'commune-h41'
  | 'province-h27'
  | 'district-h27'
  | 'commune-h27';

const SERVICES: readonly { name: ServiceName; level: ServiceLevel; domain: Domain }[] = [
  { name: 'central', level: 'central', domain: 'central' },
  { name: 'province-h41', level: 'province', domain: 'h41' },
  { name: 'district-h41', level: 'district', domain: 'h41' },
  { name: 'commune-h41', level: 'commune', domain: 'h41' },
  { name: 'province-h27', level: 'province', domain: 'h27' },
  { name: 'district-h27', level: 'district', domain: 'h27' },
  { name: 'commune-h27', level: 'commune', domain: 'h27' },
];

export interface ChaosOptions {
  /** Overdue deadline and sweep of every node: the shortened clock of the "offline for a day" scenario. */
  readonly overdueFixedMs: number;
  readonly overdueSweepMs: number;
}

/** The demo tree with a JetStream domain per node: the root in `central`, each province in its own. */
export function domainTopology(): TopologyJson {
  return demoDomainTopologyJson();
}

export class ChaosWorld {
  readonly services = new Map<ServiceName, ServiceProcess>();
  readonly clients = new Map<string, LienthongClient>();
  /** One raw connection per domain, for stream checks. */
  readonly raw = new Map<Domain, NatsConnection>();

  private constructor(
    readonly tree: LeafTree,
    readonly dir: string,
  ) {}

  static async start(opts: ChaosOptions): Promise<ChaosWorld> {
    const tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41', 'h27'] });
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-chaos-'));
    const world = new ChaosWorld(tree, dir);
    try {
      const topology = path.join(dir, 'topology.json');
      writeFileSync(topology, JSON.stringify(domainTopology()));
      for (const s of SERVICES) {
        const config = path.join(dir, `${s.name}.json`);
        writeFileSync(
          config,
          JSON.stringify({
            servers: world.server(s.domain).url,
            topology,
            domain: s.domain,
            name: `lt-${s.name}`,
            logLevel: process.env.LT_CHAOS_LOG_LEVEL ?? 'warn',
            overdue: { fixedMs: opts.overdueFixedMs, sweepIntervalMs: opts.overdueSweepMs },
          }),
        );
      }
      // Parents first: a child's relays need somewhere to go, though they would wait if not.
      for (const s of SERVICES)
        world.services.set(
          s.name,
          await startService(s.level, path.join(dir, `${s.name}.json`), { readyTimeoutMs: 60_000 }),
        );
      for (const a of Object.values(AGENCIES)) {
        world.clients.set(
          a.code,
          await connect({
            servers: world.server(a.domain).url,
            agency: a.code,
            domain: a.domain,
            name: `chaos ${a.code}`,
          }),
        );
      }
      for (const d of ['central', 'h41', 'h27'] as const) {
        world.raw.set(
          d,
          await natsConnect({
            servers: world.server(d).url,
            maxReconnectAttempts: -1,
            reconnectTimeWait: 250,
          }),
        );
      }
    } catch (e) {
      await world.stop();
      throw e;
    }
    return world;
  }

  server(domain: Domain): NatsServer {
    return domain === 'central' ? this.tree.hub : this.tree.leaves[domain]!;
  }

  service(name: ServiceName): ServiceProcess {
    return this.services.get(name)!;
  }

  client(code: string): LienthongClient {
    return this.clients.get(code)!;
  }

  serviceNames(): ServiceName[] {
    return SERVICES.map((s) => s.name);
  }

  /**
   * Work still waiting in the custody streams (messages the consumers have not delivered or not had
   * acknowledged), summed over every domain, and the dead letters. `stranded` counts messages a
   * work-queue stream holds that no consumer will deliver: after a SIGKILL, nats-server 2.9 can
   * bring acknowledged messages back, or leave a consumer past messages it never delivered. The
   * nodes find and re-deliver them (`node/src/consumer-check.ts`); at the end there must be none.
   */
  async streamState(): Promise<{ custody: number; stranded: number; dead: number; where: string[] }> {
    let custody = 0;
    let stranded = 0;
    let dead = 0;
    const where: string[] = [];
    for (const [domain, nc] of this.raw) {
      const jsm = await jetstreamManager(nc, { domain });
      for (const name of ['LT_SUBMIT', 'LT_RELAY']) {
        const info = await jsm.streams.info(name);
        let work = 0;
        const consumers: string[] = [];
        for await (const c of jsm.consumers.list(name)) {
          work += c.num_pending + c.num_ack_pending;
          consumers.push(`${c.name}{pending=${c.num_pending} ackPending=${c.num_ack_pending}}`);
        }
        custody += work;
        stranded += Math.max(0, info.state.messages - work);
        if (work > 0) where.push(`${domain}/${name} msgs=${info.state.messages} ${consumers.join(' ')}`);
      }
      dead += (await jsm.streams.info('LT_DEAD')).state.messages;
    }
    return { custody, stranded, dead, where };
  }

  /** Everything worth seeing when a check fails: every consumer's state, and the services' last log lines. */
  async diagnose(): Promise<string[]> {
    const out: string[] = [];
    for (const [domain, nc] of this.raw) {
      try {
        const jsm = await jetstreamManager(nc, { domain });
        for (const name of ['LT_SUBMIT', 'LT_RELAY', 'LT_INBOX']) {
          const info = await jsm.streams.info(name);
          out.push(
            `${domain}/${name} msgs=${info.state.messages} first=${info.state.first_seq} last=${info.state.last_seq}`,
          );
          // What a custody stream still holds: a few of its messages, by subject.
          if (name !== 'LT_INBOX' && info.state.messages > 0) {
            let seq = info.state.first_seq;
            for (let n = 0; n < 5 && seq <= info.state.last_seq; n++) {
              const m = await jsm.streams
                // The server takes `next_by_subj` on STREAM.MSG.GET too; nats.js types it for direct gets only.
                .getMessage(name, { seq, next_by_subj: '>' } as { seq: number })
                .catch((e: unknown) => (e as Error).message);
              if (m === null || typeof m === 'string') {
                out.push(`    seq>=${seq}: ${m ?? 'none'}`);
                break;
              }
              out.push(`    seq=${m.seq} subject=${m.subject} stored=${m.timestamp}`);
              seq = m.seq + 1;
            }
          }
          for await (const c of jsm.consumers.list(name)) {
            out.push(
              `  ${c.name} filter=${c.config.filter_subject ?? ''} pending=${c.num_pending} ackPending=${c.num_ack_pending} ` +
                `waiting=${c.num_waiting} redelivered=${c.num_redelivered} delivered=${c.delivered.stream_seq} ackFloor=${c.ack_floor.stream_seq}`,
            );
          }
        }
      } catch (e) {
        out.push(`${domain}: ${(e as Error).message}`);
      }
    }
    for (const [name, s] of this.services) {
      out.push(`--- ${name} pid=${s.pid} running=${s.isRunning()}`, ...s.logTail().split('\n').slice(-15));
    }
    return out;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.clients.values()].map((c) => c.close()));
    await Promise.allSettled([...this.raw.values()].map((nc) => nc.close()));
    await Promise.allSettled([...this.services.values()].map((s) => s.stop(3000)));
    await this.tree.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Retries `fn` until it resolves, pausing between attempts; faults make single calls fail. */
async function persist<T>(
  what: string,
  fn: () => Promise<T>,
  stop: () => boolean,
  errors: Map<string, number>,
): Promise<T | undefined> {
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const key = `${what}: ${(e as Error).message.slice(0, 80)}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      if (stop()) return undefined;
      await sleep(250);
    }
  }
}

/**
 * Takes every item from the recipients' inboxes (ack = 01 arrived) and answers 03 accepted. Counts
 * distinct inbox messages per (document, recipient): a second *message* for the same pair is a
 * duplicate; the same message handed out again (its ack was lost with a server) is a redelivery.
 */
export class Responders {
  /** recipient -> documentId -> inbox sequences seen */
  readonly seen = new Map<string, Map<string, Set<number>>>();
  /** recipient -> documentId -> recall items seen (acknowledged, not counted as documents) */
  readonly recalls = new Map<string, Map<string, number>>();
  /**
   * When each (document, recipient) was put in the recipient's inbox by its home node
   * (`documentId|recipient` → Unix ms): the broker's part, apart from how fast the recipient reads.
   */
  readonly inboxAt = new Map<string, number>();
  redeliveries = 0;
  readonly errors = new Map<string, number>();
  readonly #inboxes = new Map<string, { inbox: Inbox; loop: Promise<void> }>();
  readonly #reports = new Set<Promise<unknown>>();
  #closing = false;

  constructor(private readonly world: ChaosWorld) {
    for (const r of RECIPIENTS) this.seen.set(r.code, new Map());
  }

  startAll(): void {
    for (const r of RECIPIENTS) this.start(r.code);
  }

  start(code: string): void {
    if (this.#inboxes.has(code)) return;
    const client = this.world.client(code);
    const inbox = client.inbox({ maxInFlight: 32, redeliverAfterMs: 5000 });
    if (!this.seen.has(code)) this.seen.set(code, new Map());
    const seen = this.seen.get(code)!;
    const loop = (async () => {
      for await (const item of inbox) {
        if (item.kind === 'recall') {
          const recalls = this.recalls.get(code) ?? new Map<string, number>();
          recalls.set(item.documentId, (recalls.get(item.documentId) ?? 0) + 1);
          this.recalls.set(code, recalls);
          await persist(
            'ack',
            () => item.ack(),
            () => this.#closing,
            this.errors,
          );
          continue;
        }
        const pair = `${item.documentId}|${code}`;
        if (!this.inboxAt.has(pair)) this.inboxAt.set(pair, item.deliveredAtMs);
        const seqs = seen.get(item.documentId) ?? new Set<number>();
        if (seqs.has(item.sequence)) this.redeliveries++;
        seqs.add(item.sequence);
        seen.set(item.documentId, seqs);
        const acked = await persist(
          'ack',
          () => item.ack(),
          () => this.#closing,
          this.errors,
        );
        if (acked === undefined && this.#closing) break;
        const report = persist(
          'report',
          () =>
            client.report(item.documentId, BusinessStatus.BUSINESS_STATUS_ACCEPTED, { description: 'chaos' }),
          () => this.#closing,
          this.errors,
        ).catch(() => undefined);
        this.#reports.add(report);
        void report.finally(() => this.#reports.delete(report));
      }
    })().catch((e: unknown) => {
      this.errors.set(`inbox ${code}: ${(e as Error).message}`, 1);
    });
    this.#inboxes.set(code, { inbox, loop });
  }

  /** Stops one recipient's inbox consumer (the agency's system goes offline). */
  async pause(code: string): Promise<void> {
    const entry = this.#inboxes.get(code);
    if (!entry) return;
    this.#inboxes.delete(code);
    await entry.inbox.stop();
    await entry.loop;
  }

  async stop(): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([...this.#inboxes.keys()].map((c) => this.pause(c)));
    await Promise.allSettled([...this.#reports]);
  }
}

export interface SentDoc {
  readonly documentId: string;
  readonly sender: string;
  readonly recipients: readonly string[];
}

/**
 * A steady load along the flows, one document every `intervalMs` per flow, for as long as the faults
 * last; each send is retried (same document id: a resend) until the home node takes custody.
 */
export class LoadGenerator {
  readonly sent: SentDoc[] = [];
  readonly errors = new Map<string, number>();
  /** When the last document was taken into custody. */
  lastSentAt = 0;
  #stop = false;
  #minDocs = 0;
  #loops: Promise<void> = Promise.resolve();

  constructor(
    private readonly world: ChaosWorld,
    private readonly scenario: string,
    private readonly flows: readonly {
      readonly from: AgencySpec;
      readonly to: readonly AgencySpec[];
    }[] = FLOWS,
  ) {}

  start(intervalMs: number): void {
    const stamp = Date.now().toString(36);
    this.#loops = Promise.all(
      this.flows.map(async (flow, f) => {
        const client = this.world.client(flow.from.code);
        const to = flow.to.map((a) => a.code);
        for (let i = 0; !this.#stop || this.sent.length < this.#minDocs; i++) {
          const documentId = `${flow.from.code},2026/11/22,${stamp}${f}x${i}/CHAOS-${this.scenario.toUpperCase()}`;
          const t0 = Date.now();
          await persist(
            'send',
            () =>
              client.send({ documentId, subject: `${this.scenario} ${i}`, to: to.map((code) => ({ code })) }),
            () => false,
            this.errors,
          );
          this.sent.push({ documentId, sender: flow.from.code, recipients: to });
          this.lastSentAt = Date.now();
          await sleep(Math.max(0, intervalMs - (Date.now() - t0)));
        }
      }),
    ).then(() => undefined);
  }

  /** Stops once at least `minDocs` documents are in custody; resolves when every send has settled. */
  async stop(minDocs: number): Promise<void> {
    this.#minDocs = minDocs;
    this.#stop = true;
    await this.#loops;
  }
}

/** What was already there when a scenario started (the world is shared by the scenarios). */
export interface Baseline {
  readonly dead: number;
  readonly redeliveries: number;
}

export async function baseline(world: ChaosWorld, responders: Responders): Promise<Baseline> {
  const { dead } = await world.streamState();
  return { dead, redeliveries: responders.redeliveries };
}

export interface Verdict {
  scenario: string;
  sent: number;
  expected: number;
  delivered: number;
  duplicates: number;
  lost: number;
  statuses: number;
  pending: number;
  overdue: number;
  deadLetters: number;
  custody: number;
  stranded: number;
  /** The most stranded messages seen while waiting for recovery. */
  strandedPeak: number;
  redeliveries: number;
  recoverMs: number;
  seed: number;
  /** Per failed check, a few examples. */
  problems: string[];
}

async function sentRecords(
  world: ChaosWorld,
  docs: readonly SentDoc[],
): Promise<Map<string, TrackingRecord>> {
  const out = new Map<string, TrackingRecord>();
  const wanted = new Set(docs.map((d) => d.documentId));
  for (const sender of new Set(docs.map((d) => d.sender))) {
    for (const doc of await world.client(sender).sent({ timeoutMs: 30_000 })) {
      if (!wanted.has(doc.documentId)) continue;
      for (const r of doc.recipients) out.set(`${doc.documentId}|${r.recipient}`, r);
    }
  }
  return out;
}

/**
 * How many (document, recipient) pairs reached their recipient, and how many copies too many; with
 * `successorOf`, a pair whose recipient's code closed counts at its successor (or, delivered before
 * the closure, at the old code itself).
 */
export function countDeliveries(
  responders: Responders,
  docs: readonly SentDoc[],
  successorOf: (code: string) => string | undefined = () => undefined,
): { expected: number; delivered: number; duplicates: number; missing: string[]; twice: string[] } {
  let expected = 0;
  let delivered = 0;
  let duplicates = 0;
  const missing: string[] = [];
  const twice: string[] = [];
  const seen = (code: string, documentId: string): number =>
    responders.seen.get(code)?.get(documentId)?.size ?? 0;
  for (const d of docs) {
    for (const r of d.recipients) {
      expected++;
      const at = successorOf(r) ?? r;
      const n = seen(at, d.documentId) + (at === r ? 0 : seen(r, d.documentId));
      const who = at === r ? r : `${r} (${at})`;
      if (n === 0) missing.push(`${d.documentId} -> ${who}`);
      else delivered++;
      if (n > 1) {
        duplicates += n - 1;
        twice.push(`${d.documentId} -> ${at} x${n}`);
      }
    }
  }
  return { expected, delivered, duplicates, missing, twice };
}

/** One pass of every check; `problems` empty means the promise holds for these documents. */
export async function check(
  world: ChaosWorld,
  responders: Responders,
  docs: readonly SentDoc[],
  scenario: string,
  before: Baseline,
): Promise<Verdict> {
  const problems: string[] = [];
  const note = (what: string, examples: string[]): void => {
    if (examples.length > 0)
      problems.push(`${what} (${examples.length}): ${examples.slice(0, 3).join('; ')}`);
  };
  const { expected, delivered, duplicates, missing, twice } = countDeliveries(responders, docs);
  note('not delivered', missing);
  note('delivered twice', twice);

  const records = await sentRecords(world, docs);
  let statuses = 0;
  let overdue = 0;
  const incomplete: string[] = [];
  const stray: string[] = [];
  const expectedKeys = new Set(docs.flatMap((d) => d.recipients.map((r) => `${d.documentId}|${r}`)));
  for (const key of records.keys()) if (!expectedKeys.has(key)) stray.push(key);
  for (const key of expectedKeys) {
    const r = records.get(key);
    if (r === undefined) {
      incomplete.push(`${key}: no tracking record`);
      continue;
    }
    if (r.overdue) overdue++;
    const ok =
      r.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED &&
      r.transport === TransportState.TRANSPORT_STATE_FETCHED &&
      !r.overdue &&
      r.hops.length > 0;
    if (ok) statuses++;
    else
      incomplete.push(
        `${key}: business=${r.business} transport=${r.transport} overdue=${r.overdue} hops=${r.hops.length}`,
      );
  }
  note('tracking not complete', incomplete);
  note('tracking records nobody sent', stray);

  const { custody, stranded, dead, where } = await world.streamState();
  if (custody > 0) problems.push(`custody streams still hold ${custody} messages: ${where.join('; ')}`);
  if (stranded > 0)
    problems.push(`${stranded} messages stranded in custody streams (no consumer will deliver them)`);
  const deadLetters = dead - before.dead;
  if (deadLetters > 0) problems.push(`${deadLetters} dead letters`);

  return {
    scenario,
    sent: docs.length,
    expected,
    delivered,
    duplicates,
    lost: expected - delivered,
    statuses,
    pending: incomplete.length + custody,
    overdue,
    deadLetters,
    custody,
    stranded,
    strandedPeak: stranded,
    redeliveries: responders.redeliveries - before.redeliveries,
    recoverMs: 0,
    seed: SEED,
    problems,
  };
}

/**
 * Waits until every check passes (or `timeoutMs`), measuring the time from `quietFrom` (the last
 * fault over and the last document sent) to the moment everything was delivered, answered and settled.
 */
export async function verify(
  world: ChaosWorld,
  responders: Responders,
  docs: readonly SentDoc[],
  scenario: string,
  opts: { quietFrom: number; timeoutMs: number; before: Baseline },
): Promise<Verdict> {
  const deadline = Date.now() + opts.timeoutMs;
  let v: Verdict;
  let peak = 0;
  for (;;) {
    v = await check(world, responders, docs, scenario, opts.before).catch((e: unknown): Verdict => ({
      scenario,
      sent: docs.length,
      expected: 0,
      delivered: 0,
      duplicates: 0,
      lost: 0,
      statuses: 0,
      pending: 0,
      overdue: 0,
      deadLetters: 0,
      custody: 0,
      stranded: 0,
      strandedPeak: 0,
      redeliveries: 0,
      recoverMs: 0,
      seed: SEED,
      problems: [`check failed: ${(e as Error).message}`],
    }));
    peak = Math.max(peak, v.stranded);
    // Duplicates never heal; no point waiting for them.
    if (v.problems.length === 0 || v.duplicates > 0 || Date.now() >= deadline) break;
    await sleep(500);
  }
  v.recoverMs = Date.now() - opts.quietFrom;
  v.strandedPeak = peak;
  return v;
}

export function summaryLine(v: Verdict): string {
  return (
    `chaos[${v.scenario}] sent=${v.sent} delivered=${v.delivered}/${v.expected} dup=${v.duplicates} ` +
    `lost=${v.lost} statuses=${v.statuses}/${v.expected} pending=${v.pending} dead=${v.deadLetters} ` +
    `redelivered=${v.redeliveries} stranded=${v.stranded}(peak ${v.strandedPeak}) recover=${(v.recoverMs / 1000).toFixed(1)}s seed=${v.seed}` +
    (FULL ? ' mode=full' : ' mode=ci')
  );
}

/** Prints the summary line (to stderr, so jest shows it) and writes it as JSON under `results/`. */
export function report(v: Verdict, extra: Record<string, unknown> = {}): void {
  const line = summaryLine(v);
  process.stderr.write(`${line}\n`);
  for (const p of v.problems) process.stderr.write(`  ${p}\n`);
  if (v.problems.length > 0) {
    process.stderr.write(
      `  replay: LT_CHAOS_SEED=${v.seed} ${FULL ? 'bash scripts/chaos.sh' : 'pnpm exec jest tests/chaos'} -t ${v.scenario}\n`,
    );
  }
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${v.scenario}.json`);
  writeFileSync(file, JSON.stringify({ ...v, ...extra, line, mode: FULL ? 'full' : 'ci' }, null, 2) + '\n');
}

/**
 * The reform under load: the chaos world (the centre and the provinces Nghệ An and Hà Tĩnh on three
 * nats-servers, each province a leaf with its own JetStream domain, seven level services as separate
 * processes) runs a steady load both ways with 01 and 03 flowing back, while `lienthong topology
 * apply` moves it to a post-reform tree: the districts abolished and their UBND codes closed into
 * the province UBND, the communes re-parented to the province, Công Thành merged into Bảo Thành
 * (its code closed), and Hà Tĩnh merged into Nghệ An (000.00.00.H41 kept, 000.00.00.H27 closed; its
 * commune's node moves into Nghệ An's JetStream domain h41 with what waits there, and the commune
 * service of h41 starts again with the new tree to serve it). The apply is SIGKILLed after a step
 * (or a stage of the domain move) picked with the seed, and run again. During the change: documents
 * wait in the queue of an abolished district whose service is down (one recalled while waiting),
 * items wait unread in closed agencies' inboxes (Công Thành's system is offline, Hà Tĩnh's UBND
 * never reads), and a commune's service is down. Afterwards: every document delivered exactly once
 * to its recipient or its recipient's successor, every status back at the sender (the closed codes'
 * records following their successors'), nothing in custody, nothing left in the removed nodes'
 * streams, no dead letter; one summary line, as the chaos scenarios print.
 *
 * Short form with the normal tests; `LT_CHAOS=full` (scripts/chaos.sh) sends more for longer.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import type { TopologyJson } from '@lienthong/core';
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { TrackingRecord } from '@lienthong/sdk';
import { sleep } from '@lienthong/testkit';
import {
  AGENCIES,
  ChaosWorld,
  FLOWS,
  FULL,
  LoadGenerator,
  Responders,
  Rng,
  SEED,
  baseline,
  countDeliveries,
  domainTopology,
  report,
} from './harness';
import type { SentDoc, Verdict } from './harness';

const P = FULL ? { docs: 300, queued: 40, unread: 20 } : { docs: 40, queued: 6, unread: 4 };
const RECOVER_TIMEOUT_MS = FULL ? 120_000 : 60_000;
jest.setTimeout(FULL ? 400_000 : 180_000);

const CLI = path.resolve(__dirname, '../../packages/cli/dist/main.js');
const AT = '2025-07-01T00:00:00Z';
const NGHE_AN = '000.00.00.H41';
const HA_TINH = '000.00.00.H27';
const QUYNH_LUU = '000.00.44.H41'; // district UBND, node h41-quynhluu
const YEN_THANH = '000.00.43.H41'; // district UBND, node h41-yenthanh
const HUONG_SON = '000.00.41.H27'; // district UBND, node h27-huongson
const SON_TAY = AGENCIES.sonTay.code; // commune h27-huongson-xa1: its node moves into domain h41
const MOVED_NODE = 'h27-huongson-xa1';
const CONG_THANH = AGENCIES.congThanh.code; // commune h41-yenthanh-xa2, merged into Bảo Thành
const QUYNH_HAU = AGENCIES.quynhHau.code; // commune h41-quynhluu-xa2, merged into Quỳnh Thạch
const REMOVED_NODES = [
  'h41-yenthanh',
  'h41-quynhluu',
  'h41-yenthanh-xa2',
  'h41-quynhluu-xa2',
  'h27',
  'h27-huongson',
];

/** Who answers for a closed code after the reform. */
const SUCCESSOR: Record<string, string> = {
  [QUYNH_LUU]: NGHE_AN,
  [YEN_THANH]: NGHE_AN,
  [HUONG_SON]: NGHE_AN,
  [HA_TINH]: NGHE_AN,
  [CONG_THANH]: AGENCIES.baoThanh.code,
  [QUYNH_HAU]: AGENCIES.quynhThach.code,
};

function reformed(): TopologyJson {
  const t = domainTopology();
  t.nodes = t.nodes.filter((n) => !REMOVED_NODES.includes(n.id));
  for (const n of t.nodes) if (n.level === 'commune') n.parent = 'h41';
  // Hà Tĩnh's domain is merged into Nghệ An's: its commune's node moves there.
  for (const n of t.nodes) if (n.id === MOVED_NODE) n.domain = 'h41';
  const closedNames = new Map<string, string>();
  t.agencies = t.agencies.filter((a) => {
    if (SUCCESSOR[a.code] === undefined) return true;
    closedNames.set(a.code, a.name);
    return false;
  });
  for (const a of t.agencies) {
    if (a.tier === 'commune') a.parentCode = NGHE_AN;
    else if (a.parentCode === HA_TINH) a.parentCode = NGHE_AN;
  }
  t.closed = Object.entries(SUCCESSOR).map(([code, successor]) => ({
    code,
    name: closedNames.get(code) ?? code,
    closedAt: AT,
    successor,
    policy: 'redirect' as const,
  }));
  return t;
}

/** Sends one document (a resend with the same id until the home node takes it). */
async function sendTo(world: ChaosWorld, from: string, documentId: string, to: string): Promise<SentDoc> {
  for (;;) {
    try {
      await world.client(from).send({ documentId, subject: `reform ${documentId}`, to: [{ code: to }] });
      return { documentId, sender: from, recipients: [to] };
    } catch {
      await sleep(250);
    }
  }
}

describe(`reform under load (${FULL ? 'full' : 'short'} form, seed ${SEED})`, () => {
  let world: ChaosWorld;
  let responders: Responders;
  let load: LoadGenerator | undefined;

  beforeAll(async () => {
    world = await ChaosWorld.start({ overdueFixedMs: 600_000, overdueSweepMs: 1000 });
    world.clients.set(
      NGHE_AN,
      await connect({
        servers: world.server('h41').url,
        agency: NGHE_AN,
        domain: 'h41',
        name: 'reform UBND',
      }),
    );
    responders = new Responders(world);
    responders.startAll();
    responders.start(NGHE_AN);
  });

  afterAll(async () => {
    // A failed run leaves the load generator going: stopped (bounded) before the world goes.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([load?.stop(0), new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    await responders?.stop();
    await world?.stop();
  });

  it('reform: districts abolished, communes and provinces merged, codes closed, while documents flow', async () => {
    const started = Date.now();
    const before = await baseline(world, responders);
    const faults: string[] = [];
    const log = (what: string): void =>
      void faults.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);
    const stamp = Date.now().toString(36);
    const vpcp = AGENCIES.vpcp.code;
    const extra: SentDoc[] = [];

    // Công Thành's system is offline: what it is sent stays unread in its inbox until the reform.
    await responders.pause(CONG_THANH);
    // Hà Tĩnh's UBND is sent documents it never reads.
    for (let i = 0; i < P.unread; i++)
      extra.push(await sendTo(world, vpcp, `${vpcp},2026/12/02,${stamp}u${i}/REFORM-UNREAD`, HA_TINH));
    // The district service of Nghệ An goes down: documents for Quỳnh Lưu's UBND wait in its queue.
    await world.service('district-h41').stop(3000);
    log('district-h41 stopped');
    for (let i = 0; i < P.queued; i++)
      extra.push(await sendTo(world, vpcp, `${vpcp},2026/12/02,${stamp}q${i}/REFORM-QUEUED`, QUYNH_LUU));
    const recalled = extra[extra.length - 1]!.documentId;
    await world.client(vpcp).recall(recalled, { reason: 'Ban hành nhầm' });
    log(`${P.queued} documents and a recall queued at h41-quynhluu`);

    load = new LoadGenerator(world, 'reform', FLOWS);
    load.start(100);
    await sleep(1500);
    // A commune is offline during the change.
    await world.service('commune-h27').stop(3000);
    log('commune-h27 stopped');

    const file = path.join(world.dir, 'topology.reformed.json');
    writeFileSync(file, JSON.stringify(reformed()));
    // Before the domain move: Sơn Tây's system stops reading (its SDK does not follow a move), and
    // the commune service of h41 stops (its level-wide consumers would take the moving node's
    // messages before it serves that node).
    await responders.pause(SON_TAY);
    await world.service('commune-h41').stop(3000);
    log('commune-h41 stopped, Sơn Tây not reading');
    const t0 = Date.now();
    await interruptedApply(world, file, log);
    const applied = await promisify(execFile)(
      process.execPath,
      [CLI, 'topology', 'apply', file, '--json', '-s', world.server('central').url],
      { timeout: 90_000 },
    );
    const result = JSON.parse(applied.stdout) as {
      steps: string[];
      done: number;
      left: string[];
      retired: string[];
    };
    log(
      `topology apply (run again): ${result.done}/${result.steps.length} steps, ${Date.now() - t0} ms ` +
        `with the killed run, left ${result.left.length}, retired ${result.retired.join(',')}`,
    );
    process.stderr.write(`${faults.slice(-2).join('\n')}\n`);
    expect(result.left).toEqual([]);
    expect(result.done).toBe(result.steps.length);
    expect(result.retired).toEqual(['h27']);

    // The commune service of h41 starts with the new tree (Sơn Tây's node is in h41 now); Sơn
    // Tây's system connects to h41; the commune service of h27 stays down: its domain has no node.
    const config = path.join(world.dir, 'commune-h41.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), topology: file }));
    await world.service('commune-h41').restart();
    const old = world.client(SON_TAY);
    world.clients.set(
      SON_TAY,
      await connect({
        servers: world.server('h41').url,
        agency: SON_TAY,
        domain: 'h41',
        name: 'chaos moved',
      }),
    );
    await old.close();
    responders.start(SON_TAY);
    log('commune-h41 back with the new tree, Sơn Tây reading in h41');
    await sleep(1500);
    await load.stop(P.docs);
    const quietFrom = Math.max(Date.now(), load.lastSentAt);

    const docs = [...load.sent, ...extra];
    let v: Verdict = await judge(world, responders, docs, before);
    while (v.problems.length > 0 && v.duplicates === 0 && Date.now() - quietFrom < RECOVER_TIMEOUT_MS) {
      await sleep(500);
      v = await judge(world, responders, docs, before);
    }
    v.recoverMs = Date.now() - quietFrom;
    const recalls = responders.recalls.get(NGHE_AN)?.get(recalled) ?? 0;
    if (recalls !== 1) v.problems.push(`the recall of ${recalled} reached ${NGHE_AN} ${recalls} times`);
    const again = await promisify(execFile)(process.execPath, [
      CLI,
      'topology',
      'apply',
      file,
      '--json',
      '-s',
      world.server('central').url,
    ]);
    const second = JSON.parse(again.stdout) as { steps: string[] };
    if (second.steps.length > 0)
      v.problems.push(`a second apply still had steps: ${second.steps.join('; ')}`);
    report(v, {
      tookMs: Date.now() - started,
      faults,
      applySteps: result.steps,
      diagnosis: v.problems.length > 0 ? await world.diagnose() : [],
      responderErrors: Object.fromEntries(responders.errors),
    });
    expect(v.problems).toEqual([]);
    expect(v.delivered).toBe(v.expected);
    expect(v.duplicates).toBe(0);
    expect(v.statuses).toBe(v.expected);
  });
});

/**
 * Every (document, recipient) delivered exactly once to the recipient or, for a closed code, to its
 * successor; every record at the sender FETCHED and 03 accepted (a closed code's through its
 * successor's); nothing in custody; nothing left in the removed nodes' streams; no dead letter.
 */
async function judge(
  world: ChaosWorld,
  responders: Responders,
  docs: readonly SentDoc[],
  before: { dead: number; redeliveries: number },
): Promise<Verdict> {
  const problems: string[] = [];
  const note = (what: string, examples: string[]): void => {
    if (examples.length > 0)
      problems.push(`${what} (${examples.length}): ${examples.slice(0, 3).join('; ')}`);
  };
  const { expected, delivered, duplicates, missing, twice } = countDeliveries(
    responders,
    docs,
    (code) => SUCCESSOR[code],
  );
  note('not delivered', missing);
  note('delivered twice', twice);

  let statuses = 0;
  const incomplete: string[] = [];
  const records = new Map<string, TrackingRecord>();
  for (const sender of new Set(docs.map((d) => d.sender))) {
    for (const doc of await world.client(sender).sent({ timeoutMs: 30_000 }))
      for (const r of doc.recipients) records.set(`${doc.documentId}|${r.recipient}`, r);
  }
  for (const d of docs) {
    for (const recipient of d.recipients) {
      const r = records.get(`${d.documentId}|${recipient}`);
      const ok =
        r !== undefined &&
        r.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED &&
        r.transport === TransportState.TRANSPORT_STATE_FETCHED &&
        (SUCCESSOR[recipient] === undefined || r.redirectedTo === SUCCESSOR[recipient]);
      if (ok) statuses++;
      else {
        const successor = SUCCESSOR[recipient] && records.get(`${d.documentId}|${SUCCESSOR[recipient]}`);
        const state = (x: TrackingRecord): string =>
          `business=${x.business} transport=${x.transport} redirectedTo=${x.redirectedTo} ` +
          `answersFor=${x.answersFor.join(',')} timeline=${x.timeline.map((e) => `${e.transport}/${e.business}:${e.description}`).join('|')}`;
        incomplete.push(
          `${d.documentId}|${recipient}: ${r ? state(r) : 'no record'}` +
            (successor ? `; successor's record: ${state(successor)}` : ''),
        );
      }
    }
  }
  note('tracking not complete', incomplete);

  const { custody, stranded, dead, where } = await world.streamState();
  if (custody > 0) problems.push(`custody streams still hold ${custody} messages: ${where.join('; ')}`);
  if (stranded > 0) problems.push(`${stranded} messages stranded in custody streams`);
  const deadLetters = dead - before.dead;
  if (deadLetters > 0) problems.push(`${deadLetters} dead letters`);
  // Nothing left where the removed nodes were.
  const left: string[] = [];
  for (const [domain, nc] of world.raw) {
    const jsm = await jetstreamManager(nc, { domain });
    for (const id of REMOVED_NODES) {
      for (const stream of ['LT_SUBMIT', 'LT_RELAY', 'LT_INBOX']) {
        const info = await jsm.streams.info(stream, { subjects_filter: `lt.v1.*.${id}.>` });
        const n = Object.values(info.state.subjects ?? {}).reduce((x, y) => x + y, 0);
        if (n > 0) left.push(`${domain}/${stream} ${id}: ${n}`);
      }
    }
  }
  note('messages left in removed nodes’ streams', left);
  return {
    scenario: 'reform',
    sent: docs.length,
    expected,
    delivered,
    duplicates,
    lost: expected - delivered,
    statuses,
    pending: incomplete.length + custody,
    overdue: 0,
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
 * Runs `topology apply` and SIGKILLs it once it reports the step (or the stage of the domain move)
 * picked with the seed; the steps are slowed so that the kill lands before the next one ends.
 */
async function interruptedApply(world: ChaosWorld, file: string, log: (what: string) => void): Promise<void> {
  const server = ['-s', world.server('central').url];
  const dry = await promisify(execFile)(process.execPath, [
    CLI,
    'topology',
    'apply',
    file,
    '--dry-run',
    '--json',
    ...server,
  ]);
  const total = (JSON.parse(dry.stdout) as { steps: string[] }).steps.length;
  const marks = [
    ...Array.from({ length: total - 1 }, (_, i) => `[${i + 1}/${total}]`),
    ...['subjects', 'content', 'queues', 'inbox', 'dead', 'tracking', 'consumers'].map(
      (stage) => `[domain ${MOVED_NODE}] ${stage} done`,
    ),
  ];
  const mark = marks[new Rng(SEED).int(0, marks.length - 1)]!;
  const child = spawn(process.execPath, [CLI, 'topology', 'apply', file, ...server], {
    env: { ...process.env, LT_APPLY_STEP_DELAY_MS: '300' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`apply never said ${mark}: ${stderr}`)), 90_000);
      child.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (stderr.includes(mark)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  log(`topology apply SIGKILLed after ${mark}`);
}

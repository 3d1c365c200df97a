import { BusinessStatus, TransportState, connect, verifyReceiptProof } from '@lienthong/sdk';
import { registerDemoKeys } from './demo-keys';
import type { Credentials, InboxItem, LienthongClient, TrackingRecord } from '@lienthong/sdk';
import type { Topology } from '@lienthong/core';

/** The agencies of the demo scenario, looked up by name in the demo topology. */
export interface DemoCast {
  readonly sender: string;
  readonly government: string;
  readonly province: string;
  readonly commune: string;
}

export interface DemoResult {
  readonly ok: boolean;
  readonly elapsedMs: number;
  readonly report: string;
  readonly records: Record<string, TrackingRecord[]>;
  /** Per recipient of the first document: its signed receipts, verified offline from the proof. */
  readonly receipts: Record<string, string>;
}

const STAFF = {
  department: 'Văn phòng',
  name: 'Nguyễn Văn Thư',
  phone: '0238 3840 000',
  email: 'vanthu@example.gov.vn',
};

/** Picks the cast from a topology: a commune of Yên Thành sends to the centre, Nghệ An and a Quỳnh Lưu commune. */
export function demoCast(topology: Topology): DemoCast {
  const agencyOfNode = (pred: (id: string, name: string) => boolean): string => {
    const node = topology.nodes().find((n) => pred(n.id, n.name));
    const agency = node ? topology.agenciesOf(node.id)[0] : undefined;
    if (!agency) throw new Error('the demo topology lacks a node the scenario needs');
    return agency.code;
  };
  const underDistrict = (name: RegExp) => (id: string) => {
    const node = topology.node(id);
    const parent = node.parent ? topology.node(node.parent) : undefined;
    return node.levelName === 'commune' && parent !== undefined && name.test(parent.name);
  };
  return {
    sender: agencyOfNode(underDistrict(/Yên Thành/)),
    government: agencyOfNode((id) => id === topology.root.id),
    province: agencyOfNode(
      (_id, name) => /Nghệ An/.test(name) && topology.node(_id).levelName === 'province',
    ),
    commune: agencyOfNode(underDistrict(/Quỳnh Lưu/)),
  };
}

/** What the parts of the scenario share. */
interface Scene {
  readonly cast: DemoCast;
  readonly doc1: string;
  readonly doc2: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly name: (code: string) => string;
}

export interface DemoOptions {
  servers: string;
  topology: Topology;
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Each agency's credentials, when the broker requires them. */
  credentialsOf?: (agency: string) => Promise<Credentials | undefined>;
  /** The operator's seed file, to register the demo's signing keys when the broker requires credentials. */
  opsSeedFile?: string;
}

/**
 * The demo scenario, written with the public SDK only: a commune sends a document to three
 * recipients at three levels; each fetches it and reports 03–06, except one that rejects it (02); the
 * sender then recalls a second document, which the recipient accepts (13 → 15).
 */
export async function runDemoScenario(opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const cast = demoCast(opts.topology);
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const scene: Scene = {
    cast,
    doc1: `${cast.sender},${day},15/UBND-VP`,
    doc2: `${cast.sender},${day},16/UBND-VP`,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    log: opts.log ?? (() => undefined),
    name: (code: string): string => opts.topology.agency(code)?.name ?? code,
  };
  const clients: LienthongClient[] = [];
  try {
    const open = await clientOpener(opts, scene, clients);
    const sender = await open(cast.sender);
    const recipients = {
      [cast.government]: await open(cast.government),
      [cast.province]: await open(cast.province),
      [cast.commune]: await open(cast.commune),
    };
    const workers = Object.entries(recipients).map(([code, client]) => recipientWork(scene, code, client));
    const records = await sendAndFollow(scene, sender);
    await Promise.all(workers);
    const receipts = await verifiedReceipts(scene, sender, records[scene.doc1] ?? []);
    const report = [
      formatTimelines(records, scene.name, started),
      `signed receipts of ${scene.doc1}, verified offline:`,
      ...Object.entries(receipts).map(([code, codes]) => `  ${scene.name(code)} (${code}): ${codes}`),
    ].join('\n');
    return { ok: true, elapsedMs: Date.now() - started, report, records, receipts };
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
}

/** Registers a signing key for every agency of the scene; returns how to connect one of them. */
async function clientOpener(
  opts: DemoOptions,
  scene: Scene,
  clients: LienthongClient[],
): Promise<(agency: string) => Promise<LienthongClient>> {
  const { cast } = scene;
  const signingKeys = await registerDemoKeys(
    opts.servers,
    [cast.sender, cast.government, cast.province, cast.commune],
    opts.opsSeedFile,
  );
  scene.log(`signing keys registered for ${signingKeys.size} agencies (Ed25519 and ECDSA P-256)`);
  return async (agency) => {
    const signingKey = signingKeys.get(agency);
    const credentials = await opts.credentialsOf?.(agency);
    const c = await connect({
      servers: opts.servers,
      agency,
      ...(signingKey ? { signingKey } : {}),
      ...(credentials ? { credentials } : {}),
    });
    clients.push(c);
    return c;
  };
}

/** Each recipient's document system: take what arrives, confirm it, and work on it. */
async function recipientWork(scene: Scene, code: string, client: LienthongClient): Promise<void> {
  const inbox = client.inbox({ maxInFlight: 4 });
  const handled = new Set<string>();
  const expected = code === scene.cast.province ? 3 : 1; // the province also gets doc2 and its recall
  scene.signal.addEventListener('abort', () => void inbox.stop(), { once: true });
  for await (const item of inbox) {
    await handleItem(scene, client, code, item);
    handled.add(`${item.kind}:${item.documentId}`);
    if (handled.size >= expected) break;
  }
  await inbox.stop();
}

async function handleItem(
  scene: Scene,
  client: LienthongClient,
  code: string,
  item: InboxItem,
): Promise<void> {
  if (item.signature.state !== 'verified') {
    throw new Error(`${item.documentId}: the sender's signature is ${item.signature.state}`);
  }
  await item.ack(); // reports 01 arrived, signed
  scene.log(`  ${scene.name(code)} received ${item.kind} ${item.documentId}`);
  if (item.kind === 'recall') {
    await client.report(item.documentId, BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED, {
      staff: STAFF,
      description: 'Đồng ý thu hồi',
    });
    return;
  }
  if (item.documentId !== scene.doc1) return;
  if (code === scene.cast.commune) {
    await client.report(item.documentId, BusinessStatus.BUSINESS_STATUS_REJECTED, {
      staff: STAFF,
      description: 'Văn bản không thuộc thẩm quyền xử lý của xã',
    });
    return;
  }
  for (const status of [
    BusinessStatus.BUSINESS_STATUS_ACCEPTED,
    BusinessStatus.BUSINESS_STATUS_ASSIGNED,
    BusinessStatus.BUSINESS_STATUS_IN_PROGRESS,
    BusinessStatus.BUSINESS_STATUS_COMPLETED,
  ]) {
    await client.report(item.documentId, status, { staff: STAFF, description: statusText(status) });
  }
}

/** The sender's side: sends both documents, recalls the second, and waits for every answer. */
async function sendAndFollow(
  scene: Scene,
  sender: LienthongClient,
): Promise<Record<string, TrackingRecord[]>> {
  const { cast, doc1, doc2, signal, log, name } = scene;
  log(`${name(cast.sender)} sends ${doc1} to 3 recipients`);
  const track1 = await sender.track(doc1);
  await sender.send(
    {
      documentId: doc1,
      codeNumber: '15',
      codeNotation: 'UBND-VP',
      promulgationPlace: 'Yên Thành',
      promulgationDate: new Date().toISOString().slice(0, 10),
      documentType: { type: 1, typeName: 'Công văn' },
      subject: 'Báo cáo tình hình thiệt hại do mưa lũ trên địa bàn xã',
      signer: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Trần Văn An' },
      to: [{ code: cast.government }, { code: cast.province }, { code: cast.commune }],
    },
    { signal },
  );
  log(`${name(cast.sender)} sends ${doc2} to ${name(cast.province)}`);
  const track2 = await sender.track(doc2);
  await sender.send(
    { documentId: doc2, subject: 'Đề nghị hỗ trợ kinh phí khắc phục hậu quả', to: [{ code: cast.province }] },
    { signal },
  );
  await track2.until((rs) => rs.length === 1 && rs[0]!.business >= BusinessStatus.BUSINESS_STATUS_ARRIVED, {
    signal,
  });
  log(`${name(cast.sender)} recalls ${doc2}`);
  await sender.recall(doc2, { reason: 'Văn bản ban hành nhầm, xin thu hồi', staff: STAFF, signal });
  const final1 = await track1.until((rs) => rs.length === 3 && rs.every((r) => settled(scene, r)), {
    signal,
  });
  const final2 = await track2.until(
    (rs) => rs[0]?.recall === BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED,
    {
      signal,
    },
  );
  await track1.stop();
  await track2.stop();
  return { [doc1]: final1, [doc2]: final2 };
}

/** A recipient of doc1 is done: fetched, at its last status, and every status it reported has arrived. */
function settled(scene: Scene, r: TrackingRecord): boolean {
  const rejects = r.recipient === scene.cast.commune;
  return (
    r.business ===
      (rejects ? BusinessStatus.BUSINESS_STATUS_REJECTED : BusinessStatus.BUSINESS_STATUS_COMPLETED) &&
    r.transport === TransportState.TRANSPORT_STATE_FETCHED &&
    // Every status reported has reached the sender, including any that arrived late.
    (rejects ? [1, 2] : [1, 3, 4, 5, 6]).every((code) => r.timeline.some((e) => e.business === code))
  );
}

/** The sender's proof that each recipient received (and processed) doc1, checked offline. */
async function verifiedReceipts(
  scene: Scene,
  sender: LienthongClient,
  records: readonly TrackingRecord[],
): Promise<Record<string, string>> {
  const receipts: Record<string, string> = {};
  for (const r of records) {
    const verdict = verifyReceiptProof(
      await sender.receiptProof(scene.doc1, r.recipient, { signal: scene.signal }),
    );
    if (!verdict.ok) throw new Error(`receipt proof of ${r.recipient}: ${verdict.problems.join('; ')}`);
    receipts[r.recipient] = verdict.receipts
      .map((x) => String(x.code).padStart(2, '0'))
      .sort()
      .join(' ');
  }
  return receipts;
}

function statusText(s: BusinessStatus): string {
  switch (s) {
    case BusinessStatus.BUSINESS_STATUS_ACCEPTED:
      return 'Văn thư đã vào sổ văn bản đến';
    case BusinessStatus.BUSINESS_STATUS_ASSIGNED:
      return 'Lãnh đạo đã phân công xử lý';
    case BusinessStatus.BUSINESS_STATUS_IN_PROGRESS:
      return 'Chuyên viên đang xử lý';
    case BusinessStatus.BUSINESS_STATUS_COMPLETED:
      return 'Đã xử lý xong';
    default:
      return '';
  }
}

/** Per document and recipient: the hops and the statuses, as the sender sees them. */
export function formatTimelines(
  records: Record<string, TrackingRecord[]>,
  name: (code: string) => string,
  t0: number,
): string {
  const lines: string[] = [];
  const ms = (at: number): string => `+${String(Math.max(0, at - t0)).padStart(5)} ms`;
  for (const [documentId, rs] of Object.entries(records)) {
    lines.push(`document ${documentId}`);
    for (const r of rs) {
      lines.push(`  → ${name(r.recipient)} (${r.recipient})`);
      if (r.hops.length > 0) {
        lines.push(`      route: ${r.hops.map((h) => h.node).join(' → ')}`);
      }
      for (const e of r.timeline) {
        const what = e.business
          ? `${String(e.business).padStart(2, '0')} ${BusinessStatus[e.business]?.replace('BUSINESS_STATUS_', '')}`
          : `${TransportState[e.transport ?? 0]?.replace('TRANSPORT_STATE_', '')}`;
        lines.push(
          `      ${ms(e.atMs ?? 0)}  ${what.padEnd(20)} ${e.node ? `at ${e.node}` : ''}${e.description ? `  "${e.description}"` : ''}${e.ignored ? '  (ignored)' : ''}`,
        );
      }
    }
  }
  return lines.join('\n');
}

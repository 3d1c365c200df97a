/**
 * The demo's edXML part: a document system that speaks edXML over HTTP (Hà Tĩnh's People's
 * Committee) and one that uses the SDK (Nghệ An's Department of Home Affairs) exchange a document
 * each way through the gateway of the same broker, with statuses both ways.
 */
import { renderEdocBytes, renderStatus, signEdxml } from '@lienthong/edxml';
import type { TestSigningIdentity } from '@lienthong/edxml';
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { Credentials, InboxItem, LienthongClient } from '@lienthong/sdk';

export const GATEWAY_CAST = {
  /** On HTTP: UBND tỉnh Hà Tĩnh (node h27). */
  http: '000.00.00.H27',
  /** On the SDK: Sở Nội vụ tỉnh Nghệ An (node h41). */
  sdk: '000.00.01.H41',
} as const;

export interface GatewayDemoOptions {
  servers: string;
  /** `http://127.0.0.1:P/api/v1` */
  api: string;
  /** The HTTP agency's bearer token (none on a --no-auth broker). */
  token?: string;
  credentialsOf?: (agency: string) => Promise<Credentials | undefined>;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Signs the package posted over HTTP (a test CA the nodes trust); unsigned without. */
  signer?: TestSigningIdentity;
}

async function http(o: GatewayDemoOptions, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (o.token) headers.set('authorization', `Bearer ${o.token}`);
  else headers.set('x-lienthong-agency', GATEWAY_CAST.http);
  const r = await fetch(`${o.api}${path}`, { ...init, headers, signal: o.signal });
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`);
  return r;
}

const post = (o: GatewayDemoOptions, xml: Uint8Array): Promise<Response> =>
  http(o, '/edocs', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });

async function until<T>(
  o: GatewayDemoOptions,
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (o.signal.aborted) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs both directions; resolves with the lines to print, throws when a step fails. */
export async function runGatewayDemo(o: GatewayDemoOptions): Promise<void> {
  const credentials = await o.credentialsOf?.(GATEWAY_CAST.sdk);
  const sdk: LienthongClient = await connect({
    servers: o.servers,
    agency: GATEWAY_CAST.sdk,
    ...(credentials ? { credentials } : {}),
  });
  const day = new Date().toISOString().slice(0, 10);
  const stamp = Date.now().toString(36);
  try {
    await sdkToHttp(o, sdk, day, stamp);
    await httpToSdk(o, sdk, day, stamp);
  } finally {
    await sdk.close();
  }
}

/** SDK → HTTP: a document sent with the SDK, fetched as an edXML package; statuses posted back. */
async function sdkToHttp(
  o: GatewayDemoOptions,
  sdk: LienthongClient,
  day: string,
  stamp: string,
): Promise<void> {
  const { log } = o;
  const fromSdk = `${GATEWAY_CAST.sdk},${day.replaceAll('-', '/')},${stamp}1/SNV-VP`;
  log(`SDK user ${GATEWAY_CAST.sdk} sends ${fromSdk} to ${GATEWAY_CAST.http} (a QLVB on HTTP)`);
  const tracker = await sdk.track(fromSdk);
  await sdk.send({
    documentId: fromSdk,
    codeNumber: `${stamp}1`,
    codeNotation: 'SNV-VP',
    promulgationDate: day,
    subject: 'Về việc phối hợp tổ chức hội nghị',
    to: [{ code: GATEWAY_CAST.http }],
  });
  const item = await until(o, 'the document at the HTTP recipient', async () => {
    const list = (await (await http(o, '/edocs/received')).json()) as { id: string; documentId: string }[];
    return list.find((i) => i.documentId === fromSdk);
  });
  const xml = Buffer.from(await (await http(o, `/edocs/${item.id}`)).arrayBuffer()).toString('utf8');
  log(`  GET /api/v1/edocs/${item.id} → ${xml.length} bytes of edXML:`);
  for (const line of xml.split('\n').slice(0, 6)) log(`    ${line}`);
  log('    …');
  await http(o, `/edocs/${item.id}/ack`, { method: 'POST' });
  for (const [code, text] of [
    [BusinessStatus.BUSINESS_STATUS_ACCEPTED, 'Đã vào sổ văn bản đến'],
    [BusinessStatus.BUSINESS_STATUS_COMPLETED, 'Đã xử lý xong'],
  ] as const) {
    await post(
      o,
      renderStatus({
        code,
        responder: GATEWAY_CAST.http,
        documentId: fromSdk,
        documentSender: GATEWAY_CAST.sdk,
        description: text,
        timestampMs: Date.now(),
      }),
    );
  }
  const [record] = await tracker.until(
    (rs) =>
      rs[0]?.business === BusinessStatus.BUSINESS_STATUS_COMPLETED &&
      rs[0].timeline.some((t) => t.business === 3),
    { signal: o.signal },
  );
  await tracker.stop();
  log(
    `  the SDK sender sees: ${TransportState[record!.transport]?.replace('TRANSPORT_STATE_', '')}, statuses ${codesOf(record!.timeline)} (posted as edXML Status packages)`,
  );
}

/** HTTP → SDK: the SDK user gets the mapped Document and the original bytes; statuses back. */
async function httpToSdk(
  o: GatewayDemoOptions,
  sdk: LienthongClient,
  day: string,
  stamp: string,
): Promise<void> {
  const { log } = o;
  const fromHttp = `${GATEWAY_CAST.http},${day.replaceAll('-', '/')},${stamp}2/UBND-VX`;
  const rendered = await renderEdocBytes({
    documentId: fromHttp,
    from: { code: GATEWAY_CAST.http, name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
    to: [{ code: GATEWAY_CAST.sdk, name: 'Sở Nội vụ tỉnh Nghệ An' }],
    codeNumber: `${stamp}2`,
    codeNotation: 'UBND-VX',
    promulgationDate: day,
    subject: 'Về việc cử cán bộ tham dự tập huấn',
  });
  const pkg = o.signer
    ? signEdxml(rendered, { privateKey: o.signer.keyPem, certificates: [o.signer.certPem] })
    : rendered;
  log(
    `QLVB ${GATEWAY_CAST.http} posts ${fromHttp} as a ${pkg.length}-byte edXML package to ${GATEWAY_CAST.sdk}`,
  );
  const sent = (await (await post(o, pkg)).json()) as { id: string };
  log(`  POST /api/v1/edocs → 202 ${sent.id}`);
  let got: InboxItem | undefined;
  const inbox = sdk.inbox({ signal: o.signal });
  for await (const i of inbox) {
    if (i.documentId === fromHttp) {
      got = i;
      break;
    }
    await i.ack();
  }
  await inbox.stop();
  if (!got) throw new Error(`${fromHttp} did not reach the SDK user`);
  const original = got.document?.edxmlOriginal;
  const att = got.attachments.find((a) => a.sha256Hex === original?.sha256Hex);
  const bytes = att ? Buffer.from(await att.bytes()) : undefined;
  if (!bytes?.equals(Buffer.from(pkg))) throw new Error('the SDK user did not get the original bytes');
  log(
    `  the SDK user's inbox: "${got.document?.subject}", with the original package (${bytes.length} bytes, identical)`,
  );
  logVerdict(log, got);
  await got.ack();
  await got.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED, { description: 'Đã tiếp nhận' });
  await got.report(BusinessStatus.BUSINESS_STATUS_IN_PROGRESS, { description: 'Đang xử lý' });
  const tracking = await until(o, "the HTTP sender's tracking", async () => {
    const rs = (await (await http(o, `/edocs/sent?documentId=${encodeURIComponent(fromHttp)}`)).json()) as {
      statusCode?: string;
      transport: string;
      timeline: { statusCode?: string }[];
    }[];
    const r = rs[0];
    return r?.statusCode === '05' && r.timeline.some((t) => t.statusCode === '03') ? r : undefined;
  });
  const codes = [...new Set(tracking.timeline.flatMap((t) => (t.statusCode ? [t.statusCode] : [])))].sort();
  log(`  GET /api/v1/edocs/sent → ${tracking.transport}, statuses ${codes.join(' ')}`);
}

/** The verdict on the package's XML signature the SDK user's inbox item carries. */
function logVerdict(log: (line: string) => void, got: InboxItem): void {
  const v = got.edxmlSignature;
  if (!v) throw new Error('the inbox item carries no edXML signature verdict');
  const s = v.signer;
  log(
    `  its XML signature, judged at the sender's home node ${v.node}: ${v.verdict}${s ? ` — signed by ${s.commonName}, certificate ${s.serialNumber} issued by "${s.issuer}"` : ''} (${v.reason})`,
  );
}

function codesOf(timeline: { business?: number | null }[]): string {
  return [...new Set(timeline.flatMap((t) => (t.business ? [String(t.business).padStart(2, '0')] : [])))]
    .sort()
    .join(' ');
}

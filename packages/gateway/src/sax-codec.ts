import { SaxesParser } from 'saxes';
import { Priority } from '@lienthong/proto';
import type { IDocument, IOrgan, IResponseFor, IStatusReport, BusinessOperation } from '@lienthong/proto';
import { EdxmlError } from './codec';
import type { EdxmlCodec, MappedStatus, PackageParser, ParsedPackage } from './codec';

/** The QCVN 102:2016 namespace. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Deepest element nesting accepted; the standard's packages nest about 8 deep. */
const MAX_DEPTH = 32;
/** Longest text kept from one header element; attachment bodies are counted, never kept. */
const MAX_TEXT = 64 * 1024;
/** Most header elements of one kind (To, Place, Receiver…) kept. */
const MAX_REPEATED = 10_000;

/** Vietnam's time zone: edXML timestamps carry no offset. */
const VN_OFFSET_MS = 7 * 3600_000;

/**
 * The gateway's edXML codec: a streaming SAX reader (saxes: no DTD, no entity expansion beyond the
 * five XML ones, no network) that keeps only the header fields the `Document` maps, so a package of
 * any size is read with bounded memory; and a renderer for documents born in the SDK.
 *
 * Leniency, each reported as a warning: prefixes are matched by local name (the public samples use
 * `edXML:` and `xlink:` outside their declarations); `dd/MM/yyyy` dates.
 */
export class SaxEdxmlCodec implements EdxmlCodec {
  parser(): PackageParser {
    return new SaxPackageParser();
  }

  renderEdoc(d: IDocument): Uint8Array {
    return new TextEncoder().encode(renderEdoc(d));
  }

  renderStatus(s: IStatusReport): Uint8Array {
    return new TextEncoder().encode(renderStatus(s));
  }
}

type Fields = Map<string, string[]>;

class SaxPackageParser implements PackageParser {
  private readonly sax = new SaxesParser({ xmlns: false, position: true });
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly stack: string[] = [];
  private readonly fields: Fields = new Map();
  /** Groups (From, each To, each Receiver…) as they close, in order. */
  private readonly groups: { path: string; fields: Map<string, string> }[] = [];
  private readonly open: Map<string, string>[] = [];
  private text = '';
  private failure: EdxmlError | undefined;
  private root: string | undefined;

  constructor() {
    this.sax.on('doctype', () => this.fail('a DOCTYPE (DTD) is not accepted in an edXML package'));
    this.sax.on('opentag', (tag) => {
      const name = local(tag.name);
      if (this.stack.length === 0) this.root = name;
      this.stack.push(name);
      if (this.stack.length > MAX_DEPTH) this.fail(`elements nest deeper than ${MAX_DEPTH}`);
      if (GROUPS.has(name)) this.open.push(new Map());
      this.text = '';
    });
    this.sax.on('text', (t) => this.onText(t));
    this.sax.on('cdata', (t) => this.onText(t));
    this.sax.on('closetag', (tag) => {
      const name = local(tag.name);
      const path = this.stack.join('/');
      const value = this.text.trim();
      this.text = '';
      const group = this.open.at(-1);
      if (GROUPS.has(name)) {
        this.groups.push({ path, fields: this.open.pop() ?? new Map() });
        if (this.groups.length > MAX_REPEATED) this.fail('too many repeated header elements');
      } else if (group && value !== '' && !group.has(name)) {
        group.set(name, value);
      }
      if (value !== '' && keep(path)) {
        const list = this.fields.get(path) ?? [];
        if (list.length >= MAX_REPEATED) this.fail(`too many ${name} elements`);
        list.push(value);
        this.fields.set(path, list);
      }
      this.stack.pop();
    });
    this.sax.on('error', (e) => {
      throw this.positioned(stripPosition(e.message));
    });
  }

  write(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    let s: string;
    try {
      s = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.positioned('the package is not valid UTF-8');
    }
    this.feed(s);
  }

  close(): ParsedPackage {
    if (this.failure) throw this.failure;
    try {
      this.feed(this.decoder.decode());
    } catch (e) {
      if (e instanceof EdxmlError) throw e;
      throw this.positioned('the package is not valid UTF-8');
    }
    try {
      this.sax.close();
    } catch (e) {
      if (e instanceof EdxmlError) throw e;
      throw this.positioned(String((e as Error).message));
    }
    if (this.root === undefined) throw new EdxmlError('the package is empty: no root element');
    if (this.root !== 'edXML') throw new EdxmlError(`the root element is <${this.root}>, not <edXML>`);
    return mapPackage(this.fields, this.groups);
  }

  private feed(s: string): void {
    try {
      this.sax.write(s);
    } catch (e) {
      if (e instanceof EdxmlError) {
        this.failure = e;
        throw e;
      }
      throw (this.failure = this.positioned(stripPosition(String((e as Error).message))));
    }
  }

  private onText(t: string): void {
    const name = this.stack.at(-1) ?? '';
    // Attachment bodies and signatures are carried in the original package; never held here.
    if (SKIP_TEXT.has(name) || this.stack.includes('Signature')) return;
    if (this.text.length + t.length > MAX_TEXT) this.fail(`the text of <${name}> is longer than ${MAX_TEXT}`);
    this.text += t;
  }

  private fail(reason: string): never {
    throw (this.failure = this.positioned(reason));
  }

  private positioned(reason: string): EdxmlError {
    return new EdxmlError(reason, this.sax.line, this.sax.column);
  }
}

/** Elements whose children are read together (an organ, a receiver). */
const GROUPS = new Set([
  'From',
  'To',
  'ResponseFor',
  'Receiver',
  'ReplacementInfo',
  'StaffInfo',
  'TraceHeader',
]);
const SKIP_TEXT = new Set(['ContentTransferEncoded', 'Attachment', 'AttachmentEncoded']);

const HEADER = 'edXML/edXMLEnvelope/edXMLHeader/MessageHeader';
const BUSINESS = 'edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness';

function keep(path: string): boolean {
  return path.startsWith(HEADER) || path.startsWith(BUSINESS);
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** saxes messages start with `file:line:column: `; the position is reported separately. */
function stripPosition(m: string): string {
  return m.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
}

function mapPackage(fields: Fields, groups: { path: string; fields: Map<string, string> }[]): ParsedPackage {
  const warnings: string[] = [];
  const one = (p: string): string => fields.get(`${HEADER}/${p}`)?.[0] ?? '';
  const group = (p: string): Map<string, string>[] => groups.filter((g) => g.path === p).map((g) => g.fields);
  const from = group(`${HEADER}/From`)[0];
  if (!from?.get('OrganId')) throw new EdxmlError('the MessageHeader has no From/OrganId');
  const statusCode = one('StatusCode');
  const responseFor = group(`${HEADER}/ResponseFor`).map((r) => ({
    organCode: r.get('OrganId') ?? '',
    code: r.get('Code') ?? '',
    promulgationDate: r.get('PromulgationDate') ? isoDate(r.get('PromulgationDate')!, warnings) : '',
    documentId: r.get('DocumentId') ?? '',
  }));
  if (statusCode !== '') {
    const rf = responseFor[0];
    if (!rf?.documentId) throw new EdxmlError('the Status package has no ResponseFor/DocumentId');
    const code = Number(statusCode);
    if (!/^\d{1,2}$/.test(statusCode) || !STATUS_CODES.has(code)) {
      throw new EdxmlError(`StatusCode '${statusCode}' is not one of 01-06, 13, 15, 16`);
    }
    const staff = group(`${HEADER}/StaffInfo`)[0];
    const status: MappedStatus = {
      code,
      responder: from.get('OrganId')!,
      documentId: rf.documentId,
      otherParty: rf.organCode,
      description: one('Description'),
      timestampMs: timestamp(one('Timestamp'), warnings),
      ...(staff
        ? {
            staff: {
              ...opt('department', staff.get('Department')),
              ...opt('name', staff.get('Staff')),
              ...opt('phone', staff.get('Mobile')),
              ...opt('email', staff.get('Email')),
            },
          }
        : {}),
    };
    return { messageType: 'status', status, warnings };
  }
  const documentId = one('DocumentId');
  if (documentId === '') throw new EdxmlError('the MessageHeader has no DocumentId');
  const to = group(`${HEADER}/To`).map(organ);
  if (to.length === 0) throw new EdxmlError('the MessageHeader has no To');
  const op = Number(fields.get(`${BUSINESS}/BussinessDocType`)?.[0] ?? '0');
  if (![0, 1, 2, 3].includes(op)) throw new EdxmlError(`BussinessDocType '${op}' is not 0, 1, 2 or 3`);
  const receivers = group(`${BUSINESS}/BussinessDocumentInfo/ReceiverList/Receiver`);
  const replaces = [
    ...new Set(
      group(`${BUSINESS}/ReplacementInfoList/ReplacementInfo`)
        .map((r) => r.get('DocumentId') ?? '')
        .filter((x) => x !== ''),
    ),
  ];
  // The earlier document an update names in Bussiness/DocumentId joins those of ResponseFor.
  const businessDocumentId = fields.get(`${BUSINESS}/DocumentId`)?.[0] ?? '';
  if (
    op !== 0 &&
    businessDocumentId !== '' &&
    !responseFor.some((r) => r.documentId === businessDocumentId)
  ) {
    responseFor.push({
      organCode: from.get('OrganId')!,
      code: '',
      promulgationDate: '',
      documentId: businessDocumentId,
    });
  }
  const named = responseFor.some((r) => r.documentId !== '') || replaces.length > 0;
  if (op !== 0 && !named) {
    throw new EdxmlError(
      `a BussinessDocType ${op} package must name the earlier document (ResponseFor, Bussiness/DocumentId or ReplacementInfoList)`,
    );
  }
  const priority = Number(fields.get(`${HEADER}/OtherInfo/Priority`)?.[0] ?? '0');
  const dueDate = one('DueDate');
  const document: IDocument = {
    documentId,
    from: organ(from),
    to,
    codeNumber: one('Code/CodeNumber'),
    codeNotation: one('Code/CodeNotation'),
    promulgationPlace: one('PromulgationInfo/Place'),
    promulgationDate: one('PromulgationInfo/PromulgationDate')
      ? isoDate(one('PromulgationInfo/PromulgationDate'), warnings)
      : '',
    documentType: {
      type: int(one('DocumentType/Type')),
      typeDetail: int(one('DocumentType/TypeDetail')),
      typeName: one('DocumentType/TypeName'),
    },
    subject: one('Subject'),
    contentSummary: one('Content'),
    signer: {
      competence: one('SignerInfo/Competence'),
      position: one('SignerInfo/Position'),
      fullName: one('SignerInfo/FullName'),
    },
    dueDate: dueDate ? isoDate(dueDate, warnings) : '',
    places: fields.get(`${HEADER}/ToPlaces/Place`) ?? [],
    priority: priority >= 0 && priority <= 4 ? (priority as Priority) : Priority.PRIORITY_NORMAL,
    steeringType: int(one('SteeringType')),
    responseFor: responseFor.filter((r: IResponseFor) => r.documentId !== '' || r.organCode !== ''),
    business: {
      operation: op as BusinessOperation,
      reason: fields.get(`${BUSINESS}/BussinessDocReason`)?.[0] ?? '',
      addedRecipients: receivers
        .filter((r) => r.get('ReceiverType') === '1')
        .map((r) => r.get('OrganId') ?? ''),
      removedRecipients: receivers
        .filter((r) => r.get('ReceiverType') === '0')
        .map((r) => r.get('OrganId') ?? ''),
      replaces,
    },
  };
  return { messageType: 'edoc', document, warnings };
}

const STATUS_CODES = new Set([1, 2, 3, 4, 5, 6, 13, 15, 16]);

function organ(g: Map<string, string>): IOrgan {
  return {
    code: g.get('OrganId') ?? '',
    name: g.get('OrganName') ?? '',
    organizationInCharge: g.get('OrganizationInCharge') ?? '',
    address: g.get('OrganAdd') ?? '',
    email: g.get('Email') ?? '',
    telephone: g.get('Telephone') ?? '',
    fax: g.get('Fax') ?? '',
    website: g.get('Website') ?? '',
  };
}

function opt<K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> {
  return v ? ({ [k]: v } as Record<K, string>) : {};
}

function int(s: string): number {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) ? n : 0;
}

/** `yyyy/MM/dd` (the standard) or `dd/MM/yyyy` (tolerated, with a warning) to ISO `yyyy-MM-dd`. */
function isoDate(s: string, warnings: string[]): string {
  let m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (m) {
    warnings.push(`date '${s}' read as dd/MM/yyyy`);
    return `${m[3]}-${m[2]}-${m[1]}`;
  }
  warnings.push(`date '${s}' is not yyyy/MM/dd; left out`);
  return '';
}

/** `yyyy/MM/dd HH:mm:ss`, Vietnam time, to Unix ms. */
function timestamp(s: string, warnings: string[]): number {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) {
    if (s === '') throw new EdxmlError('the Status package has no Timestamp');
    throw new EdxmlError(`Timestamp '${s}' is not yyyy/MM/dd HH:mm:ss`);
  }
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - VN_OFFSET_MS;
  if (!Number.isFinite(ms)) warnings.push(`Timestamp '${s}' is not a time`);
  return ms;
}

// ---- rendering documents and statuses born in the SDK ----

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function el(name: string, value: string | number | undefined | null, indent: string): string {
  return `${indent}<edXML:${name}>${esc(String(value ?? ''))}</edXML:${name}>\n`;
}

function slashDate(iso: string | null | undefined): string {
  return (iso ?? '').replace(/-/g, '/');
}

function vnTime(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function renderOrgan(tag: string, o: IOrgan | null | undefined, i: string): string {
  const j = `${i}  `;
  return (
    `${i}<edXML:${tag}>\n` +
    el('OrganId', o?.code, j) +
    el('OrganizationInCharge', o?.organizationInCharge, j) +
    el('OrganName', o?.name, j) +
    el('OrganAdd', o?.address, j) +
    el('Email', o?.email, j) +
    el('Telephone', o?.telephone, j) +
    el('Fax', o?.fax, j) +
    el('Website', o?.website, j) +
    `${i}</edXML:${tag}>\n`
  );
}

const OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NS}" xmlns:edXML="${EDXML_NS}">\n  <edXML:edXMLEnvelope>\n    <edXML:edXMLHeader>\n      <edXML:MessageHeader>\n`;

function renderEdoc(d: IDocument): string {
  const i = '        ';
  const j = `${i}  `;
  let x = OPEN;
  x += renderOrgan('From', d.from, i);
  for (const t of d.to ?? []) x += renderOrgan('To', t, i);
  x += el('DocumentId', d.documentId, i);
  x += `${i}<edXML:Code>\n${el('CodeNumber', d.codeNumber, j)}${el('CodeNotation', d.codeNotation, j)}${i}</edXML:Code>\n`;
  x += `${i}<edXML:PromulgationInfo>\n${el('Place', d.promulgationPlace, j)}${el('PromulgationDate', slashDate(d.promulgationDate), j)}${i}</edXML:PromulgationInfo>\n`;
  x += `${i}<edXML:DocumentType>\n${el('Type', d.documentType?.type ?? 0, j)}${el('TypeDetail', d.documentType?.typeDetail ?? 0, j)}${el('TypeName', d.documentType?.typeName, j)}${i}</edXML:DocumentType>\n`;
  x += el('Subject', d.subject, i);
  x += el('Content', d.contentSummary, i);
  x += `${i}<edXML:SignerInfo>\n${el('Competence', d.signer?.competence, j)}${el('Position', d.signer?.position, j)}${el('FullName', d.signer?.fullName, j)}${i}</edXML:SignerInfo>\n`;
  x += el('DueDate', slashDate(d.dueDate), i);
  x += `${i}<edXML:ToPlaces>\n${(d.places ?? []).map((p) => el('Place', p, j)).join('')}${i}</edXML:ToPlaces>\n`;
  x += `${i}<edXML:OtherInfo>\n${el('Priority', d.priority ?? 0, j)}${i}</edXML:OtherInfo>\n`;
  x += el('SteeringType', d.steeringType ?? 0, i);
  for (const r of d.responseFor ?? []) {
    x += `${i}<edXML:ResponseFor>\n${el('OrganId', r.organCode, j)}${el('Code', r.code, j)}${el('PromulgationDate', slashDate(r.promulgationDate), j)}${el('DocumentId', r.documentId, j)}${i}</edXML:ResponseFor>\n`;
  }
  x += '      </edXML:MessageHeader>\n      <edXML:TraceHeaderList>\n        <edXML:Bussiness>\n';
  const b = d.business;
  x += el('BussinessDocType', b?.operation ?? 0, j);
  x += el('BussinessDocReason', b?.reason, j);
  const receivers = [
    ...(b?.addedRecipients ?? []).map((c) => [c, 1] as const),
    ...(b?.removedRecipients ?? []).map((c) => [c, 0] as const),
  ];
  if (receivers.length > 0) {
    x += `${j}<edXML:BussinessDocumentInfo>\n${j}  <edXML:ReceiverList>\n`;
    for (const [c, t] of receivers)
      x += `${j}    <edXML:Receiver>\n${el('OrganId', c, `${j}      `)}${el('ReceiverType', t, `${j}      `)}${j}    </edXML:Receiver>\n`;
    x += `${j}  </edXML:ReceiverList>\n${j}</edXML:BussinessDocumentInfo>\n`;
  }
  if ((b?.replaces ?? []).length > 0) {
    x += `${j}<edXML:ReplacementInfoList>\n`;
    for (const r of b?.replaces ?? [])
      x += `${j}  <edXML:ReplacementInfo>\n${el('DocumentId', r, `${j}    `)}${j}  </edXML:ReplacementInfo>\n`;
    x += `${j}</edXML:ReplacementInfoList>\n`;
  }
  x +=
    '        </edXML:Bussiness>\n      </edXML:TraceHeaderList>\n    </edXML:edXMLHeader>\n  </edXML:edXMLEnvelope>\n</edXML>\n';
  return x;
}

function renderStatus(s: IStatusReport): string {
  const i = '        ';
  const j = `${i}  `;
  let x = OPEN;
  x += `${i}<edXML:From>\n${el('OrganId', s.responder, j)}${i}</edXML:From>\n`;
  x += `${i}<edXML:ResponseFor>\n${el('OrganId', s.documentSender, j)}${el('DocumentId', s.documentId, j)}${i}</edXML:ResponseFor>\n`;
  if (s.staff) {
    x += `${i}<edXML:StaffInfo>\n${el('Department', s.staff.department, j)}${el('Staff', s.staff.name, j)}${el('Mobile', s.staff.phone, j)}${el('Email', s.staff.email, j)}${i}</edXML:StaffInfo>\n`;
  }
  x += el('StatusCode', String(s.code ?? 0).padStart(2, '0'), i);
  x += el('Description', s.description, i);
  x += el('Timestamp', vnTime(Number(s.timestampMs ?? 0)), i);
  x += '      </edXML:MessageHeader>\n    </edXML:edXMLHeader>\n  </edXML:edXMLEnvelope>\n</edXML>\n';
  return x;
}

/**
 * Rendering `Document`s and `StatusReport`s as edXML packages. The output is namespace-well-formed
 * (both the default namespace and the `edXML:` prefix are declared on the root), UTF-8, and reads
 * back through {@link parseEdxml} to the same fields. Attachments are base64-encoded as they stream.
 *
 * The writer only emits markup: element names are constants, and every value goes through
 * {@link escapeText}, which refuses characters XML 1.0 cannot represent.
 */
import { BusinessOperation } from '@lienthong/proto';
import type { IAttachment, IDocument, IOrgan, IResponseFor, IStatusReport } from '@lienthong/proto';
import { writeDate, writeTimestamp } from './dates';
import { EdxmlError } from './errors';
import { codeOfDocumentId, organOfDocumentId } from './mapping';
import { EDXML_NS } from './types';

/** The bytes of one attachment, for attachments the Document does not carry inline. */
export type AttachmentSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface RenderEdocOptions {
  /**
   * Bytes of attachments stored by reference (`Attachment.ref`), by index in `document.attachments`
   * (an array) or looked up per attachment (a function). Inline attachments need nothing.
   */
  attachments?:
    (AttachmentSource | undefined)[] | ((a: IAttachment, index: number) => AttachmentSource | undefined);
  /** TraceHeader timestamp, Unix ms (default: the Document signature's time, else the promulgation date). */
  timestampMs?: number;
}

const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Escapes text for element content; throws EdxmlError UNREPRESENTABLE for characters XML cannot hold. */
export function escapeText(value: string, field: string): string {
  const bad = NOT_XML.exec(value);
  if (bad !== null) {
    const cp = bad[0].codePointAt(0) ?? 0;
    throw new EdxmlError(
      'UNREPRESENTABLE',
      `${field}: character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot be written in XML`,
    );
  }
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

const E = 'edXML:';

class Xml {
  private readonly parts: string[] = [];
  private indent = 0;

  open(name: string, attrs = ''): this {
    this.parts.push(`${'  '.repeat(this.indent)}<${name}${attrs}>\n`);
    this.indent++;
    return this;
  }

  close(name: string): this {
    this.indent--;
    this.parts.push(`${'  '.repeat(this.indent)}</${name}>\n`);
    return this;
  }

  indent1(): void {
    this.indent = 1;
  }

  /** An element holding a value; left out when the value is empty, unless `always`. */
  leaf(name: string, value: string | number | null | undefined, always = false): this {
    const v = value === null || value === undefined ? '' : String(value);
    if (v === '' && !always) return this;
    const field = name.replace(E, '');
    this.parts.push(`${'  '.repeat(this.indent)}<${name}>${escapeText(v, field)}</${name}>\n`);
    return this;
  }

  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  take(): string {
    const s = this.parts.join('');
    this.parts.length = 0;
    return s;
  }
}

const ROOT_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NS}" xmlns:edXML="${EDXML_NS}">\n`;

function organ(x: Xml, tag: string, o: IOrgan | null | undefined): void {
  x.open(E + tag)
    .leaf(`${E}OrganId`, o?.code, true)
    .leaf(`${E}OrganizationInCharge`, o?.organizationInCharge)
    .leaf(`${E}OrganName`, o?.name)
    .leaf(`${E}OrganAdd`, o?.address)
    .leaf(`${E}Email`, o?.email)
    .leaf(`${E}Telephone`, o?.telephone)
    .leaf(`${E}Fax`, o?.fax)
    .leaf(`${E}Website`, o?.website)
    .close(E + tag);
}

function responseFor(x: Xml, r: IResponseFor): void {
  x.open(`${E}ResponseFor`)
    .leaf(`${E}OrganId`, r.organCode)
    .leaf(`${E}Code`, r.code)
    .leaf(`${E}PromulgationDate`, writeDate(r.promulgationDate ?? ''))
    .leaf(`${E}DocumentId`, r.documentId)
    .close(`${E}ResponseFor`);
}

function defaultTimestamp(d: IDocument): number {
  const signed = Number(d.signature?.signedAtMs ?? 0);
  if (signed > 0) return signed;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.promulgationDate ?? '');
  if (m !== null) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 7 * 3_600_000;
  return 0;
}

/** The markup of a document package up to the first attachment's content, and between attachments. */
function edocHead(d: IDocument, timestampMs: number, cids: string[]): string {
  const x = new Xml();
  x.raw(ROOT_OPEN);
  x.indent1();
  x.open(`${E}edXMLEnvelope`).open(`${E}edXMLHeader`).open(`${E}MessageHeader`);
  organ(x, 'From', d.from);
  for (const t of d.to ?? []) organ(x, 'To', t);
  x.leaf(`${E}DocumentId`, d.documentId, true);
  // A document born in the SDK may leave out its number, notation and date: its DocumentId carries them.
  const fromId = codeOfDocumentId(d.documentId ?? '');
  x.open(`${E}Code`)
    .leaf(`${E}CodeNumber`, d.codeNumber || fromId?.number)
    .leaf(`${E}CodeNotation`, d.codeNotation || fromId?.notation)
    .close(`${E}Code`);
  x.open(`${E}PromulgationInfo`)
    .leaf(`${E}Place`, d.promulgationPlace)
    .leaf(`${E}PromulgationDate`, writeDate(d.promulgationDate || fromId?.date || ''))
    .close(`${E}PromulgationInfo`);
  x.open(`${E}DocumentType`)
    .leaf(`${E}Type`, d.documentType?.type ?? 0, true)
    .leaf(`${E}TypeDetail`, d.documentType?.typeDetail ?? 0)
    .leaf(`${E}TypeName`, d.documentType?.typeName)
    .close(`${E}DocumentType`);
  x.leaf(`${E}Subject`, d.subject).leaf(`${E}Content`, d.contentSummary);
  x.open(`${E}SignerInfo`)
    .leaf(`${E}Competence`, d.signer?.competence)
    .leaf(`${E}Position`, d.signer?.position)
    .leaf(`${E}FullName`, d.signer?.fullName)
    .close(`${E}SignerInfo`);
  if ((d.dueDate ?? '') !== '') x.leaf(`${E}DueDate`, writeDate(d.dueDate ?? ''));
  if ((d.places ?? []).length > 0) {
    x.open(`${E}ToPlaces`);
    for (const p of d.places ?? []) x.leaf(`${E}Place`, p);
    x.close(`${E}ToPlaces`);
  }
  x.open(`${E}OtherInfo`)
    .leaf(`${E}Priority`, d.priority ?? 0, true)
    .close(`${E}OtherInfo`);
  for (const r of d.responseFor ?? []) responseFor(x, r);
  x.leaf(`${E}SteeringType`, d.steeringType ?? 0, true);
  x.close(`${E}MessageHeader`);
  x.open(`${E}TraceHeaderList`);
  if (timestampMs > 0) {
    x.open(`${E}TraceHeader`)
      .leaf(`${E}OrganId`, d.from?.code)
      .leaf(`${E}Timestamp`, writeTimestamp(timestampMs))
      .close(`${E}TraceHeader`);
  }
  bussiness(x, d);
  x.close(`${E}TraceHeaderList`);
  x.close(`${E}edXMLHeader`);
  x.open(`${E}edXMLBody`).open(`${E}edXMLManifest`, ' version="1.0"');
  (d.attachments ?? []).forEach((a, i) => {
    x.open(`${E}Reference`)
      .leaf(`${E}ContentId`, cids[i])
      .leaf(`${E}ContentType`, a.mediaType)
      .leaf(`${E}Description`, a.description)
      .leaf(`${E}AttachmentName`, a.name)
      .close(`${E}Reference`);
  });
  x.close(`${E}edXMLManifest`).close(`${E}edXMLBody`);
  x.close(`${E}edXMLEnvelope`);
  return x.take();
}

/** The Bussiness block of a document package: its operation, changed receivers, replaced documents. */
function bussiness(x: Xml, d: IDocument): void {
  const b = d.business;
  if (b === null || b === undefined) return;
  const op = b.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
  x.open(`${E}Bussiness`)
    .leaf(`${E}DocumentId`, d.documentId, true)
    .leaf(`${E}BussinessDocType`, op, true)
    .leaf(`${E}BussinessDocReason`, b.reason)
    .leaf(`${E}Paper`, 0);
  const added = b.addedRecipients ?? [];
  const removed = b.removedRecipients ?? [];
  if (added.length + removed.length > 0) {
    x.open(`${E}BussinessDocumentInfo`)
      .leaf(`${E}DocumentInfo`, 0)
      .leaf(`${E}DocumentReceiver`, 1)
      .open(`${E}ReceiverList`);
    for (const [code, type] of [
      ...removed.map((c) => [c, 0] as const),
      ...added.map((c) => [c, 1] as const),
    ]) {
      x.open(`${E}Receiver`)
        .leaf(`${E}OrganId`, code)
        .leaf(`${E}ReceiverType`, type, true)
        .close(`${E}Receiver`);
    }
    x.close(`${E}ReceiverList`).close(`${E}BussinessDocumentInfo`);
  }
  if ((b.replaces ?? []).length > 0) {
    x.open(`${E}ReplacementInfoList`);
    for (const id of b.replaces ?? []) {
      x.open(`${E}ReplacementInfo`).leaf(`${E}DocumentId`, id).open(`${E}OrganIdList`);
      for (const t of d.to ?? []) x.leaf(`${E}OrganId`, t.code);
      x.close(`${E}OrganIdList`).close(`${E}ReplacementInfo`);
    }
    x.close(`${E}ReplacementInfoList`);
  }
  x.close(`${E}Bussiness`);
}

function attachmentHead(a: IAttachment, cid: string): string {
  const x = new Xml();
  x.indent1();
  x.open('Attachment')
    .leaf('ContentId', cid)
    .leaf('AttachmentName', a.name)
    .leaf('Description', a.description)
    .leaf('ContentType', a.mediaType);
  return `${x.take()}    <ContentTransferEncoded>`;
}

async function* base64Of(source: AttachmentSource): AsyncGenerator<string> {
  if (source instanceof Uint8Array) {
    yield Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('base64');
    return;
  }
  let carry = Buffer.alloc(0);
  for await (const chunk of source) {
    const all = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
    const whole = all.length - (all.length % 3);
    if (whole > 0) yield all.subarray(0, whole).toString('base64');
    carry = Buffer.from(all.subarray(whole));
  }
  if (carry.length > 0) yield carry.toString('base64');
}

/**
 * Renders a Document as an edXML package, streaming: attachments are read from their sources and
 * base64-encoded piece by piece. Collect with {@link renderEdocBytes} when the package is small.
 */
export async function* renderEdoc(
  document: IDocument,
  opts: RenderEdocOptions = {},
): AsyncGenerator<Uint8Array> {
  const atts = document.attachments ?? [];
  const cids = atts.map((_, i) => `cid:${i + 1}`);
  const sources = atts.map((a, i) => {
    const given = typeof opts.attachments === 'function' ? opts.attachments(a, i) : opts.attachments?.[i];
    const src = given ?? a.inline ?? undefined;
    if (src === undefined || src === null) {
      throw new EdxmlError(
        'MISSING_ELEMENT',
        `attachment ${i} (${a.name ?? ''}) has no bytes: pass its content`,
      );
    }
    return src;
  });
  const enc = new TextEncoder();
  yield enc.encode(edocHead(document, opts.timestampMs ?? defaultTimestamp(document), cids));
  if (atts.length > 0) {
    yield enc.encode('  <AttachmentEncoded>\n');
    for (let i = 0; i < atts.length; i++) {
      yield enc.encode(attachmentHead(atts[i]!, cids[i]!));
      for await (const b64 of base64Of(sources[i]!)) yield enc.encode(b64);
      yield enc.encode('</ContentTransferEncoded>\n    </Attachment>\n');
    }
    yield enc.encode('  </AttachmentEncoded>\n');
  }
  yield enc.encode('</edXML>\n');
}

/** Renders a Document as one buffer (for packages that fit in memory). */
export async function renderEdocBytes(
  document: IDocument,
  opts: RenderEdocOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of renderEdoc(document, opts)) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

export interface RenderStatusOptions {
  /** The responding agency's details beyond its code (name, address…). */
  from?: Omit<IOrgan, 'code'>;
  /**
   * `ResponseFor/OrganId`: the other party. Defaults to `report.documentSender` for every code but 13;
   * for 13 (sent by the document's sender) it names the recipient asked to give the document back and
   * must be given.
   */
  otherParty?: string;
  /** `ResponseFor/Code` and `PromulgationDate` (default: read from a `<organ>,<date>,<number>/<notation>` DocumentId). */
  code?: string;
  promulgationDate?: string;
}

/** Renders a StatusReport as an edXML Status package. */
export function renderStatus(report: IStatusReport, opts: RenderStatusOptions = {}): Uint8Array {
  const code = Number(report.code ?? 0);
  const statusCode = String(code).padStart(2, '0');
  if (!['01', '02', '03', '04', '05', '06', '13', '15', '16'].includes(statusCode)) {
    throw new EdxmlError('BAD_VALUE', `status code ${code} has no edXML StatusCode`);
  }
  const documentId = report.documentId ?? '';
  const otherParty =
    opts.otherParty ?? (code === 13 ? undefined : report.documentSender || organOfDocumentId(documentId));
  if (otherParty === undefined || otherParty === '') {
    throw new EdxmlError(
      'MISSING_ELEMENT',
      code === 13
        ? 'status 13 needs otherParty: the recipient asked to give the document back'
        : 'no ResponseFor/OrganId',
    );
  }
  const m = /^[^,]+,(\d{4})\/(\d{2})\/(\d{2}),(.+)$/.exec(documentId);
  const x = new Xml();
  x.raw(ROOT_OPEN);
  x.indent1();
  x.open(`${E}edXMLEnvelope`).open(`${E}edXMLHeader`).open(`${E}MessageHeader`);
  organ(x, 'From', { ...opts.from, code: report.responder ?? '' });
  x.open(`${E}ResponseFor`)
    .leaf(`${E}OrganId`, otherParty, true)
    .leaf(`${E}Code`, opts.code ?? (m === null ? '' : m[4]))
    .leaf(
      `${E}PromulgationDate`,
      opts.promulgationDate !== undefined
        ? writeDate(opts.promulgationDate)
        : m === null
          ? ''
          : `${m[1]}/${m[2]}/${m[3]}`,
    )
    .leaf(`${E}DocumentId`, documentId, true)
    .close(`${E}ResponseFor`);
  const s = report.staff;
  x.open(`${E}StaffInfo`)
    .leaf(`${E}Department`, s?.department)
    .leaf(`${E}Staff`, s?.name)
    .leaf(`${E}Mobile`, s?.phone)
    .leaf(`${E}Email`, s?.email)
    .close(`${E}StaffInfo`);
  x.leaf(`${E}StatusCode`, statusCode, true)
    .leaf(`${E}Description`, report.description)
    .leaf(`${E}Timestamp`, writeTimestamp(Number(report.timestampMs ?? 0)), true);
  x.close(`${E}MessageHeader`).close(`${E}edXMLHeader`).close(`${E}edXMLEnvelope`);
  x.raw('</edXML>\n');
  return new TextEncoder().encode(x.take());
}

/**
 * `parseEdxml`: reads a package with {@link PackageReader} and interprets its markup as an edoc or a
 * Status package (QCVN 102:2016), accepting the deviations real systems show and reporting each as
 * a warning.
 */
import { isAgencyCode } from '@lienthong/core';
import { readDate, readTimestamp } from './dates';
import { EdxmlError } from './errors';
import type { EdxmlWarning, EdxmlWarningCode } from './errors';
import { PackageReader } from './reader';
import type { ReadResult, XNode } from './read-result';
import { DSIG_NS, EDXML_NS } from './types';
import type {
  EdocHeader,
  EdxmlBussiness,
  EdxmlOrgan,
  EdxmlResponseFor,
  EdxmlStaffInfo,
  EdxmlTraceHeader,
  ManifestReference,
  ParseOptions,
  ParsedAttachment,
  ParsedEdoc,
  ParsedPackage,
  ParsedStatus,
} from './types';

/** Status codes a Status package may carry. */
export const STATUS_CODES = Object.freeze(['01', '02', '03', '04', '05', '06', '13', '15', '16']);

/**
 * Reads an edXML package. Large packages should be passed as an async iterable (a file or request
 * stream): memory stays bounded, and attachments go to `opts.attachmentSink` as they are decoded.
 * Throws {@link EdxmlError} (with code, line and column) when the package is refused.
 */
export async function parseEdxml(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  opts: ParseOptions = {},
): Promise<ParsedPackage> {
  const read = await new PackageReader(opts).read(input);
  return new Interpreter(read).run();
}

class Interpreter {
  private readonly warnings: EdxmlWarning[];

  constructor(private readonly read: ReadResult) {
    this.warnings = [...read.warnings];
  }

  run(): ParsedPackage {
    const root = this.read.root;
    if (root.local !== 'edXML') {
      // A bare envelope is the commonest slip: say what the root must look like.
      const hint =
        root.local === 'edXMLEnvelope' ? `; wrap the envelope in <edXML xmlns="${EDXML_NS}">…</edXML>` : '';
      throw refuse('NOT_EDXML', `the root element is <${root.name}>, not <edXML>${hint}`, root);
    }
    if (root.ns !== EDXML_NS) {
      this.warn('NAMESPACE', `the root element is in namespace "${root.ns}", not ${EDXML_NS}`, root);
    }
    for (const s of this.read.signatures) {
      if (s.namespace !== DSIG_NS) {
        this.warnings.push({
          code: 'SIGNATURE_NAMESPACE',
          message: `the Signature element is in namespace "${s.namespace}", not XML-DSig (${DSIG_NS})`,
          line: s.line,
          column: s.column,
        });
      }
    }
    const envelope = need(root, 'edXMLEnvelope');
    const header = need(envelope, 'edXMLHeader');
    const mh = need(header, 'MessageHeader');
    const common = {
      bytes: this.read.bytes,
      sha256: this.read.sha256,
      warnings: this.warnings,
      signatures: this.read.signatures,
      elementNames: this.read.elementNames,
    };
    if (child(mh, 'StatusCode') !== undefined) {
      const status: ParsedStatus = { kind: 'status', header: this.status(mh), attachments: [], ...common };
      return status;
    }
    const manifest = this.manifest(envelope);
    const edoc: ParsedEdoc = {
      kind: 'edoc',
      header: this.edocHeader(mh),
      traceHeaderList: [],
      manifest,
      attachments: this.attachments(root, manifest),
      ...common,
    };
    const tl = child(header, 'TraceHeaderList');
    if (tl !== undefined) {
      edoc.traceHeaderList = children(tl, 'TraceHeader').map((t) => this.trace(t));
      const b = child(tl, 'Bussiness') ?? child(header, 'Bussiness');
      if (b !== undefined) edoc.bussiness = this.bussiness(b);
    } else {
      const b = child(header, 'Bussiness');
      if (b !== undefined) edoc.bussiness = this.bussiness(b);
    }
    return edoc;
  }

  // ---- edoc ---------------------------------------------------------------------------------

  private edocHeader(mh: XNode): EdocHeader {
    const fromNode = child(mh, 'From');
    if (fromNode === undefined) throw refuse('MISSING_ELEMENT', 'MessageHeader has no From', mh);
    const from = this.organ(fromNode);
    const toNodes = children(mh, 'To');
    if (toNodes.length === 0) throw refuse('MISSING_ELEMENT', 'MessageHeader has no To', mh);
    const to = toNodes.map((t) => this.organ(t));
    const code = child(mh, 'Code');
    const pi = child(mh, 'PromulgationInfo');
    const dt = child(mh, 'DocumentType');
    const si = child(mh, 'SignerInfo');
    const oi = child(mh, 'OtherInfo');
    const tp = child(mh, 'ToPlaces');
    const h: EdocHeader = {
      from,
      to,
      documentId: this.documentId(mh),
      code: { codeNumber: this.text(code, 'CodeNumber'), codeNotation: this.text(code, 'CodeNotation') },
      promulgationInfo: {
        place: this.text(pi, 'Place'),
        promulgationDate: this.date(pi, 'PromulgationDate'),
      },
      documentType: {
        type: this.int(dt, 'Type', 0),
        typeDetail: this.int(dt, 'TypeDetail', 0),
        typeName: this.text(dt, 'TypeName'),
      },
      subject: this.text(mh, 'Subject'),
      content: this.text(mh, 'Content'),
      signerInfo: {
        competence: this.text(si, 'Competence'),
        position: this.text(si, 'Position'),
        fullName: this.text(si, 'FullName'),
      },
      dueDate: this.date(mh, 'DueDate'),
      toPlaces: tp === undefined ? [] : this.list(tp, 'Place'),
      otherInfo: {
        priority: this.ranged(oi, 'Priority', 0, 4),
        sphereOfPromulgation: this.text(oi, 'SphereOfPromulgation'),
        typerNotation: this.text(oi, 'TyperNotation'),
        promulgationAmount: this.text(oi, 'PromulgationAmount'),
        pageAmount: this.text(oi, 'PageAmount'),
        direction: this.text(oi, 'Direction'),
        appendixes: (() => {
          const a = oi === undefined ? undefined : child(oi, 'Appendixes');
          return a === undefined ? [] : this.list(a, 'Appendix');
        })(),
      },
      steeringType: this.int(mh, 'SteeringType', 0),
      responseFor: [],
    };
    for (const rf of children(mh, 'ResponseFor')) {
      const r = this.responseFor(rf);
      if (r.organId === '' && r.code === '' && r.documentId === '' && r.promulgationDate === '') {
        this.warn('EMPTY_RESPONSE_FOR', 'ResponseFor has no content; left out', rf);
      } else {
        h.responseFor.push(r);
      }
    }
    this.agencyCode(from.organId, fromNode);
    to.forEach((t, i) => this.agencyCode(t.organId, toNodes[i]!));
    if (h.documentId === '') {
      throw refuse('MISSING_ELEMENT', 'MessageHeader has no DocumentId', child(mh, 'DocumentId') ?? mh);
    }
    return h;
  }

  private organ(n: XNode): EdxmlOrgan {
    const organId = this.text(n, 'OrganId');
    if (organId === '')
      throw refuse('MISSING_ELEMENT', `${n.local} has no OrganId`, child(n, 'OrganId') ?? n);
    return {
      organId,
      organName: this.text(n, 'OrganName'),
      organizationInCharge: this.text(n, 'OrganizationInCharge'),
      organAdd: this.text(n, 'OrganAdd'),
      email: this.text(n, 'Email'),
      telephone: this.text(n, 'Telephone'),
      fax: this.text(n, 'Fax'),
      website: this.text(n, 'Website'),
    };
  }

  private responseFor(n: XNode): EdxmlResponseFor {
    // An all-empty ResponseFor (a template left unfilled) is one warning, not four.
    const quiet = n.children.every((c) => c.text.trim() === '' && c.children.length === 0);
    const r = {
      organId: quiet ? '' : this.text(n, 'OrganId'),
      code: quiet ? '' : this.text(n, 'Code'),
      promulgationDate: quiet ? '' : this.date(n, 'PromulgationDate'),
      documentId: quiet ? '' : this.documentId(n),
    };
    if (r.organId !== '') this.agencyCode(r.organId, n);
    return r;
  }

  private trace(n: XNode): EdxmlTraceHeader {
    const timestamp = this.text(n, 'Timestamp');
    return { organId: this.text(n, 'OrganId'), timestamp, timestampMs: this.timestamp(n, 'Timestamp') };
  }

  private bussiness(b: XNode): EdxmlBussiness {
    const typeNode = child(b, 'BussinessDocType');
    let docType: 0 | 1 | 2 | 3 = 0;
    if (typeNode === undefined || typeNode.text.trim() === '') {
      this.warn(
        'EMPTY_ELEMENT',
        'Bussiness has no BussinessDocType; read as 0 (new document)',
        typeNode ?? b,
      );
    } else {
      docType = this.ranged(b, 'BussinessDocType', 0, 3) as 0 | 1 | 2 | 3;
    }
    const out: EdxmlBussiness = {
      documentId: this.documentId(b),
      bussinessDocType: docType,
      bussinessDocReason: this.text(b, 'BussinessDocReason'),
      paper: this.text(b, 'Paper'),
      replacementInfoList: [],
    };
    const info = child(b, 'BussinessDocumentInfo');
    if (info !== undefined) {
      const rl = child(info, 'ReceiverList');
      out.bussinessDocumentInfo = {
        documentInfo: this.text(info, 'DocumentInfo'),
        documentReceiver: this.text(info, 'DocumentReceiver'),
        receiverList:
          rl === undefined
            ? []
            : children(rl, 'Receiver').map((r) => {
                const organId = this.text(r, 'OrganId');
                this.agencyCode(organId, r);
                return { organId, receiverType: this.ranged(r, 'ReceiverType', 0, 1) };
              }),
      };
    }
    const ril = child(b, 'ReplacementInfoList');
    if (ril !== undefined) {
      const seen = new Set<string>();
      for (const ri of children(ril, 'ReplacementInfo')) {
        const oil = child(ri, 'OrganIdList');
        const entry = {
          documentId: this.documentId(ri),
          organIdList: oil === undefined ? [] : this.list(oil, 'OrganId'),
        };
        for (const o of entry.organIdList) this.agencyCode(o, ri);
        const key = JSON.stringify(entry);
        if (seen.has(key)) {
          this.warn('DUPLICATE', `ReplacementInfo for ${entry.documentId} is listed twice; kept once`, ri);
          continue;
        }
        seen.add(key);
        out.replacementInfoList.push(entry);
      }
    }
    const staff = child(b, 'StaffInfo');
    if (staff !== undefined) out.staffInfo = this.staff(staff);
    return out;
  }

  private staff(n: XNode | undefined): EdxmlStaffInfo {
    return {
      department: this.text(n, 'Department'),
      staff: this.text(n, 'Staff'),
      mobile: this.text(n, 'Mobile'),
      email: this.text(n, 'Email'),
    };
  }

  private manifest(envelope: XNode): ManifestReference[] {
    const body = child(envelope, 'edXMLBody');
    const m = body === undefined ? undefined : child(body, 'edXMLManifest');
    if (m === undefined) return [];
    return children(m, 'Reference').map((r) => ({
      contentId: this.text(r, 'ContentId'),
      contentType: this.text(r, 'ContentType'),
      description: this.text(r, 'Description'),
      attachmentName: this.text(r, 'AttachmentName'),
    }));
  }

  private attachments(root: XNode, manifest: ManifestReference[]): ParsedAttachment[] {
    const out: ParsedAttachment[] = [];
    const byCid = new Map(manifest.map((m) => [m.contentId, m]));
    const seen = new Set<string>();
    for (const a of this.read.attachments) {
      const node = a.node.parent!;
      const contentId = this.text(node, 'ContentId');
      const ref = byCid.get(contentId);
      const ownType = this.text(node, 'ContentType');
      if (ref === undefined) {
        this.warn(
          'MANIFEST_MISMATCH',
          `attachment ${contentId || '(no ContentId)'} is not in the manifest`,
          node,
        );
      } else if (ownType !== '' && ref.contentType !== '' && ownType !== ref.contentType) {
        this.warn(
          'MANIFEST_MISMATCH',
          `attachment ${contentId}: ContentType ${ownType}, but the manifest says ${ref.contentType}`,
          node,
        );
      }
      seen.add(contentId);
      const p: ParsedAttachment = {
        contentId,
        attachmentName: this.text(node, 'AttachmentName') || (ref?.attachmentName ?? ''),
        description: this.text(node, 'Description') || (ref?.description ?? ''),
        contentType: ownType || (ref?.contentType ?? ''),
        size: a.size,
        sha256: a.sha256,
        line: node.line,
        column: node.column,
      };
      if (a.data !== undefined) p.data = a.data;
      out.push(p);
    }
    for (const m of manifest) {
      if (!seen.has(m.contentId)) {
        this.warn(
          'MANIFEST_MISMATCH',
          `the manifest lists ${m.contentId || '(no ContentId)'} but no attachment carries it`,
          root,
        );
      }
    }
    return out;
  }

  // ---- status -------------------------------------------------------------------------------

  private status(mh: XNode): ParsedStatus['header'] {
    const fromNode = child(mh, 'From');
    if (fromNode === undefined) throw refuse('MISSING_ELEMENT', 'the Status MessageHeader has no From', mh);
    const from = this.organ(fromNode);
    this.agencyCode(from.organId, fromNode);
    const codeNode = child(mh, 'StatusCode')!;
    let statusCode = codeNode.text.trim();
    if (/^\d$/.test(statusCode)) statusCode = `0${statusCode}`;
    if (!STATUS_CODES.includes(statusCode)) {
      throw refuse(
        'BAD_VALUE',
        `StatusCode "${codeNode.text.trim()}" is not one of ${STATUS_CODES.join(', ')}`,
        codeNode,
      );
    }
    const rfNode = child(mh, 'ResponseFor');
    if (rfNode === undefined)
      throw refuse('MISSING_ELEMENT', 'the Status MessageHeader has no ResponseFor', mh);
    const responseFor = this.responseFor(rfNode);
    if (responseFor.documentId === '') {
      throw refuse('MISSING_ELEMENT', 'ResponseFor has no DocumentId', child(rfNode, 'DocumentId') ?? rfNode);
    }
    return {
      from,
      responseFor,
      statusCode,
      description: this.text(mh, 'Description'),
      timestamp: this.text(mh, 'Timestamp'),
      timestampMs: this.timestamp(mh, 'Timestamp'),
      staffInfo: this.staff(child(mh, 'StaffInfo')),
    };
  }

  // ---- leaves -------------------------------------------------------------------------------

  private text(parent: XNode | undefined, local: string): string {
    if (parent === undefined) return '';
    const n = child(parent, local);
    if (n === undefined) return '';
    const t = n.text.trim();
    if (t === '' && n.children.length === 0) this.warn('EMPTY_ELEMENT', `<${n.name}> is empty`, n);
    return t;
  }

  /** A DocumentId; one of the `<organ>,<yyyy/MM/dd>,<number>/<notation>` form with an impossible date is flagged. */
  private documentId(parent: XNode | undefined, local = 'DocumentId'): string {
    const id = this.text(parent, local);
    const m = /^[^,]+,(\d{4}\/\d{1,2}\/\d{1,2}),/.exec(id);
    if (m !== null && readDate(m[1]!).form === 'bad') {
      this.warn(
        'BAD_DATE',
        `DocumentId "${id}" holds an impossible date (${m[1]}); kept as written`,
        child(parent, local)!,
      );
    }
    return id;
  }

  private list(parent: XNode, local: string): string[] {
    const out: string[] = [];
    for (const n of children(parent, local)) {
      const t = n.text.trim();
      if (t === '') this.warn('EMPTY_ELEMENT', `<${n.name}> is empty`, n);
      else out.push(t);
    }
    return out;
  }

  private int(parent: XNode | undefined, local: string, dflt: number): number {
    const n = parent === undefined ? undefined : child(parent, local);
    const t = this.text(parent, local);
    if (t === '') return dflt;
    if (!/^-?\d{1,9}$/.test(t)) {
      this.warn('BAD_NUMBER', `<${n!.name}> "${t}" is not a number; read as ${dflt}`, n!);
      return dflt;
    }
    return Number(t);
  }

  /** A number that changes what the package means: out of range is a refusal, not a warning. */
  private ranged(parent: XNode | undefined, local: string, min: number, max: number): number {
    const n = parent === undefined ? undefined : child(parent, local);
    const t = this.text(parent, local);
    if (t === '') return min;
    if (!/^\d{1,3}$/.test(t) || Number(t) < min || Number(t) > max) {
      throw refuse('BAD_VALUE', `<${n!.name}> is "${t}": expected a whole number from ${min} to ${max}`, n!);
    }
    return Number(t);
  }

  private date(parent: XNode | undefined, local: string): string {
    const n = parent === undefined ? undefined : child(parent, local);
    const t = this.text(parent, local);
    if (t === '') return '';
    const d = readDate(t);
    if (d.form === 'bad')
      this.warn('BAD_DATE', `<${n!.name}> "${t}" is not a date (yyyy/MM/dd); left empty`, n!);
    else if (d.form !== 'standard') {
      this.warn(
        'DATE_FORMAT',
        `<${n!.name}> "${t}" is ${d.form === 'dmy' ? 'dd/MM/yyyy' : 'yyyy-MM-dd'}, not yyyy/MM/dd; read as ${d.iso}`,
        n!,
      );
    }
    return d.iso;
  }

  private timestamp(parent: XNode, local: string): number {
    const n = child(parent, local);
    const t = n?.text.trim() ?? '';
    if (t === '') return 0;
    const r = readTimestamp(t);
    if (r.form === 'bad') {
      this.warn('BAD_DATE', `<${n!.name}> "${t}" is not a timestamp (yyyy/MM/dd HH:mm:ss); read as 0`, n!);
    } else if (r.form === 'dmy') {
      this.warn('DATE_FORMAT', `<${n!.name}> "${t}" is dd/MM/yyyy, not yyyy/MM/dd`, n!);
    }
    return r.ms;
  }

  private agencyCode(code: string, at: XNode): void {
    if (code !== '' && !isAgencyCode(code)) {
      this.warn('AGENCY_CODE', `agency code "${code}" is not AAA.BB.CC.Xnn`, at);
    }
  }

  private warn(code: EdxmlWarningCode, message: string, at: XNode): void {
    this.warnings.push({ code, message, line: at.line, column: at.column });
  }
}

function isEdxml(n: XNode): boolean {
  return n.ns === EDXML_NS || n.ns === '';
}

function child(parent: XNode | undefined, local: string): XNode | undefined {
  return parent?.children.find((c) => c.local === local && isEdxml(c));
}

function children(parent: XNode, local: string): XNode[] {
  return parent.children.filter((c) => c.local === local && isEdxml(c));
}

function need(parent: XNode, local: string): XNode {
  const n = child(parent, local);
  if (n === undefined) throw refuse('NOT_EDXML', `<${parent.name}> has no ${local}`, parent);
  return n;
}

function refuse(code: EdxmlError['code'], reason: string, at: XNode): EdxmlError {
  return new EdxmlError(code, reason, { line: at.line, column: at.column });
}

/**
 * `lienthong edxml`: edXML packages on the local disk. `validate` reads each file with the codec's
 * streaming parser and prints its refusal (with line and column) or its warnings; `verify` checks
 * each package's XML signature against the trust anchors and CRLs given.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { EdxmlWarning, ParsedPackage, SignatureVerdict, SignatureVerdictCode } from '@lienthong/edxml';
import type * as Codec from '@lienthong/edxml';
import { EXIT, invalid } from '../errors';

/** The codec, loaded when an `edxml` command runs: the other commands start without it. */
const codec = (): Promise<typeof Codec> => import('@lienthong/edxml');
import { paint, colorEnabled, printJson, write } from '../output';

interface ValidateOptions {
  json?: boolean;
}

/** What `validate` found in one file (also its JSON form). */
export interface ValidateResult {
  file: string;
  valid: boolean;
  kind?: 'edoc' | 'status';
  documentId?: string;
  from?: string;
  statusCode?: string;
  recipients?: number;
  attachments?: number;
  error?: { code: string; message: string; line: number; column: number };
  warnings: EdxmlWarning[];
}

export async function validateFile(file: string): Promise<ValidateResult> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a regular file');
  } catch (e) {
    return {
      file,
      valid: false,
      error: { code: 'UNREADABLE', message: `cannot read: ${(e as Error).message}`, line: 0, column: 0 },
      warnings: [],
    };
  }
  let parsed: ParsedPackage;
  try {
    parsed = await (await codec()).parseEdxml(createReadStream(file), { keepAttachmentBytes: 0 });
  } catch (e) {
    if (!(e instanceof (await codec()).EdxmlError)) throw e;
    return { file, valid: false, error: e.toJSON(), warnings: [] };
  }
  const out: ValidateResult = { file, valid: true, kind: parsed.kind, warnings: parsed.warnings };
  if (parsed.kind === 'edoc') {
    out.documentId = parsed.header.documentId;
    out.from = parsed.header.from.organId;
    out.recipients = parsed.header.to.length;
    out.attachments = parsed.attachments.length;
  } else {
    out.documentId = parsed.header.responseFor.documentId;
    out.from = parsed.header.from.organId;
    out.statusCode = parsed.header.statusCode;
  }
  return out;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const at = (file: string, line: number, column: number): string =>
  line > 0 ? `${file}:${line}:${column}` : file;

export function formatValidate(r: ValidateResult, color = false): string {
  const lines: string[] = [];
  if (r.error !== undefined) {
    lines.push(
      `${at(r.file, r.error.line, r.error.column)}: ${paint.red(color)('error')} [${r.error.code}] ${r.error.message}`,
    );
    lines.push(`${r.file}: ${paint.red(color)('invalid')}`);
    return `${lines.join('\n')}\n`;
  }
  const byPosition = [...r.warnings].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const w of byPosition) {
    lines.push(`${at(r.file, w.line, w.column)}: ${paint.yellow(color)('warning')} [${w.code}] ${w.message}`);
  }
  const what =
    r.kind === 'edoc'
      ? `edoc ${r.documentId} from ${r.from}, ${plural(r.recipients ?? 0, 'recipient')}, ${plural(r.attachments ?? 0, 'attachment')}`
      : `status ${r.statusCode} from ${r.from} for ${r.documentId}`;
  lines.push(`${r.file}: ${paint.green(color)('valid')} ${what}, ${plural(r.warnings.length, 'warning')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Exit codes of `verify`, by the worst verdict among the files: 0 every signature valid, 3 a
 * package unsigned, 4 untrusted chain or certificate outside its validity at signing time, 5 a
 * certificate that does not parse, 6 a broken signature (invalid digest or signature value), 1 a
 * file that is not an acceptable package (or cannot be read), 2 usage error.
 */
export const VERIFY_EXIT: Record<SignatureVerdictCode | 'refused', number> = {
  valid: 0,
  unsigned: 3,
  untrusted_chain: 4,
  expired_at_signing: 4,
  malformed_certificate: 5,
  invalid_signature: 6,
  invalid_digest: 6,
  refused: 1,
};
const SEVERITY: (SignatureVerdictCode | 'refused')[] = [
  'valid',
  'unsigned',
  'untrusted_chain',
  'expired_at_signing',
  'malformed_certificate',
  'invalid_signature',
  'invalid_digest',
  'refused',
];

interface VerifyOptions {
  ca?: string[];
  crl?: string[];
  at?: string;
  json?: boolean;
}

export interface VerifyResult {
  file: string;
  verdict: SignatureVerdictCode | 'refused';
  result?: SignatureVerdict;
  error?: { code: string; message: string; line: number; column: number };
}

export function formatVerify(r: VerifyResult, color = false): string {
  if (r.result === undefined) {
    const e = r.error!;
    return `${at(r.file, e.line, e.column)}: ${paint.red(color)('refused')} [${e.code}] ${e.message}\n`;
  }
  const v = r.result;
  const mark =
    v.verdict === 'valid'
      ? paint.green(color)
      : v.verdict === 'unsigned'
        ? paint.yellow(color)
        : paint.red(color);
  const lines = [`${r.file}: ${mark(v.verdict)} — ${v.reason}`];
  const s = v.signer;
  if (s !== undefined) {
    lines.push(
      `  signer:    ${s.commonName}${s.identityNumber !== undefined ? ` (${s.identityNumber})` : ''}`,
    );
    lines.push(`  subject:   ${s.subject}`);
    lines.push(`  issuer:    ${s.issuer}`);
    lines.push(`  serial:    ${s.serialNumber}`);
    lines.push(`  validity:  ${s.notBefore} – ${s.notAfter}`);
  }
  if (v.checkedAt !== undefined)
    lines.push(`  judged at: ${v.checkedAt} (${(v.checkedAtSource ?? '').replace('_', ' ')})`);
  if (v.chain !== undefined && v.chain.length > 1) lines.push(`  chain:     ${v.chain.join(' → ')}`);
  if (v.revocation !== undefined) {
    lines.push(
      `  revoked:   ${v.revocation.revokedAt} (${v.revocation.beforeSigning ? 'before' : 'after'} signing), CRL of ${v.revocation.crlIssuer}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function readPems(files: string[] | undefined, what: string): string[] {
  return (files ?? []).map((f) => {
    try {
      return readFileSync(f, 'latin1');
    } catch (e) {
      throw invalid(`cannot read ${what} ${f}: ${(e as Error).message}`);
    }
  });
}

export async function verifyFile(
  file: string,
  opts: { trustAnchors: string[]; crls: (string | Uint8Array)[]; at?: Date },
): Promise<VerifyResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return {
      file,
      verdict: 'refused',
      error: { code: 'UNREADABLE', message: `cannot read: ${(e as Error).message}`, line: 0, column: 0 },
    };
  }
  try {
    const result = await (await codec()).verifyEdxmlSignature(bytes, opts);
    return { file, verdict: result.verdict, result };
  } catch (e) {
    if (!(e instanceof (await codec()).EdxmlError)) throw e;
    return { file, verdict: 'refused', error: e.toJSON() };
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerEdxml(program: Command): void {
  const edxml = program
    .command('edxml')
    .description(
      'edXML (QCVN 102:2016) packages: validate them, verify their signatures, send and fetch them through the HTTP gateway',
    );
  registerValidate(edxml);
  registerVerify(edxml);
}

function registerValidate(edxml: Command): void {
  edxml
    .command('validate')
    .description('read edXML packages as the gateway does: refusals with line and column, and warnings')
    .argument('<file...>', 'edXML package files')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      '\nExit code: 0 every file is valid, 1 a file is not (or cannot be read), 2 usage error.',
    )
    .action(async (files: string[], o: ValidateOptions) => {
      const results: ValidateResult[] = [];
      for (const f of files) {
        const r = await validateFile(f);
        results.push(r);
        if (!o.json) write(formatValidate(r, colorEnabled()));
      }
      if (o.json) printJson(results);
      process.exitCode = results.every((r) => r.valid) ? EXIT.ok : EXIT.failed;
    });
}

function registerVerify(edxml: Command): void {
  edxml
    .command('verify')
    .description("verify edXML packages' XML signatures: signer, issuer, validity and the verdict")
    .argument('<file...>', 'edXML package files')
    .option(
      '--ca <pem>',
      'a trust anchor (PEM file, one or more certificates); repeatable. None is trusted by default',
      collect,
    )
    .option('--crl <file>', 'a CRL (PEM or DER) to check revocation against; repeatable', collect)
    .option(
      '--at <time>',
      'receipt time (ISO 8601) when a package has no signing time nor promulgation date (default: now)',
    )
    .option('--json', 'print the verdicts as JSON')
    .addHelpText(
      'after',
      `
Verdicts: valid, invalid_digest, invalid_signature, untrusted_chain, expired_at_signing,
malformed_certificate, unsigned (docs/EDXML.md, Signatures).
Exit code (the worst file): 0 valid, 3 unsigned, 4 untrusted_chain or expired_at_signing,
5 malformed_certificate, 6 invalid_signature or invalid_digest, 1 a file is not an acceptable
package or cannot be read, 2 usage error.`,
    )
    .action(async (files: string[], o: VerifyOptions) => {
      const trustAnchors = readPems(o.ca, 'trust anchor');
      const crls = (o.crl ?? []).map((f) => {
        try {
          const raw = readFileSync(f);
          return raw.includes('-----BEGIN') ? raw.toString('latin1') : new Uint8Array(raw);
        } catch (e) {
          throw invalid(`cannot read CRL ${f}: ${(e as Error).message}`);
        }
      });
      let atTime: Date | undefined;
      if (o.at !== undefined) {
        atTime = new Date(o.at);
        if (Number.isNaN(atTime.getTime())) throw invalid(`--at: "${o.at}" is not an ISO 8601 time`);
      }
      const results: VerifyResult[] = [];
      for (const f of files) {
        let r: VerifyResult;
        try {
          r = await verifyFile(f, { trustAnchors, crls, ...(atTime !== undefined ? { at: atTime } : {}) });
        } catch (e) {
          if (e instanceof TypeError) throw invalid(e.message);
          throw e;
        }
        results.push(r);
        if (!o.json) write(formatVerify(r, colorEnabled()));
      }
      if (o.json) printJson(results);
      const worst = results.reduce(
        (w, r) => (SEVERITY.indexOf(r.verdict) > SEVERITY.indexOf(w) ? r.verdict : w),
        'valid' as SignatureVerdictCode | 'refused',
      );
      process.exitCode = VERIFY_EXIT[worst];
    });
}

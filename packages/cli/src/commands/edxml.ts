/**
 * `lienthong edxml`: edXML packages on the local disk. `validate` reads each file with the codec's
 * streaming parser and prints its refusal (with line and column) or its warnings.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { EdxmlError, parseEdxml } from '@lienthong/edxml';
import type { EdxmlWarning, ParsedPackage } from '@lienthong/edxml';
import { EXIT } from '../errors';
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
    parsed = await parseEdxml(createReadStream(file), { keepAttachmentBytes: 0 });
  } catch (e) {
    if (!(e instanceof EdxmlError)) throw e;
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

export function registerEdxml(program: Command): void {
  const edxml = program
    .command('edxml')
    .description('edXML (QCVN 102:2016) packages: validate them, verify their signatures');

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

import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { ErrorCode } from '@lienthong/core';
import { CliError, invalid } from '../errors';
import { printJson, write } from '../output';

/** The `edxml` command group: created by whichever file registers first (`edxml validate` lives apart). */
export function edxmlGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'edxml') ??
    program
      .command('edxml')
      .description('edXML packages (QCVN 102:2016): send and fetch them through the HTTP gateway')
  );
}

interface GatewayOptions {
  agency: string;
  url?: string;
  token?: string;
  json?: boolean;
}

const withGateway = (c: Command): Command =>
  c
    .requiredOption(
      '-a, --agency <code>',
      'the agency acting (with --no-auth brokers, sent as X-Lienthong-Agency)',
    )
    .option('-u, --url <url>', 'the gateway, e.g. http://127.0.0.1:9464/api/v1 (default: $LT_API)')
    .option(
      '--token <token>',
      "the agency's HTTP token (default: $LT_HTTP_TOKEN); none for --no-auth brokers",
    )
    .option('--json', 'print JSON');

/**
 * `lienthong edxml send FILE --agency CODE` and `lienthong edxml get ID --agency CODE -o FILE`:
 * what a document system does over HTTP, from the command line.
 */
export function registerEdxmlGateway(program: Command): void {
  const edxml = edxmlGroup(program);
  withGateway(
    edxml
      .command('send')
      .description('post one edXML package (an edoc or a Status package) for the agency; prints its id')
      .argument('<file>', 'the package'),
  ).action(async (file: string, o: GatewayOptions) => {
    const size = statSync(file).size;
    const res = await call(o, '/edocs', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as {
      id: string;
      documentId: string;
      messageType: string;
      warnings: string[];
      duplicate: boolean;
      statusCode?: string;
    };
    if (o.json) {
      printJson(body);
      return;
    }
    write(
      [
        `${body.duplicate ? 'already sent' : 'sent'} ${body.messageType}${body.statusCode ? ` ${body.statusCode}` : ''} ${body.documentId}`,
        ...body.warnings.map((w) => `  warning: ${w}`),
        body.id,
        '',
      ].join('\n'),
    );
  });
  withGateway(
    edxml
      .command('get')
      .description("write a received item's package bytes to a file (the sender's original, byte for byte)")
      .argument('<id>', 'the item id (from GET /api/v1/edocs/received)')
      .requiredOption('-o, --output <file>', 'where to write the package'),
  ).action(async (id: string, o: GatewayOptions & { output: string }) => {
    const res = await call(o, `/edocs/${encodeURIComponent(id)}`, { method: 'GET' });
    const bytes = Buffer.from(await res.arrayBuffer());
    writeFileSync(o.output, bytes);
    if (o.json) printJson({ id, output: o.output, bytes: bytes.length });
    else write(`wrote ${bytes.length} bytes to ${o.output}\n`);
  });
}

/** The gateway's codes that the SDK does not have. */
const HTTP_CODES: Record<string, ErrorCode> = {
  Unauthenticated: 'PermissionDenied',
  TooLarge: 'ResourceExhausted',
  UnsupportedMediaType: 'InvalidArgument',
};

async function call(o: GatewayOptions, path: string, init: RequestInit): Promise<Response> {
  const base = (o.url ?? process.env.LT_API ?? '').replace(/\/+$/, '');
  if (!base) throw invalid('where is the gateway? pass --url http://HOST:PORT/api/v1 or set LT_API');
  const token = o.token ?? process.env.LT_HTTP_TOKEN;
  const headers = new Headers(init.headers);
  headers.set('x-lienthong-agency', o.agency);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { ...init, headers });
  } catch (e) {
    throw new CliError('Unavailable', `cannot reach the gateway at ${base}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (res.ok) return res;
  let code: ErrorCode = 'Internal';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { code?: string; message?: string; details?: Record<string, unknown> };
    code = (HTTP_CODES[body.code ?? ''] ?? body.code ?? code) as ErrorCode;
    message = `${body.code ? `${body.code}: ` : ''}${body.message ?? message}${
      body.details && 'line' in body.details
        ? ` [line ${String(body.details['line'])}, column ${String(body.details['column'])}]`
        : ''
    }`;
  } catch {
    // Not JSON: keep the status line.
  }
  const retry = res.headers.get('retry-after');
  throw new CliError(code, message, retry ? { hint: `retry after ${retry} s` } : {});
}

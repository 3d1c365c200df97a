import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { ErrorCode } from '@lienthong/core';
import { CliError, invalid, unreadable } from '../errors';
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
  agency?: string;
  url?: string;
  token?: string;
  json?: boolean;
}

const withGateway = (c: Command): Command =>
  c
    .option(
      '-a, --agency <code>',
      'the agency acting: needed by --no-auth brokers (sent as X-Lienthong-Agency); with a token, the token names it',
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
    const size = packageSize(file);
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
    assertWritable(o.output);
    const res = await call(o, `/edocs/${encodeURIComponent(id)}`, { method: 'GET' });
    const bytes = Buffer.from(await res.arrayBuffer());
    try {
      writeFileSync(o.output, bytes);
    } catch (e) {
      throw new CliError('FailedPrecondition', `cannot write ${o.output}: ${(e as Error).message}`, {
        cause: e,
      });
    }
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

/** Refuses an -o that names a directory or lies in one that does not exist, before anything is fetched. */
function assertWritable(file: string): void {
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw invalid(`-o ${file} is a directory`, 'name the file to write, e.g. -o received.edxml');
  }
  const dir = dirname(resolve(file));
  if (!existsSync(dir)) throw invalid(`-o ${file}: the directory ${dir} does not exist`);
}

/** The package's size, or a one-line refusal when FILE cannot be read. */
function packageSize(file: string): number {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new CliError('NotFound', `cannot read the package ${file}: ${unreadable(e)}`, {
      hint: 'check the path of the edXML file',
    });
  }
  if (!st.isFile()) throw invalid(`${file} is not a file`, 'pass the path of one edXML package');
  return st.size;
}

const URL_HINT = '`lienthong up --http-port PORT` prints it as "api:" (http://127.0.0.1:PORT/api/v1)';

/** The gateway's base URL from --url or LT_API, refused unless it is an http(s) URL. */
function gatewayBase(o: GatewayOptions): string {
  const base = (o.url ?? process.env.LT_API ?? '').replace(/\/+$/, '');
  if (!base)
    throw invalid('where is the gateway? pass --url http://HOST:PORT/api/v1 or set LT_API', URL_HINT);
  const url = URL.canParse(base) ? new URL(base) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw invalid(
      `--url ${base} is not an http:// or https:// URL`,
      url?.protocol === 'nats:' || url?.protocol === 'tls:'
        ? // Another port, not another scheme: the NATS port does not speak HTTP.
          `that is the broker's NATS URL; the gateway is on the node's HTTP port: ${URL_HINT}`
        : `for example http://${base.replace(/^\w+:\/\//, '')}`,
    );
  }
  return base;
}

/** Why fetch failed, in a few words: the socket error's code when there is one. */
function fetchFailure(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  // The fetch standard blocks ports of other protocols (1, 21, 22, 25, 6000 …): no request leaves.
  if (cause?.message === 'bad port')
    return 'its port is one HTTP clients refuse to use (kept for another protocol)';
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

/** A hint for the gateway's refusals a person can act on. */
function refusalHint(status: number, body: { code?: string; message?: string }): string | undefined {
  if (body.code === 'Unauthenticated') {
    return "pass the agency's token with --token (or LT_HTTP_TOKEN): `lienthong creds issue agency CODE --http-token --data DIR` prints it as the last line";
  }
  if (status === 404 && body.message?.startsWith('no route'))
    return `check --url: it ends in /api/v1; ${URL_HINT}`;
  return undefined;
}

async function call(o: GatewayOptions, path: string, init: RequestInit): Promise<Response> {
  const base = gatewayBase(o);
  const token = o.token ?? process.env.LT_HTTP_TOKEN;
  if (!o.agency && !token) {
    throw invalid(
      'which agency? pass its --token (or set LT_HTTP_TOKEN), or --agency CODE for a --no-auth broker',
      "`lienthong creds issue agency CODE --http-token --data DIR` prints an agency's token as the last line",
    );
  }
  const headers = new Headers(init.headers);
  if (o.agency) headers.set('x-lienthong-agency', o.agency);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { ...init, headers });
  } catch (e) {
    throw new CliError('Unavailable', `cannot reach the gateway at ${base}: ${fetchFailure(e)}`, {
      hint: `check --url; ${URL_HINT}`,
      cause: e,
    });
  }
  if (res.ok) return res;
  let code: ErrorCode = 'Internal';
  let message = `HTTP ${res.status} ${res.statusText}`;
  let hint: string | undefined;
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    code = (HTTP_CODES[body.code ?? ''] ?? body.code ?? code) as ErrorCode;
    // The gateway's own code is kept in the message only where the CLI's differs (401 → PermissionDenied).
    const prefix = body.code && body.code !== code ? `${body.code}: ` : '';
    message = `${prefix}${body.message ?? message}`;
    hint = refusalHint(res.status, body);
  } catch {
    // Not JSON: keep the status line.
  }
  const retry = res.headers.get('retry-after');
  if (retry) hint = `retry after ${retry} s`;
  throw new CliError(code, message, hint === undefined ? {} : { hint });
}

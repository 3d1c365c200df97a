/**
 * The code in the READMEs runs: the root README's "Plug in a document system" snippet and every
 * ```ts block of packages/sdk/README.md are type-checked against the packages' sources, transpiled
 * with TypeScript, and executed against a real nats-server and node hosting the demo tree. The
 * servers URL in them is replaced by the test server's; `for await` loops, which run forever in a
 * real worker, end once they have been idle for a moment; every client they open is closed after.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import * as sdk from '@lienthong/sdk';
import { BusinessStatus, TransportState } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

const ROOT = resolve(__dirname, '..');
const README_URL = 'nats://127.0.0.1:4222';

/** The ```ts blocks of a markdown file, all of them or the first one after `marker`. */
function tsBlocks(file: string, marker?: string): string[] {
  let text = readFileSync(resolve(ROOT, file), 'utf8');
  if (marker !== undefined) {
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`${file}: marker '${marker}' not found`);
    text = text.slice(at);
  }
  const blocks = [...text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map((m) =>
    m[2]!
      .split('\n')
      .map((line) => line.slice(m[1]!.length))
      .join('\n'),
  );
  return marker !== undefined ? blocks.slice(0, 1) : blocks;
}

/** A snippet as a module: its imports on top, the rest in an async function (it uses top-level await). */
function asModule(snippet: string): string {
  const lines = snippet.split('\n');
  const imports = lines.filter((l) => /^import\s/.test(l));
  const body = lines.filter((l) => !/^import\s/.test(l));
  return `${imports.join('\n')}\nexport async function snippet(): Promise<void> {\n${body.join('\n')}\n}\n`;
}

/**
 * Type-checks snippets against the packages' sources, as a user's project would see them. It runs
 * in a child process: the compiler is several times slower inside Jest's module sandbox.
 */
async function typeCheck(snippets: readonly string[]): Promise<string[]> {
  const files = Object.fromEntries(
    snippets.map((s, i) => [resolve(ROOT, 'tests', `__readme_snippet_${i + 1}.ts`), asModule(s)]),
  );
  const child = spawn(process.execPath, ['-e', TYPE_CHECK_SCRIPT, ROOT], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(files));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`type check exited with ${code}: ${out}`);
  return JSON.parse(out) as string[];
}

const TYPE_CHECK_SCRIPT = `
const path = require('node:path');
const root = process.argv[1];
const ts = require(require.resolve('typescript', { paths: [root] }));
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const files = new Map(Object.entries(JSON.parse(input)));
  const options = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    esModuleInterop: true,
    noEmit: true,
    types: ['node'],
    paths: { '@lienthong/*': [path.join(root, 'packages/*/src/index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    files.has(path.resolve(name)) ? ts.createSourceFile(name, files.get(path.resolve(name)), lang) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : '?';
    const name = d.file ? path.relative(root, d.file.fileName) : '(options)';
    return name + ':' + at + ': ' + ts.flattenDiagnosticMessageText(d.messageText, '\\n');
  });
  process.stdout.write(JSON.stringify(problems));
});
`;

/** Wraps the iterable of every `for await` loop in `__bounded(…)`. */
const boundLoops: ts.TransformerFactory<ts.SourceFile> = (ctx) => (file) => {
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      return ctx.factory.updateForOfStatement(
        node,
        node.awaitModifier,
        node.initializer,
        ctx.factory.createCallExpression(ctx.factory.createIdentifier('__bounded'), undefined, [
          ts.visitNode(node.expression, visit) as ts.Expression,
        ]),
        ts.visitNode(node.statement, visit) as ts.Statement,
      );
    }
    return ts.visitEachChild(node, visit, ctx);
  };
  return ts.visitNode(file, visit) as ts.SourceFile;
};

const IDLE = Symbol('idle');

/** `p`, or IDLE after `ms`; the timer never outlives the race. */
async function orIdle<T>(p: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<typeof IDLE>((r) => (timer = setTimeout(() => r(IDLE), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Yields from `source` until it has been idle for `idleMs` (or `maxMs` in all); then stops it (an
 * Inbox or a Tracker has `stop()`), which ends the loop the way a worker's shutdown would.
 */
async function* bounded<T>(source: AsyncIterable<T>, idleMs = 1_500, maxMs = 20_000): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const deadline = Date.now() + maxMs;
  let exhausted = false;
  try {
    for (;;) {
      const next = it.next();
      const r = await orIdle(next, Math.max(Math.min(idleMs, deadline - Date.now()), 0));
      if (r === IDLE) {
        await (source as { stop?: () => Promise<void> }).stop?.();
        await orIdle(next, 2_000);
        exhausted = true;
        return;
      }
      if (r.done) {
        exhausted = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!exhausted) await it.return?.();
  }
}

type Snippet = (...args: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => Snippet;

/** Transpiles and runs one snippet; returns what it printed. Clients it connects are kept in `opened`. */
async function runSnippet(snippet: string, url: string, opened: LienthongClient[]): Promise<string[]> {
  const source = snippet.replaceAll(README_URL, url);
  const js = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    transformers: { before: [boundLoops] },
  }).outputText;
  const printed: string[] = [];
  const print = (...args: unknown[]): void => void printed.push(args.map(String).join(' '));
  const fakeConsole = { log: print, info: print, warn: print, error: print };
  const connect: typeof sdk.connect = async (opts) => {
    const c = await sdk.connect(opts);
    opened.push(c);
    return c;
  };
  const requireFor = (name: string): unknown => {
    if (name !== '@lienthong/sdk') throw new Error(`README snippets import @lienthong/sdk only, not ${name}`);
    return { ...sdk, connect };
  };
  const exports = {};
  await new AsyncFunction('require', 'exports', 'module', 'console', '__bounded', js)(
    requireFor,
    exports,
    { exports },
    fakeConsole,
    bounded,
  );
  return printed;
}

const rootSnippet = tsBlocks('README.md', 'Plug in a document system');

/** The ```js blocks of a markdown file after `marker` (the plain-JavaScript variants). */
function jsBlocks(file: string, marker: string): string[] {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file}: marker '${marker}' not found`);
  return [...text.slice(at).matchAll(/^( *)```js\n([\s\S]*?)^\1```/gm)].map((m) =>
    m[2]!
      .split('\n')
      .map((line) => line.slice(m[1]!.length))
      .join('\n'),
  );
}

/** Runs a plain-JavaScript snippet as the README says: saved as an .mjs file, `node file.mjs`. */
async function runJs(
  snippet: string,
  url: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = resolve(ROOT, 'tests', `__readme_js_${process.pid}.mjs`);
  writeFileSync(file, snippet.replaceAll(README_URL, url));
  try {
    const child = spawn(process.execPath, [file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearTimeout(timer);
    return { code, stdout, stderr };
  } finally {
    rmSync(file, { force: true });
  }
}
const sdkSnippets = tsBlocks('packages/sdk/README.md');

it('README snippets type-check against the packages’ sources', async () => {
  expect(rootSnippet).toHaveLength(1);
  expect(sdkSnippets.length).toBeGreaterThanOrEqual(9);
  expect(await typeCheck([...rootSnippet, ...sdkSnippets])).toEqual([]);
}, 60_000);

describe('README snippets run', () => {
  let server: NatsServer | undefined;
  let node: RunningNode | undefined;
  const opened: LienthongClient[] = [];

  beforeEach(async () => {
    server = await startNatsServer();
    node = await startNode(
      {
        servers: server.url,
        topology: loadTopologyFile(resolve(ROOT, 'deploy/topology.demo.json')),
        name: 'lt-readme',
      },
      { logger: createLogger({ name: 'lt-readme', level: 'silent' }) },
    );
  }, 20_000);

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((c) => c.close()));
    await node?.stop().catch(() => undefined);
    await server?.cleanup().catch(() => undefined);
  }, 20_000);

  it('README.md “Plug in a document system”: sends, and the recipient confirms and accepts', async () => {
    const printed = await runSnippet(rootSnippet[0]!, server!.url, opened);
    // The sender's loop printed the changes it saw before the recipient connected.
    expect(printed.some((l) => l.startsWith('000.00.00.G22'))).toBe(true);
    const sender = await sdk.connect({ servers: server!.url, agency: '000.01.43.H41' });
    opened.push(sender);
    const records = await sender.snapshot('000.01.43.H41,2026/11/22,15/UBND-VP');
    const g22 = records.find((r) => r.recipient === '000.00.00.G22');
    expect(g22).toMatchObject({
      transport: TransportState.TRANSPORT_STATE_FETCHED,
      business: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
    });
    expect(records.map((r) => r.recipient).sort()).toEqual(['000.00.00.G22', '000.00.00.H41']);
  }, 45_000);

  it('README.md: the plain-JavaScript variant runs with node as written (no await using)', async () => {
    const js = jsBlocks('README.md', 'Plug in a document system');
    expect(js.length).toBeGreaterThanOrEqual(1);
    expect(js[0]).not.toContain('await using');
    const { code, stdout, stderr } = await runJs(js[0]!, server!.url);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('000.00.00.G22 FETCHED 03 ACCEPTED\n');
  }, 45_000);

  it('plain JavaScript on Node 20 rejects `await using`, which is why the variant exists', async () => {
    const { code, stderr } = await runJs(
      "import { connect } from '@lienthong/sdk';\nawait using c = await connect({ servers: 'nats://127.0.0.1:4222', agency: '000.01.43.H41' });\n",
      server!.url,
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain('SyntaxError');
  });

  it('packages/sdk/README.md: the guide, run in order, does what it says', async () => {
    const printed: string[] = [];
    for (const [i, snippet] of sdkSnippets.entries()) {
      try {
        printed.push(...(await runSnippet(snippet, server!.url, opened)));
      } catch (e) {
        throw new Error(`packages/sdk/README.md snippet ${i + 1} failed: ${String(e)}\n${snippet}`, {
          cause: e,
        });
      }
    }
    expect(printed).toContain('connected as 000.01.43.H41, home node h41-yenthanh-xa1');
    expect(printed.some((l) => l.startsWith('refused before sending:'))).toBe(true);
    expect(printed).toContain(
      '000.01.43.H41,2026/12/01,7/UBND-VP: 3 refused at h41-yenthanh-xa1: UNKNOWN_DOCUMENT',
    );
    expect(printed).toContain('uploaded ho-so.pdf: 3145728 bytes');
    expect(printed).toContain('ho-so.pdf: 3145728 bytes, stored: true');

    const sender = await sdk.connect({ servers: server!.url, agency: '000.01.43.H41' });
    opened.push(sender);
    const byRecipient = new Map(
      (await sender.snapshot('000.01.43.H41,2026/11/22,15/UBND-VP')).map((r) => [r.recipient, r]),
    );
    expect(byRecipient.get('000.00.00.G22')).toMatchObject({
      business: BusinessStatus.BUSINESS_STATUS_COMPLETED,
      recallRequested: true,
    });
    expect(byRecipient.get('000.00.00.H41')).toMatchObject({
      business: BusinessStatus.BUSINESS_STATUS_REJECTED,
      recallRequested: true,
    });
    const sent = (await sender.sent()).map((d) => d.documentId.split(',')[2]);
    expect(sent.sort()).toEqual(['14/UBND-VP', '15/UBND-VP', '17/UBND-VP', '18/UBND-VP', '19/UBND-VP']);
    expect(printed).toContain('000.00.00.G22 FETCHED 03 ACCEPTED');
    // timelines print names, never raw numbers: `<atMs> <node> <state> <description>`
    const timeline = printed.filter((l) => /^ {4}\d{13} /.test(l));
    expect(timeline.length).toBeGreaterThan(0);
    for (const l of timeline) expect(l).toMatch(/^ {4}\d{13} \S* ?(-|[A-Z_]+|\d\d [A-Z_]+)( |$)/);
    expect(timeline.some((l) => / 06 COMPLETED( |$)/.test(l))).toBe(true);
    const update = await sender.snapshot('000.01.43.H41,2026/11/22,17/UBND-VP');
    expect(update.map((r) => r.recipient).sort()).toEqual([
      '000.00.00.G22',
      '000.00.00.H41',
      '000.00.01.H41',
    ]);
  }, 60_000);
});

/**
 * A third party installs what `scripts/pack.mjs` packs, as README.md says: `npm install <tarball>`
 * into an empty directory, outside the workspace (no workspace links, no patched dependency), then
 * a small program sends a document through a real node on a real nats-server, in CommonJS and as
 * an ES module; its TypeScript compiles against the published types; the CLI tarball gives a
 * working `lienthong` command that hosts the demo tree.
 *
 * npm fetches the third-party dependencies (nats.js, protobufjs, pino, …) from the registry, or its
 * cache (`--prefer-offline`).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..');
const SENDER = '000.01.43.H41';
const CENTRE = '000.00.00.G22';

let work: string;
let tarballs: { sdk: string; cli: string };
let broker: DemoBroker;

function npmInstall(dir: string, tarball: string): void {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'third-party', private: true }));
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_workspaces: 'false' },
    },
  );
}

/** Runs `node ...args` in `dir` without blocking this process, whose event loop runs the node. */
function run(dir: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`node ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
    });
  });
}

const PROGRAM = (documentNumber: number): string => `
  const { servers } = { servers: process.argv[2] };
  const documentId = '${SENDER},2026/11/22,${documentNumber}/UBND-VP';
  const sender = await connect({ servers, agency: '${SENDER}' });
  const receipt = await sender.send({ documentId, subject: 'Gửi từ một chương trình bên ngoài', to: [{ code: '${CENTRE}' }] });
  const recipient = await connect({ servers, agency: '${CENTRE}' });
  let received;
  for await (const item of recipient.inbox()) {
    if (item.documentId !== documentId) { await item.ack(); continue; }
    await item.ack();
    await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    received = { documentId: item.documentId, subject: item.document.subject };
    break;
  }
  await recipient.close();
  await sender.close();
  console.log(JSON.stringify({ documentId: receipt.documentId, received }));
`;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lt-packaging-'));
  const out = path.join(work, 'tarballs');
  const printed = execFileSync(process.execPath, [path.join(ROOT, 'scripts/pack.mjs'), '--out', out], {
    encoding: 'utf8',
  });
  const file = (name: string): string => {
    const m = new RegExp(`^(\\S+/lienthong-${name}-[0-9.]+\\.tgz)`, 'm').exec(printed);
    if (!m) throw new Error(`no ${name} tarball in:\n${printed}`);
    return m[1]!;
  };
  tarballs = { sdk: file('sdk'), cli: file('cli') };
  broker = await startDemoBroker('packaging');
});

afterAll(async () => {
  await broker?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed SDK', () => {
  let app: string;

  beforeAll(() => {
    app = path.join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    npmInstall(app, tarballs.sdk);
  });

  it('installs alone: the workspace packages it needs are inside, nothing links back to the workspace', () => {
    const installed = JSON.parse(
      readFileSync(path.join(app, 'node_modules/@lienthong/sdk/package.json'), 'utf8'),
    ) as {
      dependencies: Record<string, string>;
      exports: Record<string, unknown>;
    };
    for (const range of Object.values(installed.dependencies))
      expect(range).not.toMatch(/workspace:|file:|link:/);
    expect(installed.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    // resolved as Node resolves it for the SDK: inside the installed tarball
    const resolved = execFileSync(
      process.execPath,
      [
        '-p',
        `require.resolve('@lienthong/core', { paths: [${JSON.stringify(path.join(app, 'node_modules/@lienthong/sdk'))}] })`,
      ],
      { cwd: app, encoding: 'utf8' },
    ).trim();
    expect(resolved).toBe(
      path.join(app, 'node_modules/@lienthong/sdk/node_modules/@lienthong/core/dist/index.js'),
    );
    // the upstream nats-core, not the workspace's patched copy: the SDK does not need the patch
    const request = readFileSync(path.join(app, 'node_modules/@nats-io/nats-core/lib/request.js'), 'utf8');
    expect(request).not.toContain('One shared error');
  });

  it('sends and receives a document from a CommonJS program', async () => {
    writeFileSync(
      path.join(app, 'send.cjs'),
      `const { connect, BusinessStatus } = require('@lienthong/sdk');\n(async () => {${PROGRAM(1)}})().catch((e) => { console.error(e); process.exit(1); });\n`,
    );
    const out = JSON.parse(await run(app, ['send.cjs', broker.server.url])) as {
      documentId: string;
      received: unknown;
    };
    expect(out).toEqual({
      documentId: `${SENDER},2026/11/22,1/UBND-VP`,
      received: {
        documentId: `${SENDER},2026/11/22,1/UBND-VP`,
        subject: 'Gửi từ một chương trình bên ngoài',
      },
    });
  });

  it('sends and receives a document from an ES module', async () => {
    writeFileSync(
      path.join(app, 'send.mjs'),
      `import { connect, BusinessStatus } from '@lienthong/sdk';\n${PROGRAM(2)}\n`,
    );
    const out = JSON.parse(await run(app, ['send.mjs', broker.server.url])) as {
      received: { documentId: string };
    };
    expect(out.received.documentId).toBe(`${SENDER},2026/11/22,2/UBND-VP`);
  });

  it('type-checks a TypeScript program against the published types (node16 resolution, exports map)', () => {
    writeFileSync(
      path.join(app, 'send.ts'),
      `import { connect, BusinessStatus, TransportState, LienthongError } from '@lienthong/sdk';
import type { LienthongClient, TrackingRecord } from '@lienthong/sdk';
export async function main(servers: string): Promise<void> {
  const sender: LienthongClient = await connect({ servers, agency: '${SENDER}' });
  const tracker = await sender.track('${SENDER},2026/11/22,3/UBND-VP');
  const records: readonly TrackingRecord[] = tracker.records;
  for (const r of records) console.log(r.recipient, TransportState[r.transport], BusinessStatus[r.business]);
  const e: unknown = undefined;
  if (e instanceof LienthongError) console.log(e.code);
  await tracker.stop();
  await sender.close();
}
`,
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = execFileSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'node16',
        '--moduleResolution',
        'node16',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        path.join(ROOT, 'node_modules/@types'),
        'send.ts',
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(result).toBe('');
  });
});

describe('the packed CLI', () => {
  let app: string;

  beforeAll(() => {
    app = path.join(work, 'ops');
    execFileSync('mkdir', ['-p', app]);
    npmInstall(app, tarballs.cli);
  });

  it('gives a lienthong command that reads a running broker', () => {
    const bin = path.join(app, 'node_modules/.bin/lienthong');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe('0.1.0');
    const table = execFileSync(bin, ['node', 'ls', '-s', broker.server.url], { encoding: 'utf8' });
    expect(table).toMatch(/^ {4}h41-yenthanh\s+district\s+h41\s+/m);
  });

  it('lienthong bench, which runs from a checkout, says so instead of failing in bash', () => {
    const bin = path.join(app, 'node_modules/.bin/lienthong');
    const run = spawnSync(bin, ['bench', '--quick'], { cwd: app, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'lienthong: [FailedPrecondition] the benchmarks run from a checkout of lienthong',
    );
    expect(run.stderr).toContain('hint: clone the repository and run scripts/bench.sh');
  });

  it('lienthong up hosts the demo tree from the installed package and stops on Ctrl-C', async () => {
    const bin = path.join(app, 'node_modules/.bin/lienthong');
    const up = spawn(bin, ['up', '--no-auth'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    up.stdout.on('data', (b: Buffer) => (out += b.toString()));
    up.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const closed = new Promise<number | null>((r) => up.on('close', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Ctrl-C drains and stops') && up.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toMatch(/nodes: {3}11 \(vn, h41, /);
    up.kill('SIGINT');
    expect(await closed).toBe(0);
  });
});

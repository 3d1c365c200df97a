/**
 * README step 5, "Plug in an edXML system over HTTP", run as written: its shell block, with only the
 * values a user copies from `up`'s banner filled in (NATS URL, data directory, HTTP port), against
 * `lienthong up --http-port` with credentials, using the example packages in examples/edxml (copied to
 * a temporary directory so the run writes nothing into the repository).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brokerForSuite, eventually, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const MARKER = '**Plug in an edXML system over HTTP**';

/** The first ```sh block after the marker, without its fence and indentation. */
function readmeBlock(): string {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = text.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md: '${MARKER}' not found`);
  const open = text.indexOf('```sh\n', at);
  const close = text.indexOf('```', open + 6);
  return text
    .slice(open + 6, close)
    .split('\n')
    .map((l) => l.replace(/^ {3}/, ''))
    .join('\n');
}

/** Replaces exactly one occurrence of `from`; a README that no longer has it fails the test. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === 'string'
      ? text.split(from).length - 1
      : (text.match(new RegExp(from.source, `${from.flags}g`)) ?? []).length;
  if (count !== 1) throw new Error(`README block: expected one ${String(from)}, found ${count}`);
  return text.replace(from, to);
}

function bash(script: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { cwd, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('README: the HTTP cycle with curl', () => {
  const suite = brokerForSuite({ http: true, auth: true });

  it('posts the example package, fetches the same bytes, acks, posts 03; the sender tracking shows 03', async () => {
    const { broker } = suite;
    const work = tempDir('lt-readme-http-');
    for (const f of readdirSync(path.join(ROOT, 'examples/edxml')))
      copyFileSync(path.join(ROOT, 'examples/edxml', f), path.join(work, f));
    const api = `${broker.httpUrl!}/api/v1`;
    let script = readmeBlock();
    script = replaceOnce(script, /^NATS=.*$/m, `NATS=${broker.url}`);
    script = replaceOnce(script, /^DATA=.*$/m, `DATA=${broker.dataDir}`);
    script = replaceOnce(script, 'API=http://127.0.0.1:9464/api/v1', `API=${api}`);
    script = replaceOnce(script, /^cd examples\/edxml\b.*$/m, `cd ${work}`);
    // `pnpm -s lienthong` is the repository's script; the same CLI, called directly.
    script = script.replaceAll('pnpm -s lienthong', `node ${path.join(ROOT, 'packages/cli/dist/main.js')}`);
    // The token is printed at the end, so the test can ask the sender's tracking again afterwards.
    const run = await bash(`${script}\necho "TOKEN=$G22"`, ROOT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"messageType":"edoc"');
    expect(run.stdout).toContain('the same bytes');
    expect(run.stdout).toContain('"acknowledged":true');
    expect(run.stdout).toContain('"messageType":"status","warnings":[],"duplicate":false,"statusCode":"03"');
    expect(readFileSync(path.join(work, 'received.edxml'))).toEqual(
      readFileSync(path.join(work, 'package.edxml')),
    );

    // The last command of the block may run before the 03 reached the sender's tracking: ask again.
    const g22 = /TOKEN=(\S+)/.exec(run.stdout)![1]!;
    const sent = await eventually(async () => {
      const r = await fetch(
        `${api}/edocs/sent?documentId=${encodeURIComponent('000.00.00.G22,2026/12/02,15/VPCP')}`,
        {
          headers: { authorization: `Bearer ${g22}` },
        },
      );
      const body = (await r.json()) as { recipient: string; statusCode?: string }[];
      if (body[0]?.statusCode !== '03') throw new Error(`not yet 03: ${JSON.stringify(body)}`);
      return body;
    });
    expect(sent.map((s) => [s.recipient, s.statusCode])).toEqual([['000.00.00.H41', '03']]);
  }, 90_000);
});

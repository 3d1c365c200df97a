/**
 * What a person gets wrong: no server, a wrong flag, refused credentials; and the contexts that
 * save typing the server every time.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { cliEnv, freePort, json, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(30_000);

describe('errors a person hits', () => {
  let auth: NatsServer | undefined;

  afterAll(async () => {
    try {
      await auth?.cleanup();
    } finally {
      await killAll();
    }
  });

  it('server down: says which server and what to do, no stack trace; check is CRITICAL', async () => {
    const port = await freePort();
    const r = await lienthong(['node', 'ls', '-s', `nats://127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `lienthong: [Unavailable] cannot reach NATS at nats://127.0.0.1:${port}: is \`lienthong up\` running? (use -s to pick a server)\n`,
    );
    const debug = await lienthong(['node', 'ls', '-s', `nats://127.0.0.1:${port}`, '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /); // --debug adds the stack

    // LT_SERVER is the default server
    const env = await lienthong(['dlq', 'ls'], { env: cliEnv({ LT_SERVER: `nats://127.0.0.1:${port}` }) });
    expect(env.stderr).toContain(`cannot reach NATS at nats://127.0.0.1:${port}`);

    const check = await lienthong(['check', '-s', `nats://127.0.0.1:${port}`]);
    expect(check.code).toBe(2);
    expect(check.stdout).toBe(
      `LIENTHONG CRITICAL - cannot reach NATS at nats://127.0.0.1:${port}: is \`lienthong up\` running? (use -s to pick a server)\n`,
    );
  });

  it('a NATS server no lienthong node has set up: the commands say so; check is CRITICAL, naming the missing streams', async () => {
    const bare = await startNatsServer();
    try {
      const ls = await lienthong(['node', 'ls', '-s', bare.url]);
      expect(ls.code).toBe(1);
      expect(ls.stderr).toContain('hint: no lienthong node has started on this server yet');
      const check = await lienthong(['check', '-s', bare.url]);
      expect(check.code).toBe(2);
      expect(check.stdout).toMatch(
        /^LIENTHONG CRITICAL - streams missing: LT_SUBMIT, LT_RELAY, LT_INBOX, LT_TRACK, LT_DEAD \|/,
      );
    } finally {
      await bare.cleanup();
    }
  });

  it("bad flags: commander's message and exit code 2 (3, UNKNOWN, for check)", async () => {
    const unknown = await lienthong(['node', 'ls', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown option '--bogus'/);
    const badValue = await lienthong(['stats', '--window', 'soon']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain("option '--window <duration>' argument 'soon' is invalid");
    const badCode = await lienthong(['doc', 'send', 'x.json', '--to', '000.00.00.H4*']);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toContain('not agency codes (AAA.BB.CC.Xnn): 000.00.00.H4*');
    // A misspelt Document field is named, with the fields there are (not the class's methods).
    const misspelt = path.join(tempDir('lt-cli-doc-'), 'doc.json');
    writeFileSync(misspelt, JSON.stringify({ documentId: '000.00.00.G22,2026/12/05,1/VPCP', subjct: 'x' }));
    const field = await lienthong(['doc', 'send', misspelt, '--to', '000.00.00.H41']);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('unknown Document field subjct');
    expect(field.stderr).toMatch(/hint: fields are the proto names in camelCase: documentId, .*subject/);
    expect(field.stderr).not.toContain('toJSON');
    const noCommand = await lienthong(['nodes']);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toMatch(/unknown command 'nodes'[\s\S]*Did you mean node\?/);
    const check = await lienthong(['check', '--max-dead', 'many']);
    expect(check.code).toBe(3);
    expect(check.stdout).toMatch(/^LIENTHONG UNKNOWN - option '--max-dead <n>' argument 'many' is invalid/);
    const help = await lienthong(['dlq', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/replay \[options\] \[seq\.\.\.\]/);
  });

  it('refused credentials name the --creds file as the thing to fix', async () => {
    auth = await startNatsServer({
      jetstream: false,
      extraConfig: 'authorization { user: ops, password: s3cret }',
    });
    const dir = tempDir('lt-cli-creds-');
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ user: 'ops', pass: 'nope' }));
    const r = await lienthong(['node', 'ls', '-s', auth.url, '--creds', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[PermissionDenied\] NATS at nats:\/\/127\.0\.0\.1:\d+ refused/);
    expect(r.stderr).toContain('hint: check the --creds file (nkey seed, user/password or token)');

    // right credentials get through to the next problem: no JetStream there
    const right = path.join(dir, 'right.json');
    writeFileSync(right, JSON.stringify({ user: 'ops', pass: 's3cret' }));
    const ok = await lienthong(['node', 'ls', '-s', auth.url, '--creds', right]);
    expect(ok.code).toBe(1);
    expect(ok.stderr).toMatch(
      /JetStream does not answer through the NATS server at 127\.0\.0\.1:\d+: the server has no JetStream of its own/,
    );

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"password":"x"}');
    const unusable = await lienthong(['node', 'ls', '--creds', bad]);
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toContain('holds neither a user and pass nor a token');
  });

  it('contexts: add, ls, use, rm; a selected context picks the server', async () => {
    const env = cliEnv();
    const port = await freePort();
    const add = await lienthong(
      ['context', 'add', 'h41', '-s', `nats://127.0.0.1:${port}`, '--description', 'Nghệ An'],
      {
        env,
      },
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toBe(`added context h41: nats://127.0.0.1:${port}\n`);
    expect((await lienthong(['context', 'add', 'vn', '-s', 'nats://127.0.0.1:1'], { env })).code).toBe(0);
    expect((await lienthong(['context', 'use', 'h41'], { env })).code).toBe(0);

    const ls = json<{ name: string; selected: boolean; server: string }[]>(
      await lienthong(['context', 'ls', '--json'], { env }),
    );
    expect(ls.map((c) => [c.name, c.selected])).toEqual([
      ['h41', true],
      ['vn', false],
    ]);
    expect((await lienthong(['context', 'ls'], { env })).stdout).toMatch(
      /^\*\s+h41\s+nats:\/\/127\.0\.0\.1:\d+\s+-\s+-\s+Nghệ An$/m,
    );

    // the selected context, then --context, then -s
    expect((await lienthong(['node', 'ls'], { env })).stderr).toContain(`nats://127.0.0.1:${port}:`);
    expect((await lienthong(['node', 'ls', '--context', 'vn'], { env })).stderr).toContain(
      'nats://127.0.0.1:1:',
    );
    expect(
      (await lienthong(['node', 'ls', '--context', 'vn', '-s', 'nats://127.0.0.1:2'], { env })).stderr,
    ).toContain('nats://127.0.0.1:2:');
    const missing = await lienthong(['node', 'ls', '--context', 'nope'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("[NotFound] no context named 'nope'");

    expect((await lienthong(['context', 'rm', 'h41'], { env })).stdout).toBe('removed context h41\n');
    expect(
      json<{ name: string; selected: boolean }[]>(await lienthong(['context', 'ls', '--json'], { env })),
    ).toEqual([expect.objectContaining({ name: 'vn', selected: false })]);
  });
});

/**
 * `lienthong up` with credentials (the default) and `lienthong creds issue|ls|revoke|apply` against
 * it: commands need the operator's seed, agencies connect with the seeds issued to them, a revoked
 * agency is cut off at once, and an agency that moved gets its new permissions from `creds apply`.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BusinessStatus, LienthongError, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { brokerForSuite, creds, eventually, issueAgency, json, lienthong, tempDir } from './helpers';

jest.setTimeout(60_000);

const SENDER = '000.01.44.H41'; // commune Quỳnh Thạch
const RECIPIENT = '000.00.43.H41'; // Yên Thành district

describe('lienthong creds', () => {
  const suite = brokerForSuite({ auth: true });
  let ops: string;

  const issue = (code: string): Promise<{ seedFile: string; inboxPrefix: string }> =>
    issueAgency(suite, code);
  const client = async (code: string, seedFile: string): Promise<LienthongClient> => {
    const c = await connect({
      servers: suite.broker.url,
      agency: code,
      credentials: { seedFile },
      defaultTimeoutMs: 5_000,
    });
    suite.clients.push(c);
    return c;
  };

  beforeAll(() => {
    ops = path.join(suite.broker.dataDir, 'credentials', 'ops_admin.nk');
  });

  it('needs the operator seed for commands; `up` prints where it is', async () => {
    expect(suite.broker.process.stdout()).toContain(`creds:   ${ops}`);
    const anonymous = await lienthong(['node', 'ls', ...suite.s]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(
      /PermissionDenied.*Authorization Violation \(no credentials were given\)/,
    );
    expect(anonymous.stderr).toContain('hint: pass --creds FILE (or set LT_CREDS)');
    const withOps = await lienthong(['node', 'ls', '--creds', ops, ...suite.s]);
    expect([withOps.code, withOps.stderr]).toEqual([0, '']);
    expect(withOps.stdout).toContain('h41-yenthanh-xa1');
    expect(statSync(ops).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(ops)).mode & 0o777).toBe(0o700);
  });

  it('issues agency seeds that the SDK connects with, and lists them', async () => {
    const sender = await issue(SENDER);
    const recipient = await issue(RECIPIENT);
    expect(statSync(sender.seedFile).mode & 0o777).toBe(0o600);
    expect(sender.inboxPrefix).toBe('_INBOX_a_000_01_44_H41');

    const a = await client(SENDER, sender.seedFile);
    const b = await client(RECIPIENT, recipient.seedFile);
    const documentId = `${SENDER},2026/11/22,31/UBND-VP`;
    const tracker = await a.track(documentId);
    await a.send({ documentId, subject: 'Có định danh', to: [{ code: RECIPIENT }] });
    const inbox = b.inbox();
    for await (const item of inbox) {
      expect(item.documentId).toBe(documentId);
      await item.ack();
      break;
    }
    await inbox.stop();
    await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
      timeoutMs: 15_000,
    });
    await tracker.stop();

    const again = await lienthong([
      'creds',
      'issue',
      'agency',
      SENDER,
      '--data',
      suite.broker.dataDir,
      ...suite.s,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/AlreadyExists.*revoke them first/);
    const unknown = await lienthong([
      'creds',
      'issue',
      'agency',
      '999.99.99.H99',
      '--data',
      suite.broker.dataDir,
      ...suite.s,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not in the directory/);
    const injected = await lienthong([
      'creds',
      'issue',
      'agency',
      '000.00.00.>',
      '--data',
      suite.broker.dataDir,
      ...suite.s,
    ]);
    expect(injected.code).toBe(2);
    expect(injected.stderr).toMatch(/not an agency code.*wildcard/);

    const listed = json<{ id: string; revokedAtMs?: number }[]>(
      await lienthong(['creds', 'ls', '--data', suite.broker.dataDir, '--json']),
    );
    expect(listed.map((i) => i.id)).toEqual([
      'node:embedded',
      'ops:admin',
      `agency:${SENDER}`,
      `agency:${RECIPIENT}`,
    ]);
  });

  it('an agency that moved is served at its new home at once: its permissions follow the directory', async () => {
    const moved = await lienthong([
      'agency',
      'move',
      RECIPIENT,
      '--to',
      'h41-quynhluu',
      '--creds',
      ops,
      ...suite.s,
    ]);
    expect([moved.code, moved.stderr]).toEqual([0, '']);
    const seedFile = path.join(suite.broker.dataDir, 'credentials', `agency_${RECIPIENT}.nk`);
    // No `creds apply`: the broker rewrote its authorization block when the directory changed.
    expect(readFileSync(path.join(suite.broker.dataDir, 'auth.conf'), 'utf8')).toBeDefined();
    await eventually(async () => {
      expect(readFileSync(path.join(suite.broker.dataDir, 'auth.conf'), 'utf8')).toContain(
        'lt.v1.district.h41-quynhluu.submit.000_00_43_H41',
      );
    });
    const c = await client(RECIPIENT, seedFile);
    expect(c.homeNode.id).toBe('h41-quynhluu');
    // Its inbox at the new node and its submit subject there are its own now.
    const inbox = c.inbox();
    const timer = setTimeout(() => void inbox.stop(), 2_000);
    const got: string[] = [];
    for await (const item of inbox) got.push(item.documentId); // nothing new: it ends at the timer
    clearTimeout(timer);
    expect(inbox.isStopped).toBe(true);
    expect(got).toEqual([]);
    const sent = await c.send({
      documentId: `${RECIPIENT},2026/11/22,1/UBND`,
      subject: 'x',
      to: [{ code: SENDER }],
    });
    expect(sent.duplicate).toBe(false);
    // `creds apply` stays available (for a credentials folder kept apart from the servers).
    const applied = await lienthong(['creds', 'apply', '--data', suite.broker.dataDir, ...suite.s]);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toMatch(/4 identities allowed; server reloaded/);
  });

  it('revokes an agency: its connection is dropped and it cannot connect again', async () => {
    const seed = readFileSync(
      path.join(suite.broker.dataDir, 'credentials', `agency_${SENDER}.nk`),
      'utf8',
    ).trim();
    const a = suite.clients.find((c) => c.agency === SENDER)!;
    const events: string[] = [];
    a.onConnection((e) => events.push(e.type));
    const r = await creds(suite, 'revoke', `agency:${SENDER}`);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`revoked agency:${SENDER.replaceAll('.', '\\.')}; server reloaded`));
    await eventually(() => Promise.resolve(expect(events).toContain('disconnect')));
    const e = await connect({
      servers: suite.broker.url,
      agency: SENDER,
      credentials: { nkeySeed: seed },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LienthongError);
    expect((e as LienthongError).code).toBe('PermissionDenied');
    // Said what a refused identity can be, a code closed by a reorganisation among them.
    expect((e as LienthongError).message).toMatch(/Authorization Violation/);
    expect((e as LienthongError).message).toContain(
      `the broker does not take these credentials for agency ${SENDER}: the identity was revoked (its seed reissued, or its code closed by a reorganisation: then connect as the successor`,
    );
    const twice = await creds(suite, 'revoke', `agency:${SENDER}`);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/no active credentials/);
    const listed = json<{ id: string; revokedAtMs?: number }[]>(
      await lienthong(['creds', 'ls', '--data', suite.broker.dataDir, '--json']),
    );
    expect(listed.find((i) => i.id === `agency:${SENDER}`)?.revokedAtMs).toBeGreaterThan(0);
  });

  it('keeps credentials apart from the servers: writes the block to copy, reloads nothing', async () => {
    const apart = tempDir('lt-cli-creds-');
    const r = await lienthong([
      'creds',
      'issue',
      'ops',
      'second',
      '--data',
      apart,
      '--creds',
      ops,
      ...suite.s,
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`not running here: copy ${path.join(apart, 'auth.conf')} to the servers`);
    expect(readFileSync(path.join(apart, 'auth.conf'), 'utf8')).toMatch(/authorization \{/);
    const kept = await lienthong([
      'creds',
      'apply',
      '--data',
      apart,
      '--no-reload',
      '--creds',
      ops,
      ...suite.s,
    ]);
    expect(kept.stdout).toMatch(/1 identities allowed; server not reloaded \(--no-reload\)/);
  });

  it('refuses an agency code that is not in the directory or is closed, naming the successor', async () => {
    const unknown = await creds(suite, 'issue', 'agency', '000.00.00.G99');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'lienthong: [NotFound] agency 000.00.00.G99 is not in the directory',
    );
    const closed = await lienthong([
      'agency',
      'close',
      '000.00.11.H41',
      '--successor',
      '000.00.00.H41',
      '--policy',
      'refuse',
      '--creds',
      ops,
      ...suite.s,
    ]);
    expect([closed.code, closed.stderr]).toEqual([0, '']);
    const issued = await creds(suite, 'issue', 'agency', '000.00.11.H41', '--http-token');
    expect(issued.code).toBe(1);
    expect(issued.stderr.split('\n')[0]).toMatch(
      /^lienthong: \[NotFound\] agency code 000\.00\.11\.H41 is closed \(since .+\); its successor is 000\.00\.00\.H41$/,
    );
  });

  it("an agency's own seed sends with doc send; a command that needs the operator's says so; a node's prints its config", async () => {
    const code = '000.00.00.H27';
    const own = await issue(code);
    const docFile = path.join(tempDir('lt-cli-own-seed-'), 'doc.json');
    const documentId = `${code},2026/12/05,7/UBND-VP`;
    writeFileSync(
      docFile,
      JSON.stringify({ documentId, subject: 'Gửi bằng khóa của chính cơ quan', to: [{ code: RECIPIENT }] }),
    );
    const sent = await lienthong(['doc', 'send', docFile, '--creds', own.seedFile, ...suite.s]);
    expect([sent.code, sent.stderr]).toEqual([0, '']);
    expect(sent.stdout).toContain(`from ${code} (home node h27 has custody)`);

    // The operator's commands read with nats.js's default inbox prefix, which an agency may not use.
    const track = await lienthong(['doc', 'track', documentId, '--creds', own.seedFile, ...suite.s]);
    expect(track.code).toBe(1);
    expect(track.stderr).toContain('Permissions Violation for Subscription to "_INBOX.');
    expect(track.stderr).toContain("hint: these credentials are not an operator's");
    expect(track.stderr).toContain('`lienthong up` prints it as creds:');

    const node = await creds(suite, 'issue', 'node', 'province', '--nodes', 'h41,h27');
    expect([node.code, node.stderr]).toEqual([0, '']);
    const seedFile = path.join(suite.broker.dataDir, 'credentials', 'node_province.nk');
    expect(node.stdout).toContain(
      `  config:       "auth": { "seedFile": ${JSON.stringify(seedFile)}, "inboxPrefix": "_INBOX_n_province" }`,
    );
  });
});

/**
 * A level service that the broker refuses says which key of its config file to set and where the
 * value comes from: no `auth` against a broker that requires credentials, a node identity without
 * its inbox prefix or with another one, an identity the broker does not know. The server alone
 * says "Authorization Violation", or names a subject the operator never chose.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LienthongError } from '@lienthong/core';
import {
  AUTH_CONFIG,
  CredentialStore,
  createLogger,
  loadTopologyFile,
  startLevelService,
  startNode,
} from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import { eventually } from '@lienthong/testkit';
import type { RunningNode } from '@lienthong/node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

const TOPOLOGY = path.resolve(__dirname, '../../../deploy/topology.demo.json');

let dir: string;
let server: NatsServer;
let seedFile: string;
let store: CredentialStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lt-service-refusals-'));
  const topology = loadTopologyFile(TOPOLOGY);
  store = CredentialStore.open(path.join(dir, 'credentials'));
  seedFile = store.issue({ kind: 'node', name: 'prov', nodes: '*' }, topology).seedFile;
  // An identity of another broker's data directory: a well-formed seed this server does not know.
  const other = CredentialStore.open(path.join(dir, 'other'));
  copyFileSync(
    other.issue({ kind: 'node', name: 'prov', nodes: '*' }, topology).seedFile,
    path.join(dir, 'stranger.nk'),
  );
  store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
  server = await startNatsServer({ include: [path.join(dir, AUTH_CONFIG)] });
});

afterAll(async () => {
  await server?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a province service's config: the test server, the demo topology, quiet logs, and `extra`. */
function configWith(extra: Record<string, unknown>): string {
  const config = path.join(dir, 'province.json');
  writeFileSync(
    config,
    JSON.stringify({ servers: server.url, topology: TOPOLOGY, logLevel: 'silent', ...extra }),
  );
  return config;
}

/** Starts a province service with `extra` in its config; the error it fails with. */
async function refusal(extra: Record<string, unknown>, code = 'PermissionDenied'): Promise<LienthongError> {
  let running: RunningNode | undefined;
  try {
    running = await startLevelService('province', configWith(extra));
  } catch (e) {
    expect(e).toBeInstanceOf(LienthongError);
    expect((e as LienthongError).code).toBe(code);
    return e as LienthongError;
  }
  await running.stop();
  throw new Error('expected the service to be refused');
}

describe('a level service the broker refuses', () => {
  it('without auth: says the broker requires credentials and what "auth" takes', async () => {
    const e = await refusal({});
    expect(e.message).toContain(
      `province.json: the broker at ${server.url} requires credentials and the config gives none`,
    );
    expect(e.message).toContain('Authorization Violation');
    expect(e.message).toContain('add "auth": { "seedFile": "FILE", "inboxPrefix": "_INBOX_n_NAME" }');
    expect(e.message).toContain('lienthong creds issue node NAME --nodes ID,… --data DIR');
  });

  it('a user and password in the servers URL: says they were refused, without showing the password', async () => {
    const e = await refusal({ servers: server.url.replace('nats://', 'nats://alice:secret@') });
    expect(e.message).toContain(`the broker at ${server.url} refused the user and password in "servers"`);
    expect(e.message).not.toContain('secret');
  });

  it('a node seed file without its inbox prefix: names the prefix, read off the name creds issue gave the file', async () => {
    const e = await refusal({ auth: { seedFile } });
    expect(e.message).toContain("refused this identity's replies on the default inbox");
    expect(e.message).toContain('add "inboxPrefix": "_INBOX_n_prov" to "auth"');
  });

  it('a seed file renamed: the prefix cannot be read off it, and the message says what to put', async () => {
    const renamed = path.join(dir, 'province.nk');
    copyFileSync(seedFile, renamed);
    const e = await refusal({ auth: { seedFile: renamed } });
    expect(e.message).toContain('add "inboxPrefix": "_INBOX_n_NAME" to "auth"');
  });

  it("another identity's inbox prefix: says it is not this identity's, and which one the file's name gives", async () => {
    const e = await refusal({ auth: { seedFile, inboxPrefix: '_INBOX_n_other' } });
    expect(e.message).toContain('refused this identity\'s replies on "auth.inboxPrefix" _INBOX_n_other');
    expect(e.message).toContain("its seed file's name says _INBOX_n_prov");
  });

  it('an identity the broker does not know: says its credentials were refused, naming the seed file', async () => {
    const e = await refusal({ auth: { seedFile: 'stranger.nk', inboxPrefix: '_INBOX_n_prov' } });
    expect(e.message).toContain('refused the credentials of "auth" (seedFile stranger.nk');
    expect(e.message).toContain('it does not know that identity');
  });

  it('an HTTP port another program holds: says which, naming the key', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as AddressInfo).port;
    try {
      const e = await refusal(
        { http: { port }, auth: { seedFile, inboxPrefix: '_INBOX_n_prov' } },
        'FailedPrecondition',
      );
      expect(e.message).toBe(
        `service config ${path.join(dir, 'province.json')}: cannot listen on 127.0.0.1:${port} ("http.port"): address already in use (another program listens there)`,
      );
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });

  it('with the right identity and prefix it starts', async () => {
    const config = configWith({ auth: { seedFile, inboxPrefix: '_INBOX_n_prov' } });
    const running = await startLevelService('province', config);
    await running.stop();
  });
});

describe('a node process whose identity does not cover a node it hosts', () => {
  it('says once, as an error, which publish was refused and what to do; the document waits and goes on with the right identity', async () => {
    const topology = loadTopologyFile(TOPOLOGY);
    const sender = '000.00.00.H27';
    const recipient = '000.00.00.G22';
    const narrow = store.issue({ kind: 'node', name: 'narrow', nodes: ['h41'] }, topology);
    const senderCreds = store.issue({ kind: 'agency', agency: sender }, topology);
    const recipientCreds = store.issue({ kind: 'agency', agency: recipient }, topology);
    store.writeAuthConfig(topology, path.join(dir, AUTH_CONFIG));
    await server.reload();
    const lines: string[] = [];
    const wrong = await startNode(
      {
        servers: server.url,
        topology,
        nodes: ['vn', 'h27'],
        auth: { seedFile: narrow.seedFile, inboxPrefix: narrow.inboxPrefix },
      },
      {
        logger: createLogger({
          name: 'narrow',
          level: 'warn',
          destination: { write: (l) => void lines.push(l) },
        }),
      },
    );
    const a = await connect({
      servers: server.url,
      agency: sender,
      credentials: { seedFile: senderCreds.seedFile },
      defaultTimeoutMs: 5_000,
    });
    const documentId = `${sender},2026/12/05,9/UBND-VP`;
    try {
      await a.send({ documentId, subject: 'Danh tính không đủ quyền', to: [{ code: recipient }] });
      const errors = await eventually(
        () => {
          const found = lines
            .map((l) => JSON.parse(l) as { level: number; msg: string; subject?: string })
            .filter((l) => l.level === 50);
          expect(found.length).toBeGreaterThan(0);
          return found;
        },
        { timeoutMs: 10_000 },
      );
      expect(errors[0]!.msg).toContain(
        `this process's NATS identity may not publish to ${errors[0]!.subject}`,
      );
      expect(errors[0]!.msg).toContain('lienthong creds issue node NAME --nodes ID,… --data DIR');
      // Retries keep failing; the cause is said once per subject, not once per retry.
      await new Promise((r) => setTimeout(r, 1_500));
      const said = lines
        .filter((l) => l.includes('may not publish to'))
        .map((l) => (JSON.parse(l) as { subject: string }).subject);
      expect(new Set(said).size).toBe(said.length);
    } finally {
      await wrong.stop();
    }
    // The document was not lost: a process with an identity for every node hands it on.
    const right = await startNode(
      { servers: server.url, topology, auth: { seedFile, inboxPrefix: '_INBOX_n_prov' } },
      { logger: createLogger({ name: 'right', level: 'silent' }) },
    );
    const b = await connect({
      servers: server.url,
      agency: recipient,
      credentials: { seedFile: recipientCreds.seedFile },
      defaultTimeoutMs: 5_000,
    });
    try {
      const inbox = b.inbox();
      for await (const item of inbox) {
        expect(item.documentId).toBe(documentId);
        await item.ack();
        break;
      }
      await inbox.stop();
    } finally {
      await b.close();
      await a.close();
      await right.stop();
    }
  });
});

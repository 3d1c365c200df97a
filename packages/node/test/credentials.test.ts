/**
 * The credential store: what it keeps on disk and with which modes, what it refuses, and the
 * authorization block it writes; and the embedded server's reload, which must never signal a
 * process that is not its nats-server.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidAgencyCodeError, parseTopology } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, loadTopologyFile, reloadServerIn } from '@lienthong/node';
import { readSeedFile } from '@lienthong/infra';

const topology = loadTopologyFile(path.resolve(__dirname, '../../../deploy/topology.demo.json'));
const A = '000.01.43.H41';

describe('CredentialStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lt-creds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps seeds 0600 in a 0700 folder and only public keys in the registry', () => {
    const store = CredentialStore.open(path.join(dir, 'credentials'));
    const issued = store.issue({ kind: 'agency', agency: A }, topology);
    expect(issued.id).toBe(`agency:${A}`);
    expect(issued.inboxPrefix).toBe('_INBOX_a_000_01_43_H41');
    expect(issued.seed).toMatch(/^SU[A-Z2-7]{56}$/);
    expect(readSeedFile(issued.seedFile)).toBe(issued.seed);
    expect(statSync(issued.seedFile).mode & 0o777).toBe(0o600);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    const registry = readFileSync(path.join(store.dir, 'registry.json'), 'utf8');
    expect(statSync(path.join(store.dir, 'registry.json')).mode & 0o777).toBe(0o600);
    expect(registry).not.toContain(issued.seed);
    expect(registry).toContain(store.list()[0]!.publicKey);
    // A second store on the same folder sees the same identity.
    expect(CredentialStore.open(store.dir).credentials(issued.id).seed).toBe(issued.seed);
  });

  it('refuses a second active key, unknown agencies and nodes, and injected codes', () => {
    const store = CredentialStore.open(dir);
    store.issue({ kind: 'agency', agency: A }, topology);
    expect(() => store.issue({ kind: 'agency', agency: A }, topology)).toThrow(
      expect.objectContaining({ code: 'AlreadyExists' }),
    );
    expect(() => store.issue({ kind: 'agency', agency: '999.99.99.H99' }, topology)).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    );
    expect(() => store.issue({ kind: 'node', name: 'x', nodes: ['nowhere'] }, topology)).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    );
    for (const code of ['000.01.43.H4*', '000.01.43.H41.>', '000.01.43.H41 ', '000.01.43.H4\u0007']) {
      expect(() => store.issue({ kind: 'agency', agency: code }, topology)).toThrow(InvalidAgencyCodeError);
    }
    expect(store.list()).toHaveLength(1);
  });

  it('revokes: the key leaves the authorization block, the seed is wiped, a new key can be issued', () => {
    const store = CredentialStore.open(dir);
    const first = store.issue({ kind: 'agency', agency: A }, topology);
    store.issue({ kind: 'ops', name: 'admin' }, topology);
    const publicKey = store.list()[0]!.publicKey;
    const file = path.join(dir, AUTH_CONFIG);
    expect(store.writeAuthConfig(topology, file)).toMatchObject({ users: 2, skipped: [] });
    expect(readFileSync(file, 'utf8')).toContain(publicKey);

    expect(store.revoke(first.id).revokedAtMs).toBeGreaterThan(0);
    expect(() => store.revoke(first.id)).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(() => store.credentials(first.id)).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(readFileSync(first.seedFile, 'utf8')).toBe('');
    expect(store.writeAuthConfig(topology, file).users).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toContain(publicKey);

    const second = store.issue({ kind: 'agency', agency: A }, topology);
    expect(second.seed).not.toBe(first.seed);
    expect(store.list().map((i) => [i.id, i.revokedAtMs === undefined])).toEqual([
      [first.id, false],
      ['ops:admin', true],
      [first.id, true],
    ]);
  });

  it('skips, and names, an agency that left the directory; refuses an empty block', () => {
    const store = CredentialStore.open(dir);
    store.issue({ kind: 'agency', agency: A }, topology);
    const smaller = parseTopology({
      nodes: [{ id: 'vn', level: 'central', name: 'VN' }],
      agencies: [{ code: '000.00.00.G22', name: 'VPCP', tier: 'central', homeNode: 'vn' }],
    });
    expect(() => store.writeAuthConfig(smaller, path.join(dir, AUTH_CONFIG))).toThrow(
      expect.objectContaining({ code: 'FailedPrecondition' }),
    );
    store.issue({ kind: 'ops', name: 'admin' });
    const result = store.writeAuthConfig(smaller, path.join(dir, AUTH_CONFIG));
    expect(result.users).toBe(1);
    expect(result.skipped).toEqual([
      { id: `agency:${A}`, reason: expect.stringMatching(/not in the directory/) },
    ]);
  });

  it('detects a seed file that does not match its registered key, and a broken registry', () => {
    const store = CredentialStore.open(dir);
    const a = store.issue({ kind: 'agency', agency: A }, topology);
    const other = CredentialStore.open(path.join(dir, 'other')).issue({ kind: 'ops', name: 'x' });
    writeFileSync(a.seedFile, `${other.seed}\n`);
    expect(() => store.credentials(a.id)).toThrow(expect.objectContaining({ code: 'DataLoss' }));
    writeFileSync(path.join(dir, 'registry.json'), '{ not json');
    expect(() => store.list()).toThrow(expect.objectContaining({ code: 'DataLoss' }));
    writeFileSync(path.join(dir, 'empty.nk'), 'no seed here\n');
    expect(() => readSeedFile(path.join(dir, 'empty.nk'))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });
});

describe('reloadServerIn', () => {
  it('refuses to signal a process that is not the directory’s nats-server', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-reload-'));
    try {
      expect(() => reloadServerIn(dir)).toThrow(expect.objectContaining({ code: 'Unavailable' }));
      // A stale pid file naming this very test process: it must not get SIGHUP.
      writeFileSync(path.join(dir, 'nats-server.pid'), String(process.pid));
      expect(() => reloadServerIn(dir)).toThrow(/is not it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

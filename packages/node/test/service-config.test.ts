/**
 * The level services' config file is checked against one schema: an unknown or misspelt key is an
 * error naming its path, a value out of range says what the key is for; every shipped config and
 * the checked-in JSON Schema agree with it.
 */
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LienthongError } from '@lienthong/core';
import {
  edxmlSignaturesOf,
  parseServiceConfig,
  readServiceConfig,
  serviceConfigJsonSchema,
  startLevelService,
} from '@lienthong/node';

const DEPLOY = path.resolve(__dirname, '../../../deploy/services');

function problemOf(json: unknown): LienthongError {
  try {
    parseServiceConfig(JSON.stringify(json), 'svc.json');
  } catch (e) {
    expect(e).toBeInstanceOf(LienthongError);
    expect((e as LienthongError).code).toBe('InvalidArgument');
    return e as LienthongError;
  }
  throw new Error('expected the config to be refused');
}

describe('service config', () => {
  it('refuses an unknown key with its path, also inside a section', () => {
    const e = problemOf({
      servers: 'nats://x',
      topology: 't.json',
      limits: { maxAttachmentByts: 1 },
      node: ['a'],
    });
    expect(e.message).toContain('/limits/maxAttachmentByts: unknown key');
    expect(e.message).toContain('/node: unknown key');
  });

  it('a file that is not JSON: refused with the line and column, the line quoted', () => {
    let e: unknown;
    try {
      parseServiceConfig('{\n  "servers": "nats://x",\n  "topology" "t.json"\n}\n', 'svc.json');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(LienthongError);
    expect((e as LienthongError).code).toBe('InvalidArgument');
    const [first, quoted] = (e as LienthongError).message.split('\n');
    expect(first).toMatch(/^service config svc\.json is not JSON: line 3, column 14: /);
    expect(quoted).toBe('    "topology" "t.json"');
    expect((e as LienthongError).message).not.toContain('position');
  });

  it('takes the dashboard as false or with an operator token file, and refuses anything else', () => {
    const base = { servers: 'nats://x', topology: 't.json', http: { port: 0 } };
    expect(parseServiceConfig(JSON.stringify({ ...base, dashboard: false }), 's.json').dashboard).toBe(false);
    expect(
      parseServiceConfig(JSON.stringify({ ...base, dashboard: { operatorTokenFile: 'op.token' } }), 's.json')
        .dashboard,
    ).toEqual({ operatorTokenFile: 'op.token' });
    expect(problemOf({ ...base, dashboard: { operatorTokenFiel: 'op.token' } }).message).toContain(
      '/dashboard',
    );
    expect(problemOf({ ...base, dashboard: true }).message).toContain('/dashboard');
  });

  it('refuses concurrency 0 instead of dropping it, saying what the key is for', () => {
    const e = problemOf({ servers: 'nats://x', topology: 't.json', concurrency: 0 });
    expect(e.message).toBe(
      'service config svc.json:\n  /concurrency: 0 is too small; at least 1 (messages of one consumer processed at once (64))',
    );
  });

  it('refuses servers that are not NATS URLs (it would otherwise try to reach them for ever)', () => {
    const http = problemOf({ servers: 'http://127.0.0.1:9464', topology: 't.json' });
    expect(http.message).toBe(
      "service config svc.json:\n  /servers: 'http://127.0.0.1:9464' is not a NATS server URL: the scheme http:// is not NATS (use nats:// or tls://) (an HTTP port; servers are NATS client ports)",
    );
    const listed = problemOf({ servers: ['nats://a:4222', 'nats//b'], topology: 't.json' });
    expect(listed.message).toContain("/servers/1: 'nats//b' is not a valid NATS server URL");
    for (const ok of ['nats://a:4222', 'tls://a', 'a:4222', ['nats://a', 'nats://b:4223']]) {
      expect(
        parseServiceConfig(JSON.stringify({ servers: ok, topology: 't.json' }), 's.json').servers,
      ).toEqual(ok);
    }
  });

  it('refuses missing, mistyped and malformed files', () => {
    expect(problemOf({ servers: 'nats://x' }).message).toContain('/topology: missing');
    expect(problemOf({ servers: 'nats://x', topology: 't', http: { port: 'a' } }).message).toContain(
      '/http/port',
    );
    expect(() => parseServiceConfig('{ "servers": ', 'broken.json')).toThrow(
      /service config broken.json is not JSON/,
    );
  });

  it('accepts every shipped config', () => {
    const files = readdirSync(DEPLOY).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(() => readServiceConfig(path.join(DEPLOY, f))).not.toThrow();
  });

  it('the checked-in JSON Schema is the one the code checks with', () => {
    const file = JSON.parse(
      readFileSync(path.join(DEPLOY, '../service-config.schema.json'), 'utf8'),
    ) as unknown;
    expect(file).toEqual(serviceConfigJsonSchema());
  });

  it('a level service refuses to start on a config with a typo, before it connects anywhere', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-svc-'));
    try {
      const file = path.join(dir, 'svc.json');
      writeFileSync(
        file,
        JSON.stringify({ servers: 'nats://127.0.0.1:1', topology: 't.json', concurency: 8 }),
      );
      await expect(startLevelService('province', file)).rejects.toThrow(/\/concurency: unknown key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing config or topology file says why, and that the topology is read beside the config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-svc-'));
    try {
      await expect(startLevelService('province', path.join(dir, 'none.json'))).rejects.toThrow(
        `cannot read service config ${path.join(dir, 'none.json')}: no such file`,
      );
      // The README's example config, copied out of the checkout: its relative topology is not there.
      const file = path.join(dir, 'province.json');
      writeFileSync(
        file,
        JSON.stringify({ servers: 'nats://127.0.0.1:1', topology: 'deploy/topology.demo.json' }),
      );
      await expect(startLevelService('province', file)).rejects.toThrow(
        `service config ${file}: "topology" deploy/topology.demo.json is read relative to the config file's directory: cannot read topology file ${path.join(dir, 'deploy/topology.demo.json')}: no such file`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('edxmlSignatures in the service config', () => {
  const base = { servers: 'nats://127.0.0.1:4222', topology: 'topology.json' };

  it('policy, per-sender policies, trust anchor and CRL files (PEM as text, DER as bytes), relative to the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-edxml-conf-'));
    try {
      writeFileSync(
        path.join(dir, 'ca.pem'),
        '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      );
      writeFileSync(path.join(dir, 'root.crl'), Buffer.from([0x30, 0x82, 0x01, 0x00]));
      const file = parseServiceConfig(
        JSON.stringify({
          ...base,
          edxmlSignatures: {
            policy: 'refuse',
            senders: { '000.00.00.H41': 'accept' },
            trustAnchorFiles: ['ca.pem'],
            crlFiles: ['root.crl'],
          },
        }),
        'svc.json',
      );
      const c = edxmlSignaturesOf(file, dir);
      expect(c.policy).toBe('refuse');
      expect(c.senders).toEqual({ '000.00.00.H41': 'accept' });
      expect(c.trustAnchors).toEqual([expect.stringContaining('BEGIN CERTIFICATE')]);
      expect(c.crls).toEqual([new Uint8Array([0x30, 0x82, 0x01, 0x00])]);
      expect(() =>
        edxmlSignaturesOf(
          parseServiceConfig(
            JSON.stringify({ ...base, edxmlSignatures: { trustAnchorFiles: ['nope.pem'] } }),
            'svc.json',
          ),
          dir,
        ),
      ).toThrow(/cannot read the edXML trust anchor file .*nope\.pem/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown policy or a malformed sender code, with the path', () => {
    expect(problemOf({ ...base, edxmlSignatures: { policy: 'warn' } }).message).toContain(
      '/edxmlSignatures/policy',
    );
    expect(problemOf({ ...base, edxmlSignatures: { senders: { 'h41 x': 'refuse' } } }).message).toContain(
      '/edxmlSignatures/senders',
    );
    expect(problemOf({ ...base, edxmlSignatures: { trustAnchors: ['x'] } }).message).toContain(
      '/edxmlSignatures/trustAnchors: unknown key',
    );
  });
});

/**
 * `agency keys add|ls|revoke`, `doc proof`, `proof verify` and `audit verify` against a running
 * `lienthong up`: a registered key makes signatures mandatory, the exported proof verifies offline
 * and a tampered one does not, and a removed audit block makes `audit verify` exit 1.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { connect, TransportState } from '@lienthong/sdk';
import { eventually, json, lienthong, brokerForSuite, tempDir } from './helpers';

jest.setTimeout(60_000);

const SENDER = '000.02.44.H41';
const RECIPIENT = '000.00.44.H41';

describe('lienthong agency keys, doc proof, proof verify, audit verify', () => {
  const suite = brokerForSuite();
  const dir = tempDir('lt-cli-security-');

  it('registers keys, exports a proof of receipt that verifies, and verifies the audit chains', async () => {
    const keys = {
      sender: generateKeyPairSync('ed25519'),
      recipient: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    };
    for (const [who, code] of [
      ['sender', SENDER],
      ['recipient', RECIPIENT],
    ] as const) {
      const file = path.join(dir, `${who}.pub.pem`);
      writeFileSync(file, keys[who].publicKey.export({ type: 'spki', format: 'pem' }));
      const add = await lienthong(['agency', 'keys', 'add', code, '--key', file, '--json', ...suite.s]);
      expect(add.code).toBe(0);
      expect(json<{ algorithm: string }>(add).algorithm).toBe(
        who === 'sender' ? 'ED25519' : 'ECDSA_P256_SHA256',
      );
    }
    const ls = json<{ keyId: string }[]>(
      await lienthong(['agency', 'keys', 'ls', SENDER, '--json', ...suite.s]),
    );
    expect(ls).toHaveLength(1);

    const sender = await connect({
      servers: suite.broker.url,
      agency: SENDER,
      signingKey: { privateKey: keys.sender.privateKey },
    });
    const recipient = await connect({
      servers: suite.broker.url,
      agency: RECIPIENT,
      signingKey: { privateKey: keys.recipient.privateKey },
    });
    suite.clients.push(sender, recipient);
    const documentId = `${SENDER},2026/11/22,7/CLI`;
    await sender.send({ documentId, subject: 'ký số', to: [{ code: RECIPIENT }] });
    const inbox = recipient.inbox();
    for await (const item of inbox) {
      expect(item.signature.state).toBe('verified');
      await item.ack();
      break;
    }
    await inbox.stop();
    await eventually(async () => {
      const [r] = await sender.snapshot(documentId);
      expect(r?.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
      expect(r?.timeline.some((e) => e.receipt)).toBe(true);
    });

    // Nothing to prove for a document the recipient never got; an id without a sender needs --sender.
    const none = await lienthong([
      'doc',
      'proof',
      `${SENDER},2026/11/22,99/CLI`,
      '--recipient',
      RECIPIENT,
      ...suite.s,
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no tracking record/);
    const noSender = await lienthong(['doc', 'proof', 'CV-12', '--recipient', RECIPIENT, ...suite.s]);
    expect(noSender.code).toBe(2);
    expect(noSender.stderr).toMatch(/--from/);
    // --from, as doc show and doc track take the sender (--sender the same).
    for (const flag of ['--from', '--sender']) {
      const named = await lienthong([
        'doc',
        'proof',
        'CV-12',
        '--recipient',
        RECIPIENT,
        flag,
        SENDER,
        ...suite.s,
      ]);
      expect([flag, named.code, named.stderr]).toEqual([
        flag,
        1,
        expect.stringMatching(/no tracking record of CV-12/),
      ]);
    }

    const proofFile = path.join(dir, 'proof.json');
    const exported = await lienthong([
      'doc',
      'proof',
      documentId,
      '--recipient',
      RECIPIENT,
      '--out',
      proofFile,
      ...suite.s,
    ]);
    expect(exported.code).toBe(0);
    const ok = await lienthong(['proof', 'verify', proofFile]);
    expect(ok.stdout).toMatch(/the proof holds/);
    expect(ok.code).toBe(0);
    // Only against keys from outside the proof does it say who signed.
    expect(ok.stdout).toMatch(/against the keys it carries; give --key or --ca/);
    const keyed = await lienthong([
      'proof',
      'verify',
      proofFile,
      '--key',
      path.join(dir, 'recipient.pub.pem'),
    ]);
    expect([keyed.code, keyed.stdout]).toEqual([0, expect.stringMatching(/^the proof holds$/m)]);
    const wrongKey = await lienthong([
      'proof',
      'verify',
      proofFile,
      '--key',
      path.join(dir, 'sender.pub.pem'),
    ]);
    expect(wrongKey.code).toBe(1);
    const proof = JSON.parse(readFileSync(proofFile, 'utf8')) as { recipient: string };
    writeFileSync(proofFile, JSON.stringify({ ...proof, recipient: SENDER }));
    writeFileSync(path.join(dir, 'junk.json'), 'not json');
    expect((await lienthong(['proof', 'verify', path.join(dir, 'junk.json')])).code).toBe(2);
    const bad = await lienthong(['proof', 'verify', proofFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/does not hold/);

    // An unsigned document from the sender is now refused.
    const unsigned = await connect({ servers: suite.broker.url, agency: SENDER });
    suite.clients.push(unsigned);
    await unsigned.send({
      documentId: `${SENDER},2026/11/22,8/CLI`,
      subject: 'x',
      to: [{ code: RECIPIENT }],
    });
    await eventually(async () => {
      const [r] = await unsigned.snapshot(`${SENDER},2026/11/22,8/CLI`).catch(() => []);
      expect(r).toBeUndefined();
      const dead = json<{ reason: string }[]>(await lienthong(['dlq', 'ls', '--json', ...suite.s]));
      expect(
        dead.some((d) => d.reason === 'MISSING_SIGNATURE' || d.reason === 'FAILURE_REASON_MISSING_SIGNATURE'),
      ).toBe(true);
    });

    const revoke = await lienthong([
      'agency',
      'keys',
      'revoke',
      SENDER,
      ls[0]!.keyId.slice(0, 12),
      ...suite.s,
    ]);
    expect(revoke.code).toBe(0);
    const revoked = json<{ revoked: string | null }[]>(
      await lienthong(['agency', 'keys', 'ls', SENDER, '--json', ...suite.s]),
    );
    expect(revoked[0]!.revoked).not.toBeNull();

    const audit = await lienthong(['audit', 'verify', ...suite.s]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/h41-quynhluu-xa2: ok/);
    // Remove one block of a chain: detected, exit 1.
    const nc = await natsConnect({ servers: suite.broker.url });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info('LT_AUDIT');
      expect(info.state.messages).toBeGreaterThan(2);
      await jsm.streams.deleteMessage('LT_AUDIT', info.state.first_seq);
    } finally {
      await nc.close();
    }
    const broken = await lienthong(['audit', 'verify', ...suite.s]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at stream seq \d+: block 1 removed/);
  });

  it("the demo signs with generated keys and verifies every recipient's receipts offline", async () => {
    const demo = await lienthong(['demo'], { timeoutMs: 60_000 });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/signing keys registered for 4 agencies/);
    expect(demo.stdout).toMatch(/verified offline:\n.*\(000\.00\.00\.G22\): 01 03 04 05 06/);
    expect(demo.stdout).toMatch(/\(000\.01\.44\.H41\): 01 02/);
  });
});

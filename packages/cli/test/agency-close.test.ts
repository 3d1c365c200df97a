/**
 * `agency close` against a running `lienthong up`: the code leaves the live agencies, its closure
 * (successor, policy) is in the directory, running nodes redirect documents still addressed to it,
 * earlier closures that named it are re-pointed, and a code with unread inbox items is not closed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FailureReason, TransportState, connect, generateSigningKey } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { brokerForSuite, eventually, json, lienthong, tempDir } from './helpers';

jest.setTimeout(60_000);

const SENDER = '000.01.44.H41'; // commune Quỳnh Thạch
const PROVINCE = '000.00.00.H41';
const AT = '2025-07-01T00:00:00Z';

describe('lienthong agency close', () => {
  const suite = brokerForSuite();
  let sender: LienthongClient;

  beforeAll(async () => {
    sender = await connect({ servers: suite.broker.url, agency: SENDER });
    suite.clients.push(sender);
  });

  const add = async (code: string): Promise<void> => {
    const r = await lienthong([
      'agency',
      'add',
      code,
      '--name',
      `Xã ${code}`,
      '--node',
      'h41-yenthanh-xa1',
      ...suite.s,
    ]);
    expect(r.code).toBe(0);
  };
  const close = (code: string, successor: string, policy = 'redirect') =>
    lienthong([
      'agency',
      'close',
      code,
      '--successor',
      successor,
      '--policy',
      policy,
      '--at',
      AT,
      '--json',
      ...suite.s,
    ]);

  it('closes a code: agency show names the successor, and a document sent to it is redirected', async () => {
    const code = '000.05.43.H41';
    await add(code);
    const closed = await close(code, PROVINCE);
    expect(closed.code).toBe(0);
    expect(json(closed)).toEqual({
      code,
      successor: PROVINCE,
      policy: 'redirect',
      closedAt: AT,
      repointed: [],
    });
    const shown = await lienthong(['agency', 'show', code, ...suite.s]);
    expect(shown.code).not.toBe(0);
    expect(shown.stderr).toContain(
      `agency code ${code} is closed (since ${AT}); its successor is ${PROVINCE}`,
    );

    // Nodes follow the directory a moment later: a document that left its sender's home before the
    // closure reached it is redirected where it meets the closure; once there, at its sender's home.
    let n = 0;
    const records = await eventually(async () => {
      const id = `${SENDER},2026/12/02,5${++n}/UBND-VP`;
      const tracker = await sender.track(id);
      try {
        await sender.send({ documentId: id, subject: 'Gửi mã đã đóng', to: [{ code }] });
        const rs = await tracker.until(
          (x) =>
            x.some(
              (r) =>
                r.recipient === code &&
                (r.transport === TransportState.TRANSPORT_STATE_RELAYED ||
                  r.transport === TransportState.TRANSPORT_STATE_FAILED),
            ),
          { signal: AbortSignal.timeout(10_000) },
        );
        const r = rs.find((x) => x.recipient === code)!;
        if (r.transport === TransportState.TRANSPORT_STATE_FAILED) {
          expect(r.failure).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
          expect(r.failureDetail).toContain(`while the document was on its way; successor ${PROVINCE}`);
        }
        expect(r.transport).toBe(TransportState.TRANSPORT_STATE_RELAYED);
        return rs;
      } finally {
        await tracker.stop();
      }
    }, 40_000);
    const old = records.find((r) => r.recipient === code)!;
    expect(old.transport).toBe(TransportState.TRANSPORT_STATE_RELAYED);
    expect(
      old.timeline.some((e) =>
        (e.description ?? '').startsWith(`redirected to ${PROVINCE} (${code} closed on ${AT}`),
      ),
    ).toBe(true);

    // doc track names the closed code by the name it had, and says it is closed and who succeeds it.
    const track = await lienthong(['doc', 'track', `${SENDER},2026/12/02,5${n}/UBND-VP`, ...suite.s]);
    expect([track.code, track.stderr]).toEqual([0, '']);
    expect(track.stdout.split('\n').some((l) => l.startsWith(`${code}  Xã ${code}  `))).toBe(true);
    expect(track.stdout).toContain(`→ ${code}  Xã ${code} (closed since ${AT}; successor ${PROVINCE})`);
  });

  it('does not give a closed code out again, nor put a new agency under one', async () => {
    const code = '000.31.43.H41';
    await add(code);
    expect((await close(code, PROVINCE)).code).toBe(0);
    const again = await lienthong([
      'agency',
      'add',
      code,
      '--name',
      'again',
      '--node',
      'h41-yenthanh-xa1',
      ...suite.s,
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`its code, ${code}, was closed on ${AT}; its successor is ${PROVINCE}`);
    expect(again.stderr).toContain('add the agency under a new code');
    const under = await lienthong([
      'agency',
      'add',
      '000.32.43.H41',
      '--name',
      'under',
      '--node',
      'h41-yenthanh-xa1',
      '--parent-code',
      code,
      ...suite.s,
    ]);
    expect(under.code).not.toBe(0);
    expect(under.stderr).toContain(`its parent, ${code}, was closed on ${AT}; its successor is ${PROVINCE}`);
    expect(under.stderr).toContain(`--parent-code ${PROVINCE}`);
    const ls = json(await lienthong(['agency', 'ls', '--json', ...suite.s])) as {
      code: string;
      status?: string;
    }[];
    expect(ls.filter((r) => r.code === code).map((r) => r.status)).toEqual(['closed']);
    expect(ls.some((r) => r.code === '000.32.43.H41')).toBe(false);
  });

  it('keeps the keys of a closed code: what it signed before the closure still verifies', async () => {
    const code = '000.09.43.H41';
    await add(code);
    const dir = tempDir('lt-close-keys-');
    const key = generateSigningKey();
    writeFileSync(path.join(dir, 'key.pem'), key.publicKey);
    const added = await lienthong([
      'agency',
      'keys',
      'add',
      code,
      '--key',
      path.join(dir, 'key.pem'),
      ...suite.s,
    ]);
    expect([added.code, added.stderr]).toEqual([0, '']);
    const signer = await connect({
      servers: suite.broker.url,
      agency: code,
      signingKey: { privateKey: key.privateKey },
    });
    const id = `${code},2026/12/02,1/UBND-VP`;
    await signer.send({ documentId: id, subject: 'Ký trước khi đóng mã', to: [{ code: SENDER }] });
    await signer.close();
    expect((await close(code, PROVINCE)).code).toBe(0);
    // The recipient reads it after the closure: the signature is checked against the kept keys.
    const inbox = sender.inbox();
    const timer = setTimeout(() => void inbox.stop(), 20_000);
    let signature: unknown;
    for await (const item of inbox) {
      await item.ack();
      if (item.documentId !== id) continue;
      signature = item.signature;
      break;
    }
    clearTimeout(timer);
    await inbox.stop();
    expect(signature).toMatchObject({ state: 'verified', keyId: key.keyId });
    const listed = await lienthong(['agency', 'keys', 'ls', code, '--json', ...suite.s]);
    expect(json<{ keyId: string }[]>(listed).map((k) => k.keyId)).toEqual([key.keyId]);
    const human = await lienthong(['agency', 'keys', 'ls', code, ...suite.s]);
    expect(human.stdout).toContain(
      `${code} is closed (since ${AT}; successor ${PROVINCE}): the keys it had, kept to verify what it signed`,
    );
  });

  it('tells a connected client of the closed code, whose inbox ends naming the successor, and refuses a new one', async () => {
    const code = '000.08.43.H41';
    await add(code);
    const client = await connect({ servers: suite.broker.url, agency: code, followHomeMs: 200 });
    suite.clients.push(client);
    const inbox = client.inbox();
    const reading = (async () => {
      for await (const _item of inbox) {
        // nothing is sent to it
      }
    })();
    expect((await close(code, PROVINCE)).code).toBe(0);
    const ended = await Promise.race([
      reading.then(
        () => 'ended without an error',
        (e: unknown) => e,
      ),
      new Promise((r) => setTimeout(() => r('still reading'), 15_000)),
    ]);
    expect(ended).toMatchObject({
      code: 'FailedPrecondition',
      context: { successor: PROVINCE, closedAt: AT },
    });
    expect(String((ended as Error).message)).toContain(`connect as ${PROVINCE}`);
    expect(client.home()).toMatchObject({ reachable: false, closed: { successor: PROVINCE, closedAt: AT } });
    await expect(
      client.send({ documentId: `${code},2026/12/02,9/UBND-VP`, to: [{ code: SENDER }] }),
    ).rejects.toMatchObject({
      code: 'FailedPrecondition',
    });
    await expect(connect({ servers: suite.broker.url, agency: code })).rejects.toMatchObject({
      code: 'NotFound',
      message: expect.stringContaining(`was closed on ${AT}; its successor ${PROVINCE}`),
    });
  });

  it('re-points earlier closures that named the closed code as successor', async () => {
    const kept = '000.06.43.H41';
    const earlier = '000.07.43.H41';
    await add(kept);
    await add(earlier);
    expect((await close(earlier, kept, 'refuse')).code).toBe(0);
    const r = await close(kept, PROVINCE);
    expect(r.code).toBe(0);
    expect(json<{ repointed: string[] }>(r).repointed).toEqual([earlier]);
    const shown = await lienthong(['agency', 'show', earlier, ...suite.s]);
    expect(shown.stderr).toContain(`its successor is ${PROVINCE}`);
  });

  it('agency ls lists the closed codes with closing date, successor and policy', async () => {
    const code = '000.11.43.H41';
    await add(code);
    expect((await close(code, PROVINCE, 'refuse')).code).toBe(0);
    const all = json<{ code: string; status: string }[]>(
      await lienthong(['agency', 'ls', '--json', ...suite.s]),
    );
    expect(all.find((r) => r.code === SENDER)).toMatchObject({
      status: 'live',
      homeNode: 'h41-quynhluu-xa1',
    });
    expect(all.find((r) => r.code === code)).toEqual({
      code,
      name: `Xã ${code}`,
      status: 'closed',
      closedAt: AT,
      successor: PROVINCE,
      policy: 'refuse',
    });
    const closedOnly = json<{ status: string }[]>(
      await lienthong(['agency', 'ls', '--closed', '--json', ...suite.s]),
    );
    expect(closedOnly.length).toBeGreaterThan(0);
    expect(closedOnly.every((r) => r.status === 'closed')).toBe(true);
    const text = await lienthong(['agency', 'ls', ...suite.s]);
    expect(text.stdout).toMatch(/^closed codes \(\d+\):$/m);
    expect(text.stdout).toMatch(
      new RegExp(
        `^${code.replaceAll('.', '\\.')}\\s+Xã ${code.replaceAll('.', '\\.')}\\s+${AT}\\s+${PROVINCE.replaceAll('.', '\\.')}\\s+refuse$`,
        'm',
      ),
    );
    const node = await lienthong(['agency', 'ls', '--node', 'h41', ...suite.s]);
    expect(node.stdout).not.toContain('closed codes');
  });

  it('refuses a code with unread inbox items, one with units under it, and bad options', async () => {
    const code = '000.10.43.H41';
    await add(code);
    const id = `${SENDER},2026/12/02,99/UBND-VP`;
    await sender.send({ documentId: id, subject: 'Chưa đọc', to: [{ code }] });
    await eventually(async () => {
      const r = await close(code, PROVINCE);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`agency ${code} has 1 inbox items not yet read`);
    }, 20_000);
    const parent = await close('000.00.43.H41', PROVINCE);
    expect(parent.code).not.toBe(0);
    expect(parent.stderr).toMatch(/still has units under it: 000\.01\.43\.H41/);
    const policy = await close(code, PROVINCE, 'drop');
    expect(policy.code).not.toBe(0);
    expect(policy.stderr).toContain(`--policy 'drop' is not 'redirect' or 'refuse'`);
    const self = await close(code, code);
    expect(self.stderr).toContain('an agency cannot succeed itself');
    const unknown = await close(code, '000.00.99.H41');
    expect(unknown.stderr).toContain('agency 000.00.99.H41 is not in the directory');
  });
});

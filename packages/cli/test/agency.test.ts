/**
 * `agency add` and `agency move` against a running `lienthong up`: the directory changes, the
 * running nodes follow, and documents reach the agency at its new home.
 */
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import { eventually, json, lienthong, brokerForSuite } from './helpers';

jest.setTimeout(40_000);

const SENDER = '000.01.44.H41'; // commune Quỳnh Thạch
const NEW = '000.03.43.H41'; // a new agency, added at commune node h41-yenthanh-xa1

describe('lienthong agency add|move', () => {
  const suite = brokerForSuite();

  it('adds an agency that can receive at once, then moves it', async () => {
    const add = await lienthong([
      'agency',
      'add',
      NEW,
      '--name',
      'Ủy ban nhân dân xã Mới',
      '--node',
      'h41-yenthanh-xa1',
      ...suite.s,
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`added ${NEW}`);
    const again = await lienthong([
      'agency',
      'add',
      NEW,
      '--name',
      'x',
      '--node',
      'h41-yenthanh-xa1',
      ...suite.s,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in the directory/);

    const shown = json<{ homeNode: { id: string } }>(
      await lienthong(['agency', 'show', NEW, '--json', ...suite.s]),
    );
    expect(shown.homeNode.id).toBe('h41-yenthanh-xa1');

    const sender = await connect({ servers: suite.broker.url, agency: SENDER });
    suite.clients.push(sender);
    const first = `${SENDER},2026/11/22,1/UBND-VP`;
    const tracker = await sender.track(first);
    await sender.send({ documentId: first, subject: 'Gửi cơ quan mới', to: [{ code: NEW }] });

    const moved = await lienthong(['agency', 'move', NEW, '--to', 'h41-quynhluu-xa2', '--json', ...suite.s]);
    expect(moved.code).toBe(0);
    expect(json<{ from: string; to: string }>(moved)).toMatchObject({
      from: 'h41-yenthanh-xa1',
      to: 'h41-quynhluu-xa2',
    });
    const second = `${SENDER},2026/11/22,2/UBND-VP`;
    await sender.send({ documentId: second, subject: 'Sau khi chuyển', to: [{ code: NEW }] });

    // The agency's system connects after the move: it reads both documents at its new home.
    await eventually(async () => {
      const a = json<{ homeNode: { id: string } }>(
        await lienthong(['agency', 'show', NEW, '--json', ...suite.s]),
      );
      expect(a.homeNode.id).toBe('h41-quynhluu-xa2');
    });
    const agency = await connect({ servers: suite.broker.url, agency: NEW });
    suite.clients.push(agency);
    expect(agency.homeNode.id).toBe('h41-quynhluu-xa2');
    const got: string[] = [];
    const inbox = agency.inbox();
    const timer = setTimeout(() => void inbox.stop(), 20_000);
    for await (const item of inbox) {
      got.push(item.documentId);
      await item.ack();
      if (got.length === 2) break;
    }
    clearTimeout(timer);
    await inbox.stop();
    expect(got.sort()).toEqual([first, second].sort());
    const records = await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
      signal: AbortSignal.timeout(15_000),
    });
    expect(records[0]!.recipient).toBe(NEW);
    await tracker.stop();
  });

  it('refuses a move to an unknown node and a code that is not an agency code', async () => {
    const bad = await lienthong(['agency', 'move', NEW, '--to', 'nowhere', ...suite.s]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/node nowhere is not in the directory/);
    const code = await lienthong([
      'agency',
      'add',
      '000.00.00.H4*',
      '--name',
      'x',
      '--node',
      'h41',
      ...suite.s,
    ]);
    expect(code.code).not.toBe(0);
    expect(code.stderr).toMatch(/not an agency code|wildcard/);
  });

  it('sets submit limits that show in agency show and in stats, and the SDK is paced by them', async () => {
    const code = '000.00.01.H41'; // Sở Nội vụ Nghệ An, node h41
    const set = await lienthong([
      'agency',
      'limits',
      code,
      '--per-second',
      '20',
      '--burst',
      '2',
      '--json',
      ...suite.s,
    ]);
    expect(set.code).toBe(0);
    expect(json<{ limits: unknown }>(set).limits).toEqual({ perSecond: 20, burst: 2, bytesPerSecond: 0 });
    const shown = json<{ flow: { limits: unknown; queued: { limit: number } } }>(
      await lienthong(['agency', 'show', code, '--json', ...suite.s]),
    );
    expect(shown.flow.limits).toEqual({ perSecond: 20, burst: 2, bytesPerSecond: 0 });
    expect(shown.flow.queued.limit).toBe(1000);

    // 30 documents at once: the home node takes them at 20/s, so the last arrives after ~1.4 s.
    const sender = await connect({ servers: suite.broker.url, agency: code });
    suite.clients.push(sender);
    const sentAt = Date.now();
    const ids = Array.from({ length: 30 }, (_, i) => `${code},2026/11/22,${100 + i}/SNV`);
    await Promise.all(
      ids.map((id) => sender.send({ documentId: id, subject: 'Nhịp', to: [{ code: SENDER }] })),
    );
    const stats = await eventually(async () => {
      const j = json<{
        flow: { submit: { perSenderLimit: number }; paced: { code: string; perSecond: number }[] };
        total: { sent: number };
      }>(await lienthong(['stats', '--json', ...suite.s]));
      const records = await sender.sent();
      expect(
        records.filter((d) => (d.recipients[0]?.transport ?? 0) >= TransportState.TRANSPORT_STATE_DELIVERED)
          .length,
      ).toBe(30);
      return j;
    }, 20_000);
    expect(Date.now() - sentAt).toBeGreaterThan(1_000);
    expect(stats.flow.submit.perSenderLimit).toBe(1000);
    expect(stats.flow.paced).toContainEqual(expect.objectContaining({ code, perSecond: 20 }));
    const text = await lienthong(['stats', ...suite.s]);
    expect(text.stdout).toMatch(/flow control/);
    expect(text.stdout).toMatch(/paced agencies[\s\S]*000\.00\.01\.H41[\s\S]*20\/s, burst 2/);

    const cleared = await lienthong(['agency', 'limits', code, '--clear', '--json', ...suite.s]);
    expect(json<{ limits: unknown }>(cleared).limits).toEqual({ perSecond: 0, burst: 0, bytesPerSecond: 0 });
    const bad = await lienthong(['agency', 'limits', code, '--per-second', '-3', ...suite.s]);
    expect(bad.code).not.toBe(0);
  });

  it('doc track of a document its home node has not taken on yet says it waits there, not that it is unknown', async () => {
    const code = '000.00.00.H27'; // UBND tỉnh Hà Tĩnh, node h27
    expect(
      (await lienthong(['agency', 'limits', code, '--per-second', '1', '--burst', '1', ...suite.s])).code,
    ).toBe(0);
    const sender = await connect({ servers: suite.broker.url, agency: code });
    suite.clients.push(sender);
    try {
      // Paced at 1/s: of six sent at once, the last waits in the submit queue for seconds.
      const ids = Array.from({ length: 6 }, (_, i) => `${code},2026/12/06,${700 + i}/UBND`);
      await Promise.all(
        ids.map((id) => sender.send({ documentId: id, subject: 'Chờ', to: [{ code: SENDER }] })),
      );
      const track = await lienthong(['doc', 'track', ids[5]!, ...suite.s]);
      expect(track.code).not.toBe(0);
      expect(track.stderr).toMatch(
        new RegExp(
          `document .* sent by ${code.replaceAll('.', '\\.')} has no tracking record yet: [1-5] submission\\(s\\) of .* wait at its home node h27`,
        ),
      );
      expect(track.stderr).toContain('lienthong node info h27');
    } finally {
      await lienthong(['agency', 'limits', code, '--clear', ...suite.s]);
    }
  });
});

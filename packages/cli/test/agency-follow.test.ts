/**
 * The SDK follows a move while connected: `lienthong agency move` on a running `lienthong up`, with
 * the moved agency's client connected, holding an item it has not acknowledged and tracking a
 * document it sent before. Its client picks up the new home node, its inbox goes on at the new home,
 * the tracker hears the statuses that now come through the new home, what it sends leaves from
 * there, and no item is handed out twice.
 */
import { connect } from '@lienthong/sdk';
import type { ConnectOptions, InboxItem, LienthongClient } from '@lienthong/sdk';
import { BusinessStatus, TransportState } from '@lienthong/proto';
import path from 'node:path';
import { background, brokerForSuite, eventually, issueAgency, json, lienthong } from './helpers';
import type { SuiteBroker } from './helpers';

jest.setTimeout(90_000);

const SENDER = '000.01.44.H41'; // commune Quỳnh Thạch
const MOVING = '000.04.43.H41'; // added at h41-yenthanh-xa1, moved to h41-quynhluu-xa2
const FROM = 'h41-yenthanh-xa1';
const TO = 'h41-quynhluu-xa2';

/** The scenario: `auth` is a suite with credentials (nkey identities, the home node's agency service). */
function followsTheMove(suite: SuiteBroker, auth: boolean): void {
  it('follows the move: inbox, sending and the held item, each document handed out once', async () => {
    const ops = auth ? ['--creds', path.join(suite.broker.dataDir, 'credentials', 'ops_admin.nk')] : [];
    const add = await lienthong([
      'agency',
      'add',
      MOVING,
      '--name',
      'Xã chuyển',
      '--node',
      FROM,
      ...ops,
      ...suite.s,
    ]);
    expect([add.code, add.stderr]).toEqual([0, '']);
    const identity = async (code: string): Promise<Partial<ConnectOptions>> => {
      if (!auth) return {};
      return { credentials: { seedFile: (await issueAgency(suite, code)).seedFile } };
    };
    const sender = await connect({ servers: suite.broker.url, agency: SENDER, ...(await identity(SENDER)) });
    suite.clients.push(sender);
    const moving: LienthongClient = await connect({
      servers: suite.broker.url,
      agency: MOVING,
      followHomeMs: 200,
      ...(await identity(MOVING)),
    });
    suite.clients.push(moving);
    expect(moving.homeNode.id).toBe(FROM);

    const handedOut = new Map<string, number>();
    const items: InboxItem[] = [];
    const inbox = moving.inbox();
    const reading = (async () => {
      for await (const item of inbox) {
        handedOut.set(item.documentId, (handedOut.get(item.documentId) ?? 0) + 1);
        items.push(item);
      }
    })();
    const doc = (n: number): string => `${SENDER},2026/12/02,7${n}/UBND-VP`;
    await sender.send({
      documentId: doc(1),
      subject: 'Trước khi chuyển (giữ, chưa xác nhận)',
      to: [{ code: MOVING }],
    });
    await sender.send({ documentId: doc(2), subject: 'Trước khi chuyển (xác nhận)', to: [{ code: MOVING }] });
    await eventually(
      async () => expect(items.map((i) => i.documentId).sort()).toEqual([doc(1), doc(2)]),
      20_000,
    );
    await items.find((i) => i.documentId === doc(2))!.ack();

    // A document it sent before the move, tracked since then: its tracker follows the move.
    const earlier = `${MOVING},2026/12/02,0/UBND-VP`;
    await moving.send({ documentId: earlier, subject: 'Gửi trước khi chuyển', to: [{ code: SENDER }] });
    const earlierTracker = await moving.track(earlier);
    await earlierTracker.until((rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED, {
      signal: AbortSignal.timeout(20_000),
    });

    // An operator watches the agency's tracking changes from before the move, too.
    const watch = background(['doc', 'watch', '--agency', MOVING, '--json', ...ops, ...suite.s]);
    await watch.waitFor(/watching /, 10_000, 'stderr');

    const moved = await lienthong(['agency', 'move', MOVING, '--to', TO, '--json', ...ops, ...suite.s]);
    expect(json<{ to: string }>(moved).to).toBe(TO);
    await eventually(async () => expect(moving.homeNode.id).toBe(TO), 20_000);

    // The item held across the move is acknowledged (through its copy at the new home if the old
    // consumer is gone), and a document sent now arrives at the new home.
    await eventually(async () => {
      await items.find((i) => i.documentId === doc(1))!.ack();
    }, 20_000);
    await sender.send({ documentId: doc(3), subject: 'Sau khi chuyển', to: [{ code: MOVING }] });
    await eventually(async () => expect(handedOut.get(doc(3))).toBe(1), 30_000);
    await items.find((i) => i.documentId === doc(3))!.ack();

    // Its recipient reads the earlier document now: the 01 reaches the tracker opened before the move.
    const senderInbox = sender.inbox();
    for await (const item of senderInbox) {
      if (item.documentId !== earlier) continue;
      await item.ack();
      break;
    }
    await senderInbox.stop();
    await earlierTracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
      signal: AbortSignal.timeout(20_000),
    });
    await earlierTracker.stop();
    await watch.waitFor(
      new RegExp(`"documentId":"${earlier}".*"business":"BUSINESS_STATUS_ARRIVED"`),
      10_000,
    );
    await watch.stop('SIGINT');

    // What it sends leaves from its new home node.
    const reply = `${MOVING},2026/12/02,1/UBND-VP`;
    await moving.send({ documentId: reply, subject: 'Trả lời từ nơi mới', to: [{ code: SENDER }] });
    const tracker = await moving.track(reply);
    const [record] = await tracker.until((rs) => (rs[0]?.hops.length ?? 0) > 0, {
      signal: AbortSignal.timeout(20_000),
    });
    await tracker.stop();
    expect(record!.hops[0]!.node).toBe(TO);

    // A while later: still each document handed out once.
    await new Promise((r) => setTimeout(r, 3_000));
    await inbox.stop();
    await reading;
    expect(Object.fromEntries(handedOut)).toEqual({ [doc(1)]: 1, [doc(2)]: 1, [doc(3)]: 1 });
  });
}

describe('the SDK follows agency move while connected', () => {
  followsTheMove(brokerForSuite(), false);
});

describe('the SDK follows agency move while connected, with nkey identities', () => {
  followsTheMove(brokerForSuite({ auth: true }), true);
});

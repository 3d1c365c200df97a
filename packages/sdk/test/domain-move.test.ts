/**
 * An agency whose home node goes to another JetStream domain while its client is connected (`agency
 * move` onto a node there, or its province merged into another's domain by `topology apply`): the
 * client cannot follow (its connection belongs to the old domain), so every call that needs the
 * home node fails at once with FailedPrecondition naming the domain to connect to, and a waiting
 * inbox ends with that error. Back in the client's domain, it works again.
 */
import type { KV } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { AgencyRecord, Level, NodeRecord } from '@lienthong/proto';
import type { INodeRecord } from '@lienthong/proto';
import { BusinessStatus, LienthongError } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { A, World, docId, documentTo, waitFor, within } from './world';

jest.setTimeout(60_000);

/** A commune node of Hà Tĩnh's JetStream domain, which the demo's single server does not serve. */
const ELSEWHERE: INodeRecord = {
  id: 'h27-huongson-xa9',
  level: Level.LEVEL_COMMUNE,
  parent: 'h27-huongson',
  name: 'UBND xã Sơn Kim',
  domain: 'h27',
};

/** The message and context of the refusal, for an agency whose home node is `node` in `domain`. */
function refusal(agency: string, node: string, domain: string): Partial<LienthongError> {
  return {
    code: 'FailedPrecondition',
    message: `agency ${agency} now has its home node ${node} in JetStream domain ${domain}: connect to that domain's servers (connect({ servers: …, domain: '${domain}' }))`,
    context: { agency, homeNode: node, domain },
  };
}

/** Resolves with how long `p` took to be refused, failing if it resolves. */
async function refusedIn(p: Promise<unknown>, expected: Partial<LienthongError>): Promise<number> {
  const started = Date.now();
  const e = await within(
    5_000,
    'the refusal',
    p.then(() => new Error('not refused')).catch((x: unknown) => x),
  );
  expect(e).toBeInstanceOf(LienthongError);
  expect(e).toMatchObject(expected);
  return Date.now() - started;
}

describe('a home node in another JetStream domain', () => {
  const w = new World();
  let directory: KV;
  beforeAll(async () => {
    await w.start();
    directory = await w.node!.nats.kvm.open(BUCKETS.directory);
  }, 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  const putNode = (n: INodeRecord): Promise<unknown> =>
    directory.put(directoryKeys.node(n.id!), NodeRecord.encode(n).finish());
  const nodeRecord = async (id: string): Promise<INodeRecord> =>
    NodeRecord.decode((await directory.get(directoryKeys.node(id)))!.value);
  const moveAgency = async (agency: string, homeNode: string): Promise<void> => {
    const record = AgencyRecord.decode((await directory.get(directoryKeys.agency(agency)))!.value);
    await directory.put(directoryKeys.agency(agency), AgencyRecord.encode({ ...record, homeNode }).finish());
  };
  const reachable = (c: LienthongClient, yes: boolean): Promise<unknown> =>
    waitFor(
      `${c.agency} ${yes ? 'reaching' : 'not reaching'} its home node`,
      () => c.home().reachable === yes,
      5_000,
    );

  it('refuses send and the inbox at once after an agency move there, and works again once moved back', async () => {
    const client = await w.client(A.congthanh, { followHomeMs: 100 });
    const other = await w.client(A.baothanh);
    const reader = w.reader(other);
    const home = client.homeNode.id;
    expect(client.home()).toEqual({ node: home, domain: '', reachable: true });
    // An inbox iteration waiting for items when the agency moves.
    const waiting = client.inbox()[Symbol.asyncIterator]().next();
    await waitFor('the inbox consumer', () =>
      w.inboxState(A.congthanh).then(
        () => true,
        () => false,
      ),
    );

    await putNode(ELSEWHERE);
    await moveAgency(A.congthanh, ELSEWHERE.id!);
    await reachable(client, false);
    expect(client.home()).toEqual({ node: ELSEWHERE.id, domain: 'h27', reachable: false });
    expect(client.homeNode.id).toBe(home);

    const refused = refusal(A.congthanh, ELSEWHERE.id!, 'h27');
    const id = docId(A.congthanh, 'AWAY');
    // Promptly: well under the call's deadline (10 s), without reaching for the old node.
    expect(
      await refusedIn(client.send(documentTo(id, [A.baothanh]), { timeoutMs: 10_000 }), refused),
    ).toBeLessThan(1_000);
    expect(await refusedIn(waiting, refused)).toBeLessThan(2_000);
    expect(await refusedIn(client.inbox()[Symbol.asyncIterator]().next(), refused)).toBeLessThan(1_000);
    expect(await refusedIn(client.snapshot(id), refused)).toBeLessThan(1_000);
    expect(await refusedIn(client.sent(), refused)).toBeLessThan(1_000);

    await moveAgency(A.congthanh, home);
    await reachable(client, true);
    expect(client.home()).toEqual({ node: home, domain: '', reachable: true });
    await expect(client.send(documentTo(id, [A.baothanh]))).resolves.toMatchObject({
      documentId: id,
      duplicate: false,
    });
    await reader.waitForId(id);
    expect(await w.inboxSettled(A.baothanh)).toMatchObject({ messages: 1, pending: 0, ackPending: 0 });
    expect(reader.counts().get(id)).toBe(1);
    // Its inbox is read again too: a document to it comes, once.
    const back = w.reader(client);
    const answer = docId(A.baothanh, 'BACK');
    await other.send(documentTo(answer, [A.congthanh]));
    await back.waitForId(answer);
    expect(await w.inboxSettled(A.congthanh)).toMatchObject({ pending: 0, ackPending: 0 });
    expect(back.counts().get(answer)).toBe(1);
  });

  it('refuses as soon as its home node itself is put in another domain (domains merged), until it is back', async () => {
    const client = await w.client(A.quynhthach, { followHomeMs: 100 });
    const reader = w.reader(await w.client(A.quynhvan));
    const node = await nodeRecord(client.homeNode.id);
    try {
      await putNode({ ...node, domain: 'h27' });
      await reachable(client, false);
      const id = docId(A.quynhthach, 'MERGED');
      const refused = refusal(A.quynhthach, node.id!, 'h27');
      expect(await refusedIn(client.send(documentTo(id, [A.quynhvan])), refused)).toBeLessThan(1_000);
      expect(
        await refusedIn(client.report(id, BusinessStatus.BUSINESS_STATUS_ACCEPTED), refused),
      ).toBeLessThan(1_000);
    } finally {
      await putNode(node);
    }
    await reachable(client, true);
    const id = docId(A.quynhthach, 'BACK');
    await client.send(documentTo(id, [A.quynhvan]));
    await reader.waitForId(id);
    expect(reader.counts().get(id)).toBe(1);
  });
});

/**
 * The client follows its agency's home node (`lienthong agency move`): a refresh asked for after a
 * move reads the directory anew, even while an older read is still under way, and the newest read's
 * answer wins over an older one that completes later. A home node in another JetStream domain is
 * remembered (and refused) rather than taken, until the agency is in the client's domain again.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import type { KV, KvEntry } from '@nats-io/kv';
import { directoryKeys } from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, Level, NodeRecord } from '@lienthong/proto';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { HomeFollower } from '../src/home';
import type { HomeNode, Session } from '../src/session';

jest.setTimeout(60_000);

const AGENCY = '000.02.43.H41';
const FROM = 'h41-yenthanh-xa2';
const TO = 'h41-yenthanh-xa1';
const DOMAIN = 'h41';

describe('HomeFollower', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let kv: KV;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    kv = await new Kvm(nc).create('lt_directory_home_follow', { history: 1 });
    for (const id of [FROM, TO]) {
      await kv.put(
        directoryKeys.node(id),
        NodeRecord.encode({
          id,
          level: Level.LEVEL_COMMUNE,
          parent: 'h41-yenthanh',
          name: id,
          domain: DOMAIN,
        }).finish(),
      );
    }
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  const home = (id: string): Promise<unknown> =>
    kv.put(
      directoryKeys.agency(AGENCY),
      AgencyRecord.encode({ code: AGENCY, name: 'UBND xã Công Thành', homeNode: id }).finish(),
    );

  it('reads anew after a move while an older read is under way, and the older answer does not win', async () => {
    await home(FROM);
    const session = { agency: AGENCY, homeNode: { id: FROM, level: Level.LEVEL_COMMUNE } as HomeNode };
    let gate: (() => void) | undefined;
    let held = 0;
    const directory = Object.create(kv) as KV;
    directory.get = async (key: string): Promise<KvEntry | null> => {
      const entry = await kv.get(key);
      if (key === directoryKeys.agency(AGENCY) && held === 0) {
        held += 1;
        await new Promise<void>((r) => (gate = r));
      }
      return entry;
    };
    const follower = new HomeFollower(session as unknown as Session, directory, DOMAIN, 0);

    // A read (the periodic one) has read the directory before the move and is not done yet.
    const before = follower.refresh();
    while (!gate) await new Promise((r) => setTimeout(r, 5));
    await home(TO);

    // Asked for after the move, a refresh reads the directory as it is now (the held read is let go
    // after a while, so that a refresh that only waits for it fails here rather than hangs).
    const letGo = setTimeout(() => gate!(), 2_000);
    await expect(follower.refresh()).resolves.toBe(true);
    expect(follower.node.id).toBe(TO);

    // The older read completes last, with the home node from before the move: it is not taken.
    clearTimeout(letGo);
    gate!();
    await expect(before).resolves.toBe(false);
    expect(follower.node.id).toBe(TO);
  });

  it('answers a refresh only once a newer read that took over from it has read the home node too', async () => {
    // The inbox re-creates its consumer at the home node a refresh leaves (inbox-adapter.ts): a
    // refresh that answered while the periodic read that overtook it was still reading the node's
    // record left the old home node in place, and the consumer was made on the inbox the agency had
    // just left.
    await home(FROM);
    const session = { agency: AGENCY, homeNode: { id: FROM, level: Level.LEVEL_COMMUNE } as HomeNode };
    const gates: (() => void)[] = [];
    let calls = 0;
    const directory = Object.create(kv) as KV;
    directory.get = async (key: string): Promise<KvEntry | null> => {
      calls += 1;
      // 1: the first read's agency record, answered late; 2: the second read's, at once; 3: the
      // second read's node record, held until after the first read has answered.
      if (calls === 1 || calls === 3) await new Promise<void>((r) => gates.push(r));
      return kv.get(key);
    };
    const follower = new HomeFollower(session as unknown as Session, directory, DOMAIN, 0);
    await home(TO);
    const first = follower.refresh();
    const second = follower.refresh();
    while (gates.length < 2) await new Promise((r) => setTimeout(r, 5));
    let firstDone = false;
    void first.then(() => (firstDone = true));
    gates[0]!(); // the first read's answer comes while the second is reading the node's record
    await new Promise((r) => setTimeout(r, 200));
    expect(firstDone).toBe(false);
    gates[1]!();
    await first;
    expect(follower.node.id).toBe(TO);
    await expect(second).resolves.toBe(true);
  });

  it('answers a refresh while directory reads are slower than the period of the periodic read', async () => {
    // A refresh waits for the reads started after its own: the periodic read must not start another
    // while one is under way, or a refresh would wait as long as the reads stay slow.
    await home(TO);
    const session = { agency: AGENCY, homeNode: { id: FROM, level: Level.LEVEL_COMMUNE } as HomeNode };
    let reads = 0;
    const directory = Object.create(kv) as KV;
    directory.get = async (key: string): Promise<KvEntry | null> => {
      reads += 1;
      await new Promise((r) => setTimeout(r, 100));
      return kv.get(key);
    };
    const follower = new HomeFollower(session as unknown as Session, directory, DOMAIN, 20);
    follower.start();
    try {
      await new Promise((r) => setTimeout(r, 50));
      const answered = await Promise.race([
        follower.refresh().then(() => 'answered'),
        new Promise((r) => setTimeout(() => r('still waiting'), 2_000)),
      ]);
      expect(answered).toBe('answered');
      expect(follower.node.id).toBe(TO);
      // Two gets a read, at most one periodic read at a time (plus the refresh's own).
      expect(reads).toBeLessThan(30);
    } finally {
      follower.stop();
    }
  });

  it('takes the newest answer when reads complete in order, and a move back', async () => {
    await home(FROM);
    const session = { agency: AGENCY, homeNode: { id: FROM, level: Level.LEVEL_COMMUNE } as HomeNode };
    const follower = new HomeFollower(session as unknown as Session, kv, DOMAIN, 0);
    // Trackers listen for moves, to follow the new node's track subject (tracking-reader.ts).
    const moves: string[] = [];
    follower.onMove((node) => moves.push(node.id));
    await expect(follower.refresh()).resolves.toBe(false);
    await home(TO);
    await expect(follower.refresh()).resolves.toBe(true);
    expect(follower.node.id).toBe(TO);
    await home(FROM);
    const answers = await Promise.all([follower.refresh(), follower.refresh()]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(follower.node.id).toBe(FROM);
    expect(moves).toEqual([TO, FROM]);
  });
  it('remembers a home node in another domain, tells its listeners once, and takes the node back in its own', async () => {
    const ELSEWHERE = 'h27-huongson-xa1';
    await kv.put(
      directoryKeys.node(ELSEWHERE),
      NodeRecord.encode({
        id: ELSEWHERE,
        level: Level.LEVEL_COMMUNE,
        parent: 'h27-huongson',
        name: ELSEWHERE,
        domain: 'h27',
      }).finish(),
    );
    await home(FROM);
    const session = { agency: AGENCY, homeNode: { id: FROM, level: Level.LEVEL_COMMUNE } as HomeNode };
    const follower = new HomeFollower(session as unknown as Session, kv, DOMAIN, 0);
    const heard: Error[] = [];
    follower.onAway((e) => heard.push(e));

    await home(ELSEWHERE);
    await expect(follower.refresh()).resolves.toBe(true);
    await expect(follower.refresh()).resolves.toBe(false);
    expect(heard).toHaveLength(1);
    expect(follower.state).toEqual({ node: ELSEWHERE, domain: 'h27', reachable: false });
    expect(() => follower.current()).toThrow(
      expect.objectContaining({
        code: 'FailedPrecondition',
        context: { agency: AGENCY, homeNode: ELSEWHERE, domain: 'h27' },
      }),
    );
    expect(follower.node.id).toBe(FROM);

    await home(TO);
    await expect(follower.refresh()).resolves.toBe(true);
    expect(follower.state).toEqual({ node: TO, domain: DOMAIN, reachable: true });
    expect(follower.current().id).toBe(TO);
  });

  it('refuses a code closed by a reorganisation, naming its successor, until it is an agency again', async () => {
    await home(TO);
    const session = { agency: AGENCY, homeNode: { id: TO, level: Level.LEVEL_COMMUNE } as HomeNode };
    const follower = new HomeFollower(session as unknown as Session, kv, DOMAIN, 0);
    const heard: Error[] = [];
    follower.onAway((e) => heard.push(e));
    // Removed without a closure (a copy of the directory catching up, say): nothing changes.
    await kv.delete(directoryKeys.agency(AGENCY));
    await expect(follower.refresh()).resolves.toBe(false);
    expect(follower.current().id).toBe(TO);

    const closure = { successor: '000.00.00.H41', closedAt: '2025-07-01T00:00:00Z' };
    await kv.put(
      directoryKeys.closed(AGENCY),
      ClosedAgencyRecord.encode({ code: AGENCY, name: 'UBND xã Công Thành', ...closure }).finish(),
    );
    await expect(follower.refresh()).resolves.toBe(true);
    await expect(follower.refresh()).resolves.toBe(false);
    expect(heard).toHaveLength(1);
    expect(follower.state).toEqual({ node: TO, domain: DOMAIN, reachable: false, closed: closure });
    expect(() => follower.current()).toThrow(
      expect.objectContaining({ code: 'FailedPrecondition', context: { agency: AGENCY, ...closure } }),
    );

    await home(TO);
    await kv.delete(directoryKeys.closed(AGENCY));
    await expect(follower.refresh()).resolves.toBe(true);
    expect(follower.state).toEqual({ node: TO, domain: DOMAIN, reachable: true });
  });
});

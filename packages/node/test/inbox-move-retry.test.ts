/**
 * An agency's inbox move runs once per directory change, so a transient failure must not leave its
 * unread items behind at the old node: with the server away when the move starts (as while it
 * reloads the credentials the same change rewrote, when it answers "jetstream is not enabled"), the
 * move is retried and completes once the server answers again, each item copied once.
 */
import 'reflect-metadata';
import pino from 'pino';
import { STREAMS, inboxFilter, inboxSubject } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import { InFlight, InboxMover } from '@lienthong/node/internal';
import { A, Harness, demoTopology } from './harness';

const AGENCY = A.baothanh;
const FROM = 'h41-yenthanh-xa1';
const TO = 'h41-yenthanh-xa2';

describe('an inbox move that meets a server away', () => {
  const h = new Harness();
  let handles: NatsHandles | undefined;
  afterAll(async () => {
    await handles?.nc.close();
    await h.cleanup();
  });

  it('is retried until the server answers, and moves every unread item once', async () => {
    const topology = demoTopology();
    const server = await h.server({ stopGraceMs: 30_000 });
    const node = await h.node(server, topology); // makes the streams
    await node.stop();
    handles = await connectNats({
      name: 'inbox-move-test',
      servers: server.url,
      timeoutMs: 2_000,
      reconnect: { timeWaitMs: 200 },
    });
    const from = topology.node(FROM);
    const to = topology.node(TO);
    for (const key of ['item1', 'item2']) {
      await handles.js.publish(inboxSubject(from.level, from.id, AGENCY, key), new Uint8Array([1]));
    }

    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const mover = new InboxMover(handles, new InFlight(), { ids: () => [FROM] }, log);

    await server.stop();
    const moving = mover.move([{ code: AGENCY, from: FROM, to: TO }], 0, topology, topology);
    await new Promise((r) => setTimeout(r, 4_000)); // longer than a JetStream request's 2 s
    await server.restart();
    await moving;

    expect(warnings.some((l) => l.includes('moving an inbox failed; will retry'))).toBe(true);
    const count = async (filter: string): Promise<number> =>
      Object.keys(
        (await handles!.jsm.streams.info(STREAMS.inbox, { subjects_filter: filter })).state.subjects ?? {},
      ).length;
    expect(await count(inboxFilter(to.level, to.id, AGENCY))).toBe(2);
    expect(await count(inboxFilter(from.level, from.id, AGENCY))).toBe(0);
  }, 60_000);
});

/**
 * `readAgencies`: a command that shows one document reads the directory entries of its agencies
 * only, one key each; many agencies, or a directory it cannot read that way, give the whole
 * directory (and its errors).
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, Level, NodeRecord } from '@lienthong/proto';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { FEW_AGENCIES, readAgencies } from '../src';
import type { Session } from '../src';

jest.setTimeout(30_000);

describe('readAgencies', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let s: Session;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    const kvm = new Kvm(nc);
    s = {
      settings: { server: server.url, timeoutMs: 5_000 },
      nc,
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      kvm,
    };
  });
  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  const code = (i: number): string => `000.${String(i).padStart(2, '0')}.43.H41`;

  it('without a directory: the whole directory’s NotFound', async () => {
    await expect(readAgencies(s, [code(1)])).rejects.toThrow(/directory \(KV lt_directory\) does not exist/);
  });

  it('reads the named agencies only, and the whole directory for many', async () => {
    const kv = await s.kvm.create(BUCKETS.directory);
    await kv.put(
      directoryKeys.node('h41'),
      NodeRecord.encode({ id: 'h41', level: Level.LEVEL_PROVINCE }).finish(),
    );
    // A node no agency named here lives at.
    await kv.put(
      directoryKeys.node('h42'),
      NodeRecord.encode({ id: 'h42', level: Level.LEVEL_PROVINCE }).finish(),
    );
    for (let i = 1; i <= FEW_AGENCIES + 1; i++) {
      await kv.put(
        directoryKeys.agency(code(i)),
        AgencyRecord.encode({ code: code(i), name: `Sở ${i}`, homeNode: 'h41' }).finish(),
      );
    }
    await kv.delete(directoryKeys.agency(code(3)));
    const gone = '000.00.99.H40';
    await kv.put(
      directoryKeys.closed(gone),
      ClosedAgencyRecord.encode({ code: gone, successor: code(1), closedAt: '2025-07-01' }).finish(),
    );

    const few = await readAgencies(s, [code(1), code(2), code(2), code(3), code(99), gone, 'not a code']);
    expect([...few.agencies.keys()].sort()).toEqual([code(1), code(2)]);
    expect(few.name(code(2))).toBe('Sở 2');
    expect(few.agency(code(1)).homeNode).toBe('h41');
    expect(few.name(code(3))).toBe(''); // deleted
    expect(() => few.agency(code(99))).toThrow(`agency ${code(99)} is not in the directory`);
    expect(() => few.agency(gone)).toThrow(
      `agency code ${gone} is closed (since 2025-07-01); its successor is ${code(1)}`,
    );
    // Their home nodes, and no other node.
    expect([...few.nodes.keys()]).toEqual(['h41']);
    expect(few.levelOf('h41')).toBe('province');

    const many = await readAgencies(
      s,
      Array.from({ length: FEW_AGENCIES + 1 }, (_, i) => code(i + 1)),
    );
    expect(many.agencies.size).toBe(FEW_AGENCIES); // every agency of the directory but the deleted one
    expect([...many.nodes.keys()].sort()).toEqual(['h41', 'h42']);
  });
});

/**
 * A writer that puts directory entries one at a time while the runtime runs (`topology apply` of a
 * whole reorganisation writes 28,000 in a minute): the runtime builds and checks the whole tree again
 * for a burst of them, not for each one, and so keeps serving. Every entry still takes effect.
 */
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { LiveDirectory } from '@lienthong/node/internal';
import { AgencyRecord, Level } from '@lienthong/proto';
import { Harness, demoTopology, waitFor } from './harness';

const COUNT = 300;

describe('directory changes in a burst', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('are built into the directory together, each taking effect', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const node = await h.node(server, topology);
    const directory = node.container.resolve(LiveDirectory);
    const inspect = await h.inspector(server, topology);
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const codes = Array.from({ length: COUNT }, (_, i) => `${String(i + 1).padStart(3, '0')}.07.43.H41`);
    const before = directory.epoch;
    for (const code of codes) {
      await kv.put(
        directoryKeys.agency(code),
        AgencyRecord.encode({
          code,
          name: `Đơn vị ${code}`,
          tier: Level.LEVEL_COMMUNE,
          parentCode: '000.00.43.H41',
          homeNode: 'h41-yenthanh-xa1',
        }).finish(),
      );
    }
    await waitFor('every agency in the directory', async () => codes.every((c) => directory.agency(c)));
    // One build per entry would be COUNT; a burst of puts (a round trip each) takes a few builds.
    expect(directory.epoch - before).toBeLessThan(COUNT / 10);
  });
});

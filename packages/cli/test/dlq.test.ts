/**
 * Dead letters from the operator's side: garbage on a submit subject becomes a dead letter that
 * `dlq ls/show` explain, `dlq replay` re-publishes once however often it is asked, and `check`
 * turns CRITICAL over --max-dead.
 */
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { eventually, json, killAll, lienthong, startBroker } from './helpers';
import type { Broker } from './helpers';

jest.setTimeout(30_000);

const SUBMIT = 'lt.v1.commune.h41-yenthanh-xa1.submit.000_01_43_H41';

interface DeadJson {
  seq: number;
  node: string;
  reason: string;
  detail: string;
  subject: string;
  documentId: string | null;
  size: number;
}

describe('dead letters and check', () => {
  let broker: Broker;
  let s: string[];

  /** Publishes raw bytes where an agency's SDK would, with a plain NATS connection. */
  const publishGarbage = async (text: string): Promise<void> => {
    const nc = await natsConnect({ servers: broker.url });
    try {
      await jetstream(nc).publish(SUBMIT, new TextEncoder().encode(text));
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    broker = await startBroker();
    s = ['-s', broker.url];
  });

  afterAll(async () => {
    try {
      if (broker) await broker.stop();
    } finally {
      await killAll();
    }
  });

  it('lists, shows and replays a dead letter; a second replay does nothing', async () => {
    expect((await lienthong(['dlq', 'ls', ...s])).stdout).toBe('no dead letters\n');
    await publishGarbage('not a protobuf envelope');

    const [dead] = await eventually(async () => {
      const list = json<DeadJson[]>(await lienthong(['dlq', 'ls', '--json', ...s]));
      expect(list).toHaveLength(1);
      return list;
    });
    expect(dead).toMatchObject({
      node: 'h41-yenthanh-xa1',
      reason: 'MALFORMED',
      subject: SUBMIT,
      documentId: null,
      size: 'not a protobuf envelope'.length,
    });
    expect(dead!.detail).toMatch(/^invalid Envelope: not a protobuf Envelope/);

    const table = await lienthong(['dlq', 'ls', '--node', 'h41-yenthanh-xa1', ...s]);
    expect(table.stdout).toMatch(/^SEQ\s+TIME\s+NODE\s+REASON\s+DOCUMENT\s+DETAIL$/m);
    expect(table.stdout).toMatch(
      new RegExp(
        `^\\s*${dead!.seq}\\s+\\S+ \\S+ [+-]\\d\\d\\s+h41-yenthanh-xa1\\s+MALFORMED\\s+-\\s+invalid Envelope`,
        'm',
      ),
    );
    // Only a malformed one: the listing suggests removing it, not a replay that would fail the same way.
    expect(table.stdout).toMatch(
      /none of these passes a replay \(malformed, or sent under another code\): lienthong dlq rm SEQ…\n$/,
    );
    expect((await lienthong(['dlq', 'ls', '--node', 'h41', ...s])).stdout).toBe('no dead letters for h41\n');

    const show = await lienthong(['dlq', 'show', String(dead!.seq), ...s]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/arrived on\s+lt\.v1\.commune\.h41-yenthanh-xa1\.submit\.000_01_43_H41/);
    expect(show.stdout).toMatch(/original does not decode: invalid Envelope/);
    const full = json<{ original: string; decoded: unknown; decodeError: string }>(
      await lienthong(['dlq', 'show', String(dead!.seq), '--json', ...s]),
    );
    expect(Buffer.from(full.original, 'base64').toString()).toBe('not a protobuf envelope');
    expect(full.decoded).toBeNull();

    // with a dead letter kept: WARNING by default, CRITICAL over --max-dead
    const warn = await lienthong(['check', ...s]);
    expect(warn.stdout).toMatch(/^LIENTHONG WARNING - 1 dead letter > 0 \|/);
    expect(warn.code).toBe(1);
    const crit = await lienthong(['check', '--max-dead', '0', ...s]);
    expect(crit.stdout).toMatch(/^LIENTHONG CRITICAL - 1 dead letter > 0 \| .*dead_letters=1;0;0;0;/);
    expect(crit.code).toBe(2);

    const first = await lienthong(['dlq', 'replay', String(dead!.seq), ...s]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `^dead letter ${dead!.seq}: replayed to ${SUBMIT.replace(/\./g, '\\.')} \\(LT_SUBMIT seq \\d+\\) and removed$`,
        'm',
      ),
    );
    const second = await lienthong(['dlq', 'replay', String(dead!.seq), ...s]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('no longer in LT_DEAD (already replayed or removed): nothing to do');

    // the garbage came back once (and was dead-lettered again, as garbage is)
    const after = await eventually(async () => {
      const list = json<DeadJson[]>(await lienthong(['dlq', 'ls', '--json', ...s]));
      expect(list).toHaveLength(1);
      return list;
    });
    expect(after[0]!.seq).toBeGreaterThan(dead!.seq);

    const gone = await lienthong(['dlq', 'show', String(dead!.seq), ...s]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`[NotFound] no dead letter ${dead!.seq} in LT_DEAD`);
    const never = await lienthong(['dlq', 'replay', '9999', ...s]);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain('[NotFound] no dead letter 9999');
  });

  it('replays --all, then removes what will never decode', async () => {
    await publishGarbage('more garbage');
    const before = await eventually(async () => {
      const list = json<DeadJson[]>(await lienthong(['dlq', 'ls', '--json', ...s]));
      expect(list).toHaveLength(2);
      return list;
    });
    const all = json<{ seq: number; result: string; duplicate: boolean }[]>(
      await lienthong(['dlq', 'replay', '--all', '--node', 'h41-yenthanh-xa1', '--json', ...s]),
    );
    expect(all.map((o) => [o.seq, o.result, o.duplicate])).toEqual(
      before.map((d) => [d.seq, 'replayed', false]),
    );
    const again = await eventually(async () => {
      const list = json<DeadJson[]>(await lienthong(['dlq', 'ls', '--json', ...s]));
      expect(list).toHaveLength(2);
      return list;
    });
    const rm = await lienthong(['dlq', 'rm', ...again.map((d) => String(d.seq)), ...s]);
    expect(rm.code).toBe(0);
    expect(rm.stdout).toBe(again.map((d) => `removed dead letter ${d.seq}\n`).join(''));
    expect((await lienthong(['dlq', 'ls', ...s])).stdout).toBe('no dead letters\n');
    const ok = await lienthong(['check', '--max-dead', '0', ...s]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^LIENTHONG OK - /);
  });

  it('refuses a replay without a target', async () => {
    const r = await lienthong(['dlq', 'replay', ...s]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name the dead letters to replay or pass --all');
  });
});

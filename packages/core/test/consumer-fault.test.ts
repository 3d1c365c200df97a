/**
 * The consumer fault rules on made-up states (the node's consumer-check test makes them on a real
 * nats-server): each kind found, and a consumer that is merely busy left alone.
 */
import { DeliveryMark, findConsumerFault, restartSequence } from '../src/consumer-fault';
import type { ConsumerPosition, ConsumerView, StoredMessage, StreamPosition } from '../src/consumer-fault';

function view(o: {
  workQueue?: boolean;
  consumer: ConsumerPosition | ConsumerPosition[];
  stream: StreamPosition;
  messages?: StoredMessage[];
  filter?: string;
}): ConsumerView & { counted: number } {
  const positions = Array.isArray(o.consumer) ? [...o.consumer] : [o.consumer];
  const msgs = o.messages ?? [];
  const mine = (m: StoredMessage): boolean => m.subject.startsWith(o.filter ?? '');
  const v = {
    workQueue: o.workQueue ?? true,
    counted: 0,
    consumer: async () => (positions.length > 1 ? positions.shift()! : positions[0]!),
    stream: async () => o.stream,
    message: async (seq: number) => msgs.find((m) => m.seq === seq),
    nextOfFilter: async (seq: number) => msgs.find((m) => m.seq >= seq && mine(m)),
    countOfFilter: async () => {
      v.counted++;
      return msgs.filter(mine).length;
    },
  };
  return v;
}

const msg = (seq: number, subject = 'a.x', storedAtNanos = seq * 1e9): StoredMessage => ({
  seq,
  subject,
  storedAtNanos,
});
const pos = (delivered: number, ackFloor: number, pending = 0, ackPending = 0): ConsumerPosition => ({
  delivered,
  ackFloor,
  pending,
  ackPending,
});

describe('findConsumerFault', () => {
  it('ahead: delivered past the stream end, or the last message received past it', async () => {
    expect(
      await findConsumerFault(
        view({ consumer: pos(20, 20), stream: { firstSeq: 0, lastSeq: 5, messages: 5 } }),
      ),
    ).toEqual({ kind: 'ahead', delivered: 20, lastSeq: 5 });
    expect(
      await findConsumerFault(
        view({ consumer: pos(5, 5), stream: { firstSeq: 6, lastSeq: 5, messages: 0 } }),
        [msg(9)],
      ),
    ).toEqual({ kind: 'ahead', delivered: 9, lastSeq: 5 });
  });

  it('reused: the message the reader received last was replaced by a later one', async () => {
    const v = view({
      workQueue: false,
      consumer: pos(9, 9),
      stream: { firstSeq: 1, lastSeq: 12, messages: 12 },
      messages: [msg(9, 'b.x', 50e9)],
    });
    expect(await findConsumerFault(v, [msg(9)])).toMatchObject({ kind: 'reused', seq: 9 });
    // The same message read back (ns rounding differs a little): nothing.
    const same = view({
      workQueue: false,
      consumer: pos(9, 9),
      stream: { firstSeq: 1, lastSeq: 12, messages: 12 },
      messages: [msg(9, 'a.x', 9e9 + 300)],
    });
    expect(await findConsumerFault(same, [msg(9)])).toBeUndefined();
  });

  it('stranded below the acknowledgement floor, even while other messages are unacknowledged', async () => {
    const v = view({
      consumer: pos(10, 8, 0, 2),
      stream: { firstSeq: 3, lastSeq: 10, messages: 3 },
      messages: [msg(3), msg(9), msg(10)],
    });
    expect(await findConsumerFault(v)).toEqual({
      kind: 'stranded',
      messages: 1,
      delivered: 10,
      ackFloor: 8,
      firstSeq: 3,
    });
  });

  it('stranded between the floor and delivered: more messages than pending and unacknowledged', async () => {
    const v = view({
      consumer: pos(10, 4, 1, 1),
      stream: { firstSeq: 5, lastSeq: 11, messages: 4 },
      messages: [msg(5), msg(6), msg(7), msg(11)],
    });
    expect(await findConsumerFault(v)).toMatchObject({ kind: 'stranded', messages: 2 });
  });

  it('busy is not stranded: every message pending or unacknowledged, or the consumer moved meanwhile', async () => {
    const busy = view({
      consumer: pos(10, 4, 1, 3),
      stream: { firstSeq: 5, lastSeq: 11, messages: 4 },
      messages: [msg(5), msg(6), msg(7), msg(11)],
    });
    expect(await findConsumerFault(busy)).toBeUndefined();
    // Others' messages in the stream: counted, and none of them is this consumer's.
    const others = view({
      filter: 'a.',
      consumer: pos(10, 10),
      stream: { firstSeq: 5, lastSeq: 11, messages: 2 },
      messages: [msg(5, 'b.x'), msg(11, 'b.x')],
    });
    expect(await findConsumerFault(others)).toBeUndefined();
    // A message delivered between the reads: no verdict this time.
    const moving = view({
      consumer: [pos(10, 4, 1, 1), pos(11, 4, 0, 2)],
      stream: { firstSeq: 5, lastSeq: 11, messages: 4 },
      messages: [msg(5), msg(6), msg(7), msg(11)],
    });
    expect(await findConsumerFault(moving)).toBeUndefined();
    // Limits streams keep acknowledged messages: they say nothing.
    const limits = view({
      workQueue: false,
      consumer: pos(10, 10),
      stream: { firstSeq: 1, lastSeq: 10, messages: 10 },
      messages: [msg(1)],
    });
    expect(await findConsumerFault(limits)).toBeUndefined();
    expect(limits.counted).toBe(0);
  });
});

describe('restartSequence', () => {
  it('starts after the floor, or at the first message stored after the last one received', async () => {
    const messages = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => msg(s, 'a.x', s <= 4 ? s * 1e9 : 100e9 + s));
    const v = view({
      workQueue: false,
      consumer: pos(8, 7),
      stream: { firstSeq: 1, lastSeq: 8, messages: 8 },
      messages,
    });
    // Received up to 4 (stored at 4 s); 5.. were stored after the restart, though the floor is 7.
    expect(await restartSequence(v, pos(8, 7), { firstSeq: 1, lastSeq: 8, messages: 8 }, msg(4))).toBe(5);
    expect(await restartSequence(v, pos(8, 2), { firstSeq: 1, lastSeq: 8, messages: 8 }, msg(4))).toBe(3);
    expect(await restartSequence(v, pos(20, 20), { firstSeq: 1, lastSeq: 8, messages: 8 })).toBe(9);
  });

  it('DeliveryMark keeps the highest sequence received, and the last one before a disconnect', () => {
    const mark = new DeliveryMark();
    mark.note(msg(5));
    mark.note(msg(3));
    expect(mark.last?.seq).toBe(5);
    mark.disconnected();
    mark.note(msg(6, 'a.x', 99e9)); // after the restart, at a sequence the server had lost
    expect(mark.marks.map((m) => m.seq)).toEqual([5, 6]);
    expect(mark.earliest?.seq).toBe(5);
    mark.reset();
    expect(mark.marks).toEqual([]);
  });
});

/**
 * The duplicate windows of the streams: the custody streams (submit, relay) and the dead letters keep
 * the configured one (10 minutes by default: a resend within it is answered `duplicate: true`); the
 * inbox, which refuses a second copy of an item by its subject, and the track stream, whose readers
 * take a repeated change as it is, keep at most 2 minutes, so that nats-server holds fewer message ids
 * at a sustained rate.
 */
import 'reflect-metadata';
import { DEFAULT_RETENTION } from '@lienthong/node';
import { SHORT_DUPLICATE_WINDOW_MS, streamConfigs } from '@lienthong/node/internal';

const NS = 1_000_000;
const subjects = { submit: ['s.>'], relay: ['r.>'], inbox: ['i.>'], track: ['t.>'], dead: ['d.>'] };

describe('duplicate windows of the streams', () => {
  it('keeps the configured window on the custody streams and at most 2 minutes on inbox and track', () => {
    const c = streamConfigs(subjects, DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION.duplicateWindowMs).toBe(10 * 60_000);
    expect(SHORT_DUPLICATE_WINDOW_MS).toBe(2 * 60_000);
    expect(c.submit.duplicate_window).toBe(10 * 60_000 * NS);
    expect(c.relay.duplicate_window).toBe(10 * 60_000 * NS);
    expect(c.dead.duplicate_window).toBe(10 * 60_000 * NS);
    expect(c.inbox.duplicate_window).toBe(2 * 60_000 * NS);
    expect(c.track.duplicate_window).toBe(2 * 60_000 * NS);
  });

  it('gives inbox and track a configured window shorter than that', () => {
    const c = streamConfigs(subjects, { ...DEFAULT_RETENTION, duplicateWindowMs: 30_000 });
    expect(c.inbox.duplicate_window).toBe(30_000 * NS);
    expect(c.track.duplicate_window).toBe(30_000 * NS);
    expect(c.submit.duplicate_window).toBe(30_000 * NS);
  });
});

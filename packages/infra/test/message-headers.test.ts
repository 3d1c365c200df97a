/**
 * The patched NATS client (`patches/@nats-io__nats-core@3.4.0.patch`, `lib/headers.js`) looks up
 * exact and canonical header names in its map directly and keeps canonical names once computed,
 * instead of building the list of keys on every call. What a header set answers must be what
 * upstream answers: these expectations were taken from the unpatched 3.4.0.
 */
import { Match, MsgHdrsImpl, canonicalMIMEHeaderKey, headers } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';

describe('message headers (patched lookups)', () => {
  it('set, append, get, values, last, has and delete under each kind of match', () => {
    const h = headers();
    h.set('Nats-Msg-Id', 'a');
    h.append('nats-msg-id', 'b');
    h.append('x-a', '1', Match.CanonicalMIME);
    h.append('X-A', '2', Match.CanonicalMIME);
    h.append('Lt-Kind', ' v ');
    expect(h.get('Nats-Msg-Id')).toBe('a');
    expect(h.get('nats-msg-id')).toBe('b');
    expect(h.get('NATS-MSG-ID', Match.IgnoreCase)).toBe('a');
    expect(h.get('x-a', Match.CanonicalMIME)).toBe('1');
    expect(h.get('absent')).toBe('');
    expect(h.values('X-A')).toEqual(['1', '2']);
    expect(h.values('absent')).toEqual([]);
    expect(h.has('x-a')).toBe(false);
    expect(h.has('x-a', Match.CanonicalMIME)).toBe(true);
    expect(h.has('X-a', Match.IgnoreCase)).toBe(true);
    expect(h.last('X-A')).toBe('2');
    expect(h.toString()).toBe(
      'NATS/1.0\r\nNats-Msg-Id: a\r\nnats-msg-id: b\r\nX-A: 1\r\nX-A: 2\r\nLt-Kind: v\r\n\r\n',
    );

    h.set('X-A', 'z');
    expect(h.values('X-A')).toEqual(['z']);
    h.set('x-a', 'q', Match.CanonicalMIME);
    expect([...h]).toEqual([
      ['Nats-Msg-Id', ['a']],
      ['nats-msg-id', ['b']],
      ['Lt-Kind', ['v']],
      ['X-A', ['q']],
    ]);
    h.set('x-A', 'w', Match.IgnoreCase);
    expect([...h].at(-1)).toEqual(['x-A', ['w']]);
    h.delete('nats-msg-id');
    expect(h.has('nats-msg-id')).toBe(false);
    expect(h.keys()).toEqual(['Nats-Msg-Id', 'Lt-Kind', 'x-A']);
    h.delete('NATS-MSG-ID', Match.IgnoreCase);
    expect(h.keys()).toEqual(['Lt-Kind', 'x-A']);
  });

  it('refuses a bad name every time it is used, and a value with a line break', () => {
    const h = headers();
    for (let i = 0; i < 2; i++) {
      expect(() => h.set('bad key', 'x')).toThrow(/' ' is not a valid character in a header name/);
    }
    expect(() => h.set('k:', 'x')).toThrow(/':' is not a valid character/);
    expect(() => h.set('k', 'a\nb')).toThrow(/values cannot contain \\r or \\n/);
    expect(() => h.set('k', 'a\rb')).toThrow(/values cannot contain \\r or \\n/);
    expect(h.keys()).toEqual([]);
    expect(canonicalMIMEHeaderKey('nats-msg-id')).toBe('Nats-Msg-Id');
    expect(canonicalMIMEHeaderKey('nats-msg-id')).toBe('Nats-Msg-Id');
    expect(canonicalMIMEHeaderKey('X-LT-kind')).toBe('X-Lt-Kind');
  });

  it('reads a status line and its headers as upstream does', () => {
    const decoded = MsgHdrsImpl.decode(
      new TextEncoder().encode(
        'NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 5\r\nnats-pending-messages: 7\r\n\r\n',
      ),
    );
    const d: MsgHdrs = decoded;
    expect(d.code).toBe(100);
    expect(d.description).toBe('Idle Heartbeat');
    expect(d.get('Nats-Last-Consumer')).toBe('5');
    expect(d.get('Nats-Pending-Messages')).toBe('');
    expect(d.get('nats-pending-messages')).toBe('7');
    expect(d.get('Nats-Pending-Messages', Match.CanonicalMIME)).toBe('');
    expect(decoded.equals(decoded)).toBe(true);
  });
});

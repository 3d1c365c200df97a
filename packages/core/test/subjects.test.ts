import fc from 'fast-check';
import {
  InvalidAgencyCodeError,
  InvalidNodeIdError,
  LienthongError,
  STREAM_SUBJECTS,
  SUBJECT_PREFIX,
  deadSubject,
  documentKey,
  inboxFilter,
  inboxSubject,
  laneOf,
  levelFromName,
  levelName,
  nodeSubjects,
  laneSubjects,
  parseSubject,
  relaySubject,
  submitSubject,
  trackSubject,
} from '@lienthong/core';
import type { Lane, ParsedSubject } from '@lienthong/core';
import { Level, Priority } from '@lienthong/proto';

/** NATS wildcard matching, to check that each builder's subject falls in the stream's subjects. */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

describe('levels', () => {
  it('names each level and back', () => {
    expect(levelName(Level.LEVEL_CENTRAL)).toBe('central');
    expect(levelName(Level.LEVEL_PROVINCE)).toBe('province');
    expect(levelName(Level.LEVEL_DISTRICT)).toBe('district');
    expect(levelName(Level.LEVEL_COMMUNE)).toBe('commune');
    for (const l of [Level.LEVEL_CENTRAL, Level.LEVEL_PROVINCE, Level.LEVEL_DISTRICT, Level.LEVEL_COMMUNE]) {
      expect(levelFromName(levelName(l))).toBe(l);
    }
  });

  it('refuses the unspecified level and unknown names', () => {
    expect(() => levelName(Level.LEVEL_UNSPECIFIED)).toThrow(LienthongError);
    expect(() => levelFromName('ward')).toThrow("'ward' is not a level name");
    expect(() => levelFromName('Central')).toThrow(LienthongError);
  });
});

describe('subject builders', () => {
  it('build the documented v1 subjects', () => {
    expect(SUBJECT_PREFIX).toBe('lt.v1');
    expect(submitSubject(Level.LEVEL_PROVINCE, 'h41', H41)).toBe('lt.v1.province.h41.submit.000_00_00_H41');
    expect(submitSubject('province', 'h41', H41, 'urgent')).toBe(
      'lt.v1.province.h41.submit.000_00_00_H41.urgent',
    );
    expect(submitSubject('central', 'vn', G22)).toBe('lt.v1.central.vn.submit.000_00_00_G22');
    expect(relaySubject('province', 'h41', 'urgent', 'vn')).toBe('lt.v1.province.h41.relay.urgent.vn');
    expect(relaySubject(Level.LEVEL_DISTRICT, 'h41-yenthanh', 'normal', 'h41')).toBe(
      'lt.v1.district.h41-yenthanh.relay.normal.h41',
    );
    const key = documentKey('doc');
    expect(inboxSubject('province', 'h41', H41, key)).toBe(`lt.v1.province.h41.inbox.000_00_00_H41.${key}`);
    expect(inboxSubject('province', 'h41', H41, `${key}-status-6`)).toBe(
      `lt.v1.province.h41.inbox.000_00_00_H41.${key}-status-6`,
    );
    expect(inboxFilter('province', 'h41', H41)).toBe('lt.v1.province.h41.inbox.000_00_00_H41.>');
    expect(trackSubject('central', 'vn', G22)).toBe('lt.v1.central.vn.track.000_00_00_G22');
    expect(deadSubject('commune', 'h41-yenthanh-xa1')).toBe('lt.v1.commune.h41-yenthanh-xa1.dead');
  });

  it('validate every input with typed errors', () => {
    expect(() => submitSubject('province', 'H41', H41)).toThrow(InvalidNodeIdError);
    expect(() => submitSubject('province', 'h41.x', H41)).toThrow(InvalidNodeIdError);
    expect(() => submitSubject('province', 'h41', '000.00.00.H4*')).toThrow(InvalidAgencyCodeError);
    expect(() => submitSubject('region' as never, 'h41', H41)).toThrow(LienthongError);
    expect(() => submitSubject(Level.LEVEL_UNSPECIFIED, 'h41', H41)).toThrow(LienthongError);
    expect(() => relaySubject('province', 'h41', 'fast' as Lane, 'vn')).toThrow("'fast' is not a lane");
    expect(() => relaySubject('province', 'h41', 'normal', '>')).toThrow(InvalidNodeIdError);
    expect(() => inboxSubject('province', 'h41', H41, 'ABC')).toThrow(LienthongError);
    expect(() => inboxSubject('province', 'h41', H41, 'a.b')).toThrow(LienthongError);
    expect(() => inboxSubject('province', 'h41', H41, '')).toThrow(LienthongError);
    expect(() => inboxFilter('province', 'h41', '*')).toThrow(InvalidAgencyCodeError);
    expect(() => trackSubject('province', 'h41', '>')).toThrow(InvalidAgencyCodeError);
    expect(() => deadSubject('province', '*')).toThrow(InvalidNodeIdError);
  });

  it('put flash documents in the urgent lane', () => {
    expect(laneOf(Priority.PRIORITY_FLASH)).toBe('urgent');
    expect(laneOf(Priority.PRIORITY_FLASH_SCHEDULED)).toBe('urgent');
    expect(laneOf(Priority.PRIORITY_NORMAL)).toBe('normal');
    expect(laneOf(Priority.PRIORITY_URGENT)).toBe('normal');
    expect(laneOf(Priority.PRIORITY_VERY_URGENT)).toBe('normal');
  });

  it('give stream wildcards that cover the builders, and per-node ones that cover only that node', () => {
    expect(STREAM_SUBJECTS).toEqual({
      submit: 'lt.v1.*.*.submit.>',
      relay: 'lt.v1.*.*.relay.>',
      inbox: 'lt.v1.*.*.inbox.>',
      track: 'lt.v1.*.*.track.*',
      dead: 'lt.v1.*.*.dead',
    });
    const mine = nodeSubjects('province', 'h41');
    expect(mine).toEqual({
      submit: 'lt.v1.province.h41.submit.>',
      relay: 'lt.v1.province.h41.relay.>',
      inbox: 'lt.v1.province.h41.inbox.>',
      track: 'lt.v1.province.h41.track.*',
      dead: 'lt.v1.province.h41.dead',
    });
    const built = {
      submit: submitSubject('province', 'h41', H41),
      relay: relaySubject('province', 'h41', 'normal', 'vn'),
      inbox: inboxSubject('province', 'h41', H41, documentKey('d')),
      track: trackSubject('province', 'h41', H41),
      dead: deadSubject('province', 'h41'),
    };
    for (const kind of ['submit', 'relay', 'inbox', 'track', 'dead'] as const) {
      expect(matches(STREAM_SUBJECTS[kind], built[kind])).toBe(true);
      expect(matches(mine[kind], built[kind])).toBe(true);
      for (const other of ['submit', 'relay', 'inbox', 'track', 'dead'] as const) {
        if (other !== kind) expect(matches(STREAM_SUBJECTS[other], built[kind])).toBe(false);
      }
    }
    expect(matches(mine.relay, relaySubject('province', 'h27', 'normal', 'vn'))).toBe(false);
    // Both lanes of a submission are covered; the streams capture exactly the lanes.
    const urgent = submitSubject('province', 'h41', H41, 'urgent');
    expect(matches(STREAM_SUBJECTS.submit, urgent)).toBe(true);
    expect(matches(mine.submit, urgent)).toBe(true);
    const lanes = laneSubjects('lt.v1.*.*');
    expect(matches(lanes.submit.normal, built.submit)).toBe(true);
    expect(matches(lanes.submit.urgent, urgent)).toBe(true);
    expect(matches(lanes.submit.normal, urgent)).toBe(false);
    expect(matches(lanes.relay.normal, built.relay)).toBe(true);
    expect(matches(lanes.relay.urgent, relaySubject('province', 'h41', 'urgent', 'vn'))).toBe(true);
    expect(matches(lanes.relay.normal, 'lt.v1.province.h41.relay.fast.vn')).toBe(false);
    expect(matches(lanes.relay.urgent, 'lt.v1.province.h41.relay.fast.vn')).toBe(false);
  });
});

function rebuild(p: ParsedSubject): string {
  switch (p.kind) {
    case 'submit':
      return submitSubject(p.level, p.node, p.agency, p.lane);
    case 'relay':
      return relaySubject(p.level, p.node, p.lane, p.from);
    case 'inbox':
      return inboxSubject(p.level, p.node, p.agency, p.docKey);
    case 'track':
      return trackSubject(p.levelName, p.node, p.agency);
    case 'dead':
      return deadSubject(p.level, p.node);
  }
}

describe('parseSubject', () => {
  it('parses every kind back to its parts', () => {
    const key = documentKey('doc');
    expect(parseSubject(submitSubject('province', 'h41', H41))).toEqual({
      kind: 'submit',
      level: Level.LEVEL_PROVINCE,
      levelName: 'province',
      node: 'h41',
      agency: H41,
      lane: 'normal',
    });
    expect(parseSubject(submitSubject('province', 'h41', H41, 'urgent'))).toEqual({
      kind: 'submit',
      level: Level.LEVEL_PROVINCE,
      levelName: 'province',
      node: 'h41',
      agency: H41,
      lane: 'urgent',
    });
    expect(parseSubject(relaySubject('central', 'vn', 'urgent', 'h41'))).toEqual({
      kind: 'relay',
      level: Level.LEVEL_CENTRAL,
      levelName: 'central',
      node: 'vn',
      lane: 'urgent',
      from: 'h41',
    });
    expect(parseSubject(inboxSubject('district', 'h41-yenthanh', '000.00.43.H41', key))).toEqual({
      kind: 'inbox',
      level: Level.LEVEL_DISTRICT,
      levelName: 'district',
      node: 'h41-yenthanh',
      agency: '000.00.43.H41',
      docKey: key,
    });
    expect(parseSubject(trackSubject('central', 'vn', G22))).toEqual({
      kind: 'track',
      level: Level.LEVEL_CENTRAL,
      levelName: 'central',
      node: 'vn',
      agency: G22,
    });
    expect(parseSubject(deadSubject('commune', 'x1'))).toEqual({
      kind: 'dead',
      level: Level.LEVEL_COMMUNE,
      levelName: 'commune',
      node: 'x1',
    });
  });

  it.each([
    '',
    'lt',
    'lt.v2.province.h41.dead',
    'xx.v1.province.h41.dead',
    'lt.v1.region.h41.dead',
    'lt.v1.province.H41.dead',
    'lt.v1.province.h41.dead.extra',
    'lt.v1.province.h41.submit',
    'lt.v1.province.h41.submit.000.00.00.H41',
    'lt.v1.province.h41.submit.000_00_00_H41.normal',
    'lt.v1.province.h41.submit.000_00_00_H41.urgent.x',
    'lt.v1.province.h41.submit.000_00_00_H4*',
    'lt.v1.province.h41.submit.000_00_00_H41.extra',
    'lt.v1.province.h41.relay.normal',
    'lt.v1.province.h41.relay.fast.vn',
    'lt.v1.province.h41.relay.normal.VN',
    'lt.v1.province.h41.inbox.000_00_00_H41',
    'lt.v1.province.h41.inbox.000_00_00_H41.ABC',
    'lt.v1.province.h41.inbox.000_00_00_H41.a.b',
    'lt.v1.province.h41.track.000_00_00_H41.x',
    'lt.v1.province.h41.unknown.x',
    'lt.v1.*.*.submit.*',
  ])('returns undefined for %j', (subject) => {
    expect(parseSubject(subject)).toBeUndefined();
  });

  it('parses back everything the builders make', () => {
    const nodeId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/);
    const code = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(...'ABGHZ'),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(
        ([a, b, c, x, n]) =>
          `${String(a).padStart(3, '0')}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}.${x}${String(n).padStart(2, '0')}`,
      );
    const level = fc.constantFrom('central', 'province', 'district', 'commune' as const);
    const parsed: fc.Arbitrary<ParsedSubject> = fc
      .oneof(
        fc.record({
          kind: fc.constant('submit' as const),
          levelName: level,
          node: nodeId,
          agency: code,
          lane: fc.constantFrom<Lane>('urgent', 'normal'),
        }),
        fc.record({
          kind: fc.constant('relay' as const),
          levelName: level,
          node: nodeId,
          lane: fc.constantFrom<Lane>('urgent', 'normal'),
          from: nodeId,
        }),
        fc.record({
          kind: fc.constant('inbox' as const),
          levelName: level,
          node: nodeId,
          agency: code,
          docKey: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
        }),
        fc.record({ kind: fc.constant('track' as const), levelName: level, node: nodeId, agency: code }),
        fc.record({ kind: fc.constant('dead' as const), levelName: level, node: nodeId }),
      )
      .map((p) => ({ ...p, level: levelFromName(p.levelName) }) as ParsedSubject);
    fc.assert(
      fc.property(parsed, (p) => {
        expect(parseSubject(rebuild(p))).toEqual(p);
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'lt',
              'v1',
              'province',
              'h41',
              'submit',
              'relay',
              'inbox',
              'dead',
              'track',
              'normal',
              '000_00_00_H41',
            ),
            fc.string(),
          ),
          {
            maxLength: 9,
          },
        ),
        (tokens) => {
          const subject = tokens.join('.');
          const parsed = parseSubject(subject);
          // Whatever parses must be exactly what the builders make of its parts.
          if (parsed !== undefined) expect(rebuild(parsed)).toBe(subject);
        },
      ),
    );
    expect(parseSubject(undefined as never)).toBeUndefined();
  });
});

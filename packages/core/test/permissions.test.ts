import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  InvalidAgencyCodeError,
  LienthongError,
  agencyServiceSubject,
  authorizationConfig,
  identityIdOf,
  inboxPrefixOf,
  inboxSubject,
  parseTopology,
  permissionsFor,
  relaySubject,
  submitSubject,
  trackSubject,
} from '@lienthong/core';
import type { Permissions, SubjectPermission } from '@lienthong/core';

const topology = parseTopology(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../deploy/topology.demo.json'), 'utf8')),
);

/** NATS wildcard matching of a permission subject against a concrete subject. */
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

/** What nats-server decides: allowed by some allow entry and by no deny entry. */
function allowed(p: SubjectPermission, subject: string): boolean {
  return p.allow.some((a) => matches(a, subject)) && !p.deny.some((d) => matches(d, subject));
}

const canPublish = (p: Permissions, s: string): boolean => allowed(p.publish, s);
const canSubscribe = (p: Permissions, s: string): boolean => allowed(p.subscribe, s);

// A commune agency (home h41-yenthanh-xa1) and another agency at the same node and elsewhere.
const A = '000.01.43.H41';
const A_TOKEN = '000_01_43_H41';
const SAME_NODE_OTHER = '000.02.43.H41'; // h41-yenthanh-xa2 (a sibling node)
const PROVINCE = '000.00.00.H41';

describe('agency permissions', () => {
  const p = permissionsFor({ kind: 'agency', agency: A }, topology);
  const inboxDurable = `lt-inbox-${A_TOKEN}`;
  const inboxFilter = `lt.v1.commune.h41-yenthanh-xa1.inbox.${A_TOKEN}.>`;

  it('allows every subject the SDK uses for its own agency', () => {
    const sdk = [
      submitSubject('commune', 'h41-yenthanh-xa1', A),
      submitSubject('commune', 'h41-yenthanh-xa1', A, 'urgent'),
      '$JS.API.INFO',
      '$JS.API.DIRECT.GET.KV_lt_directory.$KV.lt_directory.agency.000_01_43_H41',
      '$JS.API.DIRECT.GET.KV_lt_directory.$KV.lt_directory.node.h41-yenthanh-xa1',
      `$JS.API.DIRECT.GET.KV_lt_tracking.$KV.lt_tracking.${A_TOKEN}.doc-1.000_00_00_G22`,
      `$JS.API.CONSUMER.INFO.LT_INBOX.${inboxDurable}`,
      `$JS.API.CONSUMER.MSG.NEXT.LT_INBOX.${inboxDurable}`,
      // Its home node's service: consumers and key listings made for it (it may create none).
      agencyServiceSubject('commune', 'h41-yenthanh-xa1', A),
      `$JS.ACK.LT_INBOX.${inboxDurable}.1.5.5.1700000000000000000.0`,
      `$JS.API.DIRECT.GET.LT_INBOX.${inboxSubject('commune', 'h41-yenthanh-xa1', A, 'abc-1')}`,
    ];
    for (const s of sdk) expect([s, canPublish(p, s)]).toEqual([s, true]);
    expect(canSubscribe(p, `${inboxPrefixOf({ kind: 'agency', agency: A })}.abc.1`)).toBe(true);
  });

  it('refuses consumers, listings and reads by sequence on the content stream, and stream info that names others', () => {
    for (const s of [
      '$JS.API.CONSUMER.CREATE.LT_CONTENT.x',
      '$JS.API.CONSUMER.CREATE.LT_CONTENT.x.lt.v1.content._.c.*',
      '$JS.API.CONSUMER.DURABLE.CREATE.LT_CONTENT.x',
      '$JS.API.CONSUMER.MSG.NEXT.LT_CONTENT.x',
      '$JS.API.CONSUMER.DELETE.LT_CONTENT.x',
      '$JS.API.STREAM.INFO.LT_CONTENT',
      '$JS.API.DIRECT.GET.LT_CONTENT',
      '$JS.API.STREAM.MSG.GET.LT_CONTENT',
      '$JS.API.STREAM.INFO.LT_TRACK',
      // Not even by a hash it knows: its home node hands it the content of its own documents.
      `$JS.API.DIRECT.GET.LT_CONTENT.lt.v1.content._.c.${'a'.repeat(64)}`,
      // Nor stores content itself: its home node stores it, counting its uploads (#18 item 5).
      `lt.v1.content._.c.${'a'.repeat(64)}`,
      `lt.v1.content._.m.${'b'.repeat(64)}`,
      `$JS.API.DIRECT.GET.LT_CONTENT.lt.v1.content._.m.${'a'.repeat(64)}`,
      // No consumer of its own making anywhere: a create body can make it push to any subject.
      `$JS.API.CONSUMER.CREATE.KV_lt_tracking.lt-keys-1.$KV.lt_tracking.${A_TOKEN}.>`,
      `$JS.API.CONSUMER.CREATE.LT_INBOX.${inboxDurable}.${inboxFilter}`,
      `$JS.API.CONSUMER.CREATE.LT_TRACK.oc_xyz_1.${trackSubject('commune', 'h41-yenthanh-xa1', A)}`,
      '$JS.API.CONSUMER.MSG.NEXT.LT_TRACK.oc_xyz_1',
      '$JS.API.CONSUMER.INFO.LT_TRACK.oc_xyz_1',
      '$JS.API.CONSUMER.DELETE.LT_TRACK.oc_xyz_1',
      '$JS.API.CONSUMER.MSG.NEXT.KV_lt_tracking.lt-keys-1',
      agencyServiceSubject('commune', 'h41-yenthanh-xa2', SAME_NODE_OTHER),
      // Nor writes what nodes tell of themselves: a forged count would mislead `lienthong check`.
      '$KV.lt_status.node.h41-yenthanh-xa1',
      '$JS.API.STREAM.MSG.DELETE.KV_lt_status',
      '$JS.API.STREAM.PURGE.KV_lt_status',
    ]) {
      expect([s, canPublish(p, s)]).toEqual([s, false]);
    }
    // Its track subject is read from the stream, not subscribed to.
    expect(canSubscribe(p, trackSubject('commune', 'h41-yenthanh-xa1', A))).toBe(false);
  });

  it('refuses submitting as another agency or at another node', () => {
    expect(canPublish(p, submitSubject('commune', 'h41-yenthanh-xa1', SAME_NODE_OTHER))).toBe(false);
    expect(canPublish(p, submitSubject('province', 'h41', PROVINCE))).toBe(false);
    expect(canPublish(p, submitSubject('province', 'h41', A))).toBe(false); // itself, wrong node
  });

  it("refuses reading another agency's inbox, tracking and replies", () => {
    const other = '000_02_43_H41';
    for (const s of [
      `$JS.API.CONSUMER.CREATE.LT_INBOX.lt-inbox-${other}.lt.v1.commune.h41-yenthanh-xa2.inbox.${other}.>`,
      // its own durable name with someone else's filter, and without a filter in the subject
      `$JS.API.CONSUMER.CREATE.LT_INBOX.${inboxDurable}.lt.v1.commune.h41-yenthanh-xa2.inbox.${other}.>`,
      `$JS.API.CONSUMER.CREATE.LT_INBOX.${inboxDurable}`,
      `$JS.API.CONSUMER.DURABLE.CREATE.LT_INBOX.${inboxDurable}`,
      `$JS.API.CONSUMER.MSG.NEXT.LT_INBOX.lt-inbox-${other}`,
      `$JS.API.DIRECT.GET.LT_INBOX.lt.v1.commune.h41-yenthanh-xa2.inbox.${other}.abc`,
      '$JS.API.DIRECT.GET.LT_INBOX',
      '$JS.API.STREAM.MSG.GET.LT_INBOX',
      `$JS.API.DIRECT.GET.KV_lt_tracking.$KV.lt_tracking.${other}.doc-1.${A_TOKEN}`,
      '$JS.API.DIRECT.GET.KV_lt_tracking',
      '$JS.API.STREAM.INFO.KV_lt_tracking',
      `$JS.API.CONSUMER.CREATE.KV_lt_tracking.x.$KV.lt_tracking.${other}.>`,
      '$JS.API.CONSUMER.CREATE.KV_lt_tracking.x.$KV.lt_tracking.>',
      '$JS.API.CONSUMER.CREATE.KV_lt_tracking.x',
      '$JS.API.STREAM.MSG.GET.KV_lt_tracking',
      `$JS.API.CONSUMER.CREATE.LT_TRACK.oc_1.lt.v1.commune.h41-yenthanh-xa2.track.${other}`,
      '$JS.API.CONSUMER.CREATE.LT_TRACK.oc_1.lt.v1.>',
    ]) {
      expect([s, canPublish(p, s)]).toEqual([s, false]);
    }
    for (const s of [
      `lt.v1.commune.h41-yenthanh-xa2.inbox.${other}.abc`,
      `lt.v1.commune.h41-yenthanh-xa2.track.${other}`,
      '_INBOX.abc',
      `_INBOX_a_${other}.abc`,
      '>',
    ]) {
      expect([s, canSubscribe(p, s)]).toEqual([s, false]);
    }
  });

  it('refuses relay, inbox, track, dead-letter, directory and stream-admin subjects', () => {
    for (const s of [
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
      relaySubject('province', 'h41', 'urgent', 'h41-yenthanh'),
      inboxSubject('commune', 'h41-yenthanh-xa1', A, 'abc'),
      inboxSubject('province', 'h41', PROVINCE, 'abc'),
      trackSubject('commune', 'h41-yenthanh-xa1', A),
      'lt.v1.commune.h41-yenthanh-xa1.dead',
      'lt.v1.central.vn.dead',
      'lt.v1.audit.h41-yenthanh-xa1',
      'lt.v1.audit.vn',
      '$KV.lt_directory.agency.000_01_43_H41',
      '$KV.lt_tracking.000_01_43_H41.doc.000_00_00_G22',
      '$JS.API.STREAM.CREATE.LT_EVIL',
      '$JS.API.STREAM.DELETE.LT_INBOX',
      '$JS.API.STREAM.PURGE.LT_SUBMIT',
      '$JS.API.CONSUMER.DELETE.LT_INBOX.lt-inbox-000_02_43_H41',
      '$JS.ACK.LT_INBOX.lt-inbox-000_02_43_H41.1.1.1.1.0',
    ]) {
      expect([s, canPublish(p, s)]).toEqual([s, false]);
    }
  });

  it('adds the JetStream domain prefix of a node with its own domain', () => {
    const t = parseTopology({
      nodes: [
        { id: 'vn', level: 'central', name: 'VN', domain: 'central' },
        { id: 'h41', level: 'province', name: 'NA', parent: 'vn', domain: 'h41' },
      ],
      agencies: [{ code: PROVINCE, name: 'UBND', tier: 'province', homeNode: 'h41' }],
    });
    const d = permissionsFor({ kind: 'agency', agency: PROVINCE }, t);
    expect(canPublish(d, '$JS.h41.API.CONSUMER.MSG.NEXT.LT_INBOX.lt-inbox-000_00_00_H41')).toBe(true);
    expect(canPublish(d, '$JS.central.API.CONSUMER.MSG.NEXT.LT_INBOX.lt-inbox-000_00_00_H41')).toBe(false);
    expect(canPublish(d, '$JS.h41.API.STREAM.MSG.GET.LT_INBOX')).toBe(false);
  });

  it('refuses an agency the directory does not know', () => {
    expect(() => permissionsFor({ kind: 'agency', agency: '999.99.99.H99' }, topology)).toThrow(
      expect.objectContaining({ code: 'NotFound' }),
    );
  });
});

describe('node permissions', () => {
  const p = permissionsFor({ kind: 'node', name: 'yenthanh', nodes: ['h41-yenthanh'] }, topology);

  it('acts on its own subjects and hands relays to any node of its domain as itself', () => {
    for (const s of [
      relaySubject('province', 'h41', 'normal', 'h41-yenthanh'),
      // The domain-local shortcut: past its neighbours, within its own JetStream domain.
      relaySubject('central', 'vn', 'normal', 'h41-yenthanh'),
      relaySubject('commune', 'h41-quynhluu-xa1', 'normal', 'h41-yenthanh'),
      relaySubject('commune', 'h41-yenthanh-xa1', 'urgent', 'h41-yenthanh'),
      relaySubject('commune', 'h41-yenthanh-xa2', 'normal', 'h41-yenthanh'),
      'lt.v1.district.h41-yenthanh.dead',
      'lt.v1.audit.h41-yenthanh',
      trackSubject('district', 'h41-yenthanh', '000.00.43.H41'),
      inboxSubject('district', 'h41-yenthanh', '000.00.43.H41', 'abc'),
      '$JS.API.CONSUMER.MSG.NEXT.LT_RELAY.lt-relay-h41-yenthanh',
      '$KV.lt_tracking.000_00_43_H41.doc.000_00_00_G22',
    ]) {
      expect([s, canPublish(p, s)]).toEqual([s, true]);
    }
  });

  it('refuses relays claiming another sender, and other nodes’ dead letters', () => {
    for (const s of [
      relaySubject('province', 'h41', 'normal', 'h41-quynhluu'), // posing as a sibling
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41'), // its own relay, posing as its parent
      'lt.v1.province.h41.dead',
      'lt.v1.audit.h41', // another node's audit chain
      submitSubject('commune', 'h41-yenthanh-xa1', A),
    ]) {
      expect([s, canPublish(p, s)]).toEqual([s, false]);
    }
    expect(canSubscribe(p, 'lt.v1.province.h41.relay.normal.h41-yenthanh')).toBe(false);
    expect(canSubscribe(p, '_INBOX_n_yenthanh.x')).toBe(true);
  });

  it('serves its own nodes’ agencies and may answer them, once per request', () => {
    expect(canSubscribe(p, 'lt.v1.district.h41-yenthanh.svc.*')).toBe(true);
    // One subscription per level, for a process hosting thousands of nodes of a level.
    expect(canSubscribe(p, 'lt.v1.district.*.svc.*')).toBe(true);
    expect(canSubscribe(p, 'lt.v1.province.h41.svc.*')).toBe(false);
    expect(p.responses).toEqual({ max: 1, expiresMs: 60_000 });
    const text = authorizationConfig([{ nkey: `U${'A'.repeat(55)}`, permissions: p }]);
    expect(text).toContain('allow_responses: { max: 1, expires: "60000ms" }');
  });

  it('across JetStream domains, relays only to its neighbours', () => {
    const json = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../deploy/topology.demo.json'), 'utf8'),
    ) as { nodes: { id: string; domain?: string }[] };
    for (const n of json.nodes) n.domain = n.id === 'vn' ? 'central' : n.id.split('-')[0]!;
    const domains = parseTopology(json);
    const h41 = permissionsFor({ kind: 'node', name: 'h41', nodes: ['h41'] }, domains);
    const commune = permissionsFor({ kind: 'node', name: 'xa1', nodes: ['h41-yenthanh-xa1'] }, domains);
    for (const [p, s, ok] of [
      [h41, relaySubject('central', 'vn', 'normal', 'h41'), true], // its parent, in another domain
      [h41, relaySubject('commune', 'h41-quynhluu-xa1', 'normal', 'h41'), true], // in its domain
      [h41, relaySubject('province', 'h27', 'normal', 'h41'), false], // another domain, not a neighbour
      [commune, relaySubject('province', 'h41', 'urgent', 'h41-yenthanh-xa1'), true], // the border
      [commune, relaySubject('central', 'vn', 'normal', 'h41-yenthanh-xa1'), false],
      [commune, relaySubject('commune', 'h27-huongson-xa1', 'normal', 'h41-yenthanh-xa1'), false],
    ] as const) {
      expect([s, canPublish(p, s)]).toEqual([s, ok]);
    }
  });

  it('a process hosting every node may use every lienthong subject', () => {
    const all = permissionsFor({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
    expect(canPublish(all, relaySubject('central', 'vn', 'normal', 'h41'))).toBe(true);
    expect(canSubscribe(all, '_INBOX.x')).toBe(false);
  });
});

describe('identity names and the authorization block', () => {
  it('refuses agency codes and names that could inject subject tokens', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('*', '>', '.', ' ', '\t', '\n', '\u0000', '\u200b', '_', 'a'),
        fc.integer({ min: 0, max: 13 }),
        (bad, at) => {
          const code = `${A.slice(0, at)}${bad}${A.slice(at)}`;
          expect(() => identityIdOf({ kind: 'agency', agency: code })).toThrow(InvalidAgencyCodeError);
          expect(() => inboxPrefixOf({ kind: 'agency', agency: code })).toThrow(InvalidAgencyCodeError);
          expect(() => permissionsFor({ kind: 'agency', agency: code }, topology)).toThrow(LienthongError);
        },
      ),
    );
    for (const name of ['a.b', 'a b', '*', '>', 'A', '', '-x', 'x\n']) {
      expect(() => identityIdOf({ kind: 'ops', name })).toThrow(
        expect.objectContaining({ code: 'InvalidArgument' }),
      );
      expect(() => inboxPrefixOf({ kind: 'node', name, nodes: '*' })).toThrow(LienthongError);
    }
  });

  it('writes an authorization block with one entry per user, and refuses an empty one', () => {
    const nkey = `U${'A'.repeat(55)}`;
    const text = authorizationConfig([
      { nkey, permissions: permissionsFor({ kind: 'agency', agency: A }, topology) },
    ]);
    expect(text).toContain('authorization {');
    expect(text).toContain('  timeout: 5\n');
    expect(text).toContain(`nkey: "${nkey}"`);
    expect(text).toContain(`"${submitSubject('commune', 'h41-yenthanh-xa1', A)}"`);
    expect(text).toContain('deny: [');
    expect(() => authorizationConfig([])).toThrow(expect.objectContaining({ code: 'FailedPrecondition' }));
    expect(() =>
      authorizationConfig([
        {
          nkey: 'U" } ] } evil {',
          permissions: { publish: { allow: [], deny: [] }, subscribe: { allow: [], deny: [] } },
        },
      ]),
    ).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});

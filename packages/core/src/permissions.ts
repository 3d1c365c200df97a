/**
 * Who may publish and subscribe to what: the NATS permissions of every identity, derived from the
 * topology. No I/O: the node package writes the result into the server's `authorization` block.
 *
 * Three kinds of identity (docs/SECURITY.md, "Identities and permissions"):
 * - an **agency** submits as itself at its own home node, reads its own inbox and its own tracking,
 *   and reads the directory; it never publishes on relay, inbox, track, dead-letter or KV subjects;
 * - a **node** identity (one per node process) acts on the subjects of the nodes it hosts and hands
 *   envelopes to relay subjects naming itself as the sender — of any node in its own JetStream
 *   domain (the domain-local shortcut), and across domains only of its neighbours —, and manages
 *   JetStream;
 * - an **ops** identity (the CLI of an operator) may do anything;
 * - an **observer** identity (an integrator, a dashboard) may only subscribe to the tracking, dead
 *   letter and audit subjects, and publish nothing;
 * - a **gateway** identity (the edXML gateway of a node process) may do what each agency of the
 *   nodes its process hosts may do, and nothing for any other agency.
 *
 * Each identity receives replies on its own inbox prefix (`inboxPrefixOf`), so nobody can read
 * another identity's request replies (JetStream acks, consumer deliveries, KV reads).
 */
import { agencyToToken, assertAgencyCode } from './agency';
import { AGENCY_SERVICE_SUBJECTS, agencyServiceSubject, levelServiceSubjects } from './agency-service';
import { LienthongError } from './errors';
import { BUCKETS, STREAMS } from './kv-keys';
import {
  AUDIT_SUBJECTS,
  STREAM_SUBJECTS,
  SUBJECT_PREFIX,
  auditSubject,
  inboxFilter,
  nodeSubjects,
  submitSubject,
} from './subjects';
import type { Topology } from './topology';

export type IdentityKind = 'agency' | 'node' | 'ops' | 'observer' | 'gateway';

/** What an identity stands for. A node identity lists the nodes its process hosts, or `'*'` for all. */
export type IdentitySubject =
  | { readonly kind: 'agency'; readonly agency: string }
  | { readonly kind: 'node'; readonly name: string; readonly nodes: readonly string[] | '*' }
  | { readonly kind: 'ops'; readonly name: string }
  /** An integrator's read-only identity: see {@link OBSERVER_SUBJECTS}. */
  | { readonly kind: 'observer'; readonly name: string }
  /** The edXML gateway of a process hosting `nodes`: acts for their agencies only. */
  | { readonly kind: 'gateway'; readonly name: string; readonly nodes: readonly string[] | '*' };

export interface SubjectPermission {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

export interface Permissions {
  readonly publish: SubjectPermission;
  readonly subscribe: SubjectPermission;
  /**
   * Replies it may publish to the reply subject of a request it received, whatever its publish
   * list says (nats-server `allow_responses`): at most `max` within `expiresMs` of the request.
   */
  readonly responses?: { readonly max: number; readonly expiresMs: number };
}

/** One user of the server's `authorization` block. */
export interface AuthorizedUser {
  /** The identity's public nkey (`U…`). */
  readonly nkey: string;
  readonly permissions: Permissions;
}

/** Names of node and ops identities: a subject token, so that an inbox prefix can carry it. */
const IDENTITY_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function assertIdentityName(name: unknown): string {
  if (typeof name === 'string' && IDENTITY_NAME.test(name)) return name;
  throw new LienthongError(
    'InvalidArgument',
    `'${String(name)}' is not an identity name (1-40 of [a-z0-9-], starting with a letter or digit)`,
    { context: { name } },
  );
}

/** The stable id of an identity: `agency:<code>`, `node:<name>`, `ops:<name>`. */
export function identityIdOf(s: IdentitySubject): string {
  switch (s.kind) {
    case 'agency':
      return `agency:${assertAgencyCode(s.agency)}`;
    case 'node':
      return `node:${assertIdentityName(s.name)}`;
    case 'ops':
      return `ops:${assertIdentityName(s.name)}`;
    case 'observer':
      return `observer:${assertIdentityName(s.name)}`;
    case 'gateway':
      return `gateway:${assertIdentityName(s.name)}`;
  }
}

/**
 * The inbox prefix an identity's connection must use (nats.js `inboxPrefix`): one subject token,
 * so that its subscribe permission `<prefix>.>` covers its own replies and nobody else's.
 */
export function inboxPrefixOf(s: IdentitySubject): string {
  switch (s.kind) {
    case 'agency':
      return `_INBOX_a_${agencyToToken(s.agency)}`;
    case 'node':
      return `_INBOX_n_${assertIdentityName(s.name)}`;
    case 'ops':
      return `_INBOX_o_${assertIdentityName(s.name)}`;
    case 'observer':
      return `_INBOX_v_${assertIdentityName(s.name)}`;
    case 'gateway':
      return `_INBOX_g_${assertIdentityName(s.name)}`;
  }
}

/** JetStream API prefixes a client of `domain` uses: the local one, and the domain's when it has one. */
/**
 * Attachment content of a JetStream domain (`@lienthong/content`: `lt.v1.content.<domain|_>.{c,m}.<sha256>`,
 * stream LT_CONTENT, references in KV `lt_content_refs`). Content is named by its SHA-256: whoever
 * knows the hash may read it, which is what a recipient is given.
 */
const CONTENT_STREAM = 'LT_CONTENT';
const CONTENT_REFS_BUCKET = 'lt_content_refs';
/** Which agency has shown it holds which content (`@lienthong/content`): written by nodes only. */
const CONTENT_HELD_BUCKET = 'lt_content_held';
function contentSubjects(domain: string | undefined): string {
  return `${SUBJECT_PREFIX}.content.${domain ? domain : '_'}.>`;
}

/** What reading and writing content in a domain takes, beyond publishing on its subjects. */
function contentApi(api: string): string[] {
  return [
    `${api}.STREAM.INFO.${CONTENT_STREAM}`,
    `${api}.DIRECT.GET.${CONTENT_STREAM}`,
    `${api}.DIRECT.GET.${CONTENT_STREAM}.>`,
    // Reading a content's chunks in stream order: an ordered consumer (random name) on chunks only.
    `${api}.CONSUMER.CREATE.${CONTENT_STREAM}.>`,
    `${api}.CONSUMER.MSG.NEXT.${CONTENT_STREAM}.*`,
    `${api}.CONSUMER.INFO.${CONTENT_STREAM}.*`,
    `${api}.CONSUMER.DELETE.${CONTENT_STREAM}.*`,
  ];
}

function apiPrefixes(domain: string | undefined): string[] {
  return domain ? ['$JS.API', `$JS.${domain}.API`] : ['$JS.API'];
}

/**
 * Subjects no agency may publish on whatever its allow list says: relays, inboxes, tracking and
 * dead letters are written by nodes only; KV and stream message access go through the API subjects
 * that name a key.
 */
export const AGENCY_PUBLISH_DENY: readonly string[] = Object.freeze([
  STREAM_SUBJECTS.relay,
  STREAM_SUBJECTS.inbox,
  STREAM_SUBJECTS.track,
  STREAM_SUBJECTS.dead,
  AUDIT_SUBJECTS,
  '$KV.>',
  '$JS.API.STREAM.MSG.>',
  '$JS.*.API.STREAM.MSG.>',
]);

/** The permissions of an identity under a topology (the directory at the time of writing). */
export function permissionsFor(s: IdentitySubject, topology: Topology): Permissions {
  switch (s.kind) {
    case 'agency':
      return agencyPermissions(s.agency, topology);
    case 'node':
      return nodePermissions(s, topology);
    case 'ops':
      return { publish: { allow: ['>'], deny: [] }, subscribe: { allow: ['>'], deny: [] } };
    case 'observer':
      return observerPermissions();
    case 'gateway':
      return gatewayPermissions(s, topology);
  }
}

/**
 * What docs/PROTOCOL.md offers integrators to follow with a plain NATS client: every tracking change
 * (`TrackingRecord`), every dead letter (`DeadLetter`) and every audit block. An observer identity
 * may subscribe to these and nothing else, and may publish nothing: no request, so no JetStream
 * API, no KV, no stream, no reply subject.
 */
export const OBSERVER_SUBJECTS: readonly string[] = Object.freeze([
  STREAM_SUBJECTS.track,
  STREAM_SUBJECTS.dead,
  AUDIT_SUBJECTS,
]);

function observerPermissions(): Permissions {
  return {
    publish: { allow: [], deny: ['>'] },
    subscribe: { allow: [...OBSERVER_SUBJECTS], deny: [] },
  };
}

function agencyPermissions(code: string, topology: Topology): Permissions {
  const agency = assertAgencyCode(code);
  const info = topology.agency(agency);
  if (!info) {
    throw new LienthongError('NotFound', `agency ${agency} is not in the directory`, { context: { agency } });
  }
  const home = topology.node(info.homeNode);
  const token = agencyToToken(agency);
  const durable = `lt-inbox-${token}`;
  const inboxOf = inboxFilter(home.level, home.id, agency);
  const publish = [
    submitSubject(home.level, home.id, agency),
    submitSubject(home.level, home.id, agency, 'urgent'),
    // No content subject: its home node stores attachment content for it (the agency service's
    // `put`), counting its uploads, and hands it the content of documents it sent or received, not
    // even a hash it knows being enough to read (agency-service.ts).
  ];
  for (const api of apiPrefixes(home.domain)) {
    publish.push(
      `${api}.INFO`,
      // The directory (codes and home nodes) is public within the broker.
      `${api}.STREAM.INFO.KV_${BUCKETS.directory}`,
      `${api}.DIRECT.GET.KV_${BUCKETS.directory}.>`,
      `${api}.DIRECT.GET.KV_${BUCKETS.tracking}.$KV.${BUCKETS.tracking}.${token}.>`,
      // Its own inbox consumer, by its name only (the home node creates it: see below).
      `${api}.CONSUMER.INFO.${STREAMS.inbox}.${durable}`,
      `${api}.CONSUMER.MSG.NEXT.${STREAMS.inbox}.${durable}`,
      `${api}.DIRECT.GET.${STREAMS.inbox}.${inboxOf}`,
    );
  }
  // No consumer creation, on any stream: nats-server 2.9 cannot check a create request's body, which
  // can make a consumer push to any subject (`deliver_subject`). What needs a consumer (its inbox
  // consumer, following its track subject, listing its tracking keys) the agency asks its home node
  // for, on a subject only it may publish on; the node answers on this agency's inbox prefix only.
  publish.push(agencyServiceSubject(home.level, home.id, agency));
  publish.push(`$JS.ACK.${STREAMS.inbox}.${durable}.>`);
  return {
    publish: { allow: publish, deny: [...AGENCY_PUBLISH_DENY] },
    // Its replies only. Not its track subject: tracking is read from the stream, so that a consumer
    // someone pushes to that subject reaches no one.
    subscribe: { allow: [`${inboxPrefixOf({ kind: 'agency', agency })}.>`], deny: [] },
  };
}

/**
 * A gateway acts for every agency whose home node its process hosts: the union of their agency
 * permissions (submit, its content, its inbox and tracking, its replies). The directory
 * decides which agencies those are; an agency added to or moved onto one of its nodes is included
 * when the authorization block is written again (credentials follow the directory).
 */
function gatewayPermissions(
  s: Extract<IdentitySubject, { kind: 'gateway' }>,
  topology: Topology,
): Permissions {
  const hosted = s.nodes === '*' ? undefined : new Set(s.nodes.map((id) => topology.node(id).id));
  if (hosted?.size === 0) {
    throw new LienthongError('InvalidArgument', `gateway identity ${s.name} hosts no node`, {
      context: { name: s.name },
    });
  }
  const publish = new Set<string>();
  // Its clients act as each agency, replies included: the home node's agency service answers an
  // agency only under that agency's inbox prefix.
  const subscribe = [`${inboxPrefixOf(s)}.>`];
  for (const a of topology.agencies()) {
    if (hosted && !hosted.has(a.homeNode)) continue;
    const p = agencyPermissions(a.code, topology);
    for (const x of p.publish.allow) publish.add(x);
    subscribe.push(...p.subscribe.allow);
  }
  // An agency's permissions are all allow rules: with none, the identity may publish nothing.
  return {
    publish:
      publish.size > 0 ? { allow: [...publish], deny: [...AGENCY_PUBLISH_DENY] } : { allow: [], deny: ['>'] },
    subscribe: { allow: subscribe, deny: [] },
  };
}

function nodePermissions(s: Extract<IdentitySubject, { kind: 'node' }>, topology: Topology): Permissions {
  const domains = new Set<string>();
  const publish: string[] = [];
  // The agency service of each hosted node (agency-service.ts), answered on the asker's inbox.
  const serves: string[] = [];
  const deny: string[] = [];
  if (s.nodes === '*') {
    publish.push('lt.v1.>');
    serves.push(AGENCY_SERVICE_SUBJECTS);
    for (const n of topology.nodes()) domains.add(n.domain);
  } else {
    if (s.nodes.length === 0) {
      throw new LienthongError('InvalidArgument', `node identity ${s.name} hosts no node`, {
        context: { name: s.name },
      });
    }
    const neighbourIds = new Set<string>();
    for (const id of new Set(s.nodes)) {
      const node = topology.node(id);
      domains.add(node.domain);
      // Per level: a process hosting thousands of nodes listens with one subscription per level.
      serves.push(levelServiceSubjects(node.level));
      const own = nodeSubjects(node.level, node.id);
      publish.push(own.inbox, own.track, own.dead, auditSubject(node.id));
      // Relays under its own name: to any node (the domain-local shortcut reaches past neighbours in
      // the domain); the nodes of other domains that are not neighbours are denied below.
      publish.push(`${SUBJECT_PREFIX}.*.*.relay.*.${node.id}`);
      const neighbours = [...(node.parent ? [topology.node(node.parent)] : []), ...topology.children(id)];
      for (const m of neighbours) {
        neighbourIds.add(m.id);
        // Attachments follow a document into its next hop's domain.
        if (m.domain !== node.domain) {
          publish.push(contentSubjects(m.domain));
          for (const api of apiPrefixes(m.domain || undefined))
            if (api !== '$JS.API') publish.push(...contentApi(api));
        }
      }
      publish.push(contentSubjects(node.domain));
    }
    for (const n of topology.nodes()) {
      if (!domains.has(n.domain) && !neighbourIds.has(n.id)) deny.push(nodeSubjects(n.level, n.id).relay);
    }
    // An agency that moved away has its unread items copied to its new home node's inbox, and the
    // tracking of what it sent before the move published where it now lives.
    publish.push(STREAM_SUBJECTS.inbox, STREAM_SUBJECTS.track);
  }
  for (const d of domains) for (const api of apiPrefixes(d || undefined)) publish.push(`${api}.>`);
  publish.push(
    '$JS.ACK.>',
    '$JS.FC.>',
    `$KV.${BUCKETS.tracking}.>`,
    `$KV.${BUCKETS.directory}.>`,
    `$KV.${BUCKETS.status}.>`,
    `$KV.${CONTENT_REFS_BUCKET}.>`,
    `$KV.${CONTENT_HELD_BUCKET}.>`,
  );
  return {
    publish: { allow: [...new Set(publish)], deny },
    subscribe: { allow: [`${inboxPrefixOf(s)}.>`, ...new Set(serves)], deny: [] },
    responses: { max: 1, expiresMs: 60_000 },
  };
}

/** Seconds a connection has to authenticate (nats-server's `authorization.timeout`). */
export const AUTH_TIMEOUT_S = 5;

/**
 * The server's `authorization { users = [...] }` block for these users. With it, a connection
 * without one of these keys is refused, and each user may only publish and subscribe as listed.
 */
export function authorizationConfig(users: readonly AuthorizedUser[]): string {
  const q = (v: string): string => JSON.stringify(v);
  const list = (xs: readonly string[]): string => `[${xs.map(q).join(', ')}]`;
  const perm = (p: SubjectPermission): string =>
    p.deny.length > 0 ? `{ allow: ${list(p.allow)}, deny: ${list(p.deny)} }` : `{ allow: ${list(p.allow)} }`;
  // An empty list would switch authorization off: refuse to write one.
  if (users.length === 0) {
    throw new LienthongError('FailedPrecondition', 'an authorization block needs at least one user');
  }
  // The time a new connection has to present its key: the server's 2 s default refuses clients of a
  // busy machine (many processes starting at once) with "Authentication Timeout".
  const lines = ['authorization {', `  timeout: ${AUTH_TIMEOUT_S}`, '  users = ['];
  for (const u of users) {
    if (!/^U[A-Z2-7]{55}$/.test(u.nkey)) {
      throw new LienthongError('InvalidArgument', `'${u.nkey}' is not a public user nkey`, {
        context: { nkey: u.nkey },
      });
    }
    const r = u.permissions.responses;
    const responses = r ? `, allow_responses: { max: ${r.max}, expires: "${r.expiresMs}ms" }` : '';
    lines.push(
      `    { nkey: ${q(u.nkey)}, permissions: { publish: ${perm(u.permissions.publish)}, subscribe: ${perm(u.permissions.subscribe)}${responses} } }`,
    );
  }
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

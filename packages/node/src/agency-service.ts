/**
 * The home node's service to its agencies (`@lienthong/core` agency-service.ts): the consumers an
 * agency may not create itself, created for it with a configuration the node chooses, and the
 * listing of its tracking keys. The asking agency is the last token of the subject, which only that
 * agency may publish on; a reply goes only to a subject under that agency's inbox prefix.
 */
import { createHash, randomBytes } from 'node:crypto';
import { headers } from '@nats-io/transport-node';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import {
  BUCKETS,
  BackpressureError,
  CONTENT_PUT_OP,
  CONTENT_READ_HEADERS,
  CONTENT_STATUS_HEADER,
  INBOX_CONSUMER_BOUNDS,
  KEYS_PAGE,
  LienthongError,
  STREAMS,
  SUBJECT_PREFIX,
  agencyFromToken,
  levelServiceSubjects,
  nodeServiceSubjects,
} from '@lienthong/core';
import type { AgencyServiceReply, AgencyServiceRequest, NodeInfo } from '@lienthong/core';
import type { NatsHandles } from '@lienthong/infra';
import { CHUNK_INDEX_HEADER, UPLOAD_HEADER } from '@lienthong/content';
import type { ContentPuts } from './content-puts';
import { ContentReads } from './content-reads';

/** Above this many hosted nodes, one subscription per level instead of one per node. */
const PER_NODE_SUBSCRIPTIONS = 200;
/** A follow consumer nobody listens to is removed by the server after this long. */
const FOLLOW_INACTIVE_MS = 30_000;
/**
 * Follow consumers one agency may have at once (one per `track()` running): the track stream's
 * `max_consumers` is shared by every agency, so one agency may not take it all.
 */
export const MAX_FOLLOWS_PER_AGENCY = 256;
/** Subject tokens of an agency and a tracking key filter: no wildcard but the final `>` or `*`. */
const TOKEN = /^[A-Za-z0-9_-]+$/;

interface Asker {
  readonly level: string;
  readonly node: string;
  /** The agency's subject token. */
  readonly token: string;
}

export class AgencyService {
  private readonly subs: Subscription[] = [];
  private readonly done: Promise<void>[] = [];
  private readonly content: ContentReads;
  /** Follow consumers made for each agency (by token), some perhaps removed by the server since. */
  private readonly follows = new Map<string, string[]>();

  constructor(
    private readonly nats: NatsHandles,
    private readonly log: Logger,
    /** The JetStream domain of this process ('' for none): its content stream is served. */
    domain: string,
    /** Stores content for an agency, counting its uploads (`put`). */
    private readonly puts: ContentPuts,
    /** The node the directory names as an agency's home now (undefined: not in the directory). */
    private readonly homeOf: (agency: string) => string | undefined = () => undefined,
  ) {
    this.content = new ContentReads(nats.jsm, domain, puts.holders);
  }

  /** `<level>.<node>` of the nodes answered for. */
  private readonly hosted = new Set<string>();
  /** Whether each hosted node has its own subscription (else one per level). */
  private perNode = true;
  private queue = 'lt-agency-service';

  start(nodes: readonly NodeInfo[]): void {
    for (const n of nodes) this.hosted.add(`${n.levelName}.${n.id}`);
    this.perNode = nodes.length <= PER_NODE_SUBSCRIPTIONS;
    const subjects = this.perNode
      ? nodes.map((n) => nodeServiceSubjects(n.level, n.id))
      : [...new Set(nodes.map((n) => levelServiceSubjects(n.level)))];
    // Processes hosting the same nodes share their requests; with a subscription per level, those
    // hosting other nodes of the level hear them too, and leave them to the hosting one.
    if (!this.perNode) {
      this.queue = `lt-agency-service-${createHash('sha256')
        .update([...this.hosted].sort().join(','))
        .digest('hex')
        .slice(0, 16)}`;
    }
    for (const subject of subjects) this.listen(subject);
  }

  /** Answers for a node taken on while running (hosted-nodes.ts) as well. */
  adopt(node: NodeInfo): void {
    const key = `${node.levelName}.${node.id}`;
    if (this.hosted.has(key)) return;
    const levelHeard = !this.perNode && [...this.hosted].some((h) => h.startsWith(`${node.levelName}.`));
    this.hosted.add(key);
    if (!levelHeard)
      this.listen(this.perNode ? nodeServiceSubjects(node.level, node.id) : levelServiceSubjects(node.level));
  }

  private listen(subject: string): void {
    const sub = this.nats.nc.subscribe(subject, { queue: this.queue });
    this.subs.push(sub);
    this.done.push(
      (async () => {
        for await (const m of sub) {
          const asker = askerOf(m.subject);
          if (!asker || !this.hosted.has(`${asker.level}.${asker.node}`)) continue;
          void this.answer(m, asker);
        }
      })(),
    );
  }

  async stop(): Promise<void> {
    for (const s of this.subs) s.unsubscribe();
    await Promise.allSettled(this.done);
  }

  private async answer(m: Msg, asker: Asker): Promise<void> {
    const prefix = `_INBOX_a_${asker.token}.`;
    // A reply anywhere else would let one agency aim the node's answers at another's requests.
    if (!m.reply || !m.reply.startsWith(prefix)) {
      this.log.warn({ subject: m.subject, reply: m.reply }, 'agency service: reply subject not the asker’s');
      return;
    }
    let reply: AgencyServiceReply;
    try {
      const h = m.headers;
      const op = h?.get(CONTENT_READ_HEADERS.op);
      if (h && op === CONTENT_PUT_OP) {
        const stored = await this.puts.put(asker.token, {
          subject: h.get(CONTENT_READ_HEADERS.subject),
          data: m.data,
          upload: h.get(UPLOAD_HEADER),
          index: h.get(CHUNK_INDEX_HEADER),
        });
        reply = { ok: true, stored };
      } else if (h && op === 'content') {
        const file = h.get(CONTENT_READ_HEADERS.file);
        const r = await this.content.read(asker, {
          subject: h.get(CONTENT_READ_HEADERS.subject),
          ...(file ? { file } : { have: m.data }),
        });
        const out = headers();
        out.set(CONTENT_STATUS_HEADER, r.status);
        if (r.detail) out.set('Lt-Detail', r.detail);
        m.respond(r.data ?? new Uint8Array(), { headers: out });
        return;
      } else {
        reply = { ok: true, ...(await this.handle(parseRequest(m.data), asker, prefix)) };
      }
    } catch (e) {
      const err =
        e instanceof LienthongError
          ? e
          : new LienthongError('Unavailable', (e as Error).message ?? String(e));
      const homeNode = err.context['homeNode'];
      reply = {
        ok: false,
        code: err.code,
        message: err.message,
        ...(err instanceof BackpressureError ? { retryAfterMs: err.retryAfterMs } : {}),
        ...(typeof homeNode === 'string' ? { homeNode } : {}),
      };
    }
    m.respond(JSON.stringify(reply));
  }

  private async handle(
    req: AgencyServiceRequest,
    a: Asker,
    prefix: string,
  ): Promise<{ name?: string; keys?: string[]; more?: boolean; pending?: number }> {
    const base = `${SUBJECT_PREFIX}.${a.level}.${a.node}`;
    const { jsm } = this.nats;
    switch (req.op) {
      case 'inbox': {
        const maxAckPending = bounded(
          'maxAckPending',
          req.maxAckPending,
          INBOX_CONSUMER_BOUNDS.maxAckPending,
        );
        const ackWaitMs = bounded('ackWaitMs', req.ackWaitMs, INBOX_CONSUMER_BOUNDS.ackWaitMs);
        this.assertHome(a);
        const name = `lt-inbox-${a.token}`;
        const settings = { max_ack_pending: maxAckPending, ack_wait: ackWaitMs * 1_000_000 };
        const info = await jsm.consumers.info(STREAMS.inbox, name).catch(() => undefined);
        if (!info) {
          await jsm.consumers.add(STREAMS.inbox, {
            durable_name: name,
            filter_subject: `${base}.inbox.${a.token}.>`,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            max_deliver: -1,
            ...settings,
          });
        } else if (
          info.config.max_ack_pending !== settings.max_ack_pending ||
          info.config.ack_wait !== settings.ack_wait
        ) {
          await jsm.consumers.update(STREAMS.inbox, name, settings);
        }
        return { name };
      }
      case 'follow':
        return this.follow(req, a, prefix, base);
      case 'keys':
        return this.keys(a.token, req.filter, req.after);
      case 'content':
      case 'put':
        throw new LienthongError('InvalidArgument', `a content ${req.op} is asked with headers, not JSON`);
      default:
        throw new LienthongError(
          'InvalidArgument',
          `unknown operation ${String((req as { op?: unknown }).op)}`,
        );
    }
  }

  /** A push consumer on the agency's track subject, delivered to its `deliver` subject. */
  private async follow(
    req: Extract<AgencyServiceRequest, { op: 'follow' }>,
    a: Asker,
    prefix: string,
    base: string,
  ): Promise<{ name: string; pending: number }> {
    const { jsm } = this.nats;
    if (typeof req.deliver !== 'string' || !req.deliver.startsWith(prefix) || /[\s*>]/.test(req.deliver)) {
      throw new LienthongError('PermissionDenied', `deliver subject must be under ${prefix.slice(0, -1)}`);
    }
    const mine = await this.liveFollows(a.token);
    if (mine.length >= MAX_FOLLOWS_PER_AGENCY) {
      throw new LienthongError(
        'ResourceExhausted',
        `agency ${a.token} follows its track subject ${mine.length} times already (at most ${MAX_FOLLOWS_PER_AGENCY}): stop a tracker first`,
      );
    }
    const since = req.sinceMs;
    if (since !== undefined && !(typeof since === 'number' && Number.isFinite(since) && since >= 0)) {
      throw new LienthongError('InvalidArgument', `sinceMs must be Unix milliseconds; got ${String(since)}`);
    }
    const name = `lt-f-${a.token}-${randomBytes(12).toString('hex')}`;
    mine.push(name);
    const info = await jsm.consumers.add(STREAMS.track, {
      name,
      deliver_subject: req.deliver,
      filter_subject: `${base}.track.${a.token}`,
      ...(since === undefined
        ? { deliver_policy: DeliverPolicy.New }
        : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(since).toISOString() }),
      ack_policy: AckPolicy.None,
      max_deliver: 1,
      num_replicas: 1,
      inactive_threshold: FOLLOW_INACTIVE_MS * 1_000_000,
    });
    return { name, pending: info.num_pending };
  }

  /**
   * An agency homed at another node (it moved, and its client has not followed yet) gets no inbox
   * consumer here: that consumer would read an inbox nothing is delivered to any more. The error
   * names the home node, where the client asks again.
   */
  private assertHome(a: Asker): void {
    const agency = agencyFromToken(a.token);
    const homeNode = this.homeOf(agency);
    if (homeNode === undefined || homeNode === a.node) return;
    throw new LienthongError(
      'FailedPrecondition',
      `agency ${agency} is homed at node ${homeNode}, not ${a.node}: its inbox consumer is made by its home node`,
      { context: { agency, homeNode, asked: a.node } },
    );
  }

  /** The agency's follow consumers that still exist (asked of the server only when at the limit). */
  private async liveFollows(token: string): Promise<string[]> {
    const names = this.follows.get(token) ?? [];
    this.follows.set(token, names);
    if (names.length < MAX_FOLLOWS_PER_AGENCY) return names;
    const alive = await Promise.all(
      names.map((n) =>
        this.nats.jsm.consumers.info(STREAMS.track, n).then(
          () => true,
          (e: unknown) => !/not found/i.test(String((e as Error).message)),
        ),
      ),
    );
    const live = names.filter((_, i) => alive[i]);
    this.follows.set(token, live);
    return live;
  }

  /** A page of the agency's tracking keys matching `filter` (which must lie under its token). */
  private async keys(
    token: string,
    filter: unknown,
    after: unknown,
  ): Promise<{ keys: string[]; more: boolean }> {
    const parts = typeof filter === 'string' ? filter.split('.') : [];
    const last = parts.length - 1;
    const valid =
      parts[0] === token &&
      parts.length >= 2 &&
      parts.every((t, i) => TOKEN.test(t) || (t === '*' && i > 0) || (t === '>' && i === last && i > 0));
    if (!valid) {
      throw new LienthongError('PermissionDenied', `key filter '${String(filter)}' is not under ${token}`);
    }
    const prefix = `$KV.${BUCKETS.tracking}.`;
    const info = await this.nats.jsm.streams.info(`KV_${BUCKETS.tracking}`, {
      subjects_filter: `${prefix}${String(filter)}`,
    });
    const from = typeof after === 'string' ? after : '';
    const all = Object.keys(info.state.subjects ?? {})
      .map((s) => s.slice(prefix.length))
      .filter((k) => k > from)
      .sort();
    return { keys: all.slice(0, KEYS_PAGE), more: all.length > KEYS_PAGE };
  }
}

/** The asking agency and the node asked, from `lt.v1.<level>.<node>.svc.<token>`. */
function askerOf(subject: string): Asker | undefined {
  const t = subject.split('.');
  if (t.length !== 6 || t[4] !== 'svc' || !TOKEN.test(t[5] ?? '')) return undefined;
  return { level: t[2]!, node: t[3]!, token: t[5]! };
}

function parseRequest(data: Uint8Array): AgencyServiceRequest {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(data));
  } catch {
    throw new LienthongError('InvalidArgument', 'the request is not JSON');
  }
  if (typeof v !== 'object' || v === null || typeof (v as { op?: unknown }).op !== 'string') {
    throw new LienthongError('InvalidArgument', 'the request names no operation');
  }
  return v as AgencyServiceRequest;
}

function bounded(what: string, v: unknown, b: { min: number; max: number }): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < b.min || v > b.max) {
    throw new LienthongError('InvalidArgument', `${what} must be a whole number in ${b.min}..${b.max}`);
  }
  return v;
}

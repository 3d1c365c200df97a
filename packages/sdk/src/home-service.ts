/**
 * Requests to the home node's agency service (`@lienthong/core` agency-service.ts): what an agency
 * connected with its nkey identity may not do itself, because it may create no JetStream consumer.
 */
import { createInbox, headers } from '@nats-io/transport-node';
import {
  BackpressureError,
  CONTENT_PUT_OP,
  CONTENT_READ_HEADERS,
  CONTENT_STATUS_HEADER,
  LienthongError,
  agencyServiceSubject,
  inboxPrefixOf,
  serviceResult,
} from '@lienthong/core';
import type { AgencyServiceReply, AgencyServiceRequest } from '@lienthong/core';
import type { Session } from './session';

/** A stream of tracking messages that can be stopped: a pull consumer's messages, or pushed ones. */
export interface LiveFeed {
  consume(): Promise<AsyncIterable<{ readonly data: Uint8Array }> & { stop(): void }>;
  /**
   * How many messages the feed reads back before it is at the present (those kept since the time it
   * was asked to start at; 0 from now on). Undefined when not told (a home node of an older version).
   */
  readonly pending?: number;
}

export class HomeService {
  constructor(private readonly session: Session) {}

  async call(
    req: AgencyServiceRequest,
    timeoutMs: number,
  ): Promise<Extract<AgencyServiceReply, { ok: true }>> {
    const { nc, homeNode, agency } = this.session;
    const subject = agencyServiceSubject(homeNode.level, homeNode.id, agency);
    let reply: AgencyServiceReply;
    try {
      const m = await nc.request(subject, JSON.stringify(req), { timeout: Math.max(timeoutMs, 1) });
      reply = JSON.parse(new TextDecoder().decode(m.data)) as AgencyServiceReply;
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      const code = /timeout/i.test(message) ? 'DeadlineExceeded' : 'Unavailable';
      throw new LienthongError(code, `home node ${homeNode.id} did not answer ${req.op} (${message})`, {
        cause: e,
        context: { op: req.op, homeNode: homeNode.id },
      });
    }
    return serviceResult(reply, req.op);
  }

  /** Its own track subject from now on, pushed by a consumer the home node makes to its inbox. */
  async follow(timeoutMs: number, sinceMs?: number): Promise<LiveFeed> {
    const { nc, agency } = this.session;
    const deliver = createInbox(inboxPrefixOf({ kind: 'agency', agency }));
    const sub = nc.subscribe(deliver);
    let pending: number | undefined;
    try {
      await nc.flush();
      ({ pending } = await this.call(
        { op: 'follow', deliver, ...(sinceMs !== undefined ? { sinceMs } : {}) },
        timeoutMs,
      ));
    } catch (e) {
      sub.unsubscribe();
      throw e;
    }
    const messages = {
      [Symbol.asyncIterator]: () => sub[Symbol.asyncIterator](),
      stop: () => sub.unsubscribe(),
    };
    return {
      consume: () => Promise.resolve(messages),
      ...(typeof pending === 'number' && pending >= 0 ? { pending } : {}),
    };
  }

  /**
   * What a content subject holds, read through the home node: the content of a document this
   * agency sent or received (`file`), or what it is storing there (`have`). Undefined when nothing
   * is stored (or, with `have`, other bytes are); PermissionDenied for someone else's content.
   */
  async content(
    subject: string,
    context: { readonly file?: string; readonly have?: Uint8Array },
    timeoutMs: number,
  ): Promise<Uint8Array | undefined> {
    const { nc, homeNode, agency } = this.session;
    const h = headers();
    h.set(CONTENT_READ_HEADERS.op, 'content');
    h.set(CONTENT_READ_HEADERS.subject, subject);
    if (context.file) h.set(CONTENT_READ_HEADERS.file, context.file);
    let m;
    try {
      const body = context.file ? new Uint8Array() : (context.have ?? new Uint8Array());
      m = await nc.request(agencyServiceSubject(homeNode.level, homeNode.id, agency), body, {
        timeout: Math.max(timeoutMs, 1),
        headers: h,
      });
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      throw new LienthongError(
        /timeout/i.test(message) ? 'DeadlineExceeded' : 'Unavailable',
        `home node ${homeNode.id} did not answer a content read (${message})`,
        { cause: e, context: { subject } },
      );
    }
    const status = m.headers?.get(CONTENT_STATUS_HEADER) ?? '';
    if (status === 'ok') return m.data;
    if (status === 'missing' || status === 'other') return undefined;
    throw new LienthongError(
      status === 'denied' ? 'PermissionDenied' : status === 'unavailable' ? 'Unavailable' : 'Internal',
      `content read refused: ${m.headers?.get('Lt-Detail') || status || 'no status'}`,
      { context: { subject, file: context.file } },
    );
  }

  /**
   * Stores a chunk or manifest of attachment content through the home node, which counts this
   * agency's uploads: true when stored, false when the subject held it already. Over its upload pace
   * the node names a wait, which is waited while `timeoutMs` allows; past that, the node's
   * `BackpressureError` (scope `upload-rate`) is thrown, as is its `ResourceExhausted` when the
   * agency holds its bound of content no document references yet.
   */
  async put(
    subject: string,
    data: Uint8Array,
    hints: Readonly<Record<string, string>> | undefined,
    timeoutMs: number,
  ): Promise<boolean> {
    const { nc, homeNode, agency } = this.session;
    const h = headers();
    h.set(CONTENT_READ_HEADERS.op, CONTENT_PUT_OP);
    h.set(CONTENT_READ_HEADERS.subject, subject);
    for (const [k, v] of Object.entries(hints ?? {})) h.set(k, v);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let reply: AgencyServiceReply;
      try {
        const m = await nc.request(agencyServiceSubject(homeNode.level, homeNode.id, agency), data, {
          timeout: Math.max(deadline - Date.now(), 1),
          headers: h,
        });
        reply = JSON.parse(new TextDecoder().decode(m.data)) as AgencyServiceReply;
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        throw new LienthongError(
          /timeout/i.test(message) ? 'DeadlineExceeded' : 'Unavailable',
          `home node ${homeNode.id} did not answer a content upload (${message})`,
          { cause: e, context: { subject } },
        );
      }
      if (reply.ok) return reply.stored === true;
      if (reply.retryAfterMs !== undefined) {
        const wait = reply.retryAfterMs;
        if (Date.now() + wait < deadline) {
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        throw new BackpressureError(`upload: ${reply.message}`, {
          retryAfterMs: wait,
          scope: 'upload-rate',
          context: { subject },
        });
      }
      throw new LienthongError(reply.code, `upload: ${reply.message}`, { context: { subject } });
    }
  }

  /** Its tracking keys matching `filter` (under its own token), sorted, every page. */
  async keys(filter: string, timeoutMs: number): Promise<string[]> {
    const out: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.call({ op: 'keys', filter, ...(after ? { after } : {}) }, timeoutMs);
      out.push(...(page.keys ?? []));
      if (!page.more || !page.keys?.length) return out;
      after = page.keys[page.keys.length - 1];
    }
  }
}

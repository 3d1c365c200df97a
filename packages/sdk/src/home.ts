import type { KV } from '@nats-io/kv';
import { directoryKeys } from '@lienthong/core';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import type { HomeNode, Session } from './session';

/** How often a connected client looks its agency up in the directory, to follow a move. */
export const FOLLOW_HOME_MS = 2_000;

/**
 * Follows the agency's home node while connected (`lienthong agency move`): the directory is read
 * now and then (a direct get, which an agency may do) and on demand (before the inbox consumer is
 * re-created), and the session's home node changes in place, so submissions, statuses, tracking and
 * the inbox use the new one from then on. A move to a node in another JetStream domain is not
 * followed (the connection and content store belong to the old one): such a client reconnects.
 */
export class HomeFollower {
  private timer: NodeJS.Timeout | undefined;
  /** Number of the newest read started, and of the newest read whose answer was taken. */
  private started = 0;
  private answered = 0;

  constructor(
    private readonly session: Session,
    private readonly directory: KV,
    private readonly contentDomain: string,
    private readonly everyMs = FOLLOW_HOME_MS,
  ) {}

  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Reads the agency's home node from the directory; true when it changed. Every call starts a read
   * of its own (one already under way may have started before a move the caller knows of), and the
   * newest read's answer wins: an older read that completes later is not taken.
   */
  refresh(): Promise<boolean> {
    this.started += 1;
    return this.read(this.started);
  }

  /** Takes read `n`'s answer unless a newer read's answer was taken already. */
  private take(n: number): boolean {
    if (n < this.answered) return false;
    this.answered = n;
    return true;
  }

  private async read(n: number): Promise<boolean> {
    const { agency } = this.session;
    const entry = await this.directory.get(directoryKeys.agency(agency));
    if (!this.take(n) || !entry || entry.operation !== 'PUT') return false;
    const homeNode = AgencyRecord.decode(entry.value).homeNode;
    if (homeNode === this.session.homeNode.id) return false;
    const node = await this.directory.get(directoryKeys.node(homeNode));
    if (!this.take(n) || !node || node.operation !== 'PUT') return false;
    const record = NodeRecord.decode(node.value);
    if (record.domain !== this.contentDomain) return false;
    const next: HomeNode = { id: record.id, level: record.level };
    (this.session as { homeNode: HomeNode }).homeNode = next;
    return true;
  }
}

import type { Logger } from 'pino';
import { classifyNatsError } from '@lienthong/infra';

/** Subjects said once each; past this many a consumer stops naming new ones. */
const MAX_SUBJECTS = 64;

/**
 * A handler whose publish the server refused for want of permission: the process's identity does not
 * cover what it hosts (issued for other nodes, or before a directory change). Its message stays in
 * its queue and is retried like any failure, which the retry log says only as a warning among
 * others; this says the cause once per subject, as an error, with what to do about it.
 */
export class RefusedPublishes {
  private readonly said = new Set<string>();

  constructor(
    private readonly log: Logger,
    private readonly consumer: string,
  ) {}

  /** Looks at a handler's failure; says a permission refusal the first time its subject is refused. */
  note(e: unknown): void {
    const c = classifyNatsError(e);
    const p = c.permission;
    if (c.kind !== 'denied' || !p || p.operation !== 'publish') return;
    if (this.said.has(p.subject) || this.said.size >= MAX_SUBJECTS) return;
    this.said.add(p.subject);
    this.log.error(
      { consumer: this.consumer, subject: p.subject },
      `this process's NATS identity may not publish to ${p.subject}; the messages that need it stay in their queue and are retried. ` +
        'Its identity was issued for other nodes than this process hosts, or before a directory change: ' +
        "issue one whose --nodes cover the config's nodes (lienthong creds issue node NAME --nodes ID,… --data DIR), " +
        'or run lienthong creds apply --data DIR',
    );
  }
}

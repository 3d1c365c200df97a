import type { KV } from '@nats-io/kv';
import { LienthongError, directoryKeys } from '@lienthong/core';

/**
 * Recipients of a document that the directory does not know (neither a live agency nor a closed
 * code): `send()` refuses the document before
 * anything is submitted, naming every unknown code (`recipients`). The home node refuses them too
 * (FAILED UNKNOWN_RECIPIENT), for senders that do not use the SDK.
 */
export class UnknownRecipientsError extends LienthongError {
  readonly recipients: readonly string[];

  constructor(what: string, recipients: readonly string[]) {
    super(
      'NotFound',
      `${what}: ${recipients.length === 1 ? 'recipient' : 'recipients'} ${recipients.join(', ')} ${recipients.length === 1 ? 'is' : 'are'} not in the directory`,
      { context: { what, recipients: [...recipients] } },
    );
    this.name = 'UnknownRecipientsError';
    this.recipients = Object.freeze([...recipients]);
  }
}

/** How long a client trusts that a recipient it found in the directory is still there. */
const KNOWN_FOR_MS = 60_000;

/** The recipients a client has found in the directory lately, and the check of new ones. */
export class KnownRecipients {
  private readonly known = new Map<string, number>();

  constructor(private readonly directory: KV) {}

  /** Whether every code was found in the directory within the last minute (`assert` needs no look-up). */
  allKnown(codes: readonly string[], now = Date.now()): boolean {
    return codes.every((c) => (this.known.get(c) ?? 0) >= now - KNOWN_FOR_MS);
  }

  /** Looks `codes` up (known ones are trusted for a minute); UnknownRecipientsError lists the others. */
  async assert(what: string, codes: readonly string[]): Promise<void> {
    const now = Date.now();
    const toCheck = codes.filter((c) => (this.known.get(c) ?? 0) < now - KNOWN_FOR_MS);
    const found = await Promise.all(toCheck.map((code) => this.inDirectory(code)));
    const unknown: string[] = [];
    toCheck.forEach((code, i) => {
      if (found[i]) this.known.set(code, now);
      else unknown.push(code);
    });
    if (unknown.length > 0) throw new UnknownRecipientsError(what, unknown);
  }

  /**
   * A live agency, or a closed code (`closed.`): the home node applies the closure's policy,
   * carrying the document to the successor or refusing it with FAILED AGENCY_CLOSED.
   */
  private async inDirectory(code: string): Promise<boolean> {
    const live = await this.directory.get(directoryKeys.agency(code));
    if (live !== null && live.operation === 'PUT') return true;
    const closed = await this.directory.get(directoryKeys.closed(code));
    return closed !== null && closed.operation === 'PUT';
  }
}

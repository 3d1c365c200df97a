/** Dead letters in LT_DEAD: list them, read one with its original, replay it, remove it. */
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import { STREAMS, decodeDeadLetter, decodeEnvelope, isNodeId, parseSubject } from '@lienthong/core';
import { storedAtMs } from '@lienthong/infra';
import type { DeadLetter, Envelope } from '@lienthong/proto';
import { CliError, explain, invalid, isJsNotFound, notFound } from './errors';
import { scanStream } from './scan';
import type { Session } from './session';

export interface DeadLetterEntry {
  readonly seq: number;
  /** When the node wrote it (the record's own time, else the stream's). */
  readonly atMs: number;
  readonly subject: string;
  readonly letter: DeadLetter | undefined;
  /** Why the stored message does not decode as a DeadLetter, when it does not. */
  readonly problem: string | undefined;
}

function entryOf(seq: number, subject: string, storedAtMs: number, data: Uint8Array): DeadLetterEntry {
  try {
    const letter = decodeDeadLetter(data);
    return { seq, atMs: letter.atMs || storedAtMs, subject, letter, problem: undefined };
  } catch (e) {
    return { seq, atMs: storedAtMs, subject, letter: undefined, problem: (e as Error).message };
  }
}

/** `lt.v1.*.<node>.dead`, or every dead subject. */
export function deadFilter(node?: string): string {
  if (node === undefined) return 'lt.v1.*.*.dead';
  if (!isNodeId(node)) throw invalid(`'${node}' is not a node id (1-32 of [a-z0-9-])`);
  return `lt.v1.*.${node}.dead`;
}

/** The dead letters stored now, oldest first; only the newest `limit` when given. */
export async function listDeadLetters(
  s: Session,
  opts: { node?: string; limit?: number; since?: number } = {},
): Promise<DeadLetterEntry[]> {
  const out: DeadLetterEntry[] = [];
  await scanStream(
    s,
    STREAMS.dead,
    { filter: deadFilter(opts.node), ...(opts.since !== undefined ? { since: opts.since } : {}) },
    (m: JsMsg) => {
      out.push(entryOf(m.seq, m.subject, storedAtMs(m), m.data));
      if (opts.limit !== undefined && out.length > opts.limit) out.shift();
    },
  );
  return out;
}

export async function getDeadLetter(s: Session, seq: number): Promise<DeadLetterEntry | undefined> {
  const m = await s.jsm.streams.getMessage(STREAMS.dead, { seq });
  if (!m) return undefined;
  return entryOf(m.seq, m.subject, m.time.getTime(), m.data);
}

/** The original decoded as a v1 envelope, or why it does not decode. */
export function decodeOriginal(letter: DeadLetter): { envelope?: Envelope; problem?: string } {
  if (letter.original.length === 0) return { problem: 'no original bytes' };
  try {
    return { envelope: decodeEnvelope(letter.original, { maxBytes: 2 * 1024 * 1024 }) };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

export type ReplayOutcome =
  | {
      readonly seq: number;
      readonly result: 'replayed';
      readonly subject: string;
      readonly stream: string;
      readonly streamSeq: number;
      readonly duplicate: boolean;
    }
  | { readonly seq: number; readonly result: 'gone' }
  | { readonly seq: number; readonly result: 'skipped'; readonly why: string };

/**
 * Publishes the original bytes again to the subject they first arrived on, with message id
 * `replay:<seq>`, and removes the dead letter once the stream has acknowledged them. Doing it twice
 * is harmless: the second time the dead letter is gone, and if a crash came between the publish and
 * the removal, JetStream drops the repeated publish as a duplicate (within its window).
 */
export async function replayDeadLetter(s: Session, seq: number): Promise<ReplayOutcome> {
  const entry = await getDeadLetter(s, seq);
  if (!entry) {
    const info = await s.jsm.streams.info(STREAMS.dead);
    if (seq > info.state.last_seq) {
      throw notFound(
        `no dead letter ${seq} in ${STREAMS.dead} (its last sequence is ${info.state.last_seq})`,
        'list them with `lienthong dlq ls`',
      );
    }
    return { seq, result: 'gone' };
  }
  const letter = entry.letter;
  if (!letter) return { seq, result: 'skipped', why: `not a DeadLetter: ${entry.problem}` };
  const target = parseSubject(letter.subject);
  if (!target || (target.kind !== 'submit' && target.kind !== 'relay')) {
    return {
      seq,
      result: 'skipped',
      why: letter.subject
        ? `its original subject ${letter.subject} is not a submit or relay subject`
        : 'no original subject: the node built it from an envelope, not from a message it received',
    };
  }
  const h = natsHeaders();
  h.set('Lt-Replay-Of', `${STREAMS.dead}:${seq}`);
  let ack;
  try {
    ack = await s.js.publish(letter.subject, letter.original, {
      msgID: `replay:${seq}`,
      headers: h,
      timeout: s.settings.timeoutMs,
    });
  } catch (e) {
    const err = explain(e, s.settings);
    throw new CliError(err.code, `replaying dead letter ${seq} to ${letter.subject} failed: ${err.message}`, {
      cause: e,
      ...(err.hint ? { hint: err.hint } : {}),
    });
  }
  await removeDeadLetter(s, seq);
  return {
    seq,
    result: 'replayed',
    subject: letter.subject,
    stream: ack.stream,
    streamSeq: ack.seq,
    duplicate: ack.duplicate,
  };
}

/** Deletes one dead letter; false when it was already gone. */
export async function removeDeadLetter(s: Session, seq: number): Promise<boolean> {
  try {
    return await s.jsm.streams.deleteMessage(STREAMS.dead, seq, false);
  } catch (e) {
    if (isJsNotFound(e) || /no message found|not found/i.test((e as Error).message)) return false;
    throw e;
  }
}

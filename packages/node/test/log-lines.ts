/** A logger for tests that read what was logged: each line parsed into `lines`. */
import { Writable } from 'node:stream';
import pino from 'pino';

export function capturedLog<T extends { msg: string } = { msg: string }>(
  level: pino.Level = 'warn',
): { log: pino.Logger; lines: T[] } {
  const lines: T[] = [];
  const log = pino(
    { level },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as T);
        done();
      },
    }),
  );
  return { log, lines };
}

import pino from 'pino';
import type { Logger } from 'pino';

/** pino JSON logs; document bodies are never logged, only ids. */
export function createLogger(opts: {
  name: string;
  level?: string;
  /** Where the JSON lines go; default stdout. */
  destination?: { write(line: string): void };
}): Logger {
  const options = {
    name: opts.name,
    level: opts.level ?? process.env.LT_LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

import pino from 'pino';
import type { Logger } from 'pino';

/** pino JSON logs; document bodies are never logged, only ids. */
export function createLogger(opts: { name: string; level?: string }): Logger {
  return pino({
    name: opts.name,
    level: opts.level ?? process.env.LT_LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

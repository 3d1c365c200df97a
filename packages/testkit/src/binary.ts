import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The error text callers (and the README) rely on; the install hint matches scripts/setup.sh. */
export const NATS_SERVER_NOT_FOUND =
  'nats-server not found: install it with `apt-get install -y nats-server` (scripts/setup.sh does) or set LT_NATS_SERVER';

const FALLBACK_PATH = '/usr/sbin/nats-server';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Locates the nats-server binary: `LT_NATS_SERVER`, else `nats-server` on PATH, else /usr/sbin/nats-server
 * (Debian puts it in sbin, which is often not on a normal user's PATH).
 * An explicit `LT_NATS_SERVER` that points nowhere is an error rather than a silent fallback, so a
 * misconfigured override is noticed.
 */
export function findNatsServer(): string {
  const override = process.env['LT_NATS_SERVER'];
  if (override !== undefined && override !== '') {
    if (isExecutableFile(override)) return override;
    throw new Error(`${NATS_SERVER_NOT_FOUND} (LT_NATS_SERVER=${override} is not an executable file)`);
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'nats-server');
    if (isExecutableFile(candidate)) return candidate;
  }
  if (isExecutableFile(FALLBACK_PATH)) return FALLBACK_PATH;
  throw new Error(NATS_SERVER_NOT_FOUND);
}

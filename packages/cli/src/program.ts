import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { explain } from './errors';
import { setTimeZone } from './output';
import { resolveSettings } from './settings';
import type { GlobalOptions, Settings } from './settings';

export const VERSION = '0.1.0';

/**
 * The root command and its global options. Global options are recognised before or after the
 * subcommand (`lienthong -s URL node ls` = `lienthong node ls -s URL`); they have no defaults here so
 * that `resolveSettings` can tell a flag from a context or the environment.
 */
export function createProgram(): Command {
  const root = new Command()
    .name('lienthong')
    .description('Operate lienthong, the 4-level official-document interchange broker')
    .version(VERSION)
    .option('-s, --server <url>', 'NATS server URL (default: $LT_SERVER, else nats://127.0.0.1:4222)')
    .option(
      '--creds <file>',
      'NATS credentials: an nkey seed file from `lienthong creds issue`, or JSON {"user","pass"} or {"token"} (default: $LT_CREDS)',
    )
    .option('--tls-ca <file>', 'CA certificate to trust for tls:// servers (default: $LT_TLS_CA)')
    .option(
      '--tls-cert <file>',
      'client certificate, when the server verifies clients (default: $LT_TLS_CERT)',
    )
    .option('--tls-key <file>', 'key of the client certificate (default: $LT_TLS_KEY)')
    .option('--timeout <ms>', 'how long to wait for NATS, in ms (default: 5000)', parsePositiveInt)
    .option('--context <name>', 'use named server settings (see `lienthong context`)')
    .option('--domain <domain>', 'JetStream domain of the streams (a province with its own domain)')
    .option('--tz <zone>', 'time zone of the times shown (default: $LT_TZ, else Asia/Ho_Chi_Minh)')
    .option('--debug', 'print stack traces with errors')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride();
  // A command's help shows its own options and subcommands; the global ones follow in one short
  // block (the root's help explains them).
  root.hook('preAction', (_root, action) => {
    const zone = action.optsWithGlobals<{ tz?: string }>().tz;
    if (zone !== undefined) setTimeZone(zone);
  });
  root.addHelpText('afterAll', (ctx) => (ctx.command === root ? '' : GLOBAL_OPTIONS_HELP));
  return root;
}

export const GLOBAL_OPTIONS_HELP = `
Global options (before or after the command; \`lienthong --help\` explains them):
  -s, --server <url>  --creds <file>  --timeout <ms>  --context <name>  --domain <domain>
  --tls-ca <file>  --tls-cert <file>  --tls-key <file>  --tz <zone>  --debug
`;

/** Parses argv and runs the command; sets the exit code and prints errors for a person. */
export async function run(program: Command, argv: readonly string[] = process.argv): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander printed its message; 0 for --help/--version, else the command line is wrong
      process.exitCode = e.exitCode === 0 ? 0 : e.exitCode === 3 ? 3 : 2;
      return;
    }
    const g = program.opts<GlobalOptions>();
    let settings: Settings | undefined;
    try {
      settings = resolveSettings(g);
    } catch {
      settings = undefined;
    }
    const err = explain(e, settings ?? {});
    process.stderr.write(`lienthong: ${err.code === 'Internal' ? '' : `[${err.code}] `}${err.message}\n`);
    if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
    if (g.debug) {
      for (let c: unknown = e; c instanceof Error; c = c.cause) {
        process.stderr.write(`${c.stack ?? c.message}\n`);
        const log = (c as { context?: { log?: unknown } }).context?.log;
        if (typeof log === 'string') process.stderr.write(`${log}\n`);
      }
    }
    process.exitCode = err.exitCode;
  }
}

// ---- option parsers (commander reports their errors as usage errors, exit code 2) ------------

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive whole number.');
  }
  return n;
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number (0 or more).');
  }
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535)
    throw new InvalidArgumentError('expected a port number (0-65535).');
  return n;
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90s`, `15m`, `1h`, `1h30m`, `7d`, `2w`. */
export function parseDuration(value: string): number {
  const text = value.trim();
  const re = /(\d+(?:\.\d+)?)(ms|min|s|m|h|d|w)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * (UNITS[m[2]!] ?? 0);
    at = re.lastIndex;
  }
  if (text === '' || at !== text.length || total <= 0) {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 1h, 1h30m or 7d.');
  }
  return total;
}

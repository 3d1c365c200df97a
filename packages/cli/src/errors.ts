import { CommanderError } from 'commander';
import { isLevelName } from '@lienthong/core';
import { invalid } from '@lienthong/readers';

export { CliError, EXIT, explain, invalid, isJsNotFound, notFound, unreachable } from '@lienthong/readers';

/** A commander parse failure: the exit code it asked for (0 for --help and --version). */
export function isCommanderError(e: unknown): e is CommanderError {
  return e instanceof CommanderError;
}

/** Why a file could not be read, in a few words: "no such file" for ENOENT, else the error's code. */
export function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message);
}

/** A `--level` filter's value, refused (InvalidArgument) unless it names a level. */
export function assertLevelOption(level: string | undefined): void {
  if (level !== undefined && !isLevelName(level)) {
    throw invalid(`'${level}' is not a level: central, province, district or commune`);
  }
}

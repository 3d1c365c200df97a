import { CommanderError } from 'commander';

export { CliError, EXIT, explain, invalid, isJsNotFound, notFound, unreachable } from '@lienthong/readers';

/** A commander parse failure: the exit code it asked for (0 for --help and --version). */
export function isCommanderError(e: unknown): e is CommanderError {
  return e instanceof CommanderError;
}

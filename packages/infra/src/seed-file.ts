/** nkey seed files, as `lienthong creds issue` writes them: a line holding a user seed (`SU…`). */
import { readFileSync } from 'node:fs';
import { LienthongError } from '@lienthong/core';

const USER_SEED = /^SU[A-Z2-7]{56}$/;

/** The first line of `text` that is a user nkey seed, or undefined. */
export function findUserSeed(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => USER_SEED.test(l));
}

/**
 * Reads an nkey seed file: the first line that is a user seed. NotFound when the file cannot be
 * read, InvalidArgument when it holds no user seed.
 */
export function readSeedFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const dir = (e as NodeJS.ErrnoException).code === 'EISDIR';
    throw new LienthongError(
      'NotFound',
      dir
        ? `the seed file ${path} is a directory: name the seed file in it (e.g. agency_CODE.nk)`
        : `cannot read the seed file ${path}`,
      { cause: e, context: { path } },
    );
  }
  const seed = findUserSeed(text);
  if (!seed) {
    throw new LienthongError('InvalidArgument', `${path} holds no user nkey seed (a line starting with SU)`, {
      context: { path },
    });
  }
  return seed;
}

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The public edXML samples (`shared/conformance/edxml/public`, next to the repository checkout):
 * `$LT_EDXML_SAMPLES` if set, else the first `shared/` found walking up from the repository.
 */
function findSamples(): string {
  const env = process.env.LT_EDXML_SAMPLES;
  if (env !== undefined && env !== '') return resolve(env);
  let dir = resolve(__dirname, '../../..');
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, '..', 'shared/conformance/edxml/public');
    if (existsSync(candidate)) return resolve(candidate);
    dir = join(dir, '..');
  }
  throw new Error('edXML samples not found: set LT_EDXML_SAMPLES to shared/conformance/edxml/public');
}

export const PUBLIC = findSamples();
export const sampleFile = (name: string): string => join(PUBLIC, name);
export const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(sampleFile(name)));

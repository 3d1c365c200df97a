/**
 * The package as xml-crypto sees it for the digest of the whole-package reference, without a DOM of
 * its attachments: each run of attachment text that holds only base64 characters, tab, LF and space
 * is replaced by a placeholder, and the digest algorithm xml-crypto calls puts the run's bytes back
 * in place of its placeholder as it hashes.
 *
 * Why the digest is the same as over the whole package: such a run is character data inside one
 * text node (no markup, no reference, no CR); XML reads its bytes as exactly those characters
 * (ASCII), and Canonical XML (inclusive or exclusive, with or without comments) writes a text node
 * character by character, escaping only `&`, `<`, `>` and CR — none of which the run holds. The
 * placeholder (private-use characters U+E000…U+E001 around a number) is likewise written unchanged
 * and lies in the same text node. So the canonical form of the package is the canonical form of the
 * skeleton with each placeholder replaced by its run's bytes. The canonicalisation itself stays
 * xml-crypto's; only the hashing of its output is spliced. A package that already contains U+E000
 * or U+E001 outside the runs, or whose canonical form does not hold each placeholder exactly once
 * in order, is digested without placeholders (the whole text, as before).
 */
import { createHash } from 'node:crypto';

export const OPEN = '\uE000';
export const CLOSE = '\uE001';
export const MARK = /\uE000(\d+)\uE001/g;

export const HASHES: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

export interface Skeleton {
  /** The package text with each run replaced by its placeholder. */
  readonly text: string;
  /** Digest algorithms for xml-crypto (`SignedXml.HashAlgorithms`) that splice the runs back in. */
  readonly hashAlgorithms: Record<
    string,
    new () => { getHash(xml: string): string; getAlgorithmName(): string }
  >;
  /**
   * For a package read from a source (its runs' bytes are not in memory): digests the canonical
   * texts `texts()` gives in a second read, for `hashAlgorithms` to answer.
   */
  prepare?(texts: () => { algorithm: string; xml: string }[]): Promise<void>;
}

/** The skeleton of `bytes` given its base64 runs; undefined when the runs cannot stand in. */
export function skeletonOf(
  bytes: Uint8Array,
  runs: readonly [number, number][] | undefined,
): Skeleton | undefined {
  if (runs === undefined || runs.length === 0) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    const [start, end] = runs[i]!;
    if (start < at || end > buf.length) return undefined;
    parts.push(buf.toString('utf8', at, start), `${OPEN}${i}${CLOSE}`);
    at = end;
  }
  parts.push(buf.toString('utf8', at));
  // Markers the package itself carries would be taken for placeholders.
  if (parts.some((p, i) => i % 2 === 0 && (p.includes(OPEN) || p.includes(CLOSE)))) return undefined;
  return { text: parts.join(''), hashAlgorithms: splicing(buf, runs) };
}

function splicing(buf: Buffer, runs: readonly [number, number][]): Skeleton['hashAlgorithms'] {
  const out: Skeleton['hashAlgorithms'] = {};
  for (const [uri, name] of Object.entries(HASHES)) {
    out[uri] = class {
      getHash(xml: string): string {
        return spliceDigest(name, xml, buf, runs);
      }
      getAlgorithmName(): string {
        return uri;
      }
    };
  }
  return out;
}

/**
 * The digest of `xml` with each placeholder replaced by its run's bytes. Placeholders must appear
 * each once, in order, or none at all (a reference to something else, e.g. signed properties): any
 * other arrangement digests `xml` as it is, which cannot match a digest of the real package.
 */
function spliceDigest(name: string, xml: string, buf: Buffer, runs: readonly [number, number][]): string {
  const h = createHash(name);
  let at = 0;
  let next = 0;
  const pieces: [string, number][] = [];
  for (const m of xml.matchAll(MARK)) {
    if (Number(m[1]) !== next) return createHash(name).update(xml, 'utf8').digest('base64');
    pieces.push([xml.slice(at, m.index), next]);
    at = m.index + m[0].length;
    next++;
  }
  if (next !== 0 && next !== runs.length) return createHash(name).update(xml, 'utf8').digest('base64');
  for (const [text, i] of pieces) {
    h.update(text, 'utf8');
    const [start, end] = runs[i]!;
    h.update(buf.subarray(start, end));
  }
  h.update(at === 0 ? xml : xml.slice(at), 'utf8');
  return h.digest('base64');
}

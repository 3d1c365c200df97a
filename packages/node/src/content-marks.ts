import type { KV } from '@nats-io/kv';
import { manifestDigest } from '@lienthong/content';
import type { VerificationMarks } from '@lienthong/content';
import type { ContentManifest } from '@lienthong/proto';

/** Keys of `lt_content_refs` that are not references: verification records and the removal stamp. */
export const MARK_KEY_PREFIXES = ['verified.', 'removals.'] as const;

/**
 * Verification records of one domain's content in its reference bucket (`lt_content_refs`), which
 * only node identities may write (agencies may not publish on `$KV.>`): `verified.<domain>.<sha256>`
 * holds the digest of the manifest that was verified and the stamp it was verified under; the stamp
 * is the revision of `removals.<domain>`, rewritten before anything is removed from the domain's
 * content. The records expire with the bucket's max age, like the references.
 */
export class KvVerificationMarks implements VerificationMarks {
  private readonly token: string;

  constructor(
    private readonly kv: KV,
    domain: string,
  ) {
    this.token = domain === '' ? '_' : domain;
  }

  async stamp(): Promise<number> {
    const e = await this.kv.get(`removals.${this.token}`);
    return e && e.operation === 'PUT' ? e.revision : 0;
  }

  async mark(sha256Hex: string, manifest: ContentManifest, stamp: number): Promise<void> {
    await this.kv.put(
      this.key(sha256Hex),
      JSON.stringify({ manifest: manifestDigest(manifest), stamp, atMs: Date.now() }),
    );
  }

  async holds(sha256Hex: string, manifest: ContentManifest): Promise<boolean> {
    const [e, stamp] = await Promise.all([this.kv.get(this.key(sha256Hex)), this.stamp()]);
    if (!e || e.operation !== 'PUT') return false;
    try {
      const rec = JSON.parse(e.string()) as { manifest?: unknown; stamp?: unknown };
      return rec.stamp === stamp && rec.manifest === manifestDigest(manifest);
    } catch {
      return false;
    }
  }

  async removing(): Promise<void> {
    await this.kv.put(`removals.${this.token}`, String(Date.now()));
  }

  private key(sha256Hex: string): string {
    return `verified.${this.token}.${sha256Hex}`;
  }
}

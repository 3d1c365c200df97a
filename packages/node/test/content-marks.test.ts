/**
 * Verification records of a domain's content in its reference bucket: bound to the manifest that
 * was verified and to the removal stamp, voided by any removal, invisible to the sweep's reference
 * count; and what an agency identity may not do to them.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { ContentManifest } from '@lienthong/proto';
import { AGENCY_PUBLISH_DENY } from '@lienthong/core';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { KvVerificationMarks, MARK_KEY_PREFIXES } from '../src/content-marks';

jest.setTimeout(30_000);

describe('content verification records', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let kv: KV;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    kv = await new Kvm(nc).create('lt_content_refs', { history: 1 });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  const manifest = (n: number): ContentManifest =>
    ContentManifest.create({
      sha256Hex: 'a'.repeat(64),
      size: 3,
      chunkSize: 1024,
      chunks: [Buffer.alloc(32, n)],
    });

  it('holds for the manifest verified, under the stamp it was verified with, until a removal', async () => {
    const marks = new KvVerificationMarks(kv, 'h41');
    const sha = 'a'.repeat(64);
    expect(await marks.holds(sha, manifest(1))).toBe(false);
    const stamp = await marks.stamp();
    await marks.mark(sha, manifest(1), stamp);
    expect(await marks.holds(sha, manifest(1))).toBe(true);
    // Another manifest under the same id (other chunks) is not what was verified.
    expect(await marks.holds(sha, manifest(2))).toBe(false);
    // Another domain's records are its own.
    expect(await new KvVerificationMarks(kv, '').holds(sha, manifest(1))).toBe(false);

    await marks.removing();
    expect(await marks.stamp()).not.toBe(stamp);
    expect(await marks.holds(sha, manifest(1))).toBe(false);
    // Verified under the old stamp (begun before the removal): not recorded as holding.
    await marks.mark(sha, manifest(1), stamp);
    expect(await marks.holds(sha, manifest(1))).toBe(false);
    await marks.mark(sha, manifest(1), await marks.stamp());
    expect(await marks.holds(sha, manifest(1))).toBe(true);
  });

  it('keeps its keys apart from references, and out of reach of agencies', async () => {
    const keys: string[] = [];
    for await (const k of await kv.keys()) keys.push(k);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => MARK_KEY_PREFIXES.some((p) => k.startsWith(p)))).toBe(true);
    // Agencies may not publish on KV subjects at all (the bucket's subjects are `$KV.lt_content_refs.>`).
    expect(AGENCY_PUBLISH_DENY).toContain('$KV.>');
  });
});

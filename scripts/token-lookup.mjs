#!/usr/bin/env node
/**
 * What the HTTP API's bearer check costs as a node's token list grows: a token list of N agencies
 * (10, 1,000, 5,000, 30,000: a national tree in one process), then 2,000 lookups of the list's last
 * token through `HttpTokenStore.agencyOf`, the call every authenticated request makes.
 * `node scripts/token-lookup.mjs [TREE]`: TREE is a built checkout (default: this one), so that two
 * trees can be compared from one script. Prints µs per lookup and a JSON line.
 */
import { createRequire } from 'node:module';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const tree = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const require = createRequire(join(tree, 'packages/gateway/package.json'));
const { HttpTokenStore } = require(join(tree, 'packages/gateway/dist/tokens.js'));

const LOOKUPS = 2000;
const results = [];
for (const n of [10, 1000, 5000, 30000]) {
  const dir = mkdtempSync(join(tmpdir(), 'lt-token-lookup-'));
  try {
    const file = join(dir, 'http-tokens.json');
    const records = [];
    let last = '';
    for (let i = 0; i < n; i++) {
      const token = `lt_${randomBytes(32).toString('base64url')}`;
      last = token;
      const agency = `000.${String(Math.floor(i / 10000)).padStart(2, '0')}.${String(Math.floor(i / 100) % 100).padStart(2, '0')}.H${String(i % 100).padStart(2, '0')}`;
      records.push({ agency, sha256: createHash('sha256').update(token).digest('hex'), issuedAtMs: 1 });
    }
    writeFileSync(file, JSON.stringify(records));
    const store = new HttpTokenStore(file);
    if (store.agencyOf(last) !== records[n - 1].agency) throw new Error('the last token was not found');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < LOOKUPS; i++) store.agencyOf(last);
    const us = Number(process.hrtime.bigint() - t0) / LOOKUPS / 1000;
    results.push({ tokens: n, usPerLookup: Math.round(us * 10) / 10 });
    process.stdout.write(`${String(n).padStart(6)} tokens: ${us.toFixed(1)} µs per lookup\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`${JSON.stringify({ scenario: 'token-lookup', tree, results })}\n`);

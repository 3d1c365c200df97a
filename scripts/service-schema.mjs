#!/usr/bin/env node
// Writes deploy/service-config.schema.json from the TypeBox schema of the level services'
// config (packages/node/src/service-config.ts, built). `--check` fails when the checked-in file is
// not what the schema gives (run by scripts/test.sh).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'deploy/service-config.schema.json');
const require = createRequire(import.meta.url);
const { serviceConfigJsonSchema } = require(join(root, 'packages/node/dist/service-config.js'));
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(JSON.stringify(serviceConfigJsonSchema()), { ...options, parser: 'json' });

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error(`${target} is not current: run node scripts/service-schema.mjs (after pnpm build)`);
    process.exit(1);
  }
  console.log('service config schema is current');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

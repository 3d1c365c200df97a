// Writes packages/gateway/openapi.json from the route table and schemas (run after a build);
// `--check` fails when the file is stale. The test suite checks it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { openApiDocument } = createRequire(import.meta.url)(join(here, '../dist/index.js'));
const file = join(here, '../openapi.json');
const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  // Compared as JSON: the file is kept in prettier's layout.
  if (JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) !== JSON.stringify(JSON.parse(text))) {
    console.error(`${file} is stale: run node packages/gateway/scripts/openapi.mjs`);
    process.exit(1);
  }
  console.log('openapi.json is current');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file} (format it with prettier --write)`);
}

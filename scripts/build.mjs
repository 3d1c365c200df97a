#!/usr/bin/env node
// Builds every package with `tsc -b`, bundles the dashboard's pages, and marks the CLI and service
// entry points executable.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'packages/dashboard/build-web.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
for (const pkg of ['cli', 'central', 'province', 'district', 'commune']) {
  const main = join(root, 'packages', pkg, 'dist/main.js');
  if (existsSync(main)) chmodSync(main, 0o755);
}

#!/usr/bin/env node
// Generates @lienthong/proto from proto/ with protobufjs-cli. With --check, regenerates into a
// temporary directory and fails when the committed code differs (stale generated code).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'proto');
const outDir = join(root, 'packages/proto/gen');
const bin = (name) => join(root, 'node_modules/.bin', name);
const check = process.argv.includes('--check');

const files = readdirSync(join(protoDir, 'lienthong/v1'))
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join(protoDir, 'lienthong/v1', f));

function generate(dir) {
  mkdirSync(dir, { recursive: true });
  const js = join(dir, 'lienthong.js');
  execFileSync(
    bin('pbjs'),
    [
      '-t',
      'static-module',
      '-w',
      'commonjs',
      '--no-es6',
      '--force-number',
      '--no-beautify',
      '-p',
      protoDir,
      '-o',
      js,
      ...files,
    ],
    { cwd: protoDir, stdio: 'inherit' },
  );
  execFileSync(bin('pbts'), ['--no-comments', '-o', join(dir, 'lienthong.d.ts'), js], { stdio: 'inherit' });
  // Make the output independent of where it was generated.
  for (const f of ['lienthong.js', 'lienthong.d.ts']) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(p, 'utf8').split(dir).join('.'));
  }
}

if (check) {
  const tmp = mkdtempSync(join(tmpdir(), 'lt-proto-'));
  try {
    generate(tmp);
    const stale = ['lienthong.js', 'lienthong.d.ts'].filter(
      (f) => readFileSync(join(tmp, f), 'utf8') !== readFileSync(join(outDir, f), 'utf8'),
    );
    if (stale.length > 0) {
      console.error(`generated code is stale: ${stale.join(', ')}; run \`pnpm proto:gen\` and commit`);
      process.exit(1);
    }
    console.log('proto: generated code is current');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  generate(outDir);
  console.log(`proto: generated ${outDir}`);
}

#!/usr/bin/env node
/**
 * Packs the packages a user installs into tarballs that install with plain `npm install <tarball>`
 * in an empty directory: `@lienthong/sdk` (for document systems) and `@lienthong/cli` (the
 * `lienthong` command, with the embedded broker and the level services' runtime).
 *
 *   node scripts/pack.mjs [--out DIR] [sdk] [cli]     (default: both, into dist-pack/)
 *
 * The workspace packages a tarball needs (`@lienthong/core`, `proto`, `content`, … — not on a
 * registry) travel inside it as bundled dependencies, with `workspace:*` turned into their versions
 * (`pnpm pack` does that); their third-party dependencies become the tarball's own, so npm installs
 * them from the registry. Nothing depends on the workspace's patch of `@nats-io/nats-core`: npm
 * installs the upstream release, which costs more CPU (more socket writes and copies) but sends the
 * same (see packages/sdk/README.md, "Installing").
 * Run `pnpm build` first: the tarballs carry `dist/`.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let out = join(root, 'dist-pack');
const targets = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else if (args[i] === '-h' || args[i] === '--help') {
    process.stdout.write('usage: node scripts/pack.mjs [--out DIR] [sdk] [cli]\n');
    process.exit(0);
  } else targets.push(args[i]);
}
if (targets.length === 0) targets.push('sdk', 'cli');

const manifest = (pkg) => JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
const dirOf = (name) => name.replace(/^@lienthong\//, '');
const isWorkspace = (name) => name.startsWith('@lienthong/');

/** The workspace packages `pkg` needs, directly or not. */
function closure(pkg, seen = new Set()) {
  for (const dep of Object.keys(manifest(pkg).dependencies ?? {})) {
    if (!isWorkspace(dep) || seen.has(dirOf(dep))) continue;
    seen.add(dirOf(dep));
    closure(dirOf(dep), seen);
  }
  return seen;
}

/** `pnpm pack` of a workspace package, unpacked into `dest` (workspace:* already resolved). */
function unpack(pkg, dest, scratch) {
  const before = new Set(readdirSync(scratch));
  execFileSync('pnpm', ['pack', '--pack-destination', scratch], {
    cwd: join(root, 'packages', pkg),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tgz = readdirSync(scratch).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (!tgz) throw new Error(`pnpm pack of ${pkg} wrote no tarball`);
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, tgz), '-C', dest, '--strip-components=1']);
  rmSync(join(scratch, tgz));
}

function pack(target) {
  const scratch = mkdtempSync(join(tmpdir(), 'lt-pack-'));
  try {
    const stage = join(scratch, 'stage');
    unpack(target, stage, scratch);
    const bundled = [...closure(target)].sort();
    const pj = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
    const deps = { ...(pj.dependencies ?? {}) };
    for (const b of bundled) {
      const dest = join(stage, 'node_modules', '@lienthong', b);
      unpack(b, dest, scratch);
      const inner = JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8'));
      deps[inner.name] = inner.version;
      // Their third-party dependencies are installed next to the bundle, where Node finds them.
      for (const [name, range] of Object.entries(inner.dependencies ?? {})) {
        if (isWorkspace(name)) continue;
        if (deps[name] !== undefined && deps[name] !== range) {
          throw new Error(`${target}: ${name} is wanted as ${deps[name]} and as ${range} (by ${inner.name})`);
        }
        deps[name] = range;
      }
    }
    pj.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
    if (bundled.length > 0) pj.bundleDependencies = bundled.map((b) => `@lienthong/${b}`);
    if (target === 'cli') {
      // `lienthong up` and `demo` host the demo tree when no --topology is given.
      cpSync(join(root, 'deploy', 'topology.demo.json'), join(stage, 'topology.demo.json'));
      pj.files = [...new Set([...(pj.files ?? []), 'topology.demo.json'])];
    }
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pj, null, 2)}\n`);
    mkdirSync(out, { recursive: true });
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .pop();
    const file = join(out, name);
    if (!existsSync(file)) throw new Error(`npm pack wrote no ${file}`);
    process.stdout.write(
      `${file}  (${pj.name}@${pj.version}; bundles ${bundled.map((b) => `@lienthong/${b}`).join(', ') || 'nothing'})\n`,
    );
    return file;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

for (const t of targets) {
  if (!existsSync(join(root, 'packages', t, 'package.json'))) throw new Error(`no package ${t}`);
  if (!existsSync(join(root, 'packages', t, 'dist')))
    throw new Error(`packages/${t}/dist is missing: run pnpm build first`);
  pack(t);
}

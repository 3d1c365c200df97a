#!/usr/bin/env node
/**
 * Writes the two national demo trees from the sourced data in data/vn-admin (or --data DIR):
 *   deploy/topology.vn-2024.json  63 provinces, 705 districts, 10,035 communes (before 1 July 2025)
 *   deploy/topology.vn-2025.json  34 provinces, 3,321 communes, no districts (after Resolution 202/2025/QH15)
 * Provinces and ministries carry their official names; a level-1 code is used only where the data
 * gives one, every other province gets a generated code X01–X63 (X is not a letter the official
 * scheme uses for a province; see deploy/README.md). Districts and communes are generated: the data
 * has the national totals, not the lists, so only the totals are real.
 * Usage: node scripts/gen-vn-topology.mjs [--data DIR] [--out DIR] [--check]
 *   --check  exits 1 when the files in --out differ from what would be written (a missing
 *            topology.vn-2024.json, which is not committed, is not checked).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export const TOTALS = {
  2024: { provinces: 63, districts: 705, communes: 10_035 },
  2025: { provinces: 34, communes: 3_321 },
};
export const REFORM_DATE = '2025-07-01T00:00:00Z';
const SYNTHETIC_LETTER = 'X';

const pad = (n, w) => String(n).padStart(w, '0');
const stripPrefix = (name) => name.replace(/^(Tỉnh|Thành phố) /, '');

/** `total` split over weights, largest remainder first, ties to the earlier entry: deterministic. */
export function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k][1]] += 1;
  return out;
}

/** Level-1 code of each 2024 province: the sourced one, else X + its position in the data (01–63). */
export function level1Codes(p2024) {
  const codes = new Map();
  p2024.forEach((p, i) => codes.set(p.name, p.code ?? `${SYNTHETIC_LETTER}${pad(i + 1, 2)}`));
  return codes;
}

function ubndName(provinceName) {
  return `Ủy ban nhân dân ${provinceName.replace(/^Tỉnh/, 'tỉnh').replace(/^Thành phố/, 'thành phố')}`;
}

function central(agenciesData) {
  const nodes = [
    { id: 'vn', level: 'central', name: 'Trục liên thông văn bản quốc gia (Văn phòng Chính phủ)' },
  ];
  const agencies = agenciesData.map((a) => ({
    code: a.organ_id,
    name: a.name,
    tier: 'central',
    homeNode: 'vn',
  }));
  return { nodes, agencies };
}

export function build2024({ p2024, ministries }) {
  const { nodes, agencies } = central(ministries);
  const l1 = level1Codes(p2024);
  const districts = apportion(
    TOTALS[2024].districts,
    p2024.map(() => 1),
  );
  const communes = apportion(
    TOTALS[2024].communes,
    districts.flatMap((n) => Array(n).fill(1)),
  );
  let di = 0;
  p2024.forEach((p, i) => {
    const code = l1.get(p.name);
    const pid = code.toLowerCase();
    const ubnd = `000.00.00.${code}`;
    nodes.push({ id: pid, level: 'province', name: p.name, parent: 'vn' });
    agencies.push({ code: ubnd, name: ubndName(p.name), tier: 'province', homeNode: pid });
    for (let d = 1; d <= districts[i]; d++) {
      const did = `${pid}-d${pad(d, 2)}`;
      const dName = `Huyện số ${d} (${stripPrefix(p.name)})`;
      const dCode = `000.00.${pad(d, 2)}.${code}`;
      nodes.push({ id: did, level: 'district', name: dName, parent: pid });
      agencies.push({
        code: dCode,
        name: `Ủy ban nhân dân ${dName}`,
        tier: 'district',
        parentCode: ubnd,
        homeNode: did,
      });
      const n = communes[di++];
      for (let c = 1; c <= n; c++) {
        const cid = `${did}-c${pad(c, 2)}`;
        const cName = `Xã số ${c}, huyện số ${d} (${stripPrefix(p.name)})`;
        nodes.push({ id: cid, level: 'commune', name: cName, parent: did });
        agencies.push({
          code: `${pad(c, 3)}.01.${pad(d, 2)}.${code}`,
          name: `Ủy ban nhân dân ${cName}`,
          tier: 'commune',
          parentCode: dCode,
          homeNode: cid,
        });
      }
    }
  });
  return { nodes, agencies };
}

export function build2025({ p2024, p2025, ministries }) {
  const { nodes, agencies } = central(ministries);
  const l1 = level1Codes(p2024);
  const before = build2024({ p2024, ministries });
  const communes = apportion(
    TOTALS[2025].communes,
    p2025.map((p) => p.merged_from.length),
  );
  const closed = [];
  p2025.forEach((p, i) => {
    const code = l1.get(p.name_kept_from);
    if (code === undefined)
      throw new Error(`${p.name}: name_kept_from '${p.name_kept_from}' is not a 2024 province`);
    if (p.code !== null && p.code !== code)
      throw new Error(`${p.name}: data code ${p.code} != 2024 code ${code}`);
    const pid = code.toLowerCase();
    const ubnd = `000.00.00.${code}`;
    nodes.push({ id: pid, level: 'province', name: p.name, parent: 'vn' });
    agencies.push({ code: ubnd, name: ubndName(p.name), tier: 'province', homeNode: pid });
    const newCommunes = [];
    for (let c = 1; c <= communes[i]; c++) {
      const cid = `${pid}-c${pad(c, 3)}`;
      const cName = `Xã số ${c} (${stripPrefix(p.name)})`;
      nodes.push({ id: cid, level: 'commune', name: cName, parent: pid });
      const cCode = `${pad(c, 3)}.01.00.${code}`;
      newCommunes.push(cCode);
      agencies.push({
        code: cCode,
        name: `Ủy ban nhân dân ${cName}`,
        tier: 'commune',
        parentCode: ubnd,
        homeNode: cid,
      });
    }
    // The old communes of its provinces close into its new ones. The data has no commune lists (the
    // units are generated), so the k-th of M old communes goes to new commune ⌊k·N/M⌋: an even
    // spread, as a real reorganisation's table would map them, so that the two trees apply.
    const oldCodes = new Set(p.merged_from.map((old) => l1.get(old)));
    const oldCommunes = before.agencies.filter(
      (a) => a.tier === 'commune' && oldCodes.has(a.code.slice(a.code.lastIndexOf('.') + 1)),
    );
    oldCommunes.forEach((a, k) => {
      closed.push({
        code: a.code,
        name: a.name,
        closedAt: REFORM_DATE,
        successor: newCommunes[Math.floor((k * newCommunes.length) / oldCommunes.length)],
        policy: 'redirect',
      });
    });
    // The merged provinces' own codes close (the kept name's code stays); districts close into the province.
    for (const old of p.merged_from) {
      const oldCode = l1.get(old);
      if (oldCode === undefined) throw new Error(`${p.name}: merged_from '${old}' is not a 2024 province`);
      if (oldCode !== code) {
        closed.push({
          code: `000.00.00.${oldCode}`,
          name: ubndName(old),
          closedAt: REFORM_DATE,
          successor: ubnd,
          policy: 'redirect',
        });
      }
      const prefix = `000.00.`;
      for (const a of before.agencies) {
        if (a.tier === 'district' && a.code.startsWith(prefix) && a.code.endsWith(`.${oldCode}`)) {
          closed.push({
            code: a.code,
            name: a.name,
            closedAt: REFORM_DATE,
            successor: ubnd,
            policy: 'redirect',
          });
        }
      }
    }
  });
  return { nodes, agencies, closed };
}

/** Compact JSON: one node or agency per line, so the files stay small and diff well. */
export function render(json) {
  const lines = ['{'];
  const keys = Object.keys(json);
  keys.forEach((key, k) => {
    lines.push(`  "${key}": [`);
    json[key].forEach((e, i) => lines.push(`    ${JSON.stringify(e)}${i < json[key].length - 1 ? ',' : ''}`));
    lines.push(`  ]${k < keys.length - 1 ? ',' : ''}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

export function loadData(dir) {
  const read = (f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  return {
    p2024: read('provinces-2024.json'),
    p2025: read('provinces-2025.json'),
    ministries: read('central-agencies.json'),
  };
}

function main(argv) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const arg = (name, dflt) => {
    const i = argv.indexOf(name);
    return i === -1 ? dflt : argv[i + 1];
  };
  const dataDir = arg('--data', path.join(root, 'data/vn-admin'));
  const outDir = arg('--out', path.join(root, 'deploy'));
  if (!existsSync(dataDir)) throw new Error(`no data directory ${dataDir} (give --data DIR)`);
  const data = loadData(dataDir);
  const files = {
    'topology.vn-2024.json': render(build2024(data)),
    'topology.vn-2025.json': render(build2025(data)),
  };
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(outDir, name);
    if (argv.includes('--check')) {
      // The 2024 tree is not committed: a checkout without it has nothing to compare.
      if (!existsSync(file) && name === 'topology.vn-2024.json') continue;
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        process.stderr.write(`${file} is not what ${path.basename(import.meta.url)} writes\n`);
        stale++;
      }
    } else {
      writeFileSync(file, text);
      process.stdout.write(`${file}: ${text.length} bytes\n`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main(process.argv.slice(2));
}

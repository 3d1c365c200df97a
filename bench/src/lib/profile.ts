/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self and inclusive time by function, and self
 * time by package (which workspace package or npm dependency the code belongs to).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionCost {
  readonly fn: string;
  readonly where: string;
  readonly pkg: string;
  readonly selfMs: number;
  readonly selfPct: number;
  readonly totalMs: number;
  readonly totalPct: number;
}

export interface ProfileSummary {
  readonly wallMs: number;
  /** Sampled time not idle: JavaScript, GC, native code. */
  readonly busyMs: number;
  readonly idleMs: number;
  readonly docs: number;
  readonly busyUsPerDoc: number;
  readonly byPackage: { pkg: string; selfMs: number; selfPct: number; usPerDoc: number }[];
  readonly topSelf: FunctionCost[];
  readonly topInclusive: FunctionCost[];
}

/** Which package a script belongs to, from its URL. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: native, not attributed)';
    if (functionName === '(root)') return '(root)';
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ws = /\/packages\/([^/]+)\/(gen|dist|src)\//.exec(url);
  if (ws) return ws[2] === 'gen' ? `@lienthong/${ws[1]} (generated)` : `@lienthong/${ws[1]}`;
  if (url.includes('/bench/dist/')) return 'bench harness';
  return 'other';
}

function where(frame: CallFrame): string {
  const url = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^.*\/(packages\/|bench\/dist\/)/, '$1');
  return url ? `${url}:${frame.lineNumber + 1}` : '';
}

export function summarizeProfile(path: string, docs: number, top = 30): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const key = (f: CallFrame): string => `${f.functionName || '(anonymous)'}\u0000${where(f)}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  let idleUs = 0;
  let totalUs = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (dt <= 0) continue;
    totalUs += dt;
    const node = byId.get(p.samples[i]!);
    if (!node) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)') {
      idleUs += dt;
      continue;
    }
    const k = key(f);
    frames.set(k, f);
    self.set(k, (self.get(k) ?? 0) + dt);
    const pkg = packageOf(f);
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id)!.callFrame;
      if (cf.functionName === '(root)') break;
      const ck = key(cf);
      if (seen.has(ck)) continue;
      seen.add(ck);
      frames.set(ck, cf);
      inclusive.set(ck, (inclusive.get(ck) ?? 0) + dt);
    }
  }
  const busyUs = totalUs - idleUs;
  const cost = (k: string): FunctionCost => {
    const f = frames.get(k)!;
    const s = self.get(k) ?? 0;
    const t = inclusive.get(k) ?? 0;
    return {
      fn: f.functionName || '(anonymous)',
      where: where(f),
      pkg: packageOf(f),
      selfMs: Math.round(s / 100) / 10,
      selfPct: Math.round((1000 * s) / busyUs) / 10,
      totalMs: Math.round(t / 100) / 10,
      totalPct: Math.round((1000 * t) / busyUs) / 10,
    };
  };
  const ranked = (m: Map<string, number>): FunctionCost[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k]) => cost(k));
  return {
    wallMs: Math.round((p.endTime - p.startTime) / 1000),
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    docs,
    busyUsPerDoc: Math.round(busyUs / Math.max(1, docs)),
    byPackage: [...pkgSelf.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([pkg, us]) => ({
        pkg,
        selfMs: Math.round(us / 1000),
        selfPct: Math.round((1000 * us) / busyUs) / 10,
        usPerDoc: Math.round(us / Math.max(1, docs)),
      })),
    topSelf: ranked(self),
    topInclusive: ranked(inclusive),
  };
}

/** A layer a sample is attributed to: the first rule, from the innermost frame out, that names it. */
export interface LayerRule {
  readonly layer: string;
  readonly matches: (frame: CallFrame) => boolean;
  /** Wins over the innermost-frame order when any frame of the stack matches. */
  readonly anywhere?: boolean;
}

/**
 * Busy time by layer: each sample goes to the layer of the innermost frame a rule names (rules
 * marked `anywhere` first, if any frame of the stack matches them), else to its leaf function.
 */
export function layersOf(path: string, rules: readonly LayerRule[]): { layer: string; share: number }[] {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const anywhere = rules.filter((r) => r.anywhere);
  const inner = rules.filter((r) => !r.anywhere);
  const time = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    const leaf = byId.get(p.samples[i]!);
    if (dt <= 0 || !leaf || leaf.callFrame.functionName === '(idle)') continue;
    busy += dt;
    const stack: CallFrame[] = [];
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      stack.push(byId.get(id)!.callFrame);
    }
    const layer =
      anywhere.find((r) => stack.some(r.matches))?.layer ??
      stack.map((f) => inner.find((r) => r.matches(f))?.layer).find((l) => l !== undefined) ??
      `other: ${leaf.callFrame.functionName || '(anonymous)'}`;
    time.set(layer, (time.get(layer) ?? 0) + dt);
  }
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([layer, us]) => ({ layer, share: us / Math.max(1, busy) }));
}

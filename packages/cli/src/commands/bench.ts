import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';

const ROOT = path.resolve(__dirname, '../../../..');

/** `lienthong bench`: runs scripts/bench.sh (set-up, build, every scenario, bench/results/latest.json). */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'run the benchmarks (scripts/bench.sh): throughput, latency, scale, backlog drain, urgent lane',
    )
    .allowUnknownOption()
    .argument('[args...]', 'passed to scripts/bench.sh, e.g. --quick or --runs 5')
    .action(async (args: string[]) => {
      const code = await new Promise<number>((resolve) => {
        const child = spawn('bash', [path.join(ROOT, 'scripts/bench.sh'), ...args], {
          stdio: 'inherit',
          cwd: ROOT,
        });
        child.once('exit', (c) => resolve(c ?? 1));
      });
      process.exitCode = code;
    });
}

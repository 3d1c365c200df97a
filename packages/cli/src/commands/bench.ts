import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors';

const ROOT = path.resolve(__dirname, '../../../..');

/** `lienthong bench`: runs scripts/bench.sh (set-up, build, every scenario, bench/results/latest.json). */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'run the benchmarks (scripts/bench.sh, in a checkout): throughput, latency, national scale, backlog drain, attachments, urgent lane, edXML gateway, VXP, broadcast',
    )
    .allowUnknownOption()
    .argument('[args...]', 'passed to scripts/bench.sh, e.g. --quick or --runs 5')
    .action(async (args: string[]) => {
      const script = path.join(ROOT, 'scripts/bench.sh');
      if (!existsSync(script)) {
        // An installed CLI (the packed tarball) carries no benchmark: it runs from the repository.
        throw new CliError(
          'FailedPrecondition',
          `the benchmarks run from a checkout of lienthong: ${script} does not exist`,
          {
            hint: 'clone the repository and run scripts/bench.sh (or pnpm lienthong bench) there',
          },
        );
      }
      const code = await new Promise<number>((resolve) => {
        const child = spawn('bash', [script, ...args], {
          stdio: 'inherit',
          cwd: ROOT,
        });
        child.once('exit', (c) => resolve(c ?? 1));
      });
      process.exitCode = code;
    });
}

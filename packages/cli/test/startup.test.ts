/**
 * A command starts without the node runtime (fastify, the dashboard, the edXML judge, the metrics):
 * those load only for the commands that run or inspect a node (`up`, `demo`, `node start`, `creds`,
 * `security audit verify`, `topology apply`), so `lienthong --version` or `lienthong doc track` do not
 * wait half a second for them.
 */
import { spawnSync } from 'node:child_process';
import { MAIN, cliEnv } from './helpers';

/** The modules of lienthong's packages that running `args` loaded, by package. */
function packagesLoaded(args: string[]): Set<string> {
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(MAIN)}, ...${JSON.stringify(args)}];
    process.on('exit', () => {
      const loaded = Object.keys(require.cache)
        .map((f) => /packages\\/([a-z-]+)\\/dist\\//.exec(f)?.[1])
        .filter(Boolean);
      process.stderr.write('LOADED ' + [...new Set(loaded)].join(',') + '\\n');
    });
    require(${JSON.stringify(MAIN)});
  `;
  const run = spawnSync(process.execPath, ['-e', script], { env: cliEnv(), encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line).toBeDefined();
  return new Set(line!.slice('LOADED '.length).split(',').filter(Boolean));
}

describe('CLI start-up', () => {
  it('--version and --help load no node runtime', () => {
    for (const args of [['--version'], ['--help'], ['doc', '--help']]) {
      const loaded = packagesLoaded(args);
      expect(loaded.has('cli')).toBe(true);
      expect([...loaded].filter((p) => p === 'node' || p === 'gateway' || p === 'dashboard')).toEqual([]);
    }
  });
});

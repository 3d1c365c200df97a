/** `lienthong-<level> --help` prints its usage on stdout and exits 0; without --config, on stderr with 2. */
import { runLevelService } from '../src/service';

describe('a level service’s command line', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
    jest.restoreAllMocks();
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await runLevelService('province', ['--help']);
    expect(String(out.mock.calls[0]?.[0])).toMatch(/^usage: lienthong-province --config FILE\n/);
    expect(process.exitCode ?? 0).toBe(exitCode ?? 0);
  });

  it('no --config: the usage on stderr, exit 2', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await runLevelService('commune', []);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^usage: lienthong-commune --config FILE\n/);
    expect(process.exitCode).toBe(2);
  });
});

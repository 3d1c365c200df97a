/**
 * The first write `up` makes into its data directory (its owner record): a directory this user may
 * not write is refused with PermissionDenied and what to do, not a bare EACCES. (/sys refuses a new
 * file even to root, as a directory of another user refuses it to everyone else.)
 */
import { CliError } from '../src/errors';
import { claimDataDir } from '../src/orphans';

describe('claimDataDir', () => {
  it('a data directory this user may not write: PermissionDenied, naming the file and what to do', () => {
    let thrown: unknown;
    try {
      claimDataDir('/sys');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect(thrown).toMatchObject({
      code: 'PermissionDenied',
      message: 'cannot write /sys/owner.json: the data directory is not writable by this user',
    });
    expect((thrown as CliError).hint).toContain('run as the user that owns /sys');
  });
});

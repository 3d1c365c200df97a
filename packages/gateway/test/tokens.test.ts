import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpTokenStore, httpTokensFile } from '../src/tokens';

describe('HttpTokenStore bearer lookup', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lt-tokens-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds each agency among many tokens, and nothing for an unknown, revoked or system token', () => {
    const file = httpTokensFile(dir);
    const issuer = new HttpTokenStore(file);
    const issued = ['000.00.00.G01', '000.00.00.G02', '000.00.00.H27', '000.00.01.H27', '000.00.00.H41'].map(
      (a) => issuer.issue(a),
    );
    const system = issuer.issueSystem('qlvb-platform', ['000.00.00.G01', '000.00.00.G02']);
    const server = new HttpTokenStore(file);
    for (const t of issued) expect(server.agencyOf(t.token)).toBe(t.agency);
    expect(server.agencyOf(system.token)).toBeUndefined();
    expect(server.agencyOf(`${issued[0]!.token}x`)).toBeUndefined();
    expect(server.agencyOf('')).toBeUndefined();

    // Revoked by another process (the CLI): the server's next lookup re-reads the file.
    expect(new HttpTokenStore(file).revoke('000.00.00.H27')).toBe(1);
    expect(server.agencyOf(issued[2]!.token)).toBeUndefined();
    expect(server.agencyOf(issued[3]!.token)).toBe('000.00.01.H27');
    // A token issued after the server loaded the list is found at once.
    const late = new HttpTokenStore(file).issue('000.00.00.H27');
    expect(server.agencyOf(late.token)).toBe('000.00.00.H27');
    expect(server.agencyOf(issued[2]!.token)).toBeUndefined();
  });

  it('answers nothing while no token file exists', () => {
    const server = new HttpTokenStore(httpTokensFile(dir));
    expect(server.agencyOf('lt_anything')).toBeUndefined();
    expect(server.records()).toEqual([]);
  });
});

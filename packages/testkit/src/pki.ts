import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Certificates for one test: a CA and, per name, `<name>.crt` / `<name>.key` signed by it. */
export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  cert(name: string): { readonly certFile: string; readonly keyFile: string };
}

function openssl(): string {
  const found = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
  if (!found) {
    throw new Error('openssl not found: TLS tests need the openssl CLI (apt-get install -y openssl)');
  }
  return found;
}

/**
 * A throw-away CA and EC P-256 certificates for `names` in `dir`, valid for two days for
 * `localhost` and 127.0.0.1, each usable as server and as client certificate (leaf links present
 * the same certificate both ways). Made with the openssl CLI: node:crypto cannot issue X.509.
 */
export function makeTestPki(dir: string, names: readonly string[]): TestPki {
  const bin = openssl();
  mkdirSync(dir, { recursive: true });
  const run = (args: string[]): void => {
    execFileSync(bin, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=lienthong test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  writeFileSync(
    path.join(dir, 'leaf.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '',
    ].join('\n'),
  );
  for (const name of names) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`makeTestPki: '${name}' is not a plain file name`);
    run(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    run([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      'leaf.ext',
    ]);
  }
  return {
    dir,
    caFile: path.join(dir, 'ca.crt'),
    cert: (name) => ({ certFile: path.join(dir, `${name}.crt`), keyFile: path.join(dir, `${name}.key`) }),
  };
}

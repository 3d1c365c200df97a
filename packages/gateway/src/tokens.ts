import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LienthongError, assertAgencyCode, isAgencyCode } from '@lienthong/core';

/** Where a broker keeps its HTTP tokens: `<data>/credentials/http-tokens.json`. */
export function httpTokensFile(credentialsDir: string): string {
  return join(credentialsDir, 'http-tokens.json');
}

/** The key that seals the tokens' VXP copies: `<file minus .json>.key`, 32 random bytes, mode 0600. */
export function httpTokensKeyFile(tokensFile: string): string {
  return tokensFile.replace(/\.json$/, '') + '.key';
}

/**
 * One issued token: its SHA-256 (what the bearer check compares), and a sealed copy of the token
 * (AES-256-GCM under the store's key file) that the VXP endpoint opens to verify HMAC signatures,
 * whose key is the token itself. An agency's token has `agency`; a VXP system's (a platform that
 * serves several agencies through one system id) has `system` and `agencies` instead, and is not a
 * bearer token.
 */
export interface HttpTokenRecord {
  /** The agency a token stands for; empty for a system's token. */
  readonly agency: string;
  /** Lowercase hex SHA-256 of the token. */
  readonly sha256: string;
  readonly issuedAtMs: number;
  readonly revokedAtMs?: number;
  /** base64 of IV (12) ‖ tag (16) ‖ AES-256-GCM ciphertext of the token; absent on older records. */
  readonly sealed?: string;
  /** A VXP system's name (its `systemId`). */
  readonly system?: string;
  /** The agencies a system may act for. */
  readonly agencies?: readonly string[];
  /** A system with operator rights: its VXP registerAgency / deleteAgency change the directory. */
  readonly operator?: boolean;
}

/** Who a VXP system id stands for, with the secrets its requests may be signed with. */
export interface VxpSystem {
  readonly systemId: string;
  readonly kind: 'agency' | 'system';
  /**
   * The active tokens (HMAC keys) of the system id, each with the agencies it may act for (a system
   * issued again with other agencies: each token keeps its own); tokens issued before sealing are
   * not here.
   */
  readonly secrets: readonly {
    readonly key: Buffer;
    readonly agencies: readonly string[];
    /** The token has operator rights (a system issued with `--operator`). */
    readonly operator: boolean;
  }[];
  /** Active tokens with no sealed copy (issued before the VXP endpoint): they cannot sign. */
  readonly unsealed: number;
}

/** A system's name: letters, digits, `.`, `_`, `-` (1–64), never an agency code. */
export function assertSystemName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new LienthongError(
      'InvalidArgument',
      `'${name}' is not a system name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  if (isAgencyCode(name)) {
    throw new LienthongError(
      'InvalidArgument',
      `'${name}' is an agency code: an agency signs with its own token (creds issue agency ${name} --http-token)`,
    );
  }
  return name;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The bearer tokens of agencies for the HTTP API. Tokens are random (256 bits), shown once when
 * issued, and stored hashed; a revoked token is refused from the next request on (the file is
 * re-read when it changes).
 */
export class HttpTokenStore {
  private cache: { mtimeMs: number; size: number; records: HttpTokenRecord[] } | undefined;
  private keyCache: Buffer | undefined;
  private readonly systems = new WeakMap<readonly HttpTokenRecord[], Map<string, VxpSystem | undefined>>();
  /** The active bearer tokens of a loaded list: SHA-256 hex → agency. */
  private readonly bearers = new WeakMap<readonly HttpTokenRecord[], Map<string, string>>();

  constructor(readonly file: string) {}

  /** Issues a new token for an agency; the agency's earlier tokens stay valid until revoked. */
  issue(agency: string): { agency: string; token: string } {
    const code = assertAgencyCode(agency);
    const token = `lt_${randomBytes(32).toString('base64url')}`;
    this.save([
      ...this.records(),
      { agency: code, sha256: sha256(token), issuedAtMs: Date.now(), sealed: this.seal(token) },
    ]);
    return { agency: code, token };
  }

  /**
   * Issues a token for a VXP system: one system id through which a platform acts for several
   * agencies (the request's `XroadVnpt-from` names which). Not a bearer token for `/api/v1`.
   */
  issueSystem(
    name: string,
    agencies: readonly string[],
    opts: { operator?: boolean } = {},
  ): { system: string; agencies: string[]; token: string; operator: boolean } {
    const system = assertSystemName(name);
    const codes = [...new Set(agencies.map((a) => assertAgencyCode(a.trim())))];
    if (codes.length === 0) {
      throw new LienthongError(
        'InvalidArgument',
        `system ${system} needs at least one agency (--agencies CODE,…)`,
      );
    }
    const token = `lt_${randomBytes(32).toString('base64url')}`;
    this.save([
      ...this.records(),
      {
        agency: '',
        system,
        agencies: codes,
        sha256: sha256(token),
        issuedAtMs: Date.now(),
        sealed: this.seal(token),
        ...(opts.operator ? { operator: true } : {}),
      },
    ]);
    return { system, agencies: codes, token, operator: opts.operator === true };
  }

  /** Revokes every active token of a system; how many. */
  revokeSystem(name: string): number {
    let n = 0;
    const now = Date.now();
    const records = this.records().map((r) => {
      if (r.system !== name || r.revokedAtMs !== undefined) return r;
      n++;
      return { ...r, revokedAtMs: now };
    });
    if (n > 0) this.save(records);
    return n;
  }

  /**
   * A VXP system id: an agency code (its own tokens) or a system's name. Undefined when nothing
   * active is issued for it.
   */
  vxpSystem(systemId: string): VxpSystem | undefined {
    // Opened secrets are kept while the file is unchanged (a revocation re-reads it).
    const records = this.records();
    let systems = this.systems.get(records);
    if (!systems) this.systems.set(records, (systems = new Map()));
    if (!systems.has(systemId)) systems.set(systemId, this.openSystem(records, systemId));
    return systems.get(systemId);
  }

  private openSystem(records: readonly HttpTokenRecord[], systemId: string): VxpSystem | undefined {
    const active = records.filter(
      (r) =>
        r.revokedAtMs === undefined &&
        (r.system !== undefined ? r.system === systemId : r.agency === systemId),
    );
    if (active.length === 0) return undefined;
    const secrets: { key: Buffer; agencies: readonly string[]; operator: boolean }[] = [];
    let unsealed = 0;
    const isSystem = active[0]!.system !== undefined;
    for (const r of active) {
      const t = r.sealed ? this.open(r.sealed) : undefined;
      if (t !== undefined) {
        secrets.push({
          key: Buffer.from(t, 'utf8'),
          agencies: isSystem ? (r.agencies ?? []) : [systemId],
          operator: isSystem && r.operator === true,
        });
      } else unsealed++;
    }
    return {
      systemId,
      kind: isSystem ? 'system' : 'agency',
      secrets,
      unsealed,
    };
  }

  /** Revokes every active token of an agency; how many. */
  revoke(agency: string): number {
    const code = assertAgencyCode(agency);
    let n = 0;
    const now = Date.now();
    const records = this.records().map((r) => {
      if (r.agency !== code || r.system !== undefined || r.revokedAtMs !== undefined) return r;
      n++;
      return { ...r, revokedAtMs: now };
    });
    if (n > 0) this.save(records);
    return n;
  }

  /** The agency a token stands for, when it is issued and not revoked. */
  agencyOf(token: string): string | undefined {
    // One lookup whatever the number of tokens (a scan cost 0.35 ms a request at 1,000 tokens). The
    // key is the SHA-256 of what the caller sent, which the caller cannot steer towards a stored one,
    // so the lookup's timing tells nothing of other tokens.
    const records = this.records();
    let bearers = this.bearers.get(records);
    if (!bearers) {
      bearers = new Map();
      for (const r of records) {
        if (r.revokedAtMs === undefined && r.system === undefined)
          bearers.set(r.sha256.toLowerCase(), r.agency);
      }
      this.bearers.set(records, bearers);
    }
    return bearers.get(sha256(token));
  }

  records(): HttpTokenRecord[] {
    const st = statSync(this.file, { throwIfNoEntry: false });
    if (!st) return [];
    if (this.cache && this.cache.mtimeMs === st.mtimeMs && this.cache.size === st.size)
      return this.cache.records;
    let records: HttpTokenRecord[];
    try {
      records = JSON.parse(readFileSync(this.file, 'utf8')) as HttpTokenRecord[];
      if (!Array.isArray(records)) throw new Error('not a list');
    } catch (e) {
      throw new LienthongError('DataLoss', `${this.file} is not a token list: ${(e as Error).message}`);
    }
    this.cache = { mtimeMs: st.mtimeMs, size: st.size, records };
    return records;
  }

  /** The sealing key, created (mode 0600) on first use. */
  private key(create: boolean): Buffer | undefined {
    const file = httpTokensKeyFile(this.file);
    if (this.keyCache) return this.keyCache;
    if (!existsSync(file)) {
      if (!create) return undefined;
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    // The mode is enforced each time it is read: a key readable by others is narrowed first.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new LienthongError('DataLoss', `${file} is not a 32-byte key`);
    this.keyCache = key;
    return key;
  }

  private seal(token: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key(true)!, iv);
    const body = Buffer.concat([c.update(token, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  /** The sealed token, or undefined when the key is missing or the copy does not open. */
  private open(sealed: string): string | undefined {
    const key = this.key(false);
    if (!key) return undefined;
    try {
      const b = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  private save(records: HttpTokenRecord[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    this.cache = undefined;
  }
}

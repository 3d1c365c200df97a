import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LienthongError, assertAgencyCode } from '@lienthong/core';

/** Where a broker keeps its HTTP tokens: `<data>/credentials/http-tokens.json`. */
export function httpTokensFile(credentialsDir: string): string {
  return join(credentialsDir, 'http-tokens.json');
}

/** One issued token: only its SHA-256 is kept. */
export interface HttpTokenRecord {
  readonly agency: string;
  /** Lowercase hex SHA-256 of the token. */
  readonly sha256: string;
  readonly issuedAtMs: number;
  readonly revokedAtMs?: number;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The bearer tokens of agencies for the HTTP API. Tokens are random (256 bits), shown once when
 * issued, and stored hashed; a revoked token is refused from the next request on (the file is
 * re-read when it changes).
 */
export class HttpTokenStore {
  private cache: { mtimeMs: number; size: number; records: HttpTokenRecord[] } | undefined;

  constructor(readonly file: string) {}

  /** Issues a new token for an agency; the agency's earlier tokens stay valid until revoked. */
  issue(agency: string): { agency: string; token: string } {
    const code = assertAgencyCode(agency);
    const token = `lt_${randomBytes(32).toString('base64url')}`;
    this.save([...this.records(), { agency: code, sha256: sha256(token), issuedAtMs: Date.now() }]);
    return { agency: code, token };
  }

  /** Revokes every active token of an agency; how many. */
  revoke(agency: string): number {
    const code = assertAgencyCode(agency);
    let n = 0;
    const now = Date.now();
    const records = this.records().map((r) => {
      if (r.agency !== code || r.revokedAtMs !== undefined) return r;
      n++;
      return { ...r, revokedAtMs: now };
    });
    if (n > 0) this.save(records);
    return n;
  }

  /** The agency a token stands for, when it is issued and not revoked. */
  agencyOf(token: string): string | undefined {
    const h = Buffer.from(sha256(token), 'hex');
    for (const r of this.records()) {
      if (r.revokedAtMs !== undefined) continue;
      if (timingSafeEqual(Buffer.from(r.sha256, 'hex'), h)) return r.agency;
    }
    return undefined;
  }

  records(): HttpTokenRecord[] {
    if (!existsSync(this.file)) return [];
    const st = statSync(this.file);
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

  private save(records: HttpTokenRecord[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    this.cache = undefined;
  }
}

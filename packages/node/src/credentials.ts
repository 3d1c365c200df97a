/**
 * The credentials of a broker: one nkey pair per identity (agency, node process, operator), a
 * registry of what was issued and revoked, and the server's `authorization` block derived from it
 * and the topology (`@lienthong/core` permissions). Seeds stay in `<dir>/<id>.nk`, mode 0600; the
 * registry keeps only public keys.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createUser, fromSeed } from '@nats-io/nkeys';
import {
  LienthongError,
  authorizationConfig,
  identityIdOf,
  inboxPrefixOf,
  permissionsFor,
} from '@lienthong/core';
import type { AuthorizedUser, IdentitySubject, Topology } from '@lienthong/core';
import { readSeedFile } from '@lienthong/infra';

/** One issued identity, as the registry keeps it. */
export interface IssuedIdentity {
  /** `agency:<code>`, `node:<name>` or `ops:<name>`. */
  readonly id: string;
  readonly subject: IdentitySubject;
  /** Public user nkey (`U…`). */
  readonly publicKey: string;
  readonly issuedAtMs: number;
  readonly revokedAtMs?: number;
  /** The inbox prefix its connections must use. */
  readonly inboxPrefix: string;
}

interface RegistryFile {
  readonly version: 1;
  readonly identities: IssuedIdentity[];
}

/** What a connection needs to act as an identity. */
export interface IdentityCredentials {
  readonly id: string;
  /** The nkey seed (`SU…`): a secret. */
  readonly seed: string;
  readonly seedFile: string;
  readonly inboxPrefix: string;
}

export interface AuthConfigResult {
  readonly file: string;
  /** Identities written into the block. */
  readonly users: number;
  /** Active identities left out, with why (an agency no longer in the directory). */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/** The file name of an id (`agency:000.00.00.H41` → `agency_000.00.00.H41`). */
function fileOf(id: string): string {
  return id.replace(':', '_');
}

export class CredentialStore {
  readonly dir: string;
  private readonly registryFile: string;

  private constructor(dir: string) {
    this.dir = dir;
    this.registryFile = join(dir, 'registry.json');
  }

  /** Opens (creating if needed) the store in `dir`, readable by its owner only. */
  static open(dir: string): CredentialStore {
    const abs = resolve(dir);
    mkdirSync(abs, { recursive: true, mode: 0o700 });
    chmodSync(abs, 0o700);
    return new CredentialStore(abs);
  }

  /** Every identity ever issued, revoked ones included, in issue order. */
  list(): IssuedIdentity[] {
    if (!existsSync(this.registryFile)) return [];
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.registryFile, 'utf8'));
    } catch (e) {
      throw new LienthongError('DataLoss', `credentials registry ${this.registryFile} is unreadable`, {
        cause: e,
        context: { file: this.registryFile },
      });
    }
    const file = json as Partial<RegistryFile>;
    if (!Array.isArray(file.identities)) {
      throw new LienthongError('DataLoss', `${this.registryFile} is not a credentials registry`, {
        context: { file: this.registryFile },
      });
    }
    return file.identities;
  }

  /** The identity with this id that is not revoked, if any. */
  active(id: string): IssuedIdentity | undefined {
    return this.list().find((i) => i.id === id && i.revokedAtMs === undefined);
  }

  /**
   * Issues a new key pair for an identity; AlreadyExists while one is active (revoke it first to
   * rotate). An agency must be in `topology` when one is given. Subject tokens are validated here, so
   * an agency code with a wildcard, dot, space or control character never reaches the server config.
   */
  issue(subject: IdentitySubject, topology?: Topology): IdentityCredentials {
    const id = identityIdOf(subject);
    if (subject.kind === 'agency' && topology && !topology.agency(subject.agency)) {
      throw new LienthongError('NotFound', `agency ${subject.agency} is not in the directory`, {
        context: { agency: subject.agency },
      });
    }
    if ((subject.kind === 'node' || subject.kind === 'gateway') && topology && subject.nodes !== '*') {
      for (const n of subject.nodes) topology.node(n); // throws for an unknown node
    }
    const identities = this.list();
    if (identities.some((i) => i.id === id && i.revokedAtMs === undefined)) {
      throw new LienthongError('AlreadyExists', `${id} already has active credentials; revoke them first`, {
        context: { id },
      });
    }
    const kp = createUser();
    const seed = new TextDecoder().decode(kp.getSeed());
    const seedFile = join(this.dir, `${fileOf(id)}.nk`);
    writeSecret(seedFile, `${seed}\n`);
    const inboxPrefix = inboxPrefixOf(subject);
    identities.push({ id, subject, publicKey: kp.getPublicKey(), issuedAtMs: Date.now(), inboxPrefix });
    this.save(identities);
    return { id, seed, seedFile, inboxPrefix };
  }

  /** The seed of an active identity; NotFound when there is none. */
  credentials(id: string): IdentityCredentials {
    const identity = this.active(id);
    if (!identity)
      throw new LienthongError('NotFound', `no active credentials for ${id}`, { context: { id } });
    const seedFile = join(this.dir, `${fileOf(id)}.nk`);
    const seed = readSeedFile(seedFile);
    if (fromSeed(new TextEncoder().encode(seed)).getPublicKey() !== identity.publicKey) {
      throw new LienthongError('DataLoss', `${seedFile} does not hold the key registered for ${id}`, {
        context: { id, file: seedFile },
      });
    }
    return { id, seed, seedFile, inboxPrefix: identity.inboxPrefix };
  }

  /** Issues the identity unless it is active already; returns its credentials either way. */
  ensure(subject: IdentitySubject, topology?: Topology): IdentityCredentials {
    const id = identityIdOf(subject);
    return this.active(id) ? this.credentials(id) : this.issue(subject, topology);
  }

  /** Marks an identity revoked and deletes nothing else; NotFound when it is not active. */
  revoke(id: string): IssuedIdentity {
    const identities = this.list();
    const i = identities.findIndex((x) => x.id === id && x.revokedAtMs === undefined);
    if (i < 0) throw new LienthongError('NotFound', `no active credentials for ${id}`, { context: { id } });
    const revoked = { ...identities[i]!, revokedAtMs: Date.now() };
    identities[i] = revoked;
    this.save(identities);
    // The seed is useless once the server no longer lists its public key; overwrite it anyway.
    writeSecret(join(this.dir, `${fileOf(id)}.nk`), '');
    return revoked;
  }

  /** The users of the server's authorization block: every active identity, with its permissions. */
  users(topology: Topology): { users: AuthorizedUser[]; skipped: { id: string; reason: string }[] } {
    const users: AuthorizedUser[] = [];
    const skipped: { id: string; reason: string }[] = [];
    for (const i of this.list()) {
      if (i.revokedAtMs !== undefined) continue;
      try {
        users.push({ nkey: i.publicKey, permissions: permissionsFor(i.subject, topology) });
      } catch (e) {
        skipped.push({ id: i.id, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return { users, skipped };
  }

  /** Writes the authorization block to `file` (atomically, mode 0600). */
  writeAuthConfig(topology: Topology, file: string): AuthConfigResult {
    const { users, skipped } = this.users(topology);
    writeSecret(file, authorizationConfig(users));
    return { file, users: users.length, skipped };
  }

  private save(identities: IssuedIdentity[]): void {
    const file: RegistryFile = { version: 1, identities };
    writeSecret(this.registryFile, `${JSON.stringify(file, null, 2)}\n`);
  }
}

function writeSecret(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

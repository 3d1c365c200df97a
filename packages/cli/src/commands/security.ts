import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  BUCKETS,
  assertAgencyCode,
  buildReceiptProof,
  decodeTrackingRecord,
  directoryKeys,
  parseCertificate,
  publicKeyRecord,
  trackingKey,
  verifyReceiptProof,
} from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, SignatureAlgorithm } from '@lienthong/proto';
import type { IPublicKey } from '@lienthong/proto';
import { senderOf } from '@lienthong/sdk';
import { CliError, invalid, notFound } from '../errors';
import { businessName, formatTime, printJson, table, write } from '../output';
import type { Session } from '../session';
import { withSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';

/**
 * Signatures, receipts and the audit log: `agency keys add|ls|revoke`, `doc proof`,
 * `proof verify`, `audit verify`. Registered after `agency` and `doc`, whose groups it extends.
 */
/** A command group another module may have made already (`agency`, `doc`). */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function registerSecurity(program: Command): void {
  const keys = group(program, 'agency', 'agencies').command('keys').description("an agency's signing keys");
  keysAdd(keys);
  keysLs(keys);
  keysRevoke(keys);
  docProof(program);
  registerProof(program);
  registerAudit(program);
}

/** `add`: register a public key (PEM) or an X.509 certificate (PEM/DER) for an agency. */
function keysAdd(keys: Command): void {
  keys
    .command('add <code>')
    .description('register a public key (PEM) or an X.509 certificate (PEM/DER) for an agency')
    .option('--key <file>', 'public key, PEM')
    .option('--cert <file>', 'X.509 certificate, PEM or DER (its validity becomes the key’s)')
    .option('--not-before <iso>', 'valid from (default: now, or the certificate’s start)')
    .option('--not-after <iso>', 'valid until (default: open, or the certificate’s end)')
    .option('--json', 'print JSON')
    .action(
      async (
        code: string,
        o: { key?: string; cert?: string; notBefore?: string; notAfter?: string; json?: boolean },
        cmd: Command,
      ) => {
        if (!o.key && !o.cert) throw invalid('give --key <file> or --cert <file>');
        const record = publicKeyRecord({
          ...(o.key ? { publicKey: readFileSync(o.key, 'utf8') } : {}),
          ...(o.cert ? { certificate: readCertificate(o.cert) } : {}),
          ...(o.notBefore ? { notBeforeMs: parseTime(o.notBefore, '--not-before') } : {}),
          ...(o.notAfter ? { notAfterMs: parseTime(o.notAfter, '--not-after') } : {}),
        });
        await updateKeys(cmd, code, (list) => {
          if (list.some((k) => k.keyId === record.keyId)) {
            throw new CliError('AlreadyExists', `key ${record.keyId} is already registered for ${code}`);
          }
          return [...list, record];
        });
        if (o.json) printJson(keyJson(record));
        else write(`registered key ${record.keyId} (${algorithmName(record.algorithm)}) for ${code}\n`);
      },
    );
}

/** `ls`: list an agency's keys. */
function keysLs(keys: Command): void {
  keys
    .command('ls <code>')
    .description("list an agency's keys")
    .option('--json', 'print JSON')
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      const { keys: list, closed } = await withSession(resolveSettings(globalsOf(cmd)), (s) =>
        readKeysOf(s, code),
      );
      if (o.json) {
        printJson(list.map(keyJson));
        return;
      }
      if (closed) {
        write(
          `${code} is closed (since ${closed.closedAt}; successor ${closed.successor}): the keys it had, kept to verify what it signed\n`,
        );
      }
      if (list.length === 0) {
        write(`${code} has no registered keys: its documents need no signature\n`);
        return;
      }
      write(
        table(list.map(keyJson), [
          { header: 'KEY ID', value: (k) => String(k.keyId).slice(0, 16) },
          { header: 'ALGORITHM', value: (k) => String(k.algorithm) },
          { header: 'CERT', value: (k) => (k.certificate ? 'yes' : '') },
          { header: 'NOT BEFORE', value: (k) => String(k.notBefore ?? '') },
          { header: 'NOT AFTER', value: (k) => String(k.notAfter ?? '') },
          { header: 'REVOKED', value: (k) => String(k.revoked ?? '') },
        ]),
      );
    });
}

/** `revoke`: revoke a key: signatures it makes from now (or --at) on are refused; older ones stay valid. */
function keysRevoke(keys: Command): void {
  keys
    .command('revoke <code> <keyId>')
    .description('revoke a key: signatures it makes from now (or --at) on are refused; older ones stay valid')
    .option('--at <iso>', 'revocation time (default: now)')
    .action(async (code: string, keyId: string, o: { at?: string }, cmd: Command) => {
      const at = o.at ? parseTime(o.at, '--at') : Date.now();
      await updateKeys(cmd, code, (list) => {
        const matches = list.filter((k) => k.keyId?.startsWith(keyId));
        if (matches.length !== 1) {
          throw matches.length === 0
            ? notFound(`${code} has no key ${keyId}`, `see \`lienthong agency keys ls ${code}\``)
            : invalid(`${keyId} matches ${matches.length} keys; give more of the key id`);
        }
        return list.map((k) => (k === matches[0] ? { ...k, revokedAtMs: at } : k));
      });
      write(`revoked key ${keyId} of ${code} as of ${formatTime(at)}\n`);
    });
}

/** `doc proof`: the recipient's signed receipts of a document as a proof file. */
function docProof(program: Command): void {
  group(program, 'doc', 'documents')
    .command('proof <documentId>')
    .description("export the recipient's signed receipts of a document as a proof file (JSON)")
    .requiredOption('--recipient <code>', 'the recipient whose receipts to export')
    .option(
      '--from <code>',
      'the sender (default: read from the document id), as doc show and doc track take it',
    )
    .option('--sender <code>', 'the same as --from')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(
      async (
        documentId: string,
        o: { recipient: string; from?: string; sender?: string; out?: string },
        cmd: Command,
      ) => {
        const recipient = code(o.recipient);
        let sender: string;
        try {
          const given = o.from ?? o.sender;
          sender = given ? code(given) : senderOf(documentId);
        } catch (e) {
          throw invalid((e as Error).message, 'pass --from <code>');
        }
        const proof = await withSession(resolveSettings(globalsOf(cmd)), async (s) => {
          const kv = await s.kvm.open(BUCKETS.tracking);
          const entry = await kv.get(trackingKey(sender, documentId, recipient));
          if (!entry || entry.operation !== 'PUT') {
            throw notFound(`no tracking record of ${documentId} for ${recipient}`);
          }
          return buildReceiptProof(decodeTrackingRecord(entry.value), (await readAgency(s, recipient)).keys);
        });
        const text = `${JSON.stringify(proof, null, 2)}\n`;
        if (o.out) {
          writeFileSync(o.out, text);
          write(`wrote ${proof.receipts.length} receipt(s) of ${recipient} to ${o.out}\n`);
        } else {
          write(text);
        }
      },
    );
}

/** `proof`: proofs of receipt. */
function registerProof(program: Command): void {
  program
    .command('proof')
    .description('proofs of receipt')
    .command('verify <file>')
    .description('verify a proof of receipt offline (exit 1 when it does not hold)')
    .option('--document-sha256 <hex>', 'the hash of the document you hold; the receipts must name it')
    .option('--ca <file...>', 'trusted CA certificates (PEM) the recipient’s certificate must chain to')
    .option(
      '--key <file...>',
      'the recipient’s public keys (PEM) as you know them, used instead of the proof’s own',
    )
    .option('--json', 'print JSON')
    .action((file: string, o: { documentSha256?: string; ca?: string[]; key?: string[]; json?: boolean }) => {
      let proof: unknown;
      try {
        proof = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw invalid(`cannot read ${file} as JSON: ${(e as Error).message}`);
      }
      const verdict = verifyReceiptProof(proof, {
        ...(o.documentSha256 ? { documentSha256: o.documentSha256 } : {}),
        ...(o.ca ? { trustAnchors: o.ca.map((f) => parseCertificate(readFileSync(f, 'utf8'))) } : {}),
        ...(o.key ? { keys: o.key.map((f) => publicKeyRecord({ publicKey: readFileSync(f, 'utf8') })) } : {}),
      });
      if (o.json) printJson(verdict);
      else {
        for (const r of verdict.receipts) {
          write(
            `${r.ok ? 'ok  ' : 'BAD '} ${businessName(r.code)} signed ${formatTime(r.signedAtMs)} by key ${r.keyId.slice(0, 16)}${r.detail ? `: ${r.detail}` : ''}\n`,
          );
        }
      }
      if (!verdict.ok) {
        throw new CliError('FailedPrecondition', `the proof does not hold: ${verdict.problems.join('; ')}`);
      }
      if (!o.json) {
        write(
          verdict.anchored
            ? 'the proof holds\n'
            : 'the proof holds against the keys it carries; give --key or --ca to check those keys too\n',
        );
      }
    });
}

/** `audit`: walk the hash chains and report the first altered or removed block (exit 1 if any). */
function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("the nodes' audit logs")
    .command('verify')
    .description('walk the hash chains and report the first altered or removed block (exit 1 if any)')
    .option('--node <id>', 'only this node')
    .option('--json', 'print JSON')
    .action(async (o: { node?: string; json?: boolean }, cmd: Command) => {
      // The node runtime is loaded for this command only: every other command starts without it.
      const { auditedNodes, verifyNodeAudit } = await import('@lienthong/node');
      const results = await withSession(resolveSettings(globalsOf(cmd)), async (s) => {
        const nodes = o.node ? [o.node] : await auditedNodes(s.jsm);
        return Promise.all(nodes.map((n) => verifyNodeAudit(s.js, s.jsm, n)));
      });
      if (o.json) printJson(results);
      else {
        if (results.length === 0) {
          write(
            'no audit log here yet: a node writes its first block when it has handled its first message\n',
          );
        }
        for (const r of results) {
          write(
            r.broken
              ? `${r.node}: BROKEN at stream seq ${r.broken.streamSeq}: ${r.broken.problem} (${r.blocks} blocks verified before it)\n`
              : `${r.node}: ok, ${r.blocks} blocks, ${r.entries} entries, head ${r.head.slice(0, 16)}\n`,
          );
        }
      }
      const broken = results.filter((r) => r.broken);
      if (o.node && results[0]?.blocks === 0 && !results[0].broken) {
        throw notFound(`node ${o.node} has no audit log here`);
      }
      if (broken.length > 0) {
        throw new CliError(
          'DataLoss',
          `audit log of ${broken.map((r) => r.node).join(', ')} does not verify`,
        );
      }
    });
}

function code(value: string): string {
  try {
    return assertAgencyCode(value);
  } catch (e) {
    throw invalid((e as Error).message);
  }
}

function parseTime(value: string, flag: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(`${flag}: '${value}' is not a date (use ISO 8601)`);
  return ms;
}

function readCertificate(file: string): string | Uint8Array {
  const raw = readFileSync(file);
  return raw.includes('-----BEGIN') ? raw.toString('utf8') : new Uint8Array(raw);
}

async function readAgency(
  s: Session,
  agency: string,
): Promise<{ record: AgencyRecord; keys: IPublicKey[]; revision: number }> {
  const kv = await s.kvm.open(BUCKETS.directory);
  const entry = await kv.get(directoryKeys.agency(code(agency)));
  if (!entry || entry.operation !== 'PUT') {
    throw notFound(`agency ${agency} is not in the directory`, 'see `lienthong agency ls`');
  }
  const record = AgencyRecord.decode(entry.value);
  return { record, keys: record.keys ?? [], revision: entry.revision };
}

/** An agency's keys; for a closed code, those its closure keeps (and the closure). */
async function readKeysOf(
  s: Session,
  agency: string,
): Promise<{ keys: IPublicKey[]; closed?: ClosedAgencyRecord }> {
  const kv = await s.kvm.open(BUCKETS.directory);
  const entry = await kv.get(directoryKeys.closed(code(agency)));
  if (entry && entry.operation === 'PUT') {
    const closed = ClosedAgencyRecord.decode(entry.value);
    return { keys: closed.keys ?? [], closed };
  }
  return { keys: (await readAgency(s, agency)).keys };
}

/** Read-modify-write of an agency's keys with compare-and-set on the KV revision. */
async function updateKeys(
  cmd: Command,
  agency: string,
  change: (keys: IPublicKey[]) => IPublicKey[],
): Promise<void> {
  await withSession(resolveSettings(globalsOf(cmd)), async (s) => {
    for (let attempt = 0; ; attempt++) {
      const { record, keys, revision } = await readAgency(s, agency);
      const next = AgencyRecord.create({ ...record, keys: change(keys) });
      const kv = await s.kvm.open(BUCKETS.directory);
      try {
        await kv.update(directoryKeys.agency(agency), AgencyRecord.encode(next).finish(), revision);
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  });
}

function algorithmName(a: SignatureAlgorithm | null | undefined): string {
  return (SignatureAlgorithm[a ?? 0] ?? String(a)).replace('SIGNATURE_ALGORITHM_', '');
}

function keyJson(k: IPublicKey): Record<string, unknown> {
  const iso = (ms: unknown): string | null =>
    typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null;
  return {
    keyId: k.keyId,
    algorithm: algorithmName(k.algorithm),
    certificate: (k.certificate?.length ?? 0) > 0,
    notBefore: iso(k.notBeforeMs),
    notAfter: iso(k.notAfterMs),
    revoked: iso(k.revokedAtMs),
  };
}

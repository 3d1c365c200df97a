/**
 * `up`'s edXML signature options: trust anchors and CRLs read from files, the policy. Each node of
 * the embedded default then judges the edXML packages its agencies submit (docs/EDXML.md
 * "Signatures").
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { EdxmlSignatureConfig } from '@lienthong/node';
import { invalid } from './errors';

export interface EdxmlTrustOptions {
  edxmlCa?: string[];
  edxmlCrl?: string[];
  edxmlPolicy?: 'accept' | 'refuse';
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addEdxmlTrustOptions(cmd: Command): Command {
  return cmd
    .option(
      '--edxml-ca <pem>',
      'a trust anchor for edXML signatures (PEM or DER certificate file); repeatable. None by default',
      collect,
    )
    .option(
      '--edxml-crl <file>',
      'a CRL (PEM or DER) edXML signatures are checked against; repeatable',
      collect,
    )
    .addOption(
      new Option(
        '--edxml-policy <policy>',
        'accept: carry every verdict, flag anything but valid; refuse: refuse anything but valid',
      ).choices(['accept', 'refuse']),
    );
}

function readTrustFile(file: string, what: string): string | Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw invalid(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  return bytes.includes('-----BEGIN') ? bytes.toString('utf8') : new Uint8Array(bytes);
}

/** The node configuration the options give, or undefined when none was given. */
export function edxmlTrustOf(o: EdxmlTrustOptions): Partial<EdxmlSignatureConfig> | undefined {
  if (!o.edxmlCa && !o.edxmlCrl && !o.edxmlPolicy) return undefined;
  return {
    ...(o.edxmlPolicy ? { policy: o.edxmlPolicy } : {}),
    trustAnchors: (o.edxmlCa ?? []).map((f) => readTrustFile(f, 'trust anchor')),
    crls: (o.edxmlCrl ?? []).map((f) => readTrustFile(f, 'CRL')),
  };
}

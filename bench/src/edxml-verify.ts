/**
 * edXML signature verification cost: a 4 KB and a 50 MB package, signed here by a throw-away test
 * CA (RSA-2048, RSA-SHA256, exclusive C14N), verified with `verifyEdxmlSignature`. Prints a table
 * and one JSON line. The parse the gateway does anyway is timed apart from the verification itself;
 * "at intake" is what the home node adds per document: the package read in chunks (as from its
 * content store), parsed and verified (verifyEdxmlSource). Each size is warmed up first (a node
 * verifies package after package).
 *
 *   node_modules/.bin/tsc -p bench && node bench/dist/edxml-verify.js [--big-mb 50] [--runs 5]
 */
import 'reflect-metadata';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { loadavg } from 'node:os';
import * as x509 from '@peculiar/x509';
import { Document } from '@lienthong/proto';
import {
  parseEdxml,
  renderEdocBytes,
  signEdxml,
  verifyEdxmlSignature,
  verifyEdxmlSource,
} from '@lienthong/edxml';

x509.cryptoProvider.set(webcrypto as never);
const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

async function pki(): Promise<{ caPem: string; keyPem: string; certPem: string }> {
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Bench CA, C=VN',
    keys: caKeys,
    signingAlgorithm: ALG,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=Bench Signer, C=VN',
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    caPem: ca.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    certPem: cert.toString('pem'),
  };
}

function doc(attachment: Uint8Array): Document {
  return Document.create({
    documentId: '000.00.00.H41,2026/12/02,1/BENCH',
    from: { code: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' },
    to: [{ code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }],
    codeNumber: '1',
    codeNotation: 'BENCH',
    promulgationDate: '2026-12-02',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'Đo thời gian kiểm tra chữ ký số',
    attachments: [
      {
        name: 'a.bin',
        mediaType: 'application/octet-stream',
        size: attachment.length,
        sha256: createHash('sha256').update(attachment).digest(),
        inline: attachment,
      },
    ],
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, rawBytes: number, runs: number, keys: Awaited<ReturnType<typeof pki>>) {
  const pkg = await renderEdocBytes(doc(randomBytes(rawBytes)));
  const signed = signEdxml(pkg, { privateKey: keys.keyPem, certificates: [keys.certPem] });
  const parse: number[] = [];
  const verify: number[] = [];
  const verifyCpu: number[] = [];
  const parseCpu: number[] = [];
  const intake: number[] = [];
  let verdict = '';
  // A node verifies package after package: the first few runs compile the code paths.
  const warmup = Math.min(runs, 20);
  for (let i = 0; i < warmup; i++) {
    await verifyEdxmlSignature(signed, { trustAnchors: [keys.caPem] });
  }
  // As the home node's intake does: the package read from the store in 256 KiB chunks, parsed, verified
  // (two reads for a package over 1 MiB: the skeleton, then its attachments' digest).
  const source = {
    size: signed.length,
    open: async function* () {
      for (let at = 0; at < signed.length; at += 256 * 1024) yield signed.subarray(at, at + 256 * 1024);
    },
  };
  for (let i = 0; i < warmup; i++) await verifyEdxmlSource(source, { trustAnchors: [keys.caPem] });
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const v = await verifyEdxmlSource(source, { trustAnchors: [keys.caPem] });
    const u = process.cpuUsage(c);
    intake.push((u.user + u.system) / 1000);
    if (v.verdict !== 'valid') throw new Error(`${label}: intake verdict ${v.verdict}`);
  }
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const pc = process.cpuUsage();
    const parsed = await parseEdxml(signed, { keepAttachmentBytes: 0 });
    parse.push(performance.now() - t);
    const pu = process.cpuUsage(pc);
    parseCpu.push((pu.user + pu.system) / 1000);
    t = performance.now();
    const cpu = process.cpuUsage();
    const v = await verifyEdxmlSignature(signed, { trustAnchors: [keys.caPem], parsed });
    verify.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    verifyCpu.push((used.user + used.system) / 1000);
    verdict = v.verdict;
  }
  if (verdict !== 'valid') throw new Error(`${label}: verdict ${verdict}`);
  return {
    package: label,
    bytes: signed.length,
    runs,
    verifyMsMedian: Math.round(median(verify) * 10) / 10,
    parseMsMedian: Math.round(median(parse) * 10) / 10,
    verifyMsMin: Math.round(Math.min(...verify) * 10) / 10,
    verifyCpuMsMedian: Math.round(median(verifyCpu) * 10) / 10,
    parseCpuMsMedian: Math.round(median(parseCpu) * 10) / 10,
    intakeCpuMsMedian: Math.round(median(intake) * 10) / 10,
  };
}

async function main(): Promise<void> {
  const runs = arg('--runs', 5);
  const bigMb = arg('--big-mb', 50);
  const keys = await pki();
  const small = await measure('4 KB', 100, runs * 10, keys);
  // base64 makes the package 4/3 of the attachment: aim at bigMb MB of package.
  const big = await measure(`${bigMb} MB`, Math.floor((bigMb * 1_000_000 * 3) / 4), runs, keys);
  const rows = [small, big];
  console.log(
    'package    bytes        verify ms (median / min)   verify CPU ms (median)   parse ms / CPU ms (median)   at intake CPU ms (median)',
  );
  for (const r of rows) {
    console.log(
      `${r.package.padEnd(10)} ${String(r.bytes).padEnd(12)} ${`${r.verifyMsMedian} / ${r.verifyMsMin}`.padEnd(26)} ${String(r.verifyCpuMsMedian).padEnd(24)} ${`${r.parseMsMedian} / ${r.parseCpuMsMedian}`.padEnd(28)} ${r.intakeCpuMsMedian}`,
    );
  }
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    JSON.stringify({ bench: 'edxml-verify', node: process.version, loadavg1: Number(load), results: rows }),
  );
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

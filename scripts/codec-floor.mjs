/**
 * What a document's guarantees cost in coding and hashing alone: the protobuf encodes and decodes,
 * the audit digests and the tracking record writes that one commune → centre document with its 01
 * and DELIVERED back takes (scenario 1 of the bench, with the domain-local shortcut), run in a hot
 * loop with nothing around them: no NATS, no handlers, no promises. Counted generously low:
 *
 * - the sender's SDK encodes the 4 KB envelope; the intake decodes and validates it, and so does
 *   the recipient's SDK (the relays and the delivering node reuse the bytes: not counted);
 * - the audit hashes the submitted and the delivered message (4 KB each), and each of the three
 *   status and transport messages (small);
 * - three tracking record writes (opened, DELIVERED, 01), one encode each;
 * - the 01 and the DELIVERED event: encoded once, decoded at each node that reads them.
 *
 * Prints CPU microseconds per document, five rounds of 20,000 after 5,000 of warm-up. The bench's
 * bare pipeline (scenario 1's baseline) is the JetStream work; this is the least lienthong's own
 * work can cost on top of it (docs/BENCHMARKS.md, "What the ratio target needs").
 *
 *   node scripts/codec-floor.mjs [DOCUMENTS_PER_ROUND]
 */
import { benchEnvelope, countsFromArgs, workspaceRequire } from './lib/measure.mjs';

const require = workspaceRequire('node');
const core = require('@lienthong/core');
const { BusinessStatus, EnvelopeKind, SCHEMA_VERSION } = require('@lienthong/proto');

const [perRound] = countsFromArgs([20_000]);
const sender = '000.00.41.H41';
const recipient = '000.00.00.G02';

const documents = Array.from({ length: 256 }, (_, seq) =>
  benchEnvelope(require, { sender, recipient, tag: 'FLOOR', seq }),
);
const at = Date.now();
const status = {
  schemaVersion: SCHEMA_VERSION,
  envelopeId: core.envelopeIdFor(['status', documents[0].documentId]),
  kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
  documentId: documents[0].documentId,
  originAgency: recipient,
  originNode: 'vpcp',
  recipients: [sender],
  createdAtMs: at,
  priority: 0,
  status: {
    code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
    documentId: documents[0].documentId,
    fromAgency: recipient,
    toAgency: sender,
    atMs: at,
  },
};
const record = {
  documentId: documents[0].documentId,
  sender,
  recipient,
  envelopeId: status.envelopeId,
  sentAtMs: at,
  updatedAtMs: at,
  timeline: [
    { atMs: at, transport: 1 },
    { atMs: at + 1, transport: 3 },
    { atMs: at + 2, business: 1 },
  ],
};

function oneDocument(i) {
  const sent = core.encodeEnvelope(documents[i & 255]); // the sender's SDK
  const taken = core.decodeEnvelope(sent); // the intake
  core.sha256Hex(sent); // its audit entry
  core.encodeTrackingRecord(record); // the record opened
  core.sha256Hex(sent); // the delivering node's audit entry
  const read = core.decodeEnvelope(sent); // the recipient's SDK
  const report = core.encodeEnvelope(status); // the 01
  core.decodeEnvelope(report); // the centre's intake
  core.sha256Hex(report);
  const delivered = core.encodeEnvelope(status); // DELIVERED
  core.decodeEnvelope(delivered); // at the commune
  core.sha256Hex(delivered);
  core.encodeTrackingRecord(record);
  core.decodeEnvelope(report); // the 01 at the commune
  core.sha256Hex(report);
  core.encodeTrackingRecord(record);
  return taken.documentId.length + read.documentId.length;
}

let sink = 0;
for (let i = 0; i < 5_000; i++) sink += oneDocument(i);
const rounds = [];
for (let r = 0; r < 5; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < perRound; i++) sink += oneDocument(i);
  const c = process.cpuUsage(c0);
  rounds.push((c.user + c.system) / perRound);
}
const sorted = [...rounds].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    perRound,
    cpuUsPerDocument: rounds.map((v) => Math.round(v * 10) / 10),
    median: Math.round(sorted[2] * 10) / 10,
    sink: sink > 0,
  }),
);

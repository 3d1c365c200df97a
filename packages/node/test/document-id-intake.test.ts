/**
 * The home node's intake applies the document id rule the SDK applies at send(): the edXML shape
 * `OrganId,YYYY/MM/DD,number/notation`, with the submitting agency's own code. A client that does
 * not use the SDK gets the same refusal: a dead letter and a notice on its track subject.
 */
import { encodeEnvelope } from '@lienthong/core';
import {
  BusinessOperation,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';
import type { DeadLetter, IDocument, IEnvelope, TrackingRecord } from '@lienthong/proto';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, documentOf, waitFor } from './harness';
import type { Inspector } from './harness';

const R = FailureReason;
const SENDER = A.baothanh;
const SENDER_HOME = 'h41-yenthanh-xa1';

describe('document ids at intake', () => {
  const h = new Harness();
  let server: NatsServer;
  let inspect: Inspector;
  let seq = 0;

  beforeAll(async () => {
    const topology = demoTopology();
    server = await h.server();
    await h.node(server, topology);
    inspect = await h.inspector(server, topology);
  }, 30_000);
  afterAll(() => h.cleanup());

  function envelope(id: string, amend: Partial<IDocument> = {}): IEnvelope {
    seq += 1;
    return {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-id-${seq}-${Date.now()}`,
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: SENDER,
      originNode: SENDER_HOME,
      recipients: [A.government],
      createdAtMs: Date.now(),
      document: { ...documentOf(id, SENDER, [A.government]), ...amend },
    };
  }

  async function refused(
    id: string,
    amend: Partial<IDocument> = {},
  ): Promise<{ dead: DeadLetter; notice: TrackingRecord }> {
    await inspect.submitRaw(SENDER, encodeEnvelope(envelope(id, amend)), `raw-id-msg-${seq}-${Date.now()}`);
    const dead = await waitFor(`a dead letter for ${id}`, async () => {
      const found = (await inspect.deadLetters(SENDER_HOME)).filter((d) => d.documentId === id);
      return found.length > 0 ? found[0]! : false;
    });
    const notice = await waitFor(`a notice for ${id}`, async () => {
      const found = (await inspect.trackMessages(SENDER)).filter(
        (r) => r.recipient === '' && r.documentId === id,
      );
      return found.length > 0 ? found[0]! : false;
    });
    return { dead, notice };
  }

  it('refuses an id that is not of the edXML shape', async () => {
    const { dead, notice } = await refused('hello');
    expect(dead.reason).toBe(R.FAILURE_REASON_MALFORMED);
    expect(dead.detail).toMatch(
      /document id 'hello' is not of the form OrganId,YYYY\/MM\/DD,number\/notation/,
    );
    expect(notice.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(notice.failureDetail).toBe(dead.detail);
  });

  it('refuses an id naming another agency as its sender, as a sender mismatch', async () => {
    const id = `${A.government},2026/11/22,99/VPCP`;
    const { dead } = await refused(id);
    expect(dead.reason).toBe(R.FAILURE_REASON_SENDER_MISMATCH);
    expect(dead.detail).toContain(`names ${A.government} as its sender, not ${SENDER}`);
  });

  it('takes a well-formed id of the sender', async () => {
    const id = `${SENDER},2026/11/22,${Date.now()}/UBND-VP`;
    await inspect.submitRaw(SENDER, encodeEnvelope(envelope(id)), `raw-id-ok-${Date.now()}`);
    const record = await waitFor(
      'the record of the accepted document',
      async () => (await inspect.record(SENDER, id, A.government)) ?? false,
    );
    expect(record.documentId).toBe(id);
  });

  describe('a replace replaces documents of its own sender only', () => {
    const theirs = `${A.government},2026/11/20,7/VPCP`;
    const mine = `${SENDER},2026/11/20,7/UBND`;
    const fresh = (): string => `${SENDER},2026/11/22,${Date.now()}${seq}/UBND`;

    it('takes a revoke whose responseFor names another agency’s document (what it answers)', async () => {
      const id = fresh();
      const env = envelope(id, {
        responseFor: [{ organCode: A.government, documentId: theirs }],
        business: { operation: BusinessOperation.BUSINESS_OPERATION_REVOKE, reason: 'x' },
      });
      await inspect.submitRaw(SENDER, encodeEnvelope(env), `raw-id-revoke-${Date.now()}`);
      const record = await waitFor(
        'the record of the revoke',
        async () => (await inspect.record(SENDER, id, A.government)) ?? false,
      );
      expect(record.documentId).toBe(id);
    });

    it('refuses a replace of another agency’s document, even beside one of its own', async () => {
      const { dead } = await refused(fresh(), {
        responseFor: [{ organCode: SENDER, documentId: mine }],
        business: {
          operation: BusinessOperation.BUSINESS_OPERATION_REPLACE,
          reason: 'x',
          replaces: [mine, theirs],
        },
      });
      expect(dead.reason).toBe(R.FAILURE_REASON_SENDER_MISMATCH);
      expect(dead.detail).toBe(
        `a replace package replaces documents of its own sender only; '${theirs}' is not ${SENDER}'s`,
      );
    });

    it('takes an update of its own document that also answers another agency’s', async () => {
      const id = fresh();
      const env = envelope(id, {
        responseFor: [
          { organCode: A.government, documentId: theirs },
          { organCode: SENDER, documentId: mine },
        ],
        business: { operation: BusinessOperation.BUSINESS_OPERATION_UPDATE, reason: 'x' },
      });
      await inspect.submitRaw(SENDER, encodeEnvelope(env), `raw-id-amend-${Date.now()}`);
      const record = await waitFor(
        'the record of the update',
        async () => (await inspect.record(SENDER, id, A.government)) ?? false,
      );
      expect(record.documentId).toBe(id);
    });
  });
});

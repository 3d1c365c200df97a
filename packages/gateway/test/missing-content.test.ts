/**
 * A received document whose stored content is gone from the content stream (purged by an operator,
 * lost with a store) cannot be fetched whole. The gateway says so before it answers: a 500 DataLoss naming
 * the attachment, not a 200 whose body breaks off part way — which a client might keep as a package.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { LienthongClient } from '@lienthong/sdk';
import { GatewayError, VXP_ERRORS } from '@lienthong/gateway';
import { vxpErrorOf } from '../src/vxp/routes';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

jest.setTimeout(60_000);

const SDK_AGENCY = '000.00.00.G22';
const HTTP_AGENCY = '000.00.00.H41';
const RUN = Date.now().toString(36);

describe('a package whose stored content is missing', () => {
  let gw: GatewayNode;
  let sdk: LienthongClient;
  let http: Caller;

  beforeAll(async () => {
    gw = await startGatewayNode({});
    sdk = await gw.sdk(SDK_AGENCY);
    http = new Caller(gw.url, HTTP_AGENCY);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('is answered 500 DataLoss, naming the attachment, before any byte of a package', async () => {
    const documentId = `${SDK_AGENCY},2026/12/06,${RUN}1/VPCP`;
    const scan = Buffer.alloc(2 * 1024 * 1024 + 5, 7);
    await sdk.send(
      {
        documentId,
        subject: 'Văn bản có tệp đã mất',
        codeNumber: `${RUN}1`,
        codeNotation: 'VPCP',
        promulgationDate: '2026-12-06',
        to: [{ code: HTTP_AGENCY }],
      },
      { attachments: [{ name: 'ban-scan.pdf', mediaType: 'application/pdf', data: scan }] },
    );
    const item = await http.waitForItem(documentId);
    // The whole package, while the content is there.
    expect((await http.bytes(item.id)).length).toBeGreaterThan(scan.length);
    const nc = await natsConnect({ servers: gw.server.url });
    try {
      await (await jetstreamManager(nc)).streams.purge('LT_CONTENT');
    } finally {
      await nc.close();
    }
    const r = await http.get(`/edocs/${item.id}`);
    const body = await r.text();
    expect(r.status).toBe(500);
    expect(JSON.parse(body)).toMatchObject({ code: 'DataLoss' });
    expect(body).toContain('ban-scan.pdf');
    // The item is still listed: nothing was taken.
    expect((await http.received()).some((i) => i.id === item.id)).toBe(true);
  });
});

describe('over VXP', () => {
  it('getEdoc of such a package fails with the same words (ErrorCode 99), not a bare internal error', () => {
    const e = vxpErrorOf(
      new GatewayError(500, 'DataLoss', 'attachment ban-scan.pdf (55be6a…) cannot be read: not stored'),
    );
    expect(e.code).toBe(VXP_ERRORS.INTERNAL);
    expect(e.message).toContain('attachment ban-scan.pdf');
    expect(vxpErrorOf(new GatewayError(500, 'Internal', 'a stack frame')).message).toBe('internal error');
  });
});

/**
 * A recipient's code closed while its document is at intake (a reorganisation applied under load):
 * intake resolved the recipients while the code was live, and the directory closed it before the
 * tracking records opened. The code is not "unknown" then: its record opens and the document goes
 * to the successor (redirect), delivered once, instead of FAILED UNKNOWN_RECIPIENT and a dead letter.
 */
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { TrackingApply } from '@lienthong/node/internal';
import type { AcceptedDocument, InboundMessage } from '@lienthong/node/internal';
import type { RunningNode } from '@lienthong/node';
import { ClosedAgencyRecord, ClosurePolicy, TransportState } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const SENDER = A.government;
const CLOSING = A.congthanh;
const SUCCESSOR = A.baothanh;

/** Runs `beforeOpen` (once) between intake's resolution of the recipients and the records opening. */
@injectable()
class ClosingTrackingApply extends TrackingApply {
  static beforeOpen: (() => Promise<void>) | undefined;

  override async open(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedDocument,
    recipients: readonly string[],
    now: number,
    trackPublishes: Promise<unknown>[],
  ): Promise<string[]> {
    const hook = ClosingTrackingApply.beforeOpen;
    ClosingTrackingApply.beforeOpen = undefined;
    if (hook) await hook();
    return super.open(node, msg, env, recipients, now, trackPublishes);
  }
}

describe('a code closed while its document is at intake', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('is redirected to the successor, delivered once, with no dead letter', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const node: RunningNode = await h.node(
      server,
      topology,
      {},
      { configure: (c) => c.register(TrackingApply, { useClass: ClosingTrackingApply }) },
    );
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const successor = h.reader(await h.client(server, SUCCESSOR));
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);

    // What `topology apply` does to close a code: the closure first, then the agency removed.
    ClosingTrackingApply.beforeOpen = async () => {
      await kv.put(
        directoryKeys.closed(CLOSING),
        ClosedAgencyRecord.encode({
          code: CLOSING,
          name: 'UBND xã Công Thành',
          closedAt: '2025-07-01T00:00:00Z',
          successor: SUCCESSOR,
          policy: ClosurePolicy.CLOSURE_POLICY_REDIRECT,
        }).finish(),
      );
      await kv.delete(directoryKeys.agency(CLOSING));
      await waitFor('the closure taken by the node', async () => {
        const t = node.runtime.topology;
        return t.agency(CLOSING) === undefined && t.closedCode(CLOSING) !== undefined;
      });
    };

    const id = docId(SENDER, 'CLOSING');
    await sender.send(documentOf(id, SENDER, [CLOSING]));
    await successor.waitForDocuments(1);
    expect(successor.counts().get(id)).toBe(1);
    expect(ClosingTrackingApply.beforeOpen).toBeUndefined();

    const old = await waitFor('the old code’s record shows the redirect', async () => {
      const r = await inspect.record(SENDER, id, CLOSING);
      return r?.redirectedTo === SUCCESSOR ? r : false;
    });
    expect(old.transport).not.toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(await inspect.deadLetters('vn')).toEqual([]);
  });
});

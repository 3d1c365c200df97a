/**
 * What send() refuses before anything is submitted, with a clear, typed error: a document id that
 * is not `OrganId,YYYY/MM/DD,number/notation` with the sender's own code (a newline included), and
 * recipients the directory does not know (all of them named), and what plain JavaScript can pass that
 * the encoder would silently turn into something else (a recipient as a string, a priority by name).
 */
import { UnknownRecipientsError } from '@lienthong/sdk';
import { A, World, docId, documentTo, errorOf, sleep } from './world';

describe('send checks', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  it.each([
    ['hello', /^send: document id 'hello' is not of the form OrganId,YYYY\/MM\/DD,number\/notation/],
    [`${A.government},2026/11/22,15/VPCP`, /names 000\.00\.00\.G22 as its sender, not 000\.01\.43\.H41/],
    [`${A.baothanh},2026/11/22,15/UBND-VP\n`, /contains a space, newline or control character/],
    [`${A.baothanh},2026/02/30,15/UBND-VP`, /2026\/02\/30 is not a day/],
  ])('refuses the document id %j with InvalidArgument, and submits nothing', async (id, message) => {
    const sender = await w.client(A.baothanh);
    const e = await errorOf(sender.send(documentTo(id, [A.nghean])));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toMatch(message);
    await sleep(300);
    expect(await sender.sent()).toEqual([]);
  });

  it('refuses recipients the directory does not know, naming all of them, and submits nothing', async () => {
    const sender = await w.client(A.baothanh);
    const id = docId(A.baothanh, 'UNKNOWN');
    const e = await errorOf(sender.send(documentTo(id, [A.nghean, '000.00.99.H41', '000.00.98.H41'])));
    expect(e).toBeInstanceOf(UnknownRecipientsError);
    expect(e.code).toBe('NotFound');
    expect((e as UnknownRecipientsError).recipients).toEqual(['000.00.99.H41', '000.00.98.H41']);
    expect(e.message).toBe('send: recipients 000.00.99.H41, 000.00.98.H41 are not in the directory');
    await sleep(300);
    expect(await sender.snapshot(id)).toEqual([]);
    // known recipients go through, as before
    const ok = await sender.send(documentTo(docId(A.baothanh, 'KNOWN'), [A.nghean]));
    expect(ok.recipients).toEqual([A.nghean]);
  });

  it('refuses a call without a document, saying what one is', async () => {
    const sender = await w.client(A.baothanh);
    const e = await errorOf((sender.send as (d?: unknown) => Promise<unknown>)());
    expect([e.code, e.message]).toEqual([
      'InvalidArgument',
      'send: a document is required: { documentId, subject, to: [{ code }] }',
    ]);
  });

  it.each([
    [
      'a recipient given as a string',
      { to: [A.nghean] },
      `send: to[0] is the string '${A.nghean}'; a recipient is an object: { code: '${A.nghean}' }`,
    ],
    [
      'to given as one object',
      { to: { code: A.nghean } },
      `send: to must be a list of recipients, [{ code: '000.00.00.G22' }, …]; got {"code":"${A.nghean}"}`,
    ],
    [
      'a priority by name',
      { priority: 'urgent' },
      "send: document.priority 'urgent' is not a Priority: pass Priority.PRIORITY_URGENT and the like (import { Priority } from '@lienthong/sdk'), or a number 0–4",
    ],
    ['a priority out of range', { priority: 9 }, 'send: document.priority 9 is not a Priority'],
    [
      'an appointed time as a Date',
      { appointedAtMs: new Date('2026-12-07T01:00:00Z') },
      'send: appointedAtMs is a Date (2026-12-07T01:00:00.000Z): pass Unix milliseconds, such as date.getTime()',
    ],
    [
      'an appointed time as text',
      { appointedAtMs: '2026-12-07T08:00' },
      "send: appointedAtMs '2026-12-07T08:00': pass Unix milliseconds",
    ],
    [
      'a document type by name',
      { documentType: { type: 'Công văn' } },
      "send: documentType.type 'Công văn' is not a whole number: pass a number (its name goes in documentType.typeName)",
    ],
    [
      'a business operation by name',
      { business: { operation: 'BUSINESS_OPERATION_REVOKE', reason: 'Ban hành nhầm' } },
      "send: business.operation 'BUSINESS_OPERATION_REVOKE' is not a BusinessOperation: pass BusinessOperation.BUSINESS_OPERATION_REVOKE",
    ],
  ])(
    'refuses %s (plain JavaScript), saying what to pass, and submits nothing',
    async (_what, change, message) => {
      const sender = await w.client(A.baothanh);
      const id = docId(A.baothanh, 'SHAPE');
      // What the encoder would otherwise make of it: an empty recipient code, or an urgent document
      // sent as an ordinary one.
      const e = await errorOf(sender.send({ ...documentTo(id, [A.nghean]), ...(change as object) }));
      expect(e.code).toBe('InvalidArgument');
      expect(e.message).toContain(message);
      expect(await sender.snapshot(id)).toEqual([]);
    },
  );
});

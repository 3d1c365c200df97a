/**
 * The business plane through the SDK: report() 02–06 with the rules enforced before sending, the
 * recall handshake (13 → 15, 13 → 16), update and replace packages and their answers, and sent().
 */
import {
  BusinessOperation,
  BusinessStatus,
  LienthongError,
  StatusRuleError,
  TransportState,
} from '@lienthong/sdk';
import type { InboxItem, Priority, TrackingRecord } from '@lienthong/sdk';
import { A, World, docId, documentTo, within } from './world';

const S = BusinessStatus;
const STAFF = {
  department: 'Văn phòng',
  name: 'Nguyễn Văn Thư',
  phone: '0238 3840 000',
  email: 'vt@example.gov.vn',
};

/** Waits for an agency's next inbox item that satisfies `pred`, acknowledging items on the way. */
async function nextItem(
  it: AsyncIterator<InboxItem>,
  pred: (i: InboxItem) => boolean = () => true,
): Promise<InboxItem> {
  for (;;) {
    const r = await within(10_000, 'an inbox item', it.next());
    if (r.done) throw new Error('inbox ended');
    if (pred(r.value)) return r.value;
    await r.value.ack();
  }
}

describe('statuses', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  it('the full path 01 → 03 → 04 → 05 → 06 reaches the sender, with staff and descriptions', async () => {
    const sender = await w.client(A.baothanh);
    const recipient = await w.client(A.government);
    const id = docId(A.baothanh, 'PATH');
    const tracker = await w.track(sender, id);
    await sender.send(documentTo(id, [A.government]));
    const it = recipient.inbox()[Symbol.asyncIterator]();
    const item = await nextItem(it);
    await item.ack();
    for (const code of [
      S.BUSINESS_STATUS_ACCEPTED,
      S.BUSINESS_STATUS_ASSIGNED,
      S.BUSINESS_STATUS_IN_PROGRESS,
    ]) {
      await recipient.report(id, code, { staff: STAFF, description: `bước ${code}` });
    }
    await item.report(S.BUSINESS_STATUS_COMPLETED, { staff: STAFF, description: 'Đã xử lý xong' });

    // Statuses travel independently and may overtake each other: wait for all five.
    const [record] = await tracker.until(
      (rs) =>
        rs[0]?.business === S.BUSINESS_STATUS_COMPLETED &&
        rs[0].timeline.filter((e) => e.business).length === 5,
      { timeoutMs: 10_000 },
    );
    expect(record!.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    const codes = record!.timeline.filter((e) => e.business).map((e) => e.business);
    expect([...codes].sort()).toEqual([1, 3, 4, 5, 6]);
    const done = record!.timeline.find((e) => e.business === S.BUSINESS_STATUS_COMPLETED)!;
    expect(done.description).toBe('Đã xử lý xong');
    expect(done.staff?.name).toBe(STAFF.name);
    expect(record!.ruleViolations).toBe(0);
  });

  it('02 needs a reason (InvalidArgument); illegal or late moves are refused before sending (FailedPrecondition)', async () => {
    const sender = await w.client(A.nghean);
    const recipient = await w.client(A.sontay);
    const rejected = docId(A.nghean, 'REJECT');
    const progressed = docId(A.nghean, 'LADDER');
    const tracker = await w.track(sender, rejected);
    await sender.send(documentTo(rejected, [A.sontay]));
    await sender.send(documentTo(progressed, [A.sontay]));
    const it = recipient.inbox()[Symbol.asyncIterator]();
    await (await nextItem(it)).ack();
    await (await nextItem(it)).ack();

    const codeOf = (p: Promise<unknown>): Promise<unknown> =>
      p.then(
        () => 'sent',
        (e: unknown) => (e instanceof LienthongError ? e.code : e),
      );
    expect(await codeOf(recipient.report(rejected, S.BUSINESS_STATUS_REJECTED))).toBe('InvalidArgument');
    expect(await codeOf(recipient.report(rejected, S.BUSINESS_STATUS_REJECTED, { description: '  ' }))).toBe(
      'InvalidArgument',
    );
    await recipient.report(rejected, S.BUSINESS_STATUS_REJECTED, { description: 'Không thuộc thẩm quyền' });
    const after02 = await recipient.report(rejected, S.BUSINESS_STATUS_ACCEPTED).catch((e: unknown) => e);
    expect(after02).toBeInstanceOf(StatusRuleError);
    expect(after02).toMatchObject({ code: 'FailedPrecondition' });

    await recipient.report(progressed, S.BUSINESS_STATUS_IN_PROGRESS);
    expect(await codeOf(recipient.report(progressed, S.BUSINESS_STATUS_ASSIGNED))).toBe('FailedPrecondition');
    expect(await codeOf(recipient.report(progressed, S.BUSINESS_STATUS_IN_PROGRESS))).toBe(
      'FailedPrecondition',
    );
    expect(
      await codeOf(recipient.report(progressed, S.BUSINESS_STATUS_REJECTED, { description: 'muộn' })),
    ).toBe('FailedPrecondition');
    // Bad codes and ids.
    expect(await codeOf(recipient.report(progressed, S.BUSINESS_STATUS_ARRIVED))).toBe('InvalidArgument');
    expect(await codeOf(recipient.report(progressed, S.BUSINESS_STATUS_RECALL_REQUESTED))).toBe(
      'InvalidArgument',
    );
    expect(await codeOf(recipient.report(progressed, 7 as BusinessStatus))).toBe('InvalidArgument');
    await expect(
      recipient.report(progressed, S.BUSINESS_STATUS_COMPLETED, { priority: 'flash' as unknown as Priority }),
    ).rejects.toThrow("report: priority 'flash' is not a Priority");
    // The two-digit code as a string (plain JavaScript): the status it names is said.
    await expect(recipient.report(progressed, '06' as unknown as BusinessStatus)).rejects.toThrow(
      "report: '06' is a string: pass BusinessStatus.BUSINESS_STATUS_COMPLETED (6)",
    );
    expect(await codeOf(recipient.report('', S.BUSINESS_STATUS_ACCEPTED))).toBe('InvalidArgument');
    expect(await codeOf(recipient.report('no sender in this id', S.BUSINESS_STATUS_ACCEPTED))).toBe(
      'InvalidArgument',
    );

    const [record] = await tracker.until((rs) => rs[0]?.business === S.BUSINESS_STATUS_REJECTED, {
      timeoutMs: 10_000,
    });
    expect(record!.timeline.find((e) => e.business === S.BUSINESS_STATUS_REJECTED)?.description).toBe(
      'Không thuộc thẩm quyền',
    );
    expect(record!.ruleViolations).toBe(0); // nothing illegal left the recipient
  });

  it('recall handshake: 13 → 15 from one recipient, 13 → 16 with a reason from another', async () => {
    const sender = await w.client(A.yenthanh);
    const accepting = await w.client(A.quynhluu);
    const refusing = await w.client(A.hatinh);
    const id = docId(A.yenthanh, 'RECALL');
    const tracker = await w.track(sender, id);
    await sender.send(documentTo(id, [A.quynhluu, A.hatinh]));
    const a = accepting.inbox()[Symbol.asyncIterator]();
    const r = refusing.inbox()[Symbol.asyncIterator]();
    await (await nextItem(a)).ack();
    await (await nextItem(r)).ack();
    await tracker.until(
      (rs) => rs.length === 2 && rs.every((x) => x.business === S.BUSINESS_STATUS_ARRIVED),
      {
        timeoutMs: 10_000,
      },
    );

    expect(await sender.recall(id, { reason: '' }).catch((e: unknown) => (e as LienthongError).code)).toBe(
      'InvalidArgument',
    );
    // Without options at all (plain JavaScript): said, not a TypeError; update and replace the same.
    const noOptions = undefined as unknown as { reason: string };
    await expect(sender.recall(id, noOptions)).rejects.toThrow(
      "recall: options with a reason are required: { reason: '…' }",
    );
    await expect(sender.update(id, documentTo(docId(A.yenthanh, 'UPD'), []), noOptions)).rejects.toThrow(
      "update: options with a reason are required: { reason: '…' }",
    );
    await expect(sender.replace(id, documentTo(docId(A.yenthanh, 'REP'), []), noOptions)).rejects.toThrow(
      "replace: options with a reason are required: { reason: '…' }",
    );
    expect(
      await sender
        .recall(docId(A.yenthanh, 'NEVER-SENT'), { reason: 'x', timeoutMs: 500 })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('NotFound');
    await sender.recall(id, { reason: 'Ban hành nhầm, xin thu hồi', staff: STAFF });

    const recallA = await nextItem(a, (i) => i.kind === 'recall');
    const recallR = await nextItem(r, (i) => i.kind === 'recall');
    expect(recallA.status?.description).toBe('Ban hành nhầm, xin thu hồi');
    await recallA.ack();
    await recallR.ack();
    await recallA.report(S.BUSINESS_STATUS_CHANGE_ACCEPTED, { description: 'Đồng ý thu hồi' });
    expect(
      await refusing
        .report(id, S.BUSINESS_STATUS_CHANGE_REFUSED)
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('InvalidArgument');
    await recallR.report(S.BUSINESS_STATUS_CHANGE_REFUSED, { description: 'Văn bản đã được thực hiện' });
    // The first answer stands: a different second answer is refused locally.
    expect(
      await accepting
        .report(id, S.BUSINESS_STATUS_CHANGE_REFUSED, { description: 'đổi ý' })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('FailedPrecondition');

    const records = await tracker.until((rs) => rs.every((x) => x.recall !== S.BUSINESS_STATUS_UNSPECIFIED), {
      timeoutMs: 10_000,
    });
    const by = (code: string): TrackingRecord => records.find((x) => x.recipient === code)!;
    expect(by(A.quynhluu)).toMatchObject({
      recallRequested: true,
      recall: S.BUSINESS_STATUS_CHANGE_ACCEPTED,
    });
    expect(by(A.hatinh)).toMatchObject({ recallRequested: true, recall: S.BUSINESS_STATUS_CHANGE_REFUSED });
    expect(
      by(A.hatinh).timeline.find((e) => e.business === S.BUSINESS_STATUS_CHANGE_REFUSED)?.description,
    ).toBe('Văn bản đã được thực hiện');
  });

  it('update: reaches the original recipients and the added one; their answers show in its own tracking', async () => {
    const sender = await w.client(A.nghean);
    const readers = {
      [A.noivu]: w.reader(await w.client(A.noivu)),
      [A.taichinh]: w.reader(await w.client(A.taichinh)),
      [A.yenthanh]: w.reader(await w.client(A.yenthanh)),
    };
    const original = docId(A.nghean, 'ORIG');
    await sender.send(documentTo(original, [A.noivu, A.taichinh]));
    await readers[A.noivu]!.waitFor(1);

    const update = docId(A.nghean, 'UPD');
    expect(
      await sender
        .update(original, documentTo(original, []), { reason: 'x' })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('InvalidArgument');
    expect(
      await sender
        .update(original, documentTo(update, []), { reason: 'x', removeRecipients: [A.sontay] })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('InvalidArgument');
    expect(
      await sender
        .update(docId(A.nghean, 'UNKNOWN'), documentTo(update, []), { reason: 'x', timeoutMs: 500 })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('NotFound');
    const receipt = await sender.update(original, documentTo(update, [], { subject: 'Cập nhật danh sách' }), {
      reason: 'Bổ sung nơi nhận, bỏ Sở Tài chính',
      addRecipients: [A.yenthanh],
      removeRecipients: [A.taichinh],
    });
    expect([...receipt.recipients].sort()).toEqual([A.noivu, A.taichinh, A.yenthanh].sort());

    for (const r of Object.values(readers)) {
      const item = await r.waitForId(update);
      expect(item.operation).toBe(BusinessOperation.BUSINESS_OPERATION_UPDATE);
      expect(item.concerns).toEqual([original]);
      expect(item.document?.business).toMatchObject({
        reason: 'Bổ sung nơi nhận, bỏ Sở Tài chính',
        addedRecipients: [A.yenthanh],
        removedRecipients: [A.taichinh],
      });
    }
    await readers[A.yenthanh]!.client.report(update, S.BUSINESS_STATUS_ACCEPTED);
    // An update is answered like a recall: 15 accepts the change.
    await readers[A.noivu]!.client.report(update, S.BUSINESS_STATUS_CHANGE_ACCEPTED, {
      description: 'Đồng ý',
    });
    const tracker = await w.track(sender, update);
    const records = await tracker.until(
      (rs) =>
        rs.length === 3 &&
        rs.every((x) => x.business !== S.BUSINESS_STATUS_UNSPECIFIED) &&
        rs.some((x) => x.business === S.BUSINESS_STATUS_ACCEPTED) &&
        rs.some((x) => x.recall === S.BUSINESS_STATUS_CHANGE_ACCEPTED),
      { timeoutMs: 10_000 },
    );
    expect(records.find((x) => x.recipient === A.yenthanh)!.business).toBe(S.BUSINESS_STATUS_ACCEPTED);
    const noivu = records.find((x) => x.recipient === A.noivu)!;
    expect(noivu.recall).toBe(S.BUSINESS_STATUS_CHANGE_ACCEPTED);
    expect(noivu.ruleViolations).toBe(0);
    // The original's tracking is its own, unchanged by the update.
    expect((await sender.snapshot(original)).map((x) => x.recipient).sort()).toEqual(
      [A.noivu, A.taichinh].sort(),
    );
  });

  it('replace: goes to the replaced documents’ recipients, names them, and is tracked on its own', async () => {
    const sender = await w.client(A.quynhluu);
    const reader = w.reader(await w.client(A.congthanh));
    const first = docId(A.quynhluu, 'OLD');
    const second = docId(A.quynhluu, 'OLD');
    await sender.send(documentTo(first, [A.congthanh]));
    await sender.send(documentTo(second, [A.congthanh]));
    const replacement = docId(A.quynhluu, 'NEW');
    expect(
      await sender
        .replace(first, documentTo(replacement, []), { reason: '' })
        .catch((e: unknown) => (e as LienthongError).code),
    ).toBe('InvalidArgument');
    await sender.replace([first, second], documentTo(replacement, []), { reason: 'Thay thế hai văn bản' });
    const items = await reader.waitFor(3);
    const item = items.find((i) => i.documentId === replacement)!;
    expect(item.operation).toBe(BusinessOperation.BUSINESS_OPERATION_REPLACE);
    expect([...item.concerns].sort()).toEqual([first, second].sort());
    expect(item.document?.business?.replaces).toEqual([first, second]);
    await item.report(S.BUSINESS_STATUS_ACCEPTED, { description: 'Đã nhận văn bản thay thế' });
    const tracker = await w.track(sender, replacement);
    const [record] = await tracker.until((rs) => rs[0]?.business === S.BUSINESS_STATUS_ACCEPTED, {
      timeoutMs: 10_000,
    });
    expect(record!.recipient).toBe(A.congthanh);
  });

  it('sent() lists my documents with their recipients, filtered by time, status and overdue', async () => {
    const sender = await w.client(A.huongson);
    const reader = w.reader(await w.client(A.sontay));
    const since = Date.now();
    const a = docId(A.huongson, 'LIST');
    const b = docId(A.huongson, 'LIST');
    await sender.send(documentTo(a, [A.sontay, A.hatinh]));
    await sender.send(documentTo(b, [A.sontay]));
    await reader.waitFor(2);
    await reader.client.report(a, S.BUSINESS_STATUS_ACCEPTED);
    const tracker = await w.track(sender, a);
    await tracker.until((rs) => rs.some((x) => x.business === S.BUSINESS_STATUS_ACCEPTED), {
      timeoutMs: 10_000,
    });

    const all = await sender.sent({ since });
    expect(all.map((d) => d.documentId).sort()).toEqual([a, b].sort());
    const docA = all.find((d) => d.documentId === a)!;
    expect(docA.recipients.map((r) => r.recipient)).toEqual([A.hatinh, A.sontay].sort());
    expect(docA.subject).toBe(`Kiểm thử ${a}`);
    expect(
      (await sender.sent({ since, status: S.BUSINESS_STATUS_ACCEPTED })).map((d) => d.documentId),
    ).toEqual([a]);
    expect(await sender.sent({ since, overdue: true })).toEqual([]);
    expect((await sender.sent({ since: new Date(Date.now() + 60_000) })).length).toBe(0);
  });
});

import { confirmDeadline } from '@lienthong/core';
import { Priority } from '@lienthong/proto';

/** Unix ms of a Vietnam (UTC+7) wall-clock time. */
const vn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);
const N = Priority.PRIORITY_NORMAL;

describe('confirmDeadline', () => {
  // 2026-11-23 is a Monday.
  it('is the next working morning at 08:00 Vietnam time', () => {
    expect(confirmDeadline(vn(2026, 11, 23, 15, 30), N)).toBe(vn(2026, 11, 24, 8)); // Mon afternoon -> Tue
    expect(confirmDeadline(vn(2026, 11, 26, 23, 59), N)).toBe(vn(2026, 11, 27, 8)); // Thu night -> Fri
  });

  it('is strictly after the sending time', () => {
    expect(confirmDeadline(vn(2026, 11, 24, 7, 0), N)).toBe(vn(2026, 11, 24, 8)); // before 08:00 -> same morning
    expect(confirmDeadline(vn(2026, 11, 24, 8, 0), N)).toBe(vn(2026, 11, 25, 8)); // exactly 08:00 -> next day
  });

  it('skips Saturday and Sunday', () => {
    expect(confirmDeadline(vn(2026, 11, 27, 10), N)).toBe(vn(2026, 11, 30, 8)); // Fri -> Mon
    expect(confirmDeadline(vn(2026, 11, 28, 10), N)).toBe(vn(2026, 11, 30, 8)); // Sat -> Mon
    expect(confirmDeadline(vn(2026, 11, 29, 7), N)).toBe(vn(2026, 11, 30, 8)); // Sun morning -> Mon
  });

  it('uses the local date, not the UTC date', () => {
    // 01:00 Saturday in Vietnam is still Friday 18:00 UTC.
    expect(confirmDeadline(vn(2026, 11, 28, 1), N)).toBe(vn(2026, 11, 30, 8));
  });

  it('treats urgent and very urgent as ordinary, and flash as within two hours', () => {
    const sent = vn(2026, 11, 27, 16);
    expect(confirmDeadline(sent, Priority.PRIORITY_URGENT)).toBe(vn(2026, 11, 30, 8));
    expect(confirmDeadline(sent, Priority.PRIORITY_VERY_URGENT)).toBe(vn(2026, 11, 30, 8));
    expect(confirmDeadline(sent, Priority.PRIORITY_FLASH)).toBe(sent + 2 * 3_600_000);
    expect(confirmDeadline(sent, Priority.PRIORITY_FLASH_SCHEDULED)).toBe(sent + 2 * 3_600_000);
    expect(confirmDeadline(sent, Priority.PRIORITY_FLASH, { urgentWithinMs: 600_000 })).toBe(sent + 600_000);
  });

  it('honours the policy', () => {
    const sent = vn(2026, 11, 23, 15);
    expect(confirmDeadline(sent, N, { fixedMs: 5000 })).toBe(sent + 5000);
    expect(confirmDeadline(sent, Priority.PRIORITY_FLASH, { fixedMs: 5000 })).toBe(sent + 5000);
    expect(confirmDeadline(sent, N, { morningHour: 7, utcOffsetMinutes: 0 })).toBe(Date.UTC(2026, 10, 24, 7));
    expect(() => confirmDeadline(sent, N, { morningHour: 24 })).toThrow(
      'morningHour must be an integer from 0 to 23',
    );
    expect(() => confirmDeadline(NaN, N)).toThrow('sentAtMs must be a finite number');
  });
});

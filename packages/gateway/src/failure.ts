/** Why the caller last failed an item it was given (`POST …/fail`, VXP `updateStatus fail`). */
export interface ItemFailure {
  readonly reason: string;
  /** ISO time of the last `fail`. */
  readonly at: string;
  readonly count: number;
}

/** The failure an item carries after one more `fail` with `reason`. */
export function nextFailure(before: ItemFailure | undefined, reason: string): ItemFailure {
  return { reason, at: new Date().toISOString(), count: (before?.count ?? 0) + 1 };
}

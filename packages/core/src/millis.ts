/**
 * Reads an int64 field as a number. @lienthong/proto decodes int64 as numbers, but a field that is
 * absent on the wire falls back to the generated prototype default, which protobufjs may have built
 * as a `Long` before number decoding was configured: accept both.
 */
export function toMillis(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toNumber?: unknown }).toNumber === 'function'
  ) {
    return (value as { toNumber(): number }).toNumber();
  }
  return 0;
}

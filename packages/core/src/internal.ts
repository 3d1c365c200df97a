/**
 * Helpers of @lienthong/core's own modules, for its tests: not a stable interface. What other
 * packages use is in the main entry.
 */
export { deadLetterFor } from './dead-letter';
export type { DeadLetterInfo } from './dead-letter';
export { toMillis } from './millis';
export { canonicalDocument, canonicalStatus, keyWindowProblem, registeredKey, signedBytes } from './signing';

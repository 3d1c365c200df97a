/**
 * Readers of what the broker holds — tracking records, dead letters, the directory, backlogs and
 * flow-control queues — and the pure statistics over them. Shared by the `lienthong` CLI and the
 * web dashboard, so both show the same numbers.
 */
export * from './dead-letters';
export * from './directory';
export * from './documents';
export * from './errors';
export * from './flow';
export * from './inspect';
export * from './node-status';
export * from './scan';
export * from './session';
export * from './stats';

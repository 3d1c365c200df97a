/**
 * NATS infrastructure shared by the SDK, the node, the content store and the CLI: one reading of
 * nats.js errors, stream upsert, KV key listing, seed files, connection set-up and retry.
 */
export { classifyNatsError, isNatsError, refusedBy, toLienthongError, JS_STORE_REFUSED } from './errors';
export type { NatsErrorClass, NatsErrorKind } from './errors';
export { storedAtMs, upsertStream } from './streams';
export type { StreamSpec, StreamUpsert } from './streams';
export { listKvKeys } from './kv-keys';
export { scanStream } from './stream-scan';
export type { StreamScan, StreamScanOptions } from './stream-scan';
export type { ListKvKeysOptions } from './kv-keys';
export { findUserSeed, readSeedFile } from './seed-file';
export { connectNats, securityOptions } from './connect';
export { notNatsWhat } from './greeting-check';
export {
  hostPortOf,
  isHttpAnswer,
  parseNatsServerUrl,
  probeGreeting,
  serverListOf,
  serversShown,
} from './greeting';
export type { Greeting, NatsServerAddress, NatsServerUrlProblem } from './greeting';
export type { ConnectNatsOptions, NatsAuth, NatsHandles, NatsTls } from './connect';
export { DEFAULT_BACKOFF, retry, sleep } from './retry';
export type { Attempt, Backoff, RetryOptions } from './retry';

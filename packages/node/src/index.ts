/**
 * @lienthong/node: the node runtime. Starting a node process (`startNode`, the level services),
 * its configuration, the embedded server and credentials of `lienthong up`, and reading the audit
 * log. The stages of the per-message work are internal (`@lienthong/node/internal`).
 */
import 'reflect-metadata';

export { DEFAULT_FLOW, DEFAULT_LIMITS, DEFAULT_OVERDUE, DEFAULT_RETENTION, resolveConfig } from './config';
export type {
  FlowConfig,
  NodeLimits,
  NodeRuntimeConfig,
  OverdueConfig,
  ResolvedConfig,
  RetentionConfig,
} from './config';
export { DEFAULT_SECURITY } from './signature-policy';
export type { SecurityConfig } from './signature-policy';
export { DEFAULT_EDXML_SIGNATURES } from './edxml-signatures';
export type { EdxmlSignatureConfig, EdxmlSignaturePolicy } from './edxml-signatures';
export { createContainer, startNode } from './container';
export type { NodeContainerOptions, RunningNode } from './container';
export { TOKENS } from './tokens';
export type { NodeRuntime } from './runtime';
export type { RuntimeCounters } from './consumers';
export type { FlowUsage, QueueUsage } from './flow';
export { createLogger } from './logger';
export { HTTP_PLUGINS, HttpError } from './http';
export type { HealthSource, HttpErrorBody, HttpPlugin, HttpPluginContext } from './http';
export {
  LEVEL_POLICIES,
  checkPolicy,
  edxmlSignaturesOf,
  loadTopologyFile,
  readServiceConfig,
  runLevelService,
  startLevelService,
} from './service';
export type { LevelPolicy, LevelServiceContext, LevelServiceOptions } from './service';
export {
  ServiceConfigSchema,
  parseServiceConfig,
  serviceConfigJsonSchema,
  serviceConfigProblems,
} from './service-config';
export type { ServiceConfigFile } from './service-config';
export { AUTH_CONFIG, findNatsServerBinary, reloadServerIn, startEmbeddedServer } from './embedded-server';
export type { EmbeddedServer } from './embedded-server';
export { CredentialStore } from './credentials';
export type { AuthConfigResult, IdentityCredentials, IssuedIdentity } from './credentials';
export { AUDIT_STREAM, auditedNodes, readAuditChain, verifyNodeAudit } from './audit-log';
export { publishDirectory } from './directory';
export {
  DEFAULT_SERVER_LIMITS,
  DEFAULT_STORE_LIMITS,
  DEFAULT_STREAM_LIMITS,
  serverLimitsConfig,
  storeLimitsConfig,
  streamLimitsOf,
} from './stream-limits';
export type { ServerLimits, StoreLimits, StreamLimits } from './stream-limits';
export { MAX_FOLLOWS_PER_AGENCY } from './agency-service';
export { amendmentProblem } from './submission-rules';

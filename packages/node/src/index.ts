import 'reflect-metadata';

export { DEFAULT_FLOW, DEFAULT_LIMITS, DEFAULT_OVERDUE, DEFAULT_RETENTION, resolveConfig } from './config';
export { createContainer, startNode } from './container';
export { openNats } from './connection';
export { createLogger } from './logger';
export { NodeRuntime } from './runtime';
export { Processor, envelopeIdOf } from './processor';
export { DEFAULT_SECURITY, SignaturePolicy } from './signature-policy';
export type { KeyDirectory, SecurityConfig, SignatureRefusal } from './signature-policy';
export { TrackingStore } from './tracking-store';
export { STREAMS, domainSubjects, ensureStreams, streamConfigs } from './streams';
export { TOKENS } from './tokens';

export type {
  FlowConfig,
  NodeLimits,
  NodeRuntimeConfig,
  OverdueConfig,
  ResolvedConfig,
  RetentionConfig,
} from './config';
export { NeighbourRoom, SubmitPacer, queueUsage, refusedBy } from './flow';
export type { RunningNode } from './container';
export type { NatsHandles } from './connection';
export type { Disposition, InboundMessage } from './processor';
export type { RuntimeCounters } from './runtime';
export { publishDirectory } from './directory';
export { LEVEL_POLICIES, checkPolicy, loadTopologyFile, runLevelService, startLevelService } from './service';
export type { LevelPolicy, ServiceConfigFile } from './service';
export { AUTH_CONFIG, findNatsServerBinary, reloadServerIn, startEmbeddedServer } from './embedded-server';
export { CredentialStore, readSeedFile } from './credentials';
export type { AuthConfigResult, IdentityCredentials, IssuedIdentity } from './credentials';
export type { EmbeddedServer } from './embedded-server';
export { NodeMetrics } from './metrics';
export type { MessageKind, MessageOutcome } from './metrics';
export { HTTP_PLUGINS, HealthServer, HttpError } from './http';
export type { HealthSource, HttpErrorBody, HttpPlugin, HttpPluginContext } from './http';
export { LiveDirectory } from './live-directory';
export type { AgencyMove, TopologyView } from './live-directory';
export { inboxConsumerName, moveInbox } from './inbox-move';
export {
  AUDIT_STREAM,
  AuditLog,
  auditEntryOf,
  auditSubject,
  auditedNodes,
  readAuditChain,
  verifyNodeAudit,
} from './audit-log';

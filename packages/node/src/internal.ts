/**
 * The parts of a node process, for the node's own tests, the benchmark and the CLI's diagnostics:
 * not a stable interface. A test replaces one of the container's collaborators with
 * `startNode(config, { configure: (c) => c.register(Delivery, { useClass: … }) })`.
 */
import 'reflect-metadata';

export { acceptEnvelope, isRejection, storedAttachments } from './accepted';
export type {
  AcceptedDocument,
  AcceptedEnvelope,
  AcceptedFields,
  AcceptedStatus,
  AcceptedStatusReport,
  AcceptedTransportEvent,
  AcceptedTransportReport,
  StoredAttachment,
} from './accepted';
export { Attachments, attachmentConfig, provisionAttachments } from './attachments';
export { AUDIT_STREAM, AuditLog, auditEntryOf } from './audit-log';
export { openNats, STILL_CONNECTING_EVERY_MS } from './connection';
export { NodeConsumers, consumerScopes } from './consumers';
export { HostedNodes, wholeLevels } from './hosted-nodes';
export type { ConsumerScope } from './consumers';
export { DeadLetters } from './dead-letters';
export { Delivery } from './delivery';
export { ENVELOPE_ID, envelopeIdOf, readableIds } from './envelope-ids';
export { FairQueue } from './fair-queue';
export { IntakeYield, NeighbourRoom, SubmitPacer, queueUsage, readFlowUsage } from './flow';
export { HealthServer } from './http';
export type { HealthSource } from './http';
export { InFlight } from './in-flight';
export { InboxMover, RECHECK_AFTER_MOVE_MS, inboxConsumerName, moveInbox } from './inbox-move';
export type { Clock, Disposition, InboundMessage, Rejection } from './inbound';
export { Intake } from './intake';
export { LiveDirectory } from './live-directory';
export type { AgencyMove, TopologyView } from './live-directory';
export { NodeMetrics } from './metrics';
export type { MessageKind, MessageOutcome } from './metrics';
export { OverdueIndex } from './overdue';
export { MIN_UPLOAD_CHARGE, UploadQuota } from './upload-quota';
export type { UploadQuotaConfig } from './upload-quota';
export { EnvelopePublisher } from './publisher';
export { TransportBatches } from './transport-batches';
export { BATCH_HEADER, BATCH_MAX_BYTES, BATCH_MAX_EVENTS, readBatch } from './batch-wire';
export { subjectsOverlap } from './subjects-overlap';
export { Refusals } from './refusals';
export { Router } from './router';
export { NodeRuntime } from './runtime';
export { SignaturePolicy } from './signature-policy';
export type { KeyDirectory, SignatureRefusal } from './signature-policy';
export {
  SHORT_DUPLICATE_WINDOW_MS,
  domainSubjects,
  ensureBuckets,
  ensureStreams,
  streamConfigs,
} from './streams';
export { checkSubmission, documentRecipients } from './submission-rules';
export { TrackingApply } from './tracking-apply';
export { TrackingStore } from './tracking-store';
export { ownHop, transportEventBack } from './transport-events';
export { envelopeKindOf } from './wire';
export { ContentReads } from './content-reads';

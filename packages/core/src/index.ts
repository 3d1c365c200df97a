/**
 * @lienthong/core: the domain without I/O. Agency codes and their subject tokens, ids, the v1
 * subject map, the topology tree and routing, the status rules and tracking records, the codec
 * and the typed errors.
 */
export {
  LienthongError,
  InvalidAgencyCodeError,
  InvalidNodeIdError,
  TopologyError,
  RoutingError,
  DecodeError,
  StatusRuleError,
  isRetryable,
} from './errors';
export type { ErrorCode, LienthongErrorOptions, AgencyCodeProblem, NodeIdProblem } from './errors';

export {
  AGENCY_CODE_LENGTH,
  parseAgencyCode,
  isAgencyCode,
  assertAgencyCode,
  agencyToToken,
  agencyFromToken,
} from './agency';
export type { AgencyCode } from './agency';

export {
  NODE_ID_MAX_LENGTH,
  isNodeId,
  assertNodeId,
  documentKey,
  documentEnvelopeId,
  envelopeIdFor,
  msgIdFor,
} from './ids';

export { msgIdKeyFrom, submitMsgId, submitMsgIdProblem } from './submit-ids';

export {
  SUBJECT_PREFIX,
  STREAM_SUBJECTS,
  isLevelName,
  levelName,
  levelFromName,
  laneOf,
  submitSubject,
  relaySubject,
  inboxSubject,
  inboxFilter,
  trackSubject,
  trackFilterOfAgency,
  deadSubject,
  nodeSubjects,
  laneSubjects,
  parseSubject,
  auditSubject,
  AUDIT_SUBJECTS,
} from './subjects';
export type { LevelName, Lane, SubjectKind, SubjectSet, ParsedSubject } from './subjects';

export {
  AUDIT_STREAM,
  BUCKETS,
  STREAMS,
  directoryKeys,
  parseDirectoryKey,
  trackingKey,
  recipientToken,
  trackingDocumentFilter,
  trackingSenderFilter,
} from './kv-keys';
export type { DirectoryKey } from './kv-keys';
export { encodeNodeStatus, parseNodeStatus, statusKeys } from './node-status';
export type { NodeStatusRecord } from './node-status';

export { Topology, parseTopology, topologyFromProto, generateTopology } from './topology';
export type { ClosedCode, ClosedCodeJson, ClosurePolicy } from './topology-closed';
export { closedCodeFromProto, closedCodeToProto } from './topology-closed';
export { diffTopologies, renderTopologyDiff } from './topology-diff';
export type { TopologyDiff, TopologyChange } from './topology-diff';
export type {
  NodeInfo,
  AgencyInfo,
  NextHop,
  TopologyJson,
  TopologyNodeJson,
  TopologyAgencyJson,
  GenerateTopologyOptions,
} from './topology';

export {
  businessRank,
  describeStatus,
  isRecipientStatus,
  judgeStatus,
  needsReason,
  statusReportProblem,
  checkStatusMove,
  assertStatusMove,
} from './status-rules';
export type { BusinessState, StatusJudgement, StatusMoveCheck, StatusMoveOptions } from './status-rules';

export { newTrackingRecord, applyTrackingEvent, isTerminal, markOverdue } from './tracking';
export {
  NO_RECIPIENT_TOKEN,
  isRefusedRecord,
  refusalText,
  refusedAgain,
  refusedTrackingRecord,
  reopenedRecord,
} from './refused-records';
export type { RefusedRecordInit } from './refused-records';
export { TRACK_ADDED_HEADER, addedEntryIndices, parseAddedHeader, timelineEntryKey } from './timeline-diff';
export type { TrackingEvent, TrackingOutcome, NewTrackingRecord } from './tracking';

export { confirmDeadline } from './deadline';
export type { ConfirmPolicy } from './deadline';

export {
  DEFAULT_MAX_BYTES,
  ENVELOPE_LIMITS,
  validateEnvelope,
  checkEncodedEnvelope,
  encodeEnvelope,
  decodeEnvelope,
  encodeTrackingRecord,
  decodeTrackingRecord,
  trackingRecordOrUndefined,
  encodeDeadLetter,
  decodeDeadLetter,
  encodeDocument,
  decodeDocument,
} from './codec';
export type { DecodeOptions } from './codec';

export {
  documentSha256,
  keyIdOf,
  generateSigningKey,
  parseCertificate,
  publicKeyRecord,
  signDocument,
  signStatus,
  verifyDocument,
  verifyStatus,
} from './signing';
export type { SigningKey, VerifyOptions, Verification } from './signing';

export { RECEIPT_PROOF_FORMAT, buildReceiptProof, verifyReceiptProof } from './receipt-proof';
export type { ReceiptProof, CheckedReceipt, ProofVerification } from './receipt-proof';

export {
  AUDIT_GENESIS,
  auditBlockHash,
  auditBlockText,
  makeAuditBlock,
  verifyAuditChain,
} from './audit-chain';
export type { AuditBlock, AuditEntry, AuditProblem, AuditVerification } from './audit-chain';

export {
  AGENCY_PUBLISH_DENY,
  AUTH_TIMEOUT_S,
  OBSERVER_SUBJECTS,
  assertIdentityName,
  authorizationConfig,
  identityIdOf,
  inboxPrefixOf,
  permissionsFor,
} from './permissions';
export type {
  AuthorizedUser,
  IdentityKind,
  IdentitySubject,
  Permissions,
  SubjectPermission,
} from './permissions';

export { BackpressureError, isBackpressure, submitPaceMs } from './flow';
export type { BackpressureScope, SubmitPace } from './flow';

export { JsonSyntaxError, lineColumn, parseJsonText } from './json-text';

export { DOCUMENT_ID_EXAMPLE, assertDocumentIdOf, documentIdProblem, parseDocumentId } from './document-id';
export type { DocumentIdParts } from './document-id';

export {
  DeliveryMark,
  findConsumerFault,
  jetStreamView,
  restartSequence,
  rfc3339Nanos,
} from './consumer-fault';
export type {
  ConsumerFault,
  ConsumerPosition,
  ConsumerView,
  JetStreamManagerLike,
  StoredMessage,
  StreamPosition,
} from './consumer-fault';

export {
  AGENCY_SERVICE_SUBJECTS,
  CONTENT_PUT_OP,
  CONTENT_READ_HEADERS,
  CONTENT_STATUS_HEADER,
  INBOX_CONSUMER_BOUNDS,
  KEYS_PAGE,
  agencyServiceSubject,
  inboxDurableOf,
  levelServiceSubjects,
  nodeServiceSubjects,
  serviceResult,
} from './agency-service';
export type { AgencyServiceReply, AgencyServiceRequest } from './agency-service';
export { sha256, sha256Hex } from './sha256';

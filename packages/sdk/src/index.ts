/**
 * @lienthong/sdk: the client SDK for agency document systems (QLVB). `connect()` gives a client
 * bound to one agency: send, inbox, report, recall, update, replace, track, sent.
 */
export { LienthongClient, connect } from './client';
export { MAX_INLINE_ATTACHMENT_BYTES } from './types';
export { senderOf } from './validate';
export { businessName, statusName, transportName } from './names';
export { UnknownRecipientsError } from './recipients';
export { ContentIntegrityError, ContentMissingError, ContentTooLargeError } from '@lienthong/content';
export {
  BackpressureError,
  LienthongError,
  StatusRuleError,
  isBackpressure,
  isRetryable,
  documentSha256,
  generateSigningKey,
  publicKeyRecord,
  verifyReceiptProof,
} from '@lienthong/core';
export type { ReceiptProof, ProofVerification, SigningKey } from '@lienthong/core';
export { BusinessStatus, BusinessOperation, Priority, TransportState, FailureReason } from '@lienthong/proto';

export type {
  ConnectOptions,
  ConnectionEvent,
  Credentials,
  ItemSignature,
  RecallOptions,
  ReplaceOptions,
  ReportOptions,
  SendOptions,
  SendReceipt,
  SentDocument,
  SentQuery,
  TlsSettings,
  UpdateOptions,
} from './types';
export type {
  AttachmentProgress,
  AttachmentSource,
  DownloadOptions,
  FileAttachment,
  InlineAttachment,
  ReceivedAttachment,
  StreamAttachment,
} from './attachments';
export type { CallOptions } from './call';
export type { HomeState } from './home';
export type { Inbox, InboxItem, InboxItemKind, InboxOptions, UnreadableItem } from './inbox-types';
export type { Tracker } from './tracking';
export type { Refusal, RefusalJson, Refusals, RefusalsOptions } from './refusal-feed';
export { refusalJson, refusalOf } from './refusal-feed';
export type { BackpressureScope, ErrorCode } from '@lienthong/core';
export type { IDocument, IStaff, TrackingRecord, TimelineEntry } from '@lienthong/proto';
export { followSubject, followSubjectCounted } from './follow';

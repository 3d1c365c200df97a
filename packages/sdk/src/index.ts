/**
 * @lienthong/sdk: the client SDK for agency document systems (QLVB). `connect()` gives a client
 * bound to one agency: send, inbox, report, recall, update, replace, track, sent.
 */
export { LienthongClient, MAX_INLINE_ATTACHMENT_BYTES, connect, senderOf } from './client';
export { Inbox } from './inbox';
export { Tracker } from './tracking';
export {
  BackpressureError,
  LienthongError,
  StatusRuleError,
  isBackpressure,
  isRetryable,
} from '@lienthong/core';
export { BusinessStatus, BusinessOperation, Priority, TransportState, FailureReason } from '@lienthong/proto';

export type {
  ConnectOptions,
  ConnectionEvent,
  Credentials,
  InlineAttachment,
  RecallOptions,
  ReplaceOptions,
  ReportOptions,
  SendOptions,
  SendReceipt,
  SentDocument,
  SentQuery,
  UpdateOptions,
} from './client';
export type { CallOptions } from './call';
export type { InboxItem, InboxItemKind, InboxOptions } from './inbox';
export type { BackpressureScope, ErrorCode } from '@lienthong/core';
export type { IDocument, IStaff, TrackingRecord, TimelineEntry } from '@lienthong/proto';

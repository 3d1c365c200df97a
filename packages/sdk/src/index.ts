export { LienthongClient, connect, senderOf } from './client';
export { Inbox } from './inbox';
export { Tracker } from './tracking';
export { LienthongError, isRetryable } from '@lienthong/core';
export { BusinessStatus, BusinessOperation, Priority, TransportState, FailureReason } from '@lienthong/proto';

export type {
  ConnectOptions,
  ConnectionEvent,
  RecallOptions,
  ReportOptions,
  SendOptions,
  SendReceipt,
} from './client';
export type { CallOptions } from './call';
export type { InboxItem, InboxItemKind, InboxOptions } from './inbox';
export type { ErrorCode } from '@lienthong/core';
export type { IDocument, TrackingRecord } from '@lienthong/proto';

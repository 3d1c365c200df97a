/**
 * The lienthong.v1 wire contract, generated from `proto/lienthong/v1/*.proto` by protobufjs.
 * The generated code lives in `../gen` and is never edited by hand (`pnpm proto:gen`).
 */
import './numbers';
import * as gen from '../gen/lienthong';

const v1 = gen.lienthong.v1;

/** Version of the wire contract carried in `Envelope.schemaVersion` and in subject names. */
export const SCHEMA_VERSION = 1;

export const {
  Level,
  SignatureAlgorithm,
  NodeRecord,
  AgencyRecord,
  SubmitLimits,
  PublicKey,
  Signature,
  Topology,
  ClosurePolicy,
  ClosedAgencyRecord,
  Priority,
  BusinessOperation,
  Organ,
  DocumentType,
  Signer,
  ResponseFor,
  Business,
  ContentRef,
  ContentManifest,
  Attachment,
  Document,
  BusinessStatus,
  Staff,
  StatusReport,
  TransportState,
  FailureReason,
  TransportEvent,
  EnvelopeKind,
  Hop,
  Envelope,
  EnvelopeBatch,
  TrackingRecord,
  TimelineEntry,
  DeadLetter,
  EdxmlSignatureVerdict,
  EdxmlSigner,
  EdxmlRevocation,
} = v1;

export type Level = gen.lienthong.v1.Level;
export type SignatureAlgorithm = gen.lienthong.v1.SignatureAlgorithm;
export type NodeRecord = gen.lienthong.v1.NodeRecord;
export type INodeRecord = gen.lienthong.v1.INodeRecord;
export type AgencyRecord = gen.lienthong.v1.AgencyRecord;
export type IAgencyRecord = gen.lienthong.v1.IAgencyRecord;
export type SubmitLimits = gen.lienthong.v1.SubmitLimits;
export type ISubmitLimits = gen.lienthong.v1.ISubmitLimits;
export type PublicKey = gen.lienthong.v1.PublicKey;
export type IPublicKey = gen.lienthong.v1.IPublicKey;
export type Signature = gen.lienthong.v1.Signature;
export type ISignature = gen.lienthong.v1.ISignature;
export type Topology = gen.lienthong.v1.Topology;
export type ITopology = gen.lienthong.v1.ITopology;
export type ClosurePolicy = gen.lienthong.v1.ClosurePolicy;
export type ClosedAgencyRecord = gen.lienthong.v1.ClosedAgencyRecord;
export type IClosedAgencyRecord = gen.lienthong.v1.IClosedAgencyRecord;
export type Priority = gen.lienthong.v1.Priority;
export type BusinessOperation = gen.lienthong.v1.BusinessOperation;
export type Organ = gen.lienthong.v1.Organ;
export type IOrgan = gen.lienthong.v1.IOrgan;
export type DocumentType = gen.lienthong.v1.DocumentType;
export type IDocumentType = gen.lienthong.v1.IDocumentType;
export type Signer = gen.lienthong.v1.Signer;
export type ISigner = gen.lienthong.v1.ISigner;
export type ResponseFor = gen.lienthong.v1.ResponseFor;
export type IResponseFor = gen.lienthong.v1.IResponseFor;
export type Business = gen.lienthong.v1.Business;
export type IBusiness = gen.lienthong.v1.IBusiness;
export type ContentRef = gen.lienthong.v1.ContentRef;
export type ContentManifest = gen.lienthong.v1.ContentManifest;
export type IContentManifest = gen.lienthong.v1.IContentManifest;
export type IContentRef = gen.lienthong.v1.IContentRef;
export type Attachment = gen.lienthong.v1.Attachment;
export type IAttachment = gen.lienthong.v1.IAttachment;
export type Document = gen.lienthong.v1.Document;
export type IDocument = gen.lienthong.v1.IDocument;
export type BusinessStatus = gen.lienthong.v1.BusinessStatus;
export type Staff = gen.lienthong.v1.Staff;
export type IStaff = gen.lienthong.v1.IStaff;
export type StatusReport = gen.lienthong.v1.StatusReport;
export type IStatusReport = gen.lienthong.v1.IStatusReport;
export type TransportState = gen.lienthong.v1.TransportState;
export type FailureReason = gen.lienthong.v1.FailureReason;
export type TransportEvent = gen.lienthong.v1.TransportEvent;
export type ITransportEvent = gen.lienthong.v1.ITransportEvent;
export type EnvelopeKind = gen.lienthong.v1.EnvelopeKind;
export type Hop = gen.lienthong.v1.Hop;
export type IHop = gen.lienthong.v1.IHop;
export type Envelope = gen.lienthong.v1.Envelope;
export type IEnvelope = gen.lienthong.v1.IEnvelope;
export type EnvelopeBatch = gen.lienthong.v1.EnvelopeBatch;
export type IEnvelopeBatch = gen.lienthong.v1.IEnvelopeBatch;
export type TrackingRecord = gen.lienthong.v1.TrackingRecord;
export type ITrackingRecord = gen.lienthong.v1.ITrackingRecord;
export type TimelineEntry = gen.lienthong.v1.TimelineEntry;
export type ITimelineEntry = gen.lienthong.v1.ITimelineEntry;
export type DeadLetter = gen.lienthong.v1.DeadLetter;
export type IDeadLetter = gen.lienthong.v1.IDeadLetter;
export type EdxmlSignatureVerdict = gen.lienthong.v1.EdxmlSignatureVerdict;
export type IEdxmlSignatureVerdict = gen.lienthong.v1.IEdxmlSignatureVerdict;
export type EdxmlSigner = gen.lienthong.v1.EdxmlSigner;
export type IEdxmlSigner = gen.lienthong.v1.IEdxmlSigner;
export type EdxmlRevocation = gen.lienthong.v1.EdxmlRevocation;
export type IEdxmlRevocation = gen.lienthong.v1.IEdxmlRevocation;

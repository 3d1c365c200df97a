/**
 * `@lienthong/edxml`: edXML (QCVN 102:2016) packages for lienthong — a streaming parser with
 * bounded memory, renderers for document and Status packages, the mapping to and from the
 * lienthong.v1 `Document` / `StatusReport`, and XML-DSig verification. See README.md and
 * docs/EDXML.md.
 */
export { parseEdxml, STATUS_CODES } from './parse';
export { toDocument, toStatusReport, documentSenderOf, organOfDocumentId } from './mapping';
export type { ToDocumentOptions } from './mapping';
export { renderEdoc, renderEdocBytes, renderStatus, escapeText } from './render';
export type { AttachmentSource, RenderEdocOptions, RenderStatusOptions } from './render';
export { EdxmlError } from './errors';
export type { EdxmlErrorCode, EdxmlWarning, EdxmlWarningCode } from './errors';
export { readDate, readTimestamp, writeDate, writeTimestamp, VN_OFFSET_MS } from './dates';
export { DEFAULTS as PARSE_DEFAULTS } from './reader';
export * from './types';
export type { SignatureVerdict, SignatureVerdictCode, SignerCertificate, VerifyOptions } from './verdict';
export { verifyEdxmlSignature } from './signature';
export type { VerifyEdxmlOptions } from './signature';
export { signEdxml } from './sign';
export type { SignEdxmlOptions } from './sign';
export { isVerdictCode, verdictJson, verdictToProto } from './verdict-proto';
export { verifyEdxmlSource } from './signature-source';
export type { PackageSource } from './signature-stream';
export { createTestSigningIdentity } from './test-ca';
export type { TestSigningIdentity } from './test-ca';

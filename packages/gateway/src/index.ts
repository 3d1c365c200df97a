/**
 * @lienthong/gateway: the edXML gateway. Document systems that speak edXML (QCVN 102:2016) post and
 * fetch packages over HTTP at `/api/v1`, served by the node process that hosts their agency; the
 * packages travel byte for byte through the same path as the SDK's documents.
 */
export { EdxmlError } from './codec';
export type { EdxmlCodec, MappedStatus, MessageType, PackageParser, ParsedPackage } from './codec';
export { LienthongEdxmlCodec } from './edxml-codec';
export { API_PREFIX, ROUTES, gatewayPlugin } from './routes';
export type { GatewayAuth, GatewayPlugin, GatewayPluginOptions, RouteSpec } from './routes';
export { openApiDocument } from './openapi';
export { DEFAULT_CAPACITY_WAIT_MS } from './capacity';
export {
  DEFAULT_MAX_PACKAGE_BYTES,
  EdocGateway,
  GatewayError,
  ORIGINAL_ATTACHMENT_NAME,
  ORIGINAL_MEDIA_TYPE,
  gatewayErrorOf,
} from './service';
export type {
  AgencyEntry,
  GatewayHost,
  GatewayOptions,
  PackageBytes,
  ReceivedItem,
  SendResult,
  SentRecord,
} from './service';
export { HttpTokenStore, assertSystemName, httpTokensFile, httpTokensKeyFile } from './tokens';
export type { HttpTokenRecord, VxpSystem } from './tokens';
export { VXP_PREFIX, VXP_VERBS, vxpPlugin } from './vxp/routes';
export type { VxpPluginOptions, VxpVerb } from './vxp/routes';
export { VXP_ERRORS, VxpError, unpaddedHex } from './vxp/protocol';
export { PackageTooLargeError } from './spool';
export { levelGatewayPlugins } from './level';

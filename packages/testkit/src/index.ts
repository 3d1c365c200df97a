/** @lienthong/testkit: real nats-server processes, leafnode topologies with cuttable links, cleanup. */
export { deterministicBytes, deterministicSha256 } from './bytes';
export { findNatsServer, NATS_SERVER_NOT_FOUND } from './binary';
export { liveServerPids } from './registry';
export { startNatsServer } from './server';
export type { LeafRemote, NatsServer, NatsServerOptions } from './server';
export { TcpProxy } from './proxy';
export type { TcpProxyOptions } from './proxy';
export { startLeafChain, startLeafTopology, startLeafTree } from './topology';
export type {
  LeafChain,
  LeafChainOptions,
  LeafNodeSpec,
  LeafTopology,
  LeafTopologyOptions,
  LeafTree,
  LeafTreeOptions,
  RestoreLinkOptions,
} from './topology';
export { eventually, sleep, waitFor, within } from './util';
export type { EventuallyOptions } from './util';
export { startService } from './service';
export type { ServiceLevel, ServiceProcess } from './service';
export { makeTestPki } from './pki';
export type { TestPki } from './pki';
export { rewriteDeployConfig } from './deploy-config';
export type { DeployRewrite } from './deploy-config';

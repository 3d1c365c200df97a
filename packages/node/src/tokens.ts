/** Injection tokens of a node process's container, for what is not a class of its own. */
export const TOKENS = {
  /** `ResolvedConfig` */
  Config: Symbol.for('lienthong.node.Config'),
  /** `NatsHandles` of the process's one connection */
  Nats: Symbol.for('lienthong.node.Nats'),
  /** pino `Logger` */
  Logger: Symbol.for('lienthong.node.Logger'),
  /** `Clock`: the current time, Unix ms */
  Clock: Symbol.for('lienthong.node.Clock'),
  /** `TopologyView`: the live directory */
  Topology: Symbol.for('lienthong.node.Topology'),
  /** `readonly HttpPlugin[]`: what the process's HTTP server mounts beside its health routes */
  HttpPlugins: Symbol.for('lienthong.node.HttpPlugins'),
} as const;

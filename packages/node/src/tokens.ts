/** Injection tokens of a node process's container. */
export const TOKENS = {
  Config: Symbol.for('lienthong.node.Config'),
  Nats: Symbol.for('lienthong.node.Nats'),
  Logger: Symbol.for('lienthong.node.Logger'),
} as const;

/**
 * The signals that drain and stop a broker in the foreground (`up`, `demo --keep`): Ctrl-C, a stop,
 * a closed terminal. Node's default for SIGHUP ends the process without its cleanup, and nats-server
 * takes SIGHUP as "reload", so the server would be left running. (A module of its own: the commands
 * load the embedded runtime only when they run.)
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

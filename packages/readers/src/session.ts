import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kvm } from '@nats-io/kv';

/** What a reader needs to know of where it reads from: for error messages and request timeouts. */
export interface ReadSettings {
  readonly server: string;
  readonly timeoutMs: number;
  readonly domain?: string | undefined;
}

/**
 * A NATS connection with the JetStream views the readers use. The CLI opens one per command; a
 * node process or the dashboard builds one over the connection it already holds.
 */
export interface Session {
  readonly settings: ReadSettings;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kvm: Kvm;
}

/** Connection state changes of a client's NATS connection, handed to its listeners. */
import type { NatsConnection } from '@nats-io/transport-node';
import type { ConnectionEvent } from './types';

export class ConnectionEvents {
  private readonly listeners = new Set<(e: ConnectionEvent) => void>();

  constructor(nc: NatsConnection) {
    void this.watch(nc);
  }

  /** Adds a listener; returns a function that removes it. */
  listen(listener: (e: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const s of nc.status()) {
        let event: ConnectionEvent;
        switch (s.type) {
          case 'disconnect':
          case 'reconnect':
            event = { type: s.type, server: s.server };
            break;
          case 'reconnecting':
          case 'close':
            event = { type: s.type };
            break;
          case 'error':
            event = { type: 'error', error: s.error };
            break;
          default:
            continue;
        }
        this.emit(event);
      }
    } catch {
      // The connection is closed.
    }
  }

  private emit(event: ConnectionEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}

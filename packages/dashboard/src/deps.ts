/** What the dashboard's routes are given, and what they share. */
import type { FastifyRequest } from 'fastify';
import type { AuditVerification } from '@lienthong/core';
import type { Directory, Session } from '@lienthong/readers';
import type { TrackingIndex } from './store';
import type { Viewer } from './views';

/** Who is asking: an operator, an agency (its code), or null when the request carries no valid identity. */
export type Authenticate = (request: FastifyRequest) => Viewer | null | Promise<Viewer | null>;

export interface DashboardDeps {
  /** A NATS connection with JetStream views (the node process's own, or the operator's). */
  readonly session: Session;
  readonly authenticate: Authenticate;
  /** `up --no-auth`: everyone is an operator, and every page says so. */
  readonly noAuth?: boolean;
  /** Where this server serves Prometheus metrics; linked from the operations page. */
  readonly metricsPath?: string;
  /** Whether this process is serving (its `/readyz`). */
  readonly health?: () => { ok: boolean; reason?: string };
  /** Verifies the nodes' audit chains (`lienthong audit verify`). */
  readonly auditCheck?: () => Promise<AuditVerification[]>;
  /** How often the directory is read again; default 30 s. */
  readonly directoryRefreshMs?: number;
  readonly now?: () => number;
}

/** What every route of the dashboard reads: the records in memory, the directory, the viewer. */
export interface RouteContext {
  readonly deps: DashboardDeps;
  readonly session: Session;
  readonly index: TrackingIndex;
  /** The directory as last read (undefined until the first read succeeds). */
  dir(): Directory | undefined;
  now(): number;
  /** The viewer a request signed in as; 401 without one. */
  viewerOf(req: FastifyRequest): Promise<Viewer>;
  /** 403 unless the request is an operator's. */
  operatorOnly(req: FastifyRequest): Promise<void>;
}

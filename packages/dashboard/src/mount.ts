/**
 * Mounting the dashboard on a node process's HTTP port: a plugin for the node's fastify server
 * (`startNode(config, { httpPlugins: [dashboardPlugin(…)] })`), built on the runtime it mounts on,
 * and the bearer-token check that names the viewer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kvm } from '@nats-io/kv';
import type { AuditVerification } from '@lienthong/core';
import type { Session } from '@lienthong/readers';
import { registerDashboard } from './plugin';
import type { Authenticate, Dashboard, Viewer } from './plugin';

/** What the dashboard needs of the node runtime it is mounted on (NodeRuntime has it). */
export interface DashboardHost {
  readonly natsHandles: {
    readonly nc: NatsConnection;
    readonly js: JetStreamClient;
    readonly jsm: JetStreamManager;
    readonly kvm: Kvm;
  };
  readiness(): { ok: boolean; reason?: string };
}

export interface DashboardPluginOptions {
  readonly authenticate: Authenticate;
  /** `up --no-auth`: everything is visible to everyone, with a banner saying so. */
  readonly noAuth?: boolean;
  /** Verifies the audit chains over the host's connection (`lienthong audit verify`). */
  readonly auditCheck?: (session: Session) => Promise<AuditVerification[]>;
  readonly now?: () => number;
}

/** Structurally a node `HttpPlugin` (the node package mounts it; this package does not import it). */
export interface DashboardPlugin {
  readonly name: string;
  register(app: FastifyInstance, ctx: { readonly host: unknown }): Promise<void>;
  close(): Promise<void>;
  /** The mounted dashboard, once registered (tests wait on its `ready`). */
  readonly dashboard: Dashboard | undefined;
}

function isHost(h: unknown): h is DashboardHost {
  return typeof h === 'object' && h !== null && 'natsHandles' in h && 'readiness' in h;
}

/** A reader session over the host's own NATS connection. */
export function hostSession(host: DashboardHost, timeoutMs = 10_000): Session {
  const { nc, js, jsm, kvm } = host.natsHandles;
  return { settings: { server: nc.getServer(), timeoutMs }, nc, js, jsm, kvm };
}

export function dashboardPlugin(opts: DashboardPluginOptions): DashboardPlugin {
  let dashboard: Dashboard | undefined;
  return {
    name: 'dashboard',
    get dashboard() {
      return dashboard;
    },
    register: async (app, ctx) => {
      if (!isHost(ctx.host)) throw new Error('the dashboard mounts on a node runtime (its NATS connection)');
      const host = ctx.host;
      const session = hostSession(host);
      const audit = opts.auditCheck;
      dashboard = await registerDashboard(app, {
        session,
        authenticate: opts.authenticate,
        ...(opts.noAuth ? { noAuth: true } : {}),
        health: () => host.readiness(),
        ...(audit ? { auditCheck: () => audit(session) } : {}),
        ...(opts.now ? { now: opts.now } : {}),
      });
    },
    close: async () => {
      // The fastify instance's onClose hook stops the dashboard's consumer.
    },
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `Authorization: Bearer <token>`: the operator's token names the operator; an agency's HTTP token
 * (the same tokens as the HTTP API, looked up by `agencyOf`) names that agency; anything else, nobody.
 */
export function bearerAuthenticator(opts: {
  readonly operatorTokens?: readonly string[];
  readonly agencyOf?: (token: string) => string | undefined;
}): Authenticate {
  return (req: FastifyRequest): Viewer | null => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const token = m[1]!;
    if ((opts.operatorTokens ?? []).some((t) => t !== '' && same(t, token))) return { kind: 'operator' };
    const code = opts.agencyOf?.(token);
    return code ? { kind: 'agency', code } : null;
  };
}

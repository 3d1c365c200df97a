import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LienthongError } from '@lienthong/core';
import type { HttpPlugin, LevelServiceContext } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import type { ConnectOptions } from '@lienthong/sdk';
import { gatewayPlugin } from './routes';
import { HttpTokenStore } from './tokens';
import { vxpPlugin } from './vxp/routes';

/**
 * The edXML gateway (and the VXP endpoint beside it) of a level service, from the `gateway` key of
 * its config file: `/api/v1` with the agencies' HTTP tokens from `tokensFile` (or `noAuth`), `/vxp`
 * unless `vxp` is false. Each agency of the service's nodes acts through an SDK client on the
 * service's servers, with the gateway's NATS identity (`seedFile`) when the servers require one.
 */
export function levelGatewayPlugins(ctx: LevelServiceContext): HttpPlugin[] {
  const g = ctx.file.gateway;
  if (!g) return [];
  const at = (p: string): string => resolve(ctx.dir, p);
  if (g.tokensFile === undefined && g.noAuth !== true) {
    throw new LienthongError(
      'InvalidArgument',
      'gateway: set tokensFile (the HTTP token store) or, for development only, noAuth: true',
    );
  }
  if (g.tokensFile !== undefined && g.noAuth === true) {
    throw new LienthongError('InvalidArgument', 'gateway: tokensFile and noAuth: true exclude each other');
  }
  if (g.seedFile !== undefined && !existsSync(at(g.seedFile))) {
    throw new LienthongError('NotFound', `gateway.seedFile ${at(g.seedFile)} does not exist`);
  }
  const tokens = g.tokensFile !== undefined ? new HttpTokenStore(at(g.tokensFile)) : undefined;
  const tls = ctx.file.tls;
  const base: Omit<ConnectOptions, 'agency'> = {
    servers: ctx.file.servers,
    ...(ctx.file.domain ? { domain: ctx.file.domain } : {}),
    ...(g.seedFile !== undefined ? { credentials: { seedFile: at(g.seedFile) } } : {}),
    ...(tls
      ? {
          tls: {
            ...(tls.caFile ? { caFile: at(tls.caFile) } : {}),
            ...(tls.certFile ? { certFile: at(tls.certFile) } : {}),
            ...(tls.keyFile ? { keyFile: at(tls.keyFile) } : {}),
          },
        }
      : {}),
  };
  const gateway = gatewayPlugin({
    auth: tokens ? { mode: 'token', tokens } : { mode: 'none' },
    connect: (agency) => connect({ ...base, agency, name: `${ctx.name} gateway ${agency}` }),
    ...(g.maxPackageBytes !== undefined ? { maxPackageBytes: g.maxPackageBytes } : {}),
    ...(g.capacityWaitMs !== undefined ? { capacityWaitMs: g.capacityWaitMs } : {}),
  });
  if (g.vxp === false) return [gateway];
  return [gateway, vxpPlugin({ gateway: () => gateway.gateway, ...(tokens ? { tokens } : {}) })];
}

import type { Command } from 'commander';
import { parsePort } from '../program';

interface UpOptions {
  topology?: string;
  data?: string;
  port?: number;
  httpPort?: number;
  auth: boolean;
}

const LISTED_NODES = 12;

/** The first node ids, and how many more: a national tree has thousands. */
export function shortList(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_NODES).join(', ');
  return ids.length > LISTED_NODES ? `${shown}, … ${ids.length - LISTED_NODES} more` : shown;
}

/** `lienthong up`: the embedded default, in the foreground until Ctrl-C. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('run the embedded default: a local nats-server and every node of a topology')
    .option('-t, --topology <file>', 'topology file (default: deploy/topology.demo.json)')
    .option('-d, --data <dir>', 'where the nats-server keeps its data (default: a temporary directory)')
    .option('-p, --port <port>', 'client port of the local nats-server (default: a free one)', parsePort)
    .option(
      '--http-port <port>',
      'serve the web dashboard (/), the edXML gateway /api/v1, /metrics, /healthz and /readyz on this port (0: a free one)',
      parsePort,
    )
    .option('--no-auth', 'run without credentials: every client may do anything (development only)')
    .action(async (o: UpOptions) => {
      // Loaded here so that the read commands start without the runtime's dependencies.
      const [{ createLogger }, { startEmbedded }] = await Promise.all([
        import('@lienthong/node'),
        import('../embedded.js'),
      ]);
      const log = createLogger({ name: 'lienthong-up' });
      const up = await startEmbedded({
        ...(o.topology ? { topologyFile: o.topology } : {}),
        ...(o.data ? { dataDir: o.data } : {}),
        ...(o.port ? { port: o.port } : {}),
        ...(o.httpPort !== undefined ? { httpPort: o.httpPort } : {}),
        auth: o.auth,
        logger: log,
      });
      // Listening before saying "up", so a Ctrl-C right after the message still drains.
      const stopRequested = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const nodes = up.node.runtime.nodes;
      const http = up.node.runtime.httpUrl;
      process.stdout.write(
        [
          'lienthong is up',
          `  nats:    ${up.server.url}`,
          `  data:    ${up.server.dataDir}`,
          `  nodes:   ${nodes.length} (${shortList(nodes.map((n) => n.id))})`,
          ...(up.ops
            ? [
                `  creds:   ${up.ops.seedFile} (operator; agencies: lienthong creds issue agency CODE --data ${up.server.dataDir})`,
              ]
            : ['  auth:    off (--no-auth): every client may do anything']),
          ...(up.dashboard
            ? [
                `  web:     ${up.dashboard.url}  (dashboard${up.dashboard.operatorToken ? `; operator token: ${up.dashboard.operatorToken}` : ', no sign-in: --no-auth'})`,
              ]
            : []),
          ...(http
            ? [
                `  metrics: ${http}/metrics`,
                `  health:  ${http}/healthz  ${http}/readyz`,
                `  api:     ${http}/api/v1 (edXML gateway; ${up.ops ? 'tokens: lienthong creds issue agency CODE --http-token --data DIR' : 'name the agency in X-Lienthong-Agency'})`,
                `  vxp:     ${http}/vxp (VXP client endpoint; ${up.ops ? 'system id = agency code, secret = its --http-token' : 'signatures not checked'})`,
              ]
            : []),
          `Try: lienthong node ls -s ${up.server.url}${up.ops ? ` --creds ${up.ops.seedFile}` : ''}`,
          'Ctrl-C drains and stops.',
          '',
        ].join('\n'),
      );
      await stopRequested;
      // A second Ctrl-C while draining gives up on the drain.
      const force = (): void => process.exit(130);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      process.stdout.write('draining…\n');
      await up.stop();
      process.stdout.write('stopped\n');
    });
}

import type { Command } from 'commander';
import { openDataDir } from '../data-dir';
import type { Embedded } from '../embedded';
import { STOP_SIGNALS } from '../stop-signals';
import type { TestSigningIdentity } from '@lienthong/edxml';
import { parsePort } from '../program';
import { globalsOf } from '../settings';

/** `lienthong demo`: the demo scenario on a fresh embedded default. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the demo scenario on the embedded default and print what the sender sees')
    .option(
      '-d, --data <dir>',
      'where the nats-server keeps its data, an existing directory (default: a temporary directory)',
    )
    .option('--init', 'create the --data directory if it does not exist')
    .option('--keep', 'leave the broker running after the scenario (Ctrl-C stops it)')
    .option('--no-auth', 'run the broker without credentials (every client may do anything)')
    .option(
      '--http-port <port>',
      'serve the web dashboard, the edXML gateway /api/v1, /vxp and /metrics on this port (with --keep: a free one)',
      parsePort,
    )
    .addHelpText('after', '\nThe global --timeout bounds the whole scenario here (default: 60000 ms).')
    .action(
      async (
        o: { data?: string; init?: boolean; keep?: boolean; auth: boolean; httpPort?: number },
        cmd: Command,
      ) => {
        if (o.data !== undefined) openDataDir(o.data, { init: o.init === true });
        const [{ createLogger }, { startEmbedded }, { demoCast, runDemoScenario }, gw] = await Promise.all([
          import('@lienthong/node'),
          import('../embedded.js'),
          import('../demo.js'),
          import('../demo-gateway.js'),
        ]);
        const timeoutMs = globalsOf(cmd).timeout ?? 60_000;
        const t0 = Date.now();
        const signer = await demoSigner();
        const up = await startEmbedded({
          edxmlSignatures: { trustAnchors: [signer.caPem] },
          ...(o.data ? { dataDir: o.data } : {}),
          auth: o.auth,
          httpPort: o.httpPort ?? 0, // the edXML gateway (the scenario's second part), and with --keep the dashboard
          dashboard: Boolean(o.keep) || o.httpPort !== undefined,
          logger: createLogger({ name: 'lienthong-demo', level: process.env.LT_LOG_LEVEL ?? 'warn' }),
        });
        // The scenario's agencies get their identities before it starts (one reload of the server).
        await up.ensureAgencies([...Object.values(demoCast(up.topology)), ...Object.values(gw.GATEWAY_CAST)]);
        const started = Date.now() - t0;
        process.stdout.write(
          `embedded default up in ${started} ms: nats-server ${up.server.url}, ${up.node.runtime.nodes.length} nodes\n`,
        );
        try {
          const result = await runDemoScenario({
            servers: up.server.url,
            topology: up.topology,
            timeoutMs,
            log: (line) => process.stdout.write(`${line}\n`),
            ...(up.ops ? { opsSeedFile: up.ops.seedFile } : {}),
            credentialsOf: async (agency) => {
              const c = await up.agencyCredentials(agency);
              return c ? { seedFile: c.seedFile } : undefined;
            },
          });
          process.stdout.write(`\n${result.report}\n\n`);
          await gatewayPart(up, timeoutMs, signer);
          process.stdout.write(
            `\nscenario completed in ${Date.now() - t0 - started} ms: every expected status arrived\n`,
          );
          if (o.keep) {
            printKept(up);
            await new Promise<void>((resolve) => {
              for (const signal of STOP_SIGNALS) process.once(signal, resolve);
            });
          }
        } finally {
          await up.stop();
        }
      },
    );
}

/**
 * A throw-away test CA: the nodes trust it, and the edXML package of the gateway part is signed by
 * a signer it certified (never for real documents).
 */
async function demoSigner(): Promise<TestSigningIdentity> {
  const { createTestSigningIdentity } = await import('@lienthong/edxml');
  return createTestSigningIdentity();
}

/** edXML over HTTP: one SDK document fetched as edXML, one edXML package reaching an SDK user. */
async function gatewayPart(up: Embedded, timeoutMs: number, signer: TestSigningIdentity): Promise<void> {
  const [gw, { credentialsDir }, { HttpTokenStore, httpTokensFile }] = await Promise.all([
    import('../demo-gateway.js'),
    import('../embedded.js'),
    import('@lienthong/gateway'),
  ]);
  const api = `${up.node.runtime.httpUrl!}/api/v1`;
  process.stdout.write(`edXML gateway at ${api}\n`);
  const token = up.credentials
    ? new HttpTokenStore(httpTokensFile(credentialsDir(up.server.dataDir))).issue(gw.GATEWAY_CAST.http).token
    : undefined;
  await gw.runGatewayDemo({
    servers: up.server.url,
    api,
    ...(token ? { token } : {}),
    credentialsOf: async (agency) => {
      const c = await up.agencyCredentials(agency);
      return c ? { seedFile: c.seedFile } : undefined;
    },
    log: (line) => process.stdout.write(`${line}\n`),
    signal: AbortSignal.timeout(timeoutMs),
    signer,
  });
}

/** Where the broker left running by `demo --keep` is, and how to sign in to it. */
function printKept(up: Embedded): void {
  process.stdout.write(`broker left running at ${up.server.url}; Ctrl-C stops it\n`);
  if (up.ops) process.stdout.write(`operator credentials: --creds ${up.ops.seedFile}\n`);
  if (up.dashboard) {
    process.stdout.write(`dashboard: ${up.dashboard.url}\n`);
    if (up.dashboard.operatorToken) {
      process.stdout.write(`dashboard operator token: ${up.dashboard.operatorToken}\n`);
    }
  }
}

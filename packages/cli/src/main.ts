#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { createLogger } from '@lienthong/node';
import { runDemoScenario } from './demo';
import { startEmbedded } from './embedded';

const program = new Command()
  .name('lienthong')
  .description('Operate lienthong, the 4-level official-document interchange broker')
  .version('0.1.0')
  .option('--debug', 'print stack traces');

program
  .command('up')
  .description('run the embedded default: a local nats-server and every node of a topology')
  .option('-t, --topology <file>', 'topology file (default: deploy/topology.demo.json)')
  .option('-d, --data <dir>', 'where the nats-server keeps its data (default: a temporary directory)')
  .option('-p, --port <port>', 'client port of the local nats-server (default: a free one)', Number)
  .action(async (o: { topology?: string; data?: string; port?: number }) => {
    const log = createLogger({ name: 'lienthong-up' });
    const up = await startEmbedded({
      ...(o.topology ? { topologyFile: o.topology } : {}),
      ...(o.data ? { dataDir: o.data } : {}),
      ...(o.port ? { port: o.port } : {}),
      logger: log,
    });
    process.stdout.write(
      `lienthong is up\n  nats:  ${up.server.url}\n  data:  ${up.server.dataDir}\n  nodes: ${up.node.runtime.nodes.length} (${up.node.runtime.nodes.map((n) => n.id).join(', ')})\nCtrl-C drains and stops.\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stdout.write('draining…\n');
    await up.stop();
  });

program
  .command('demo')
  .description('run the demo scenario on the embedded default and print what the sender sees')
  .option('-d, --data <dir>', 'where the nats-server keeps its data (default: a temporary directory)')
  .option('--keep', 'leave the broker running after the scenario (Ctrl-C stops it)')
  .option('--timeout <ms>', 'give up after this long', Number, 60_000)
  .action(async (o: { data?: string; keep?: boolean; timeout: number }) => {
    const t0 = Date.now();
    const up = await startEmbedded({
      ...(o.data ? { dataDir: o.data } : {}),
      logger: createLogger({ name: 'lienthong-demo', level: process.env.LT_LOG_LEVEL ?? 'warn' }),
    });
    const started = Date.now() - t0;
    process.stdout.write(
      `embedded default up in ${started} ms: nats-server ${up.server.url}, ${up.node.runtime.nodes.length} nodes\n`,
    );
    try {
      const result = await runDemoScenario({
        servers: up.server.url,
        topology: up.topology,
        timeoutMs: o.timeout,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      process.stdout.write(
        `\n${result.report}\n\nscenario completed in ${result.elapsedMs} ms: every expected status arrived\n`,
      );
      if (o.keep) {
        process.stdout.write(`broker left running at ${up.server.url}; Ctrl-C stops it\n`);
        await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      }
    } finally {
      await up.stop();
    }
  });

program.parseAsync().catch((e: unknown) => {
  const err = e as Error & { code?: string };
  process.stderr.write(`lienthong: ${err.code ? `[${err.code}] ` : ''}${err.message}\n`);
  if (program.opts<{ debug?: boolean }>().debug && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

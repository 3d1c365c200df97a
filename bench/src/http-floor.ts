/**
 * What the three HTTP exchanges of a gateway package cost with nothing behind them: a fastify server
 * (the gateway's framework, from the node package's dependencies) in a process of its own answers
 * POST /edocs (a 4.4 KB body), GET /edocs/{id} (4.5 KB back) and POST /edocs/{id}/ack at once, and
 * this process runs scenario 7's cycle against it, 16 in flight, with the bench's HTTP client. The
 * floor under scenario 7's HTTP cost, per process, for each client:
 *
 *   node bench/dist/http-floor.js [--client node-http|fetch] [--packages 5000]
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { HttpClient, httpClientKind } from './lib/http-client';

const WINDOW = 16;

interface Route {
  code(n: number): Route;
  type(t: string): Route;
}
interface Server {
  addContentTypeParser(
    t: string,
    o: { parseAs: 'buffer' },
    f: (r: unknown, b: Buffer, done: (e: null, b: Buffer) => void) => void,
  ): void;
  post(path: string, h: (r: unknown, reply: Route) => Promise<unknown>): void;
  get(path: string, h: (r: unknown, reply: Route) => Promise<unknown>): void;
  listen(o: { port: number; host: string }): Promise<string>;
}

/** The server side, in the forked process: tells its parent its address. */
async function serve(): Promise<void> {
  const req = createRequire(require.resolve('@lienthong/node/package.json'));
  const fastify = (req('fastify') as (o: object) => Server)({ logger: false, bodyLimit: 1 << 20 });
  fastify.addContentTypeParser('application/xml', { parseAs: 'buffer' }, (_r, body, done) =>
    done(null, body),
  );
  const pkg = Buffer.alloc(4500, 'x');
  let n = 0;
  fastify.post('/api/v1/edocs', async (_r, reply) => {
    reply.code(202);
    return { id: `id${n++}`, documentId: 'd', messageType: 'edoc', warnings: [] };
  });
  fastify.get('/api/v1/edocs/:id', async (_r, reply) => {
    reply.type('application/xml');
    return pkg;
  });
  fastify.post('/api/v1/edocs/:id/ack', async () => ({ id: 'x', acknowledged: true, duplicate: false }));
  fastify.get('/cpu', async () => {
    const c = process.cpuUsage();
    return { ms: (c.user + c.system) / 1000 };
  });
  process.send!(await fastify.listen({ port: 0, host: '127.0.0.1' }));
}

const OPTIONS = ['client', 'packages'];

/** The value of `--name`; an option it does not know is refused (a typo would measure the default). */
function option(name: string, dflt: string): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    if (
      !OPTIONS.includes(args[i]!.replace(/^--/, '')) ||
      !args[i]!.startsWith('--') ||
      i + 1 >= args.length
    ) {
      throw new Error(
        `unknown or incomplete option '${args[i]}'; options: --client node-http|fetch, --packages N`,
      );
    }
  }
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1]!;
}

async function main(): Promise<void> {
  const kind = httpClientKind(option('client', 'node-http'), '--client');
  const packages = Number(option('packages', '5000'));
  if (!Number.isInteger(packages) || packages < 1)
    throw new Error('--packages wants a positive whole number');
  const server = fork(__filename, ['serve']);
  try {
    const base = await new Promise<string>((resolve) => server.once('message', (m) => resolve(String(m))));
    const http = new HttpClient(`${base}/api/v1`, kind);
    const body = Buffer.alloc(4400, 'y');
    const one = async (): Promise<void> => {
      const p = JSON.parse(
        (await http.call('POST', '/edocs', { 'content-type': 'application/xml' }, body)).body.toString(),
      ) as { id: string };
      await http.call('GET', `/edocs/${p.id}`, {});
      await http.call('POST', `/edocs/${p.id}/ack`, {});
    };
    const run = async (n: number): Promise<void> => {
      let i = 0;
      await Promise.all(
        Array.from({ length: WINDOW }, async () => {
          while (i++ < n) await one();
        }),
      );
    };
    const serverCpu = async (): Promise<number> =>
      (
        JSON.parse((await new HttpClient(base, kind).call('GET', '/cpu', {})).body.toString()) as {
          ms: number;
        }
      ).ms;
    await run(1000);
    const s0 = await serverCpu();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run(packages);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const s1 = await serverCpu();
    http.close();
    console.log(
      JSON.stringify({
        client: kind,
        packages,
        packagesPerSec: Math.round((packages * 1000) / ms),
        clientMsPerPackage: Number(((c.user + c.system) / 1000 / packages).toFixed(3)),
        serverMsPerPackage: Number(((s1 - s0) / packages).toFixed(3)),
      }),
    );
  } finally {
    server.kill();
  }
}

if (process.argv[2] === 'serve') void serve();
else
  main().catch((e: unknown) => {
    process.stderr.write(`http-floor: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });

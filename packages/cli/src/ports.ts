import net from 'node:net';
import { CliError } from './errors';

/**
 * Refuses, in one line, a port another program already listens on, before anything starts: the
 * nats-server's own report of the clash comes last in a long banner, and the HTTP server's after log
 * lines.
 */
export async function assertPortFree(host: string, port: number, what: string, hint: string): Promise<void> {
  const code = await new Promise<string | undefined>((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(undefined)));
  });
  if (code === undefined) return;
  const why =
    code === 'EADDRINUSE'
      ? 'address already in use (another program listens there)'
      : code === 'EACCES'
        ? 'permission denied (ports below 1024 need root)'
        : code;
  throw new CliError('FailedPrecondition', `cannot listen on ${host}:${port} (${what}): ${why}`, { hint });
}

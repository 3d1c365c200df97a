#!/usr/bin/env -S node --max-semi-space-size=32
/**
 * `lienthong`: the registry of command groups. Each group lives in `commands/<group>.ts`; adding a
 * group is one import and one line here.
 */
import { registerAgency } from './commands/agency';
import { registerBench } from './commands/bench';
import { registerCheck } from './commands/check';
import { registerContext } from './commands/context';
import { registerCreds } from './commands/creds';
import { registerEdxmlGateway } from './commands/edxml-gateway';
import { registerDemo } from './commands/demo';
import { registerDlq } from './commands/dlq';
import { registerDoc } from './commands/doc';
import { registerEdxml } from './commands/edxml';
import { registerNode } from './commands/node';
import { registerStats } from './commands/stats';
import { registerTopology } from './commands/topology';
import { registerUp } from './commands/up';
import { registerSecurity } from './commands/security';
import { createProgram, run } from './program';

// `pnpm lienthong …` runs in the repository's root, wherever it was typed (a subdirectory, or
// `pnpm -C <repo>` from elsewhere): a relative path given to it (a document file, `--data`,
// `--topology`, a seed file) is the user's, from the directory pnpm was called in.
if (process.env.npm_lifecycle_event === 'lienthong' && process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}

// `lienthong doc track … | head -5`: the reader has gone; stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit();
    throw e;
  });
}

const program = createProgram();

registerUp(program);
registerDemo(program);
registerNode(program);
registerAgency(program);
registerDoc(program);
registerDlq(program);
registerStats(program);
registerCheck(program);
registerTopology(program);
registerSecurity(program);
registerContext(program);
registerCreds(program);
registerBench(program);
registerEdxml(program);
// After `registerEdxml`: `send` and `get` join its `edxml` group.
registerEdxmlGateway(program);

void run(program).then(() => {
  // The command is over: a socket the NATS client left open (it does after a failed handshake) must
  // not keep the process alive past the answer. Unref'd, so a clean exit is not delayed.
  setTimeout(() => process.exit(), 200).unref();
});

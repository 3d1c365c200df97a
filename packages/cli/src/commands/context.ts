import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkContextName, contextsPath, getContext, loadContexts, saveContexts } from '../contexts';
import type { Context } from '../contexts';
import { invalid } from '../errors';
import { printJson, table, write } from '../output';
import { readCreds, resolveSettings } from '../settings';
import type { GlobalOptions } from '../settings';

/** `lienthong context add|ls|use|rm`: named server settings in $XDG_CONFIG_HOME/lienthong/contexts.json. */
export function registerContext(program: Command): void {
  const context = program
    .command('context')
    .description(`named server settings (${contextsPath().replace(process.env.HOME ?? '\u0000', '~')})`);
  contextAdd(context);
  contextLs(context);
  contextUse(context);
  contextRm(context);
}

/** `add`: save server settings under a name: lienthong context add h41 -s nats://… --creds FILE. */
function contextAdd(context: Command): void {
  context
    .command('add')
    .description('save server settings under a name: lienthong context add h41 -s nats://… --creds FILE')
    .argument('<name>', 'context name')
    .option('--description <text>', 'what this server is')
    .option('--use', 'select it as well')
    .action((name: string, o: { description?: string; use?: boolean }, cmd: Command) => {
      checkContextName(name);
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (!g.server)
        throw invalid('a context needs a server', 'lienthong context add NAME -s nats://host:4222');
      if (g.creds) readCreds(g.creds); // refuse a file that cannot be used
      const given = resolveSettings({ ...g, context: undefined }).tls;
      const tls = given
        ? Object.fromEntries(Object.entries(given).map(([k, v]) => [k, resolve(v as string)]))
        : undefined;
      const ctx: Context = {
        server: g.server,
        ...(g.creds ? { creds: resolve(g.creds) } : {}),
        ...(g.domain ? { domain: g.domain } : {}),
        ...(g.timeout ? { timeoutMs: g.timeout } : {}),
        ...(tls ? { tls } : {}),
        ...(o.description ? { description: o.description } : {}),
      };
      const file = loadContexts();
      const replaced = file.contexts[name] !== undefined;
      saveContexts({
        ...(o.use ? { current: name } : file.current !== undefined ? { current: file.current } : {}),
        contexts: { ...file.contexts, [name]: ctx },
      });
      write(
        `${replaced ? 'updated' : 'added'} context ${name}: ${ctx.server}${o.use ? ' (selected)' : ''}\n`,
      );
    });
}

/** `ls`: list the saved contexts; * marks the selected one. */
function contextLs(context: Command): void {
  context
    .command('ls')
    .description('list the saved contexts; * marks the selected one')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const file = loadContexts();
      const rows = Object.entries(file.contexts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, c]) => ({ name, selected: name === file.current, ...c }));
      if (o.json) {
        printJson(rows);
        return;
      }
      if (rows.length === 0) {
        write('no contexts; add one with `lienthong context add NAME -s URL`\n');
        return;
      }
      write(
        table(rows, [
          { header: '', value: (r) => (r.selected ? '*' : '') },
          { header: 'NAME', value: (r) => r.name },
          { header: 'SERVER', value: (r) => r.server },
          { header: 'CREDS', value: (r) => r.creds ?? '-' },
          { header: 'DOMAIN', value: (r) => r.domain ?? '-' },
          { header: 'DESCRIPTION', value: (r) => r.description ?? '', max: 40 },
        ]),
      );
    });
}

/** `use`: select a context for commands without -s or --context (LT_SERVER still wins over it). */
function contextUse(context: Command): void {
  context
    .command('use')
    .description('select a context for commands without -s or --context (LT_SERVER still wins over it)')
    .argument('<name>', 'context name')
    .action((name: string) => {
      const file = loadContexts();
      getContext(file, name);
      saveContexts({ ...file, current: name });
      write(`selected context ${name}: ${file.contexts[name]!.server}\n`);
    });
}

/** `rm`: remove a saved context. */
function contextRm(context: Command): void {
  context
    .command('rm')
    .description('remove a saved context')
    .argument('<name>', 'context name')
    .action((name: string) => {
      const file = loadContexts();
      getContext(file, name);
      const { [name]: _removed, ...rest } = file.contexts;
      saveContexts({
        ...(file.current !== undefined && file.current !== name ? { current: file.current } : {}),
        contexts: rest,
      });
      write(`removed context ${name}\n`);
    });
}

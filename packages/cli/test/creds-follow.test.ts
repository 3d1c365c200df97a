/**
 * `lienthong creds follow` beside a province's own server: the province's JetStream domain (`h41`, a
 * leaf of the centre's `central`) mirrors the centre's directory, and its nats-server includes the
 * `auth.conf` of a credentials folder kept with it. An agency moved at the centre is served at its
 * new home in the province without anyone running `creds apply`: the follower rewrites the block
 * and makes the province's server reload it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUTH_CONFIG, CredentialStore, createLogger, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startLeafTree } from '@lienthong/testkit';
import type { LeafTree } from '@lienthong/testkit';
import { demoDomainTopology, nodesInDomain } from '../../../tests/support';
import { background, eventually, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(90_000);

const MOVER = '000.02.43.H41'; // commune Yên Thành 2, moved to Quỳnh Lưu 1's node at the centre
const RECIPIENT = '000.01.43.H41'; // commune Yên Thành 1
const NEW_HOME = 'h41-quynhluu-xa1';

describe('lienthong creds follow (a province domain with its own server)', () => {
  const topology = demoDomainTopology();
  const data = tempDir('lt-creds-follow-');
  const store = CredentialStore.open(path.join(data, 'credentials'));
  const h41 = nodesInDomain(topology, 'h41');
  const node = store.issue({ kind: 'node', name: 'h41', nodes: h41 }, topology);
  const ops = store.issue({ kind: 'ops', name: 'admin' }, topology);
  const mover = store.issue({ kind: 'agency', agency: MOVER }, topology);
  const recipient = store.issue({ kind: 'agency', agency: RECIPIENT }, topology);
  store.writeAuthConfig(topology, path.join(data, AUTH_CONFIG));
  const pidFile = path.join(data, 'nats-h41.pid');
  let tree: LeafTree;
  const nodes: RunningNode[] = [];
  const clients: LienthongClient[] = [];
  const log = createLogger({ name: 'creds-follow', level: 'error' });

  beforeAll(async () => {
    tree = await startLeafTree({
      hubDomain: 'central',
      leaves: ['h41'],
      include: { h41: [path.join(data, AUTH_CONFIG)] },
    });
    writeFileSync(pidFile, `${tree.leaves.h41!.pid}\n`);
    const centre = nodesInDomain(topology, 'central');
    nodes.push(
      await startNode({ servers: tree.hub.url, topology, nodes: centre, domain: 'central' }, { logger: log }),
    );
    nodes.push(
      await startNode(
        {
          servers: tree.leaves.h41!.url,
          topology,
          nodes: h41,
          domain: 'h41',
          auth: { seedFile: node.seedFile, inboxPrefix: node.inboxPrefix },
        },
        { logger: log },
      ),
    );
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await tree?.stop();
    await killAll();
  });

  it('refuses to start without a server to reload, or with a pid file that names none', async () => {
    const r = await lienthong(['creds', 'follow', '--data', data, '-s', tree.leaves.h41!.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no nats-server runs on ${data}: name the one to reload`);
    expect(r.stderr).toContain('--server-pid-file FILE');
    const typo = await lienthong([
      'creds',
      'follow',
      '--data',
      data,
      '--server-pid-file',
      path.join(data, 'nats-h14.pid'),
      '-s',
      tree.leaves.h41!.url,
    ]);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain(`cannot read the server's pid file ${path.join(data, 'nats-h14.pid')}`);
  });

  it('an agency moved at the centre is served at its new home in the province at once', async () => {
    const follow = background([
      'creds',
      'follow',
      '--data',
      data,
      '--server-pid-file',
      pidFile,
      '-s',
      tree.leaves.h41!.url,
      '--domain',
      'h41',
      '--creds',
      ops.seedFile,
    ]);
    await follow.waitFor(
      /following the directory of nats:\/\/\S+ \(domain h41\): \S+auth\.conf kept in step/,
    );
    const moved = await lienthong(['agency', 'move', MOVER, '--to', NEW_HOME, '-s', tree.hub.url]);
    expect([moved.code, moved.stderr]).toEqual([0, '']);
    // The province's mirror brings the move; the follower rewrites the block and reloads the server.
    await follow.waitFor(
      new RegExp(
        `directory changed: \\d+ identities allowed; server signalled to reload \\(pid ${tree.leaves.h41!.pid}\\)`,
      ),
    );
    expect(readFileSync(path.join(data, AUTH_CONFIG), 'utf8')).toContain(
      `lt.v1.commune.${NEW_HOME}.submit.000_02_43_H41`,
    );
    const opts = { servers: tree.leaves.h41!.url, domain: 'h41', defaultTimeoutMs: 5_000 };
    const from = await eventually(() =>
      connect({ ...opts, agency: MOVER, credentials: { seedFile: mover.seedFile } }),
    );
    clients.push(from);
    expect(from.homeNode.id).toBe(NEW_HOME);
    const to = await connect({ ...opts, agency: RECIPIENT, credentials: { seedFile: recipient.seedFile } });
    clients.push(to);
    const documentId = `${MOVER},2026/12/02,1/UBND-VP`;
    // The server applies the new block moments after the signal: until then the new subject is refused.
    await eventually(() => from.send({ documentId, subject: 'Gửi từ nơi mới', to: [{ code: RECIPIENT }] }));
    const inbox = to.inbox();
    const timer = setTimeout(() => void inbox.stop(), 20_000);
    let got: string | undefined;
    for await (const item of inbox) {
      got = item.documentId;
      await item.ack();
      break;
    }
    clearTimeout(timer);
    await inbox.stop();
    expect(got).toBe(documentId);
    expect(await follow.stop('SIGTERM')).toBe(0);
  });
});

/**
 * The directory answers (GET /api/v1/agencies, the VXP getAgenciesList, getAgenciesListQD20 and
 * getSynchronizeUnit) are rendered once per directory version: a change of the directory is in the
 * next answer, and every request is still checked against the directory as it is now.
 * scripts/gateway-request-cost.mjs measures what they cost on the national tree.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { parseTopology } from '@lienthong/core';
import type { Topology, TopologyJson } from '@lienthong/core';
import type { HttpPluginContext } from '@lienthong/node';
import { gatewayPlugin, vxpPlugin } from '@lienthong/gateway';
import type { GatewayHost, GatewayPlugin } from '@lienthong/gateway';
import { SAMPLES_TOPOLOGY } from './harness';
import { readFileSync } from 'node:fs';

const H41 = '000.00.00.H41';
const ADDED = '000.00.77.H41';

const base = JSON.parse(readFileSync(SAMPLES_TOPOLOGY, 'utf8')) as TopologyJson;
const withAdded: TopologyJson = {
  ...base,
  agencies: [...base.agencies, { code: ADDED, name: 'Cơ quan mới', tier: 'province', homeNode: 'h41' }],
};
// H41 leaves the directory: its requests are refused at once, cached answers or not.
const withoutH41: TopologyJson = { ...withAdded, agencies: withAdded.agencies.filter((a) => a.code !== H41) };

/** A node host whose directory can change, as the node's follows `lt_directory`. */
function hostOf(t: Topology): GatewayHost & { topology: Topology } {
  return {
    topology: t,
    nodes: t.nodes(),
    readiness: () => ({ ok: true }),
  } as unknown as GatewayHost & { topology: Topology };
}

describe('directory answers, rendered once per directory version', () => {
  const host = hostOf(parseTopology(base));
  let app: FastifyInstance;
  let gw: GatewayPlugin;
  let url = '';

  beforeAll(async () => {
    app = Fastify();
    gw = gatewayPlugin({ auth: { mode: 'none' }, connect: () => Promise.reject(new Error('unused')) });
    const ctx = { host, log: undefined } as unknown as HttpPluginContext;
    for (const p of [gw, vxpPlugin({ gateway: () => gw.gateway })]) {
      await app.register(async (scope) => p.register(scope, ctx), { prefix: p.prefix! });
    }
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await gw.gateway?.close();
  });

  const agencies = async () => {
    const r = await fetch(`${url}/api/v1/agencies`, { headers: { 'x-lienthong-agency': H41 } });
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
  };
  const vxp = async (verb: string) => {
    const r = await fetch(`${url}/vxp/${verb}`, { method: 'POST', headers: { 'xroadvnpt-from': H41 } });
    return (await r.json()) as { status: string; ErrorCode: string; data?: { code: string }[] };
  };
  const codes = (body: string) => (JSON.parse(body) as { code: string; name: string }[]).map((a) => a.code);
  const verbs = ['getAgenciesList', 'getAgenciesListQD20', 'getSynchronizeUnit'];

  it('answers the same list again, and the changed list once the directory changes', async () => {
    const first = await agencies();
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/json; charset=utf-8');
    const listed = codes(first.body);
    expect(listed).toEqual(base.agencies.map((a) => a.code).sort());
    expect((await agencies()).body).toBe(first.body);
    for (const v of verbs) expect((await vxp(v)).data!.map((a) => a.code)).toEqual(listed);

    host.topology = parseTopology(withAdded);
    const after = JSON.parse((await agencies()).body) as { code: string; name: string }[];
    expect(after.map((a) => a.code)).toContain(ADDED);
    expect(after.find((a) => a.code === ADDED)!.name).toBe('Cơ quan mới');
    for (const v of verbs) expect((await vxp(v)).data!.map((a) => a.code)).toContain(ADDED);
  });

  it('refuses a caller that left the directory, though its answer was rendered', async () => {
    host.topology = parseTopology(withoutH41);
    expect((await agencies()).status).toBe(403);
    for (const v of verbs) expect(await vxp(v)).toMatchObject({ status: 'FAIL', ErrorCode: '15' });
  });
});

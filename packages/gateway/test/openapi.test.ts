import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyFile } from '@lienthong/node';
import { HealthServer, NodeMetrics } from '@lienthong/node/internal';
import { SAMPLES_TOPOLOGY } from './harness';
import { ROUTES, gatewayPlugin, openApiDocument } from '@lienthong/gateway';

/** The OpenAPI document kept in the repo matches the routes the gateway serves. */
describe('openapi.json', () => {
  const kept = JSON.parse(readFileSync(resolve(__dirname, '../openapi.json'), 'utf8')) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is the document generated from the route table (regenerate: node packages/gateway/scripts/openapi.mjs)', () => {
    expect(kept).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(kept.openapi).toBe('3.1.0');
  });

  it('reads well to code generators: enums not anyOf of constants, no const, no $id inside a schema', () => {
    const text = JSON.stringify(kept);
    expect(text).not.toContain('"const"');
    expect(text).not.toContain('"$id"');
    expect(text).not.toContain('"anyOf"');
    const received = kept.paths['/api/v1/edocs/received']!['get'] as unknown as {
      parameters: { name: string; schema: unknown }[];
    };
    expect(received.parameters.find((p) => p.name === 'messageType')?.schema).toEqual({
      type: 'string',
      enum: ['edoc', 'status'],
    });
    const getEdoc = kept.paths['/api/v1/edocs/{id}']!['get']!.responses['200'] as { headers?: object };
    expect(Object.keys(getEdoc.headers ?? {})).toEqual(['X-Lienthong-Edxml-Signature']);
    expect(kept.components.schemas['Refusal']).toBeDefined();
  });

  it('documents exactly the routes fastify serves, and every $ref resolves', async () => {
    const plugin = gatewayPlugin({
      auth: { mode: 'none' },
      connect: () => Promise.reject(new Error('not used')),
    });
    const host = {
      topology: loadTopologyFile(SAMPLES_TOPOLOGY),
      nodes: [],
      readiness: () => ({ ok: true }),
    };
    const server = new HealthServer(
      new NodeMetrics(),
      { ready: () => ({ ok: true }) },
      [plugin],
      undefined,
      host,
    );
    const app = await server.build();
    try {
      const documented: string[] = [];
      for (const [path, ops] of Object.entries(kept.paths)) {
        for (const method of Object.keys(ops)) {
          documented.push(`${method.toUpperCase()} ${path}`);
          const url = path.replace(/\{([a-zA-Z]+)\}/g, ':$1');
          expect([method, path, app.hasRoute({ method: method.toUpperCase() as 'GET', url })]).toEqual([
            method,
            path,
            true,
          ]);
        }
      }
      expect(documented.sort()).toEqual(
        ROUTES.map((r) => `${r.method} /api/v1${r.url.replace(/:([a-zA-Z]+)/g, '{$1}')}`).sort(),
      );
    } finally {
      await app.close();
    }
    const { url } = await server.listen(0);
    try {
      const served = await fetch(`${url}/api/v1/openapi.json`);
      expect(served.status).toBe(200);
      expect(await served.json()).toEqual(kept);
      // The routes that act for an agency are refused without credentials.
      expect((await fetch(`${url}/api/v1/edocs/received`)).status).toBe(401);
    } finally {
      await server.close();
    }
    const refs = JSON.stringify(kept).match(/"\$ref":"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs)
      expect(Object.keys(kept.components.schemas)).toContain(r.split('/').at(-1)!.replace('"', ''));
  });
});

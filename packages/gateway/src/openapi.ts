import type { TSchema } from '@sinclair/typebox';
import { ErrorBody, inline } from './schemas';
import { API_PREFIX, ROUTES } from './route-table';

const REASONS: Record<number, string> = {
  400: 'Bad request: a package that is not well-formed edXML (details: line, column, reason), recipients not in the directory (details: recipients), or bad parameters',
  401: 'No valid credentials (missing, unknown or revoked token)',
  403: "The package's From, or the item, is another agency's; or the agency is not hosted by this node",
  404: 'No such item (or no such document sent by the caller)',
  409: 'The status does not follow from the earlier ones; or another package of a document already sent names a recipient the first did not (recipients are added by an update)',
  413: 'The package is over the limit (the attachment limit, 200 MiB by default)',
  415: 'The body is not of the media type the operation takes (an edXML package: application/xml or text/xml; JSON: application/json); the message names both',
  429: 'Backpressure: the agency has as many submissions waiting as it may; retry after Retry-After seconds',
  503: 'Not ready: the node is starting, draining or disconnected from NATS, or (refusals) the last week is still being read back; ask again, after Retry-After seconds when given',
};

/** The OpenAPI 3.1 document of `/api/v1`, built from the same route table and schemas as the routes. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const path = `${API_PREFIX}${r.url.replace(/:([a-zA-Z]+)/g, '{$1}')}`;
    const parameters = [
      ...props(r.params).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...props(r.query).map(([name, schema, required]) => ({ name, in: 'query', required, schema })),
    ];
    const responses: Record<string, unknown> = {
      [String(r.success.status)]: {
        description: 'OK',
        ...(r.success.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(r.success.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(r.success.xml
          ? { content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } } }
          : r.success.schema
            ? { content: { 'application/json': { schema: ref(r.success.schema) } } }
            : { content: { 'application/json': { schema: { type: 'object' } } } }),
      },
    };
    for (const e of r.errors) {
      responses[String(e)] = {
        description: REASONS[e] ?? 'Error',
        ...(e === 429 || e === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.auth ? {} : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body === 'xml'
        ? {
            requestBody: {
              required: true,
              content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : r.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: inline(r.body) } } } }
          : {}),
      responses,
    };
  }
  const schemas: Record<string, unknown> = { Error: inline(ErrorBody) };
  for (const r of ROUTES) collect(r.success.schema, schemas);
  for (const [path, ops] of Object.entries(paths)) paths[path] = tidy(ops, schemas) as typeof ops;
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = tidy(schema, schemas, true);
  return {
    openapi: '3.1.0',
    info: {
      title: 'lienthong edXML gateway',
      version: '1.0.0',
      description:
        'Post and fetch edXML packages (QCVN 102:2016) through a lienthong node. A package posted here is carried byte for byte to each recipient; statuses travel as Status packages. Authenticate with `Authorization: Bearer <token>` (`lienthong creds issue agency CODE --http-token`).',
    },
    servers: [{ url: 'http://127.0.0.1:9464' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
  };
}

function props(s: TSchema | undefined): [string, unknown, boolean][] {
  if (!s) return [];
  const o = s as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(o.properties ?? {}).map(([k, v]) => [k, v, (o.required ?? []).includes(k)]);
}

function ref(s: TSchema): unknown {
  const id = (s as { $id?: string }).$id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const items = (s as { items?: TSchema }).items;
  if ((s as { type?: string }).type === 'array' && items) return { type: 'array', items: ref(items) };
  return inline(s);
}

function collect(s: TSchema | undefined, out: Record<string, unknown>): void {
  if (!s) return;
  const id = (s as { $id?: string }).$id;
  if (id) out[id] = inline(s);
  const items = (s as { items?: TSchema }).items;
  if (items) collect(items, out);
}

/**
 * What code generators (OpenAPI Generator, NSwag) read best: a choice of constants as an `enum` (a
 * TypeBox union of literals is an `anyOf` of `const`s), and a schema with an `$id` inside another
 * as a `$ref` to `components/schemas`.
 */
function tidy(node: unknown, schemas: Record<string, unknown>, top = false): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n, schemas));
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (!top && typeof o['$id'] === 'string') {
    const { $id: id, ...rest } = o;
    schemas[id as string] ??= tidy(rest, schemas, true);
    return { $ref: `#/components/schemas/${id as string}` };
  }
  const choices = o['anyOf'];
  if (Array.isArray(choices) && choices.length > 0 && choices.every((c) => isConst(c))) {
    const { anyOf: _choices, ...rest } = o;
    const types = new Set(choices.map((c) => typeof (c as { const: unknown }).const));
    return {
      ...(types.size === 1 ? { type: [...types][0] } : {}),
      enum: choices.map((c) => (c as { const: unknown }).const),
      ...(tidy(rest, schemas, top) as object),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    // A single constant (`acknowledged: true`) too: OpenAPI 3.0 generators know no `const`.
    if (k === 'const' && !('enum' in o)) out['enum'] = [v];
    else out[k] = tidy(v, schemas);
  }
  return out;
}

function isConst(c: unknown): boolean {
  return (
    c !== null &&
    typeof c === 'object' &&
    'const' in c &&
    Object.keys(c).every((k) => k === 'const' || k === 'type')
  );
}

/**
 * The JSON config file of a level service, as one TypeBox schema: the type the code reads, the check
 * a file must pass (an unknown or misspelt key is an error with its path, not ignored), and the
 * JSON Schema of `deploy/services/*.json` (`scripts/service-schema.mjs` writes it from this one).
 */
import { Type } from '@sinclair/typebox';
import type { Static, TSchema } from '@sinclair/typebox';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { LienthongError, parseJsonText } from '@lienthong/core';
import { parseNatsServerUrl, serverListOf } from '@lienthong/infra';

/** Every object of the file: only the keys the schema names. */
const strict = <T extends Parameters<typeof Type.Object>[0]>(props: T, description: string) =>
  Type.Object(props, { additionalProperties: false, description });
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const ms = (description: string) => optional(Type.Integer({ minimum: 0, description }));
const atLeastOne = (description: string) => optional(Type.Integer({ minimum: 1, description }));
const text = (description: string) => optional(Type.String({ minLength: 1, description }));

const Limits = strict(
  {
    maxEnvelopeBytes: atLeastOne('largest envelope accepted, in bytes (1 MiB)'),
    hopLimit: atLeastOne('hops an envelope may take before it is treated as a routing loop (16)'),
    maxAttachmentBytes: atLeastOne('largest attachment accepted, in bytes (200 MiB)'),
    maxInlineAttachmentBytes: ms('largest attachment carried inside a document, in bytes (256 KiB)'),
    attachmentWaitMs: ms("how long a document waits for its attachments' content (10 min)"),
    attachmentTransfers: atLeastOne('attachment copies and verifications at once per process (2)'),
    uploadBytesPerSecond: ms('attachment bytes one agency may upload per second (16 MiB); 0: no pace'),
    uploadBurstBytes: ms('attachment bytes one agency may upload at once beyond its pace (256 MiB)'),
    uploadUnreferencedBytes: ms(
      'uploaded bytes one agency may hold that no document references yet (1 GiB); 0: no bound',
    ),
  },
  'node limits (NodeLimits)',
);

const Retention = strict(
  {
    inboxMaxAgeMs: ms('how long inbox items are kept; the duplicate-suppression horizon (30 days)'),
    trackMaxAgeMs: ms('how long tracking changes stay replayable (30 days)'),
    deadMaxAgeMs: ms('how long dead letters are kept (90 days)'),
    duplicateWindowMs: ms("JetStream's duplicate window of the custody streams (10 min)"),
    attachmentMaxAgeMs: ms('how long attachment content outlives its last reference (the inbox age)'),
    attachmentGraceMs: ms('how long unreferenced new content is kept (1 h)'),
    attachmentSweepIntervalMs: ms('how often unreferenced content is swept; 0: never (10 min)'),
  },
  'retention (RetentionConfig)',
);

const SubmitLimits = strict(
  {
    perSecond: optional(Type.Number({ minimum: 0, description: 'submissions per second; 0: unlimited' })),
    burst: optional(Type.Integer({ minimum: 0, description: 'submissions beyond the pace at once' })),
    bytesPerSecond: optional(Type.Number({ minimum: 0, description: 'bytes per second; 0: unlimited' })),
  },
  'an agency pace',
);

const Flow = strict(
  {
    maxQueuedPerAgency: atLeastOne(
      'submissions one agency may have waiting at its home node, per lane (1000)',
    ),
    maxQueuedPerNeighbour: atLeastOne('envelopes one neighbour may have waiting at a node, per lane (1000)'),
    maxQueuedBytes: optional(
      Type.Integer({ minimum: -1, description: 'bytes LT_SUBMIT and LT_RELAY may hold; -1: no bound' }),
    ),
    defaultSubmitLimits: optional(SubmitLimits),
  },
  'flow control (docs/OPERATIONS.md)',
);

const EdxmlPolicy = Type.Union([Type.Literal('accept'), Type.Literal('refuse')], {
  description:
    'accept (carry the verdict, flag anything but valid; the default) or refuse anything but valid',
});

export const ServiceConfigSchema = strict(
  {
    $schema: text('the JSON Schema of this file, for editors'),
    servers: Type.Union(
      [Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })],
      {
        description: 'NATS server URL(s) of the home server',
      },
    ),
    topology: Type.String({ minLength: 1, description: 'the topology file, relative to this file' }),
    nodes: optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'nodes to host; default every node of the level',
      }),
    ),
    domain: text('JetStream domain of the home server'),
    name: text('name on the NATS connection and in logs'),
    logLevel: optional(
      Type.Union(
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
        {
          description: 'pino log level',
        },
      ),
    ),
    concurrency: atLeastOne('messages of one consumer processed at once (64)'),
    overdue: optional(
      strict(
        {
          fixedMs: ms('fixed time a recipient has to confirm 01; default the next working morning'),
          sweepIntervalMs: atLeastOne('how often the overdue sweep runs (60 s)'),
        },
        'overdue confirmation',
      ),
    ),
    limits: optional(Limits),
    retention: optional(Retention),
    http: optional(
      strict(
        {
          port: Type.Integer({ minimum: 0, maximum: 65535, description: '0 picks a free port' }),
          host: text('address to listen on (127.0.0.1)'),
        },
        '/metrics, /healthz and /readyz',
      ),
    ),
    dashboard: optional(
      Type.Union(
        [
          Type.Literal(false),
          strict(
            {
              operatorTokenFile: text(
                "file holding the operator's sign-in token (a line of text), relative to this file",
              ),
            },
            'dashboard settings',
          ),
        ],
        {
          description:
            'the web dashboard at / of the HTTP port: on whenever http is set; false turns it off; without operatorTokenFile nobody signs in as operator',
        },
      ),
    ),
    gateway: optional(
      strict(
        {
          tokensFile: text(
            "the agencies' HTTP tokens (`lienthong creds issue agency CODE --http-token` writes credentials/http-tokens.json; its key file lies beside it), relative to this file",
          ),
          noAuth: optional(
            Type.Boolean({
              description: 'no tokens: callers name their agency in X-Lienthong-Agency (development only)',
            }),
          ),
          vxp: optional(Type.Boolean({ description: 'the VXP endpoint at /vxp beside /api/v1 (true)' })),
          maxPackageBytes: atLeastOne('largest package accepted, in bytes (200 MiB)'),
          capacityWaitMs: ms(
            "how long a POST or ack whose agency's queue at its home node is full waits for room before it is answered 429 (2,000; 0: at once)",
          ),
          seedFile: text(
            "the gateway's NATS identity (`lienthong creds issue gateway NAME --nodes ID,…`), relative to this file: it may act only for the agencies of those nodes",
          ),
        },
        'the edXML gateway at /api/v1 on the HTTP port (docs/EDXML.md); needs http, and tokensFile or noAuth',
      ),
    ),
    replicas: optional(
      Type.Integer({ minimum: 1, maximum: 5, description: 'stream and bucket replicas (1)' }),
    ),
    security: optional(
      strict(
        {
          requireSignatures: optional(
            Type.Boolean({ description: 'refuse unsigned submissions from every agency' }),
          ),
          maxSignatureAgeMs: ms('refuse signatures older than this (the inbox age)'),
          maxClockSkewMs: ms('tolerated clock difference of future-dated signatures (5 min)'),
          trustAnchors: optional(
            Type.Array(Type.String({ minLength: 1 }), { description: 'PEM certificates' }),
          ),
        },
        'signature checks at intake (docs/SECURITY.md)',
      ),
    ),
    edxmlSignatures: optional(
      strict(
        {
          policy: optional(EdxmlPolicy),
          senders: optional(
            Type.Record(Type.String({ pattern: '^[0-9A-Z.]+$' }), EdxmlPolicy, {
              description: 'policy per sending agency code, over `policy`',
              additionalProperties: false,
            }),
          ),
          trustAnchorFiles: optional(
            Type.Array(Type.String({ minLength: 1 }), {
              description:
                'PEM (or DER) certificates of the CAs whose signers are trusted, relative to this file; none by default',
            }),
          ),
          crlFiles: optional(
            Type.Array(Type.String({ minLength: 1 }), {
              description: 'CRLs (PEM or DER) the operator provides, relative to this file',
            }),
          ),
        },
        'edXML signature verdicts at intake (docs/EDXML.md "Signatures")',
      ),
    ),
    auth: optional(
      strict(
        {
          user: text('user name'),
          pass: optional(Type.String({ description: 'password' })),
          token: text('token'),
          nkeySeed: text('the nkey seed itself (prefer seedFile)'),
          seedFile: text('nkey seed file from `lienthong creds issue node`, relative to this file'),
          inboxPrefix: text('the inbox prefix the identity was issued with'),
        },
        "the process's NATS identity",
      ),
    ),
    tls: optional(
      strict(
        {
          caFile: text('CA to trust, relative to this file'),
          certFile: text('client certificate, relative to this file'),
          keyFile: text('client key, relative to this file'),
        },
        'TLS files',
      ),
    ),
    flow: optional(Flow),
    domainShortcut: optional(
      Type.Boolean({
        description:
          'within one JetStream domain, publish straight to the last node of the path still in it (true); false hands on node by node',
      }),
    ),
    crossDomainBatches: optional(
      Type.Boolean({
        description:
          'transport events waiting for the same relay queue in another JetStream domain go as one message (true); false until the nodes across the border run a version that reads them',
      }),
    ),
  },
  'The config file of a lienthong level service (lienthong-central, -province, -district, -commune --config FILE)',
);

/** The JSON config file of one service process. Paths are relative to the file. */
export type ServiceConfigFile = Static<typeof ServiceConfigSchema>;

/** What the key is for, from the schema's description. */
function about(e: ValueError): string {
  const d: unknown = e.schema.description;
  return typeof d === 'string' ? ` (${d})` : '';
}

/** The problem a schema error names, in words, at its path (`/limits/maxAttachmentBytes`). */
function describe(e: ValueError): string {
  const at = e.path === '' ? '(top level)' : e.path;
  switch (e.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return `${at}: unknown key (see deploy/service-config.schema.json for the keys there are)`;
    case ValueErrorType.ObjectRequiredProperty:
      return `${at}: missing`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `${at}: ${JSON.stringify(e.value)} is too small; at least ${String(e.schema.minimum)}${about(e)}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `${at}: ${JSON.stringify(e.value)} is too large; at most ${String(e.schema.maximum)}${about(e)}`;
    default:
      return `${at}: ${e.message}${e.value === undefined ? '' : ` (got ${JSON.stringify(e.value)})`}`;
  }
}

/** The problems of a parsed config file, each with its path; empty when it is valid. */
export function serviceConfigProblems(json: unknown): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of Value.Errors(ServiceConfigSchema, json)) {
    // A union reports each of its branches; one line per path says enough.
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(describe(e));
  }
  if (out.length === 0) out.push(...serverProblems((json as { servers: string | string[] }).servers));
  return out;
}

/**
 * Servers that are not NATS URLs (an `http://` address is the node's HTTP port): the service would
 * otherwise keep trying to reach them for ever, as it does a server that is down.
 */
function serverProblems(servers: string | string[]): string[] {
  return serverListOf(servers).flatMap((s, i) => {
    const a = parseNatsServerUrl(s);
    if (!('problem' in a)) return [];
    const at = typeof servers === 'string' ? '/servers' : `/servers/${i}`;
    return [`${at}: ${a.problem}${a.http ? ' (an HTTP port; servers are NATS client ports)' : ''}`];
  });
}

/** Reads a service config file's text; InvalidArgument listing every problem, each with its path. */
export function parseServiceConfig(textOfFile: string, path: string): ServiceConfigFile {
  let json: unknown;
  try {
    // A syntax error names its line and column, and quotes the line.
    json = parseJsonText(textOfFile, `service config ${path} is not JSON`);
  } catch (e) {
    throw new LienthongError('InvalidArgument', (e as Error).message, { context: { path }, cause: e });
  }
  const problems = serviceConfigProblems(json);
  if (problems.length > 0) {
    throw new LienthongError('InvalidArgument', `service config ${path}:\n  ${problems.join('\n  ')}`, {
      context: { path, problems },
    });
  }
  return json as ServiceConfigFile;
}

/** The JSON Schema document of service config files, as checked in under deploy/services. */
export function serviceConfigJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'lienthong service config',
    ...(JSON.parse(JSON.stringify(ServiceConfigSchema)) as Record<string, unknown>),
  };
}

import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';

/** Request and response schemas of `/api/v1` (TypeBox: JSON Schema for fastify and OpenAPI alike). */

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: "The SDK's error code: InvalidArgument, NotFound, PermissionDenied…" }),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'Error', description: 'Every error answer. Never a stack trace.' },
);

const MessageType = Type.Union([Type.Literal('edoc'), Type.Literal('status')]);

export const SendResponse = Type.Object(
  {
    id: Type.String({ description: 'Stable id of the posted package: a repeat gets the same id' }),
    documentId: Type.String(),
    messageType: MessageType,
    businessDocType: Type.Optional(
      Type.Integer({ description: 'BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace' }),
    ),
    statusCode: Type.Optional(Type.String({ description: 'Two digits: 02-06, 13, 15, 16' })),
    warnings: Type.Array(Type.String()),
    duplicate: Type.Boolean({
      description:
        'This package, or another package of the same document (DocumentId), had been posted before: nothing was sent again',
    }),
  },
  { $id: 'SendResponse' },
);

export const ReceivedItem = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    from: Type.String(),
    messageType: MessageType,
    statusCode: Type.Optional(Type.String()),
    businessDocType: Type.Optional(Type.Integer()),
    receivedAt: Type.String({ format: 'date-time' }),
    signature: Type.String({
      description: "verified, unsigned, unverifiable or invalid: the sender's signature",
    }),
    original: Type.Boolean({
      description: "GET returns the sender's own edXML bytes (else rendered from the document)",
    }),
    lastFailure: Type.Optional(
      Type.Object(
        {
          reason: Type.String(),
          at: Type.String({ format: 'date-time' }),
          count: Type.Integer({ minimum: 1 }),
        },
        {
          description:
            'The reason the caller gave when it last failed this item (POST …/fail), and how often it did',
        },
      ),
    ),
    edxmlSignature: Type.Optional(
      Type.String({
        description: "the verdict on the package's XML signature (details: GET /edocs/{id}/signature)",
      }),
    ),
  },
  { $id: 'ReceivedItem' },
);

export const ReceivedList = Type.Array(ReceivedItem);

export const ReceivedQuery = Type.Object(
  { messageType: Type.Optional(MessageType) },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const AckResponse = Type.Object({
  id: Type.String(),
  acknowledged: Type.Literal(true),
  duplicate: Type.Boolean(),
});

export const FailBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });

export const FailResponse = Type.Object({ id: Type.String(), retryAfterMs: Type.Integer() });

export const SentQuery = Type.Object({ documentId: Type.String({ minLength: 1 }) });

const TimelineEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  transport: Type.Optional(Type.String()),
  statusCode: Type.Optional(Type.String()),
  node: Type.String(),
  description: Type.String(),
  ignored: Type.Boolean(),
  signed: Type.Boolean({ description: "The status carries the responder's signature (a receipt)" }),
});

export const SentRecord = Type.Object(
  {
    recipient: Type.String(),
    transport: Type.String({ description: 'ACCEPTED, RELAYED, DELIVERED, FETCHED or FAILED' }),
    business: Type.String(),
    statusCode: Type.Optional(Type.String()),
    recall: Type.Optional(Type.String()),
    overdue: Type.Boolean(),
    failure: Type.Optional(Type.String()),
    failureDetail: Type.Optional(Type.String()),
    edxmlSignature: Type.Optional(
      Type.String({
        description: "the verdict on the package's XML signature, judged at the sender's home node",
      }),
    ),
    route: Type.Array(Type.String()),
    sentAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    timeline: Type.Array(TimelineEntry),
  },
  { $id: 'SentRecord' },
);

export const SentList = Type.Array(SentRecord);

export const Agency = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    parentCode: Type.String(),
    tier: Type.String({ description: 'central, province, district or commune' }),
    homeNode: Type.String(),
    closedAt: Type.Optional(
      Type.String({
        description: 'a closed code only: when it closed (ISO 8601); tier and homeNode are its successor’s',
      }),
    ),
    successor: Type.Optional(
      Type.String({ description: 'a closed code only: the live agency that succeeds it' }),
    ),
    policy: Type.Optional(
      Type.Union([Type.Literal('redirect'), Type.Literal('refuse')], {
        description:
          'a closed code only: documents still addressed to it go to the successor, or are refused (FAILED AGENCY_CLOSED)',
      }),
    ),
  },
  { $id: 'Agency' },
);

export const AgencyList = Type.Array(Agency);

export const RefusalsQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({
        description: 'only refusals at or after this time (ISO 8601)',
        examples: ['2026-12-06T00:00:00Z'],
      }),
    ),
  },
  { additionalProperties: false },
);

export const Refusal = Type.Object(
  {
    documentId: Type.String(),
    kind: Type.Union([Type.Literal('document'), Type.Literal('status')], {
      description: 'a document the caller sent, or a status it reported (or a recall, 13)',
    }),
    statusCode: Type.Optional(Type.String({ description: 'for a status: its code, two digits' })),
    reason: Type.String({ description: 'e.g. NOT_A_RECIPIENT, UNKNOWN_DOCUMENT, INVALID_STATUS' }),
    detail: Type.String(),
    node: Type.String({ description: 'the node that refused it' }),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Refusal' },
);

export const RefusalList = Type.Object({ refusals: Type.Array(Refusal) });

/** A schema without the `$id` (inlined where fastify and OpenAPI use it). */
export function inline<T extends TSchema>(s: T): T {
  const { $id: _id, ...rest } = s as T & { $id?: string };
  return rest as T;
}

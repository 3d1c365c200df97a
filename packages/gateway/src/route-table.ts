import type { TSchema } from '@sinclair/typebox';
import {
  AckResponse,
  AgencyList,
  FailBody,
  FailResponse,
  IdParams,
  ReceivedList,
  ReceivedQuery,
  RefusalList,
  RefusalsQuery,
  SendResponse,
  SentList,
  SentQuery,
} from './schemas';
import { SignatureResponse } from './edxml-signature';

/** Where the gateway is mounted. */
export const API_PREFIX = '/api/v1';

/** One route: the data both fastify and the OpenAPI document are built from. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** fastify form (`/edocs/:id`). */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly params?: TSchema;
  readonly query?: TSchema;
  /** `xml`: one edXML package as the raw body. */
  readonly body?: TSchema | 'xml';
  readonly success: {
    readonly status: number;
    readonly schema?: TSchema;
    readonly xml?: boolean;
    /** Response headers the answer may carry, by name: what they say. */
    readonly headers?: Readonly<Record<string, string>>;
  };
  readonly errors: readonly number[];
  readonly auth: boolean;
}

const COMMON = [401, 403, 503];

export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'POST',
    url: '/edocs',
    operationId: 'sendEdoc',
    summary:
      'Post one edXML package (an edoc, or a Status package). Its From must be the caller. A repeat of the same package gets the same id and sends nothing twice.',
    body: 'xml',
    success: { status: 202, schema: SendResponse },
    errors: [400, ...COMMON, 409, 413, 415, 429],
    auth: true,
  },
  {
    method: 'GET',
    url: '/edocs/received',
    operationId: 'getReceivedEdocList',
    summary: 'Items waiting for the caller, oldest first.',
    query: ReceivedQuery,
    success: { status: 200, schema: ReceivedList },
    errors: [400, ...COMMON],
    auth: true,
  },
  {
    method: 'GET',
    url: '/edocs/sent',
    operationId: 'getSentEdocList',
    summary:
      "The caller's tracking of a document it sent: per recipient, transport, business status, timeline.",
    query: SentQuery,
    success: { status: 200, schema: SentList },
    errors: [400, ...COMMON],
    auth: true,
  },
  {
    method: 'GET',
    url: '/edocs/:id',
    operationId: 'getEdoc',
    summary:
      "A received item's package bytes: the sender's original edXML, or the document rendered as edXML.",
    params: IdParams,
    success: {
      status: 200,
      xml: true,
      headers: {
        'X-Lienthong-Edxml-Signature':
          "The verdict on the original package's XML signature, judged at the sender's home node (details: GET /edocs/{id}/signature); absent for a rendered package",
      },
    },
    errors: [...COMMON, 404, 500],
    auth: true,
  },
  {
    method: 'GET',
    url: '/edocs/:id/signature',
    operationId: 'getEdocSignature',
    summary:
      "The verdict on a received item's edXML signature, as the sender's home node judged it at intake: verdict, reason, signer (name, identity number), issuer, serial, validity, which time was used.",
    params: IdParams,
    success: { status: 200, schema: SignatureResponse },
    errors: [...COMMON, 404],
    auth: true,
  },
  {
    method: 'POST',
    url: '/edocs/:id/ack',
    operationId: 'updateStatusDone',
    summary: 'Takes the item out of the list; for an edoc, reports 01 arrived to its sender. Idempotent.',
    params: IdParams,
    success: { status: 200, schema: AckResponse },
    errors: [...COMMON, 404],
    auth: true,
  },
  {
    method: 'POST',
    url: '/edocs/:id/fail',
    operationId: 'updateStatusFail',
    summary: 'The caller could not take the item: it is listed again after a while.',
    params: IdParams,
    body: FailBody,
    success: { status: 200, schema: FailResponse },
    errors: [400, ...COMMON, 404, 415],
    auth: true,
  },
  {
    method: 'GET',
    url: '/refusals',
    operationId: 'getRefusals',
    summary:
      "What the network refused of the caller's submissions, oldest first: chiefly a status it posted that the document sender's home node refused (not sent to the caller, no such document, against the status rules). The last week's, and those since (the newest 1,000).",
    query: RefusalsQuery,
    success: { status: 200, schema: RefusalList },
    errors: [400, ...COMMON],
    auth: true,
  },
  {
    method: 'GET',
    url: '/agencies',
    operationId: 'getAgenciesList',
    summary:
      'The directory: code, name, parent code, tier and home node of every agency, and every closed code with its successor.',
    success: { status: 200, schema: AgencyList },
    errors: [...COMMON],
    auth: true,
  },
  {
    method: 'GET',
    url: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document.',
    success: { status: 200 },
    errors: [],
    auth: false,
  },
];

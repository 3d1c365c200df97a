/**
 * Who a VXP request acts for: the `XroadVnpt-*` signature checked against the system id's secrets,
 * the caller keys taken from the signed pairs only, and the acting agency (docs/VXP.md).
 */
import type { FastifyRequest } from 'fastify';
import { isAgencyCode } from '@lienthong/core';
import type { MessageType } from '../codec';
import type { HttpTokenStore } from '../tokens';
import {
  HASH_HEADER,
  SIGN_HEADER,
  SYSTEM_HEADER,
  VXP_ERRORS,
  VxpError,
  parseSignHeader,
  sameOnTheWire,
  matchingSecret,
} from './protocol';

/** Who a verified request acts for. */
export interface Caller {
  readonly systemId: string;
  readonly agency: string;
  /** Signed caller keys, names lowercased without `xroadvnpt-`; a key may carry several spellings. */
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** Signed with the token of a system with operator rights (may change the directory). */
  readonly operator: boolean;
}

type Headers = (name: string) => string | undefined;

function headersOf(req: FastifyRequest): Headers {
  return (name) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
}

/** Checks the signature and works out the agency a request acts for. */
export function authenticate(req: FastifyRequest, tokens: HttpTokenStore | undefined): Caller {
  const h = headersOf(req);
  if (!tokens) return unsignedCaller(req, h(SYSTEM_HEADER));
  const { systemId, agencies, params, operator } = verifySignature(h, tokens);
  return { systemId, agency: actingAgency(systemId, agencies, params), params, operator };
}

/** `up --no-auth`: no signature; every XroadVnpt header is taken as sent. */
function unsignedCaller(req: FastifyRequest, systemId: string | undefined): Caller {
  const params = new Map<string, string[]>();
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith('xroadvnpt-') && typeof v === 'string') addParam(params, k.slice(10), v);
  }
  const from = params.get('from')?.[0];
  const agency = from ?? systemId ?? '';
  if (!isAgencyCode(agency)) {
    throw new VxpError(VXP_ERRORS.NOT_SIGNED, 'name the agency in XroadVnpt-systemid or XroadVnpt-from');
  }
  return { systemId: systemId ?? agency, agency, params, operator: false };
}

function verifySignature(
  h: Headers,
  tokens: HttpTokenStore,
): { systemId: string; agencies: readonly string[]; params: Map<string, string[]>; operator: boolean } {
  const systemId = h(SYSTEM_HEADER);
  const signHeader = h(SIGN_HEADER);
  const hashHeader = h(HASH_HEADER);
  if (systemId === undefined || signHeader === undefined || hashHeader === undefined) {
    const missing = [
      systemId === undefined ? 'XroadVnpt-systemid' : '',
      signHeader === undefined ? 'XroadVnpt-sign-header' : '',
      hashHeader === undefined ? 'XroadVnpt-hash-header' : '',
    ].filter(Boolean);
    throw new VxpError(VXP_ERRORS.NOT_SIGNED, `the request is not signed: no ${missing.join(', ')}`);
  }
  const system = tokens.vxpSystem(systemId);
  if (!system) {
    throw new VxpError(
      VXP_ERRORS.UNKNOWN_SYSTEM,
      `unknown system id ${systemId}: nothing is issued for it, or it is revoked`,
    );
  }
  if (system.secrets.length === 0) {
    throw new VxpError(
      VXP_ERRORS.NO_SECRET,
      `system id ${systemId} has only tokens issued before the VXP endpoint: issue a new one (creds issue … --http-token)`,
    );
  }
  const i = matchingSecret(
    signHeader,
    hashHeader,
    system.secrets.map((s) => s.key),
  );
  if (i < 0) {
    throw new VxpError(
      VXP_ERRORS.BAD_SIGNATURE,
      `the signature (XroadVnpt-hash-header) does not match: wrong secret for system id ${systemId}`,
    );
  }
  // The agencies (and rights) of the token that signed.
  const secret = system.secrets[i]!;
  return {
    systemId,
    agencies: secret.agencies,
    params: signedParams(h, signHeader, systemId),
    operator: secret.operator,
  };
}

/** The signed pairs, each equal to the header sent; the caller keys among them. */
function signedParams(h: Headers, signHeader: string, systemId: string): Map<string, string[]> {
  const signed = parseSignHeader(signHeader);
  const params = new Map<string, string[]>();
  for (const [name, value] of signed) {
    const actual = h(name);
    if (actual === undefined) {
      throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, `signed header ${name} is not in the request`);
    }
    if (!sameOnTheWire(actual, value)) {
      throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, `header ${name} differs from its signed value`);
    }
    if (name.startsWith('xroadvnpt-')) addParam(params, name.slice(10), value);
  }
  if (signed.get(SYSTEM_HEADER) !== systemId) {
    throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, 'XroadVnpt-systemid is not among the signed headers');
  }
  return params;
}

/** `from` when signed (one of the system's agencies), else the system's only agency. */
function actingAgency(
  systemId: string,
  agencies: readonly string[],
  params: ReadonlyMap<string, readonly string[]>,
): string {
  const froms = params.get('from') ?? [];
  if (froms.length > 1) {
    throw new VxpError(VXP_ERRORS.BAD_REQUEST, `several from values are signed: ${froms.join(', ')}`);
  }
  const from = froms[0];
  if (from !== undefined && from !== '') {
    if (!agencies.includes(from)) {
      throw new VxpError(
        VXP_ERRORS.FROM_NOT_ALLOWED,
        `system ${systemId} may not act for ${from}: it acts for ${agencies.join(', ')}`,
      );
    }
    return from;
  }
  if (agencies.length === 1) return agencies[0]!;
  throw new VxpError(
    VXP_ERRORS.FROM_NOT_ALLOWED,
    `system ${systemId} acts for several agencies: name one in from (${agencies.join(', ')})`,
  );
}

function addParam(params: Map<string, string[]>, name: string, value: string): void {
  const k = name.toLowerCase();
  const list = params.get(k) ?? [];
  if (!list.includes(value)) list.push(value);
  params.set(k, list);
}

/** A caller key (any spelling); refused when its spellings carry different values. */
export function one(c: Caller, key: string): string | undefined {
  const v = c.params.get(key);
  if (!v || v.length === 0) return undefined;
  if (v.length > 1) {
    throw new VxpError(
      VXP_ERRORS.BAD_REQUEST,
      `${key} is signed with several values (${v.join(', ')}): send one spelling of the key`,
    );
  }
  return v[0];
}

export function docIdOf(c: Caller): string {
  const id = one(c, 'docid');
  if (id === undefined || id === '') throw new VxpError(VXP_ERRORS.BAD_REQUEST, 'name the item in docId');
  return id;
}

export function messageTypeOf(c: Caller): MessageType | undefined {
  const t = one(c, 'messagetype');
  if (t === undefined || t === '') return undefined;
  const l = t.toLowerCase();
  if (l !== 'edoc' && l !== 'status') {
    throw new VxpError(VXP_ERRORS.BAD_REQUEST, `messagetype '${t}' is not edoc or status`);
  }
  return l;
}

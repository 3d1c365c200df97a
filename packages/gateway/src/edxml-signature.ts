/**
 * The verdict on a received edXML package's XML signature, as the sender's home node gave it at
 * intake (docs/EDXML.md "Signatures"): the JSON of `GET /api/v1/edocs/{id}/signature`, and the
 * `X-Lienthong-Edxml-Signature` header of `GET /api/v1/edocs/{id}`.
 */
import { Type } from '@sinclair/typebox';
import { verdictJson } from '@lienthong/edxml';
import type { InboxItem } from '@lienthong/sdk';

/** Header of `GET /edocs/{id}` naming the verdict (absent for items without an edXML original). */
export const SIGNATURE_HEADER = 'x-lienthong-edxml-signature';

const VERDICTS =
  'valid, invalid_digest, invalid_signature, untrusted_chain, expired_at_signing, malformed_certificate or unsigned';

export const SignatureVerdictJson = Type.Object(
  {
    verdict: Type.String({ description: VERDICTS }),
    reason: Type.String({ description: 'Why, in one sentence' }),
    signer: Type.Optional(
      Type.Object({
        commonName: Type.String(),
        identityNumber: Type.Optional(
          Type.String({ description: 'CMND/CCCD/MST/HC… when the subject has one' }),
        ),
        subject: Type.String(),
        issuer: Type.String(),
        serialNumber: Type.String({ description: 'hex' }),
        notBefore: Type.Optional(Type.String({ format: 'date-time' })),
        notAfter: Type.Optional(Type.String({ format: 'date-time' })),
        sha256: Type.String({ description: 'hex SHA-256 of the DER certificate' }),
      }),
    ),
    checkedAt: Type.Optional(Type.String({ format: 'date-time' })),
    checkedAtSource: Type.Optional(
      Type.String({ description: 'signing_time, promulgation_date or receipt_time: which time was used' }),
    ),
    signatureAlgorithm: Type.Optional(Type.String()),
    chain: Type.Optional(Type.Array(Type.String())),
    revocation: Type.Optional(
      Type.Object({
        serialNumber: Type.String(),
        revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
        beforeSigning: Type.Boolean(),
        crlIssuer: Type.String(),
      }),
    ),
    node: Type.Optional(Type.String({ description: 'the node that judged it' })),
    verifiedAt: Type.Optional(Type.String({ format: 'date-time' })),
    policy: Type.Optional(Type.String({ description: "accept or refuse: the node's policy for the sender" })),
  },
  { $id: 'EdxmlSignatureVerdict' },
);

export const SignatureResponse = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    from: Type.String(),
    original: Type.Boolean({ description: 'the item carries the sender’s own edXML package' }),
    signature: Type.Optional(SignatureVerdictJson),
  },
  { $id: 'SignatureResponse' },
);

export interface SignatureView {
  readonly id: string;
  readonly documentId: string;
  readonly from: string;
  readonly original: boolean;
  readonly signature?: Record<string, unknown>;
}

/** What `GET /edocs/{id}/signature` answers for a held item. */
export function signatureView(id: string, item: InboxItem): SignatureView {
  const v = item.edxmlSignature;
  return {
    id,
    documentId: item.documentId,
    from: item.sender,
    original: Boolean(item.document?.edxmlOriginal?.sha256Hex),
    ...(v ? { signature: verdictJson(v) } : {}),
  };
}

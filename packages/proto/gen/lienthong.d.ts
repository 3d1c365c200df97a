import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace lienthong {

    namespace v1 {

        enum Level {
            LEVEL_UNSPECIFIED = 0,
            LEVEL_CENTRAL = 1,
            LEVEL_PROVINCE = 2,
            LEVEL_DISTRICT = 3,
            LEVEL_COMMUNE = 4
        }

        interface INodeRecord extends lienthong.v1.NodeRecord.$Properties {
        }

        class NodeRecord {
            constructor(p?: lienthong.v1.NodeRecord.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            level: lienthong.v1.Level;
            parent: string;
            name: string;
            domain: string;
            static create(properties: lienthong.v1.NodeRecord.$Shape): lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape;
            static create(properties?: lienthong.v1.NodeRecord.$Properties): lienthong.v1.NodeRecord;
            static encode(m: lienthong.v1.NodeRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.NodeRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.NodeRecord;
            static toObject(m: lienthong.v1.NodeRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace NodeRecord {
            interface $Properties {
                id?: (string|null);
                level?: (lienthong.v1.Level|null);
                parent?: (string|null);
                name?: (string|null);
                domain?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.NodeRecord.$Properties;
        }

        interface IAgencyRecord extends lienthong.v1.AgencyRecord.$Properties {
        }

        class AgencyRecord {
            constructor(p?: lienthong.v1.AgencyRecord.$Properties);
            $unknowns?: Uint8Array[];
            code: string;
            name: string;
            tier: lienthong.v1.Level;
            parentCode: string;
            homeNode: string;
            keys: lienthong.v1.PublicKey.$Properties[];
            submitLimits?: (lienthong.v1.SubmitLimits.$Properties|null);
            static create(properties: lienthong.v1.AgencyRecord.$Shape): lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape;
            static create(properties?: lienthong.v1.AgencyRecord.$Properties): lienthong.v1.AgencyRecord;
            static encode(m: lienthong.v1.AgencyRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.AgencyRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.AgencyRecord;
            static toObject(m: lienthong.v1.AgencyRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgencyRecord {
            interface $Properties {
                code?: (string|null);
                name?: (string|null);
                tier?: (lienthong.v1.Level|null);
                parentCode?: (string|null);
                homeNode?: (string|null);
                keys?: (lienthong.v1.PublicKey.$Properties[]|null);
                submitLimits?: (lienthong.v1.SubmitLimits.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.AgencyRecord.$Properties;
        }

        interface ISubmitLimits extends lienthong.v1.SubmitLimits.$Properties {
        }

        class SubmitLimits {
            constructor(p?: lienthong.v1.SubmitLimits.$Properties);
            $unknowns?: Uint8Array[];
            perSecond: number;
            burst: number;
            bytesPerSecond: number;
            static create(properties: lienthong.v1.SubmitLimits.$Shape): lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape;
            static create(properties?: lienthong.v1.SubmitLimits.$Properties): lienthong.v1.SubmitLimits;
            static encode(m: lienthong.v1.SubmitLimits.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.SubmitLimits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.SubmitLimits;
            static toObject(m: lienthong.v1.SubmitLimits, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SubmitLimits {
            interface $Properties {
                perSecond?: (number|null);
                burst?: (number|null);
                bytesPerSecond?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.SubmitLimits.$Properties;
        }

        interface IPublicKey extends lienthong.v1.PublicKey.$Properties {
        }

        class PublicKey {
            constructor(p?: lienthong.v1.PublicKey.$Properties);
            $unknowns?: Uint8Array[];
            keyId: string;
            algorithm: lienthong.v1.SignatureAlgorithm;
            publicKey: Uint8Array;
            certificate: Uint8Array;
            notBeforeMs: number;
            notAfterMs: number;
            revokedAtMs: number;
            static create(properties: lienthong.v1.PublicKey.$Shape): lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape;
            static create(properties?: lienthong.v1.PublicKey.$Properties): lienthong.v1.PublicKey;
            static encode(m: lienthong.v1.PublicKey.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.PublicKey.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.PublicKey;
            static toObject(m: lienthong.v1.PublicKey, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PublicKey {
            interface $Properties {
                keyId?: (string|null);
                algorithm?: (lienthong.v1.SignatureAlgorithm|null);
                publicKey?: (Uint8Array|null);
                certificate?: (Uint8Array|null);
                notBeforeMs?: (number|null);
                notAfterMs?: (number|null);
                revokedAtMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.PublicKey.$Properties;
        }

        enum SignatureAlgorithm {
            SIGNATURE_ALGORITHM_UNSPECIFIED = 0,
            SIGNATURE_ALGORITHM_ED25519 = 1,
            SIGNATURE_ALGORITHM_ECDSA_P256_SHA256 = 2
        }

        interface ISignature extends lienthong.v1.Signature.$Properties {
        }

        class Signature {
            constructor(p?: lienthong.v1.Signature.$Properties);
            $unknowns?: Uint8Array[];
            algorithm: lienthong.v1.SignatureAlgorithm;
            keyId: string;
            value: Uint8Array;
            certificate: Uint8Array;
            signedAtMs: number;
            static create(properties: lienthong.v1.Signature.$Shape): lienthong.v1.Signature & lienthong.v1.Signature.$Shape;
            static create(properties?: lienthong.v1.Signature.$Properties): lienthong.v1.Signature;
            static encode(m: lienthong.v1.Signature.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Signature.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Signature & lienthong.v1.Signature.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Signature & lienthong.v1.Signature.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Signature;
            static toObject(m: lienthong.v1.Signature, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Signature {
            interface $Properties {
                algorithm?: (lienthong.v1.SignatureAlgorithm|null);
                keyId?: (string|null);
                value?: (Uint8Array|null);
                certificate?: (Uint8Array|null);
                signedAtMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Signature.$Properties;
        }

        interface ITopology extends lienthong.v1.Topology.$Properties {
        }

        class Topology {
            constructor(p?: lienthong.v1.Topology.$Properties);
            $unknowns?: Uint8Array[];
            nodes: lienthong.v1.NodeRecord.$Properties[];
            agencies: lienthong.v1.AgencyRecord.$Properties[];
            closed: lienthong.v1.ClosedAgencyRecord.$Properties[];
            static create(properties: lienthong.v1.Topology.$Shape): lienthong.v1.Topology & lienthong.v1.Topology.$Shape;
            static create(properties?: lienthong.v1.Topology.$Properties): lienthong.v1.Topology;
            static encode(m: lienthong.v1.Topology.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Topology.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Topology & lienthong.v1.Topology.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Topology & lienthong.v1.Topology.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Topology;
            static toObject(m: lienthong.v1.Topology, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Topology {
            interface $Properties {
                nodes?: (lienthong.v1.NodeRecord.$Properties[]|null);
                agencies?: (lienthong.v1.AgencyRecord.$Properties[]|null);
                closed?: (lienthong.v1.ClosedAgencyRecord.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Topology.$Properties;
        }

        enum ClosurePolicy {
            CLOSURE_POLICY_UNSPECIFIED = 0,
            CLOSURE_POLICY_REDIRECT = 1,
            CLOSURE_POLICY_REFUSE = 2
        }

        interface IClosedAgencyRecord extends lienthong.v1.ClosedAgencyRecord.$Properties {
        }

        class ClosedAgencyRecord {
            constructor(p?: lienthong.v1.ClosedAgencyRecord.$Properties);
            $unknowns?: Uint8Array[];
            code: string;
            name: string;
            closedAt: string;
            successor: string;
            policy: lienthong.v1.ClosurePolicy;
            keys: lienthong.v1.PublicKey.$Properties[];
            static create(properties: lienthong.v1.ClosedAgencyRecord.$Shape): lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape;
            static create(properties?: lienthong.v1.ClosedAgencyRecord.$Properties): lienthong.v1.ClosedAgencyRecord;
            static encode(m: lienthong.v1.ClosedAgencyRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.ClosedAgencyRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.ClosedAgencyRecord;
            static toObject(m: lienthong.v1.ClosedAgencyRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClosedAgencyRecord {
            interface $Properties {
                code?: (string|null);
                name?: (string|null);
                closedAt?: (string|null);
                successor?: (string|null);
                policy?: (lienthong.v1.ClosurePolicy|null);
                keys?: (lienthong.v1.PublicKey.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.ClosedAgencyRecord.$Properties;
        }

        enum Priority {
            PRIORITY_NORMAL = 0,
            PRIORITY_URGENT = 1,
            PRIORITY_VERY_URGENT = 2,
            PRIORITY_FLASH = 3,
            PRIORITY_FLASH_SCHEDULED = 4
        }

        enum BusinessOperation {
            BUSINESS_OPERATION_NEW = 0,
            BUSINESS_OPERATION_REVOKE = 1,
            BUSINESS_OPERATION_UPDATE = 2,
            BUSINESS_OPERATION_REPLACE = 3
        }

        interface IOrgan extends lienthong.v1.Organ.$Properties {
        }

        class Organ {
            constructor(p?: lienthong.v1.Organ.$Properties);
            $unknowns?: Uint8Array[];
            code: string;
            name: string;
            organizationInCharge: string;
            address: string;
            email: string;
            telephone: string;
            fax: string;
            website: string;
            static create(properties: lienthong.v1.Organ.$Shape): lienthong.v1.Organ & lienthong.v1.Organ.$Shape;
            static create(properties?: lienthong.v1.Organ.$Properties): lienthong.v1.Organ;
            static encode(m: lienthong.v1.Organ.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Organ.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Organ & lienthong.v1.Organ.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Organ & lienthong.v1.Organ.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Organ;
            static toObject(m: lienthong.v1.Organ, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Organ {
            interface $Properties {
                code?: (string|null);
                name?: (string|null);
                organizationInCharge?: (string|null);
                address?: (string|null);
                email?: (string|null);
                telephone?: (string|null);
                fax?: (string|null);
                website?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Organ.$Properties;
        }

        interface IDocumentType extends lienthong.v1.DocumentType.$Properties {
        }

        class DocumentType {
            constructor(p?: lienthong.v1.DocumentType.$Properties);
            $unknowns?: Uint8Array[];
            type: number;
            typeDetail: number;
            typeName: string;
            static create(properties: lienthong.v1.DocumentType.$Shape): lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape;
            static create(properties?: lienthong.v1.DocumentType.$Properties): lienthong.v1.DocumentType;
            static encode(m: lienthong.v1.DocumentType.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.DocumentType.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.DocumentType;
            static toObject(m: lienthong.v1.DocumentType, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DocumentType {
            interface $Properties {
                type?: (number|null);
                typeDetail?: (number|null);
                typeName?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.DocumentType.$Properties;
        }

        interface ISigner extends lienthong.v1.Signer.$Properties {
        }

        class Signer {
            constructor(p?: lienthong.v1.Signer.$Properties);
            $unknowns?: Uint8Array[];
            competence: string;
            position: string;
            fullName: string;
            static create(properties: lienthong.v1.Signer.$Shape): lienthong.v1.Signer & lienthong.v1.Signer.$Shape;
            static create(properties?: lienthong.v1.Signer.$Properties): lienthong.v1.Signer;
            static encode(m: lienthong.v1.Signer.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Signer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Signer & lienthong.v1.Signer.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Signer & lienthong.v1.Signer.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Signer;
            static toObject(m: lienthong.v1.Signer, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Signer {
            interface $Properties {
                competence?: (string|null);
                position?: (string|null);
                fullName?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Signer.$Properties;
        }

        interface IResponseFor extends lienthong.v1.ResponseFor.$Properties {
        }

        class ResponseFor {
            constructor(p?: lienthong.v1.ResponseFor.$Properties);
            $unknowns?: Uint8Array[];
            organCode: string;
            code: string;
            promulgationDate: string;
            documentId: string;
            static create(properties: lienthong.v1.ResponseFor.$Shape): lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape;
            static create(properties?: lienthong.v1.ResponseFor.$Properties): lienthong.v1.ResponseFor;
            static encode(m: lienthong.v1.ResponseFor.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.ResponseFor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.ResponseFor;
            static toObject(m: lienthong.v1.ResponseFor, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResponseFor {
            interface $Properties {
                organCode?: (string|null);
                code?: (string|null);
                promulgationDate?: (string|null);
                documentId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.ResponseFor.$Properties;
        }

        interface IBusiness extends lienthong.v1.Business.$Properties {
        }

        class Business {
            constructor(p?: lienthong.v1.Business.$Properties);
            $unknowns?: Uint8Array[];
            operation: lienthong.v1.BusinessOperation;
            reason: string;
            addedRecipients: string[];
            removedRecipients: string[];
            replaces: string[];
            static create(properties: lienthong.v1.Business.$Shape): lienthong.v1.Business & lienthong.v1.Business.$Shape;
            static create(properties?: lienthong.v1.Business.$Properties): lienthong.v1.Business;
            static encode(m: lienthong.v1.Business.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Business.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Business & lienthong.v1.Business.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Business & lienthong.v1.Business.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Business;
            static toObject(m: lienthong.v1.Business, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Business {
            interface $Properties {
                operation?: (lienthong.v1.BusinessOperation|null);
                reason?: (string|null);
                addedRecipients?: (string[]|null);
                removedRecipients?: (string[]|null);
                replaces?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Business.$Properties;
        }

        interface IContentRef extends lienthong.v1.ContentRef.$Properties {
        }

        class ContentRef {
            constructor(p?: lienthong.v1.ContentRef.$Properties);
            $unknowns?: Uint8Array[];
            sha256Hex: string;
            size: number;
            chunkSize: number;
            chunkCount: number;
            static create(properties: lienthong.v1.ContentRef.$Shape): lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape;
            static create(properties?: lienthong.v1.ContentRef.$Properties): lienthong.v1.ContentRef;
            static encode(m: lienthong.v1.ContentRef.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.ContentRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.ContentRef;
            static toObject(m: lienthong.v1.ContentRef, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContentRef {
            interface $Properties {
                sha256Hex?: (string|null);
                size?: (number|null);
                chunkSize?: (number|null);
                chunkCount?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.ContentRef.$Properties;
        }

        interface IContentManifest extends lienthong.v1.ContentManifest.$Properties {
        }

        class ContentManifest {
            constructor(p?: lienthong.v1.ContentManifest.$Properties);
            $unknowns?: Uint8Array[];
            sha256Hex: string;
            size: number;
            chunkSize: number;
            chunks: Uint8Array[];
            static create(properties: lienthong.v1.ContentManifest.$Shape): lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape;
            static create(properties?: lienthong.v1.ContentManifest.$Properties): lienthong.v1.ContentManifest;
            static encode(m: lienthong.v1.ContentManifest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.ContentManifest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.ContentManifest;
            static toObject(m: lienthong.v1.ContentManifest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContentManifest {
            interface $Properties {
                sha256Hex?: (string|null);
                size?: (number|null);
                chunkSize?: (number|null);
                chunks?: (Uint8Array[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.ContentManifest.$Properties;
        }

        interface IAttachment extends lienthong.v1.Attachment.$Properties {
        }

        class Attachment {
            constructor(p?: lienthong.v1.Attachment.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            mediaType: string;
            description: string;
            size: number;
            sha256: Uint8Array;
            inline?: (Uint8Array|null);
            ref?: (lienthong.v1.ContentRef.$Properties|null);
            content?: ("inline"|"ref");
            static create(properties: lienthong.v1.Attachment.$Shape): lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape;
            static create(properties?: lienthong.v1.Attachment.$Properties): lienthong.v1.Attachment;
            static encode(m: lienthong.v1.Attachment.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Attachment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Attachment;
            static toObject(m: lienthong.v1.Attachment, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Attachment {
            interface $Properties {
                name?: (string|null);
                mediaType?: (string|null);
                description?: (string|null);
                size?: (number|null);
                sha256?: (Uint8Array|null);
                inline?: (Uint8Array|null);
                ref?: (lienthong.v1.ContentRef.$Properties|null);
                content?: ("inline"|"ref");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              name?: string|null;
              mediaType?: string|null;
              description?: string|null;
              size?: number|null;
              sha256?: Uint8Array|null;
              inline?: Uint8Array|null;
              ref?: lienthong.v1.ContentRef.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ content?: undefined; inline?: null; ref?: null }|{ content?: "inline"; inline: Uint8Array; ref?: null }|{ content?: "ref"; inline?: null; ref: lienthong.v1.ContentRef.$Shape })
            );
        }

        interface IDocument extends lienthong.v1.Document.$Properties {
        }

        class Document {
            constructor(p?: lienthong.v1.Document.$Properties);
            $unknowns?: Uint8Array[];
            documentId: string;
            from?: (lienthong.v1.Organ.$Properties|null);
            to: lienthong.v1.Organ.$Properties[];
            codeNumber: string;
            codeNotation: string;
            promulgationPlace: string;
            promulgationDate: string;
            documentType?: (lienthong.v1.DocumentType.$Properties|null);
            subject: string;
            contentSummary: string;
            signer?: (lienthong.v1.Signer.$Properties|null);
            dueDate: string;
            places: string[];
            priority: lienthong.v1.Priority;
            steeringType: number;
            responseFor: lienthong.v1.ResponseFor.$Properties[];
            business?: (lienthong.v1.Business.$Properties|null);
            attachments: lienthong.v1.Attachment.$Properties[];
            signature?: (lienthong.v1.Signature.$Properties|null);
            appointedAtMs: number;
            edxmlOriginal?: (lienthong.v1.EdxmlOriginal.$Properties|null);
            static create(properties: lienthong.v1.Document.$Shape): lienthong.v1.Document & lienthong.v1.Document.$Shape;
            static create(properties?: lienthong.v1.Document.$Properties): lienthong.v1.Document;
            static encode(m: lienthong.v1.Document.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Document.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Document & lienthong.v1.Document.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Document & lienthong.v1.Document.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Document;
            static toObject(m: lienthong.v1.Document, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Document {
            interface $Properties {
                documentId?: (string|null);
                from?: (lienthong.v1.Organ.$Properties|null);
                to?: (lienthong.v1.Organ.$Properties[]|null);
                codeNumber?: (string|null);
                codeNotation?: (string|null);
                promulgationPlace?: (string|null);
                promulgationDate?: (string|null);
                documentType?: (lienthong.v1.DocumentType.$Properties|null);
                subject?: (string|null);
                contentSummary?: (string|null);
                signer?: (lienthong.v1.Signer.$Properties|null);
                dueDate?: (string|null);
                places?: (string[]|null);
                priority?: (lienthong.v1.Priority|null);
                steeringType?: (number|null);
                responseFor?: (lienthong.v1.ResponseFor.$Properties[]|null);
                business?: (lienthong.v1.Business.$Properties|null);
                attachments?: (lienthong.v1.Attachment.$Properties[]|null);
                signature?: (lienthong.v1.Signature.$Properties|null);
                appointedAtMs?: (number|null);
                edxmlOriginal?: (lienthong.v1.EdxmlOriginal.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              documentId?: string|null;
              from?: lienthong.v1.Organ.$Shape|null;
              to?: lienthong.v1.Organ.$Shape[]|null;
              codeNumber?: string|null;
              codeNotation?: string|null;
              promulgationPlace?: string|null;
              promulgationDate?: string|null;
              documentType?: lienthong.v1.DocumentType.$Shape|null;
              subject?: string|null;
              contentSummary?: string|null;
              signer?: lienthong.v1.Signer.$Shape|null;
              dueDate?: string|null;
              places?: string[]|null;
              priority?: lienthong.v1.Priority|null;
              steeringType?: number|null;
              responseFor?: lienthong.v1.ResponseFor.$Shape[]|null;
              business?: lienthong.v1.Business.$Shape|null;
              attachments?: lienthong.v1.Attachment.$Shape[]|null;
              signature?: lienthong.v1.Signature.$Shape|null;
              appointedAtMs?: number|null;
              edxmlOriginal?: lienthong.v1.EdxmlOriginal.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IEdxmlOriginal extends lienthong.v1.EdxmlOriginal.$Properties {
        }

        class EdxmlOriginal {
            constructor(p?: lienthong.v1.EdxmlOriginal.$Properties);
            $unknowns?: Uint8Array[];
            sha256Hex: string;
            size: number;
            warnings: string[];
            static create(properties: lienthong.v1.EdxmlOriginal.$Shape): lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape;
            static create(properties?: lienthong.v1.EdxmlOriginal.$Properties): lienthong.v1.EdxmlOriginal;
            static encode(m: lienthong.v1.EdxmlOriginal.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.EdxmlOriginal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.EdxmlOriginal;
            static toObject(m: lienthong.v1.EdxmlOriginal, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EdxmlOriginal {
            interface $Properties {
                sha256Hex?: (string|null);
                size?: (number|null);
                warnings?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.EdxmlOriginal.$Properties;
        }

        enum EnvelopeKind {
            ENVELOPE_KIND_UNSPECIFIED = 0,
            ENVELOPE_KIND_DOCUMENT = 1,
            ENVELOPE_KIND_STATUS = 2,
            ENVELOPE_KIND_TRANSPORT = 3
        }

        interface IEnvelope extends lienthong.v1.Envelope.$Properties {
        }

        class Envelope {
            constructor(p?: lienthong.v1.Envelope.$Properties);
            $unknowns?: Uint8Array[];
            schemaVersion: number;
            envelopeId: string;
            kind: lienthong.v1.EnvelopeKind;
            documentId: string;
            originAgency: string;
            originNode: string;
            recipients: string[];
            createdAtMs: number;
            hops: lienthong.v1.Hop.$Properties[];
            hopLimit: number;
            priority: lienthong.v1.Priority;
            document?: (lienthong.v1.Document.$Properties|null);
            status?: (lienthong.v1.StatusReport.$Properties|null);
            transport?: (lienthong.v1.TransportEvent.$Properties|null);
            edxmlSignature?: (lienthong.v1.EdxmlSignatureVerdict.$Properties|null);
            payload?: ("document"|"status"|"transport");
            static create(properties: lienthong.v1.Envelope.$Shape): lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape;
            static create(properties?: lienthong.v1.Envelope.$Properties): lienthong.v1.Envelope;
            static encode(m: lienthong.v1.Envelope.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Envelope;
            static toObject(m: lienthong.v1.Envelope, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {
            interface $Properties {
                schemaVersion?: (number|null);
                envelopeId?: (string|null);
                kind?: (lienthong.v1.EnvelopeKind|null);
                documentId?: (string|null);
                originAgency?: (string|null);
                originNode?: (string|null);
                recipients?: (string[]|null);
                createdAtMs?: (number|null);
                hops?: (lienthong.v1.Hop.$Properties[]|null);
                hopLimit?: (number|null);
                priority?: (lienthong.v1.Priority|null);
                document?: (lienthong.v1.Document.$Properties|null);
                status?: (lienthong.v1.StatusReport.$Properties|null);
                transport?: (lienthong.v1.TransportEvent.$Properties|null);
                edxmlSignature?: (lienthong.v1.EdxmlSignatureVerdict.$Properties|null);
                payload?: ("document"|"status"|"transport");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              schemaVersion?: number|null;
              envelopeId?: string|null;
              kind?: lienthong.v1.EnvelopeKind|null;
              documentId?: string|null;
              originAgency?: string|null;
              originNode?: string|null;
              recipients?: string[]|null;
              createdAtMs?: number|null;
              hops?: lienthong.v1.Hop.$Shape[]|null;
              hopLimit?: number|null;
              priority?: lienthong.v1.Priority|null;
              document?: lienthong.v1.Document.$Shape|null;
              status?: lienthong.v1.StatusReport.$Shape|null;
              transport?: lienthong.v1.TransportEvent.$Shape|null;
              edxmlSignature?: lienthong.v1.EdxmlSignatureVerdict.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; document?: null; status?: null; transport?: null }|{ payload?: "document"; document: lienthong.v1.Document.$Shape; status?: null; transport?: null }|{ payload?: "status"; document?: null; status: lienthong.v1.StatusReport.$Shape; transport?: null }|{ payload?: "transport"; document?: null; status?: null; transport: lienthong.v1.TransportEvent.$Shape })
            );
        }

        interface IEnvelopeBatch extends lienthong.v1.EnvelopeBatch.$Properties {
        }

        class EnvelopeBatch {
            constructor(p?: lienthong.v1.EnvelopeBatch.$Properties);
            $unknowns?: Uint8Array[];
            envelopes: Uint8Array[];
            static create(properties: lienthong.v1.EnvelopeBatch.$Shape): lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape;
            static create(properties?: lienthong.v1.EnvelopeBatch.$Properties): lienthong.v1.EnvelopeBatch;
            static encode(m: lienthong.v1.EnvelopeBatch.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.EnvelopeBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.EnvelopeBatch;
            static toObject(m: lienthong.v1.EnvelopeBatch, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnvelopeBatch {
            interface $Properties {
                envelopes?: (Uint8Array[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.EnvelopeBatch.$Properties;
        }

        interface IEdxmlSignatureVerdict extends lienthong.v1.EdxmlSignatureVerdict.$Properties {
        }

        class EdxmlSignatureVerdict {
            constructor(p?: lienthong.v1.EdxmlSignatureVerdict.$Properties);
            $unknowns?: Uint8Array[];
            verdict: string;
            reason: string;
            signer?: (lienthong.v1.EdxmlSigner.$Properties|null);
            checkedAtMs: number;
            checkedAtSource: string;
            signatureAlgorithm: string;
            chain: string[];
            revocation?: (lienthong.v1.EdxmlRevocation.$Properties|null);
            node: string;
            verifiedAtMs: number;
            policy: string;
            static create(properties: lienthong.v1.EdxmlSignatureVerdict.$Shape): lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape;
            static create(properties?: lienthong.v1.EdxmlSignatureVerdict.$Properties): lienthong.v1.EdxmlSignatureVerdict;
            static encode(m: lienthong.v1.EdxmlSignatureVerdict.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.EdxmlSignatureVerdict.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.EdxmlSignatureVerdict;
            static toObject(m: lienthong.v1.EdxmlSignatureVerdict, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EdxmlSignatureVerdict {
            interface $Properties {
                verdict?: (string|null);
                reason?: (string|null);
                signer?: (lienthong.v1.EdxmlSigner.$Properties|null);
                checkedAtMs?: (number|null);
                checkedAtSource?: (string|null);
                signatureAlgorithm?: (string|null);
                chain?: (string[]|null);
                revocation?: (lienthong.v1.EdxmlRevocation.$Properties|null);
                node?: (string|null);
                verifiedAtMs?: (number|null);
                policy?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.EdxmlSignatureVerdict.$Properties;
        }

        interface IEdxmlSigner extends lienthong.v1.EdxmlSigner.$Properties {
        }

        class EdxmlSigner {
            constructor(p?: lienthong.v1.EdxmlSigner.$Properties);
            $unknowns?: Uint8Array[];
            subject: string;
            commonName: string;
            identityNumber: string;
            issuer: string;
            serialNumber: string;
            notBeforeMs: number;
            notAfterMs: number;
            sha256Hex: string;
            static create(properties: lienthong.v1.EdxmlSigner.$Shape): lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape;
            static create(properties?: lienthong.v1.EdxmlSigner.$Properties): lienthong.v1.EdxmlSigner;
            static encode(m: lienthong.v1.EdxmlSigner.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.EdxmlSigner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.EdxmlSigner;
            static toObject(m: lienthong.v1.EdxmlSigner, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EdxmlSigner {
            interface $Properties {
                subject?: (string|null);
                commonName?: (string|null);
                identityNumber?: (string|null);
                issuer?: (string|null);
                serialNumber?: (string|null);
                notBeforeMs?: (number|null);
                notAfterMs?: (number|null);
                sha256Hex?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.EdxmlSigner.$Properties;
        }

        interface IEdxmlRevocation extends lienthong.v1.EdxmlRevocation.$Properties {
        }

        class EdxmlRevocation {
            constructor(p?: lienthong.v1.EdxmlRevocation.$Properties);
            $unknowns?: Uint8Array[];
            serialNumber: string;
            revokedAtMs: number;
            beforeSigning: boolean;
            crlIssuer: string;
            static create(properties: lienthong.v1.EdxmlRevocation.$Shape): lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape;
            static create(properties?: lienthong.v1.EdxmlRevocation.$Properties): lienthong.v1.EdxmlRevocation;
            static encode(m: lienthong.v1.EdxmlRevocation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.EdxmlRevocation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.EdxmlRevocation;
            static toObject(m: lienthong.v1.EdxmlRevocation, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EdxmlRevocation {
            interface $Properties {
                serialNumber?: (string|null);
                revokedAtMs?: (number|null);
                beforeSigning?: (boolean|null);
                crlIssuer?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.EdxmlRevocation.$Properties;
        }

        interface ITrackingRecord extends lienthong.v1.TrackingRecord.$Properties {
        }

        class TrackingRecord {
            constructor(p?: lienthong.v1.TrackingRecord.$Properties);
            $unknowns?: Uint8Array[];
            documentId: string;
            sender: string;
            recipient: string;
            transport: lienthong.v1.TransportState;
            business: lienthong.v1.BusinessStatus;
            recall: lienthong.v1.BusinessStatus;
            recallRequested: boolean;
            overdue: boolean;
            confirmByMs: number;
            hops: lienthong.v1.Hop.$Properties[];
            timeline: lienthong.v1.TimelineEntry.$Properties[];
            failure: lienthong.v1.FailureReason;
            failureDetail: string;
            sentAtMs: number;
            updatedAtMs: number;
            ruleViolations: number;
            priority: lienthong.v1.Priority;
            subject: string;
            answersFor: string[];
            redirectedTo: string;
            edxmlSignature?: (lienthong.v1.EdxmlSignatureVerdict.$Properties|null);
            static create(properties: lienthong.v1.TrackingRecord.$Shape): lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape;
            static create(properties?: lienthong.v1.TrackingRecord.$Properties): lienthong.v1.TrackingRecord;
            static encode(m: lienthong.v1.TrackingRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.TrackingRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.TrackingRecord;
            static toObject(m: lienthong.v1.TrackingRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TrackingRecord {
            interface $Properties {
                documentId?: (string|null);
                sender?: (string|null);
                recipient?: (string|null);
                transport?: (lienthong.v1.TransportState|null);
                business?: (lienthong.v1.BusinessStatus|null);
                recall?: (lienthong.v1.BusinessStatus|null);
                recallRequested?: (boolean|null);
                overdue?: (boolean|null);
                confirmByMs?: (number|null);
                hops?: (lienthong.v1.Hop.$Properties[]|null);
                timeline?: (lienthong.v1.TimelineEntry.$Properties[]|null);
                failure?: (lienthong.v1.FailureReason|null);
                failureDetail?: (string|null);
                sentAtMs?: (number|null);
                updatedAtMs?: (number|null);
                ruleViolations?: (number|null);
                priority?: (lienthong.v1.Priority|null);
                subject?: (string|null);
                answersFor?: (string[]|null);
                redirectedTo?: (string|null);
                edxmlSignature?: (lienthong.v1.EdxmlSignatureVerdict.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.TrackingRecord.$Properties;
        }

        interface ITimelineEntry extends lienthong.v1.TimelineEntry.$Properties {
        }

        class TimelineEntry {
            constructor(p?: lienthong.v1.TimelineEntry.$Properties);
            $unknowns?: Uint8Array[];
            atMs: number;
            transport: lienthong.v1.TransportState;
            business: lienthong.v1.BusinessStatus;
            node: string;
            description: string;
            staff?: (lienthong.v1.Staff.$Properties|null);
            ignored: boolean;
            receipt?: (lienthong.v1.StatusReport.$Properties|null);
            static create(properties: lienthong.v1.TimelineEntry.$Shape): lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape;
            static create(properties?: lienthong.v1.TimelineEntry.$Properties): lienthong.v1.TimelineEntry;
            static encode(m: lienthong.v1.TimelineEntry.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.TimelineEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.TimelineEntry;
            static toObject(m: lienthong.v1.TimelineEntry, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TimelineEntry {
            interface $Properties {
                atMs?: (number|null);
                transport?: (lienthong.v1.TransportState|null);
                business?: (lienthong.v1.BusinessStatus|null);
                node?: (string|null);
                description?: (string|null);
                staff?: (lienthong.v1.Staff.$Properties|null);
                ignored?: (boolean|null);
                receipt?: (lienthong.v1.StatusReport.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.TimelineEntry.$Properties;
        }

        interface IDeadLetter extends lienthong.v1.DeadLetter.$Properties {
        }

        class DeadLetter {
            constructor(p?: lienthong.v1.DeadLetter.$Properties);
            $unknowns?: Uint8Array[];
            reason: lienthong.v1.FailureReason;
            detail: string;
            node: string;
            subject: string;
            original: Uint8Array;
            atMs: number;
            envelopeId: string;
            documentId: string;
            originAgency: string;
            static create(properties: lienthong.v1.DeadLetter.$Shape): lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape;
            static create(properties?: lienthong.v1.DeadLetter.$Properties): lienthong.v1.DeadLetter;
            static encode(m: lienthong.v1.DeadLetter.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.DeadLetter.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.DeadLetter;
            static toObject(m: lienthong.v1.DeadLetter, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeadLetter {
            interface $Properties {
                reason?: (lienthong.v1.FailureReason|null);
                detail?: (string|null);
                node?: (string|null);
                subject?: (string|null);
                original?: (Uint8Array|null);
                atMs?: (number|null);
                envelopeId?: (string|null);
                documentId?: (string|null);
                originAgency?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.DeadLetter.$Properties;
        }

        enum BusinessStatus {
            BUSINESS_STATUS_UNSPECIFIED = 0,
            BUSINESS_STATUS_ARRIVED = 1,
            BUSINESS_STATUS_REJECTED = 2,
            BUSINESS_STATUS_ACCEPTED = 3,
            BUSINESS_STATUS_ASSIGNED = 4,
            BUSINESS_STATUS_IN_PROGRESS = 5,
            BUSINESS_STATUS_COMPLETED = 6,
            BUSINESS_STATUS_RECALL_REQUESTED = 13,
            BUSINESS_STATUS_CHANGE_ACCEPTED = 15,
            BUSINESS_STATUS_CHANGE_REFUSED = 16
        }

        interface IStaff extends lienthong.v1.Staff.$Properties {
        }

        class Staff {
            constructor(p?: lienthong.v1.Staff.$Properties);
            $unknowns?: Uint8Array[];
            department: string;
            name: string;
            phone: string;
            email: string;
            static create(properties: lienthong.v1.Staff.$Shape): lienthong.v1.Staff & lienthong.v1.Staff.$Shape;
            static create(properties?: lienthong.v1.Staff.$Properties): lienthong.v1.Staff;
            static encode(m: lienthong.v1.Staff.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Staff.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Staff & lienthong.v1.Staff.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Staff & lienthong.v1.Staff.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Staff;
            static toObject(m: lienthong.v1.Staff, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Staff {
            interface $Properties {
                department?: (string|null);
                name?: (string|null);
                phone?: (string|null);
                email?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Staff.$Properties;
        }

        interface IStatusReport extends lienthong.v1.StatusReport.$Properties {
        }

        class StatusReport {
            constructor(p?: lienthong.v1.StatusReport.$Properties);
            $unknowns?: Uint8Array[];
            code: lienthong.v1.BusinessStatus;
            responder: string;
            documentId: string;
            documentSender: string;
            staff?: (lienthong.v1.Staff.$Properties|null);
            description: string;
            timestampMs: number;
            signature?: (lienthong.v1.Signature.$Properties|null);
            documentSha256: Uint8Array;
            edxmlOriginal: Uint8Array;
            static create(properties: lienthong.v1.StatusReport.$Shape): lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape;
            static create(properties?: lienthong.v1.StatusReport.$Properties): lienthong.v1.StatusReport;
            static encode(m: lienthong.v1.StatusReport.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.StatusReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.StatusReport;
            static toObject(m: lienthong.v1.StatusReport, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace StatusReport {
            interface $Properties {
                code?: (lienthong.v1.BusinessStatus|null);
                responder?: (string|null);
                documentId?: (string|null);
                documentSender?: (string|null);
                staff?: (lienthong.v1.Staff.$Properties|null);
                description?: (string|null);
                timestampMs?: (number|null);
                signature?: (lienthong.v1.Signature.$Properties|null);
                documentSha256?: (Uint8Array|null);
                edxmlOriginal?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.StatusReport.$Properties;
        }

        enum TransportState {
            TRANSPORT_STATE_UNSPECIFIED = 0,
            TRANSPORT_STATE_ACCEPTED = 1,
            TRANSPORT_STATE_RELAYED = 2,
            TRANSPORT_STATE_DELIVERED = 3,
            TRANSPORT_STATE_FETCHED = 4,
            TRANSPORT_STATE_FAILED = 5,
            TRANSPORT_STATE_STATUS_REFUSED = 6
        }

        enum FailureReason {
            FAILURE_REASON_UNSPECIFIED = 0,
            FAILURE_REASON_MALFORMED = 1,
            FAILURE_REASON_UNSUPPORTED_SCHEMA = 2,
            FAILURE_REASON_INVALID_AGENCY_CODE = 3,
            FAILURE_REASON_UNKNOWN_RECIPIENT = 4,
            FAILURE_REASON_SENDER_MISMATCH = 5,
            FAILURE_REASON_HOP_LIMIT_EXCEEDED = 6,
            FAILURE_REASON_TOO_LARGE = 7,
            FAILURE_REASON_INVALID_STATUS = 8,
            FAILURE_REASON_BAD_SIGNATURE = 9,
            FAILURE_REASON_UNKNOWN_DOCUMENT = 10,
            FAILURE_REASON_WRONG_HOME_NODE = 11,
            FAILURE_REASON_UNKNOWN_SENDER = 12,
            FAILURE_REASON_ATTACHMENT_TOO_LARGE = 20,
            FAILURE_REASON_ATTACHMENT_CORRUPT = 21,
            FAILURE_REASON_ATTACHMENT_MISSING = 22,
            FAILURE_REASON_MISSING_SIGNATURE = 40,
            FAILURE_REASON_KEY_NOT_VALID = 41,
            FAILURE_REASON_STALE_SIGNATURE = 42,
            FAILURE_REASON_NOT_A_RECIPIENT = 43,
            FAILURE_REASON_AGENCY_CLOSED = 50,
            FAILURE_REASON_EDXML_SIGNATURE = 60
        }

        interface IHop extends lienthong.v1.Hop.$Properties {
        }

        class Hop {
            constructor(p?: lienthong.v1.Hop.$Properties);
            $unknowns?: Uint8Array[];
            node: string;
            level: lienthong.v1.Level;
            inMs: number;
            outMs: number;
            passedLocally: boolean;
            static create(properties: lienthong.v1.Hop.$Shape): lienthong.v1.Hop & lienthong.v1.Hop.$Shape;
            static create(properties?: lienthong.v1.Hop.$Properties): lienthong.v1.Hop;
            static encode(m: lienthong.v1.Hop.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.Hop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.Hop & lienthong.v1.Hop.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.Hop & lienthong.v1.Hop.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.Hop;
            static toObject(m: lienthong.v1.Hop, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hop {
            interface $Properties {
                node?: (string|null);
                level?: (lienthong.v1.Level|null);
                inMs?: (number|null);
                outMs?: (number|null);
                passedLocally?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.Hop.$Properties;
        }

        interface ITransportEvent extends lienthong.v1.TransportEvent.$Properties {
        }

        class TransportEvent {
            constructor(p?: lienthong.v1.TransportEvent.$Properties);
            $unknowns?: Uint8Array[];
            state: lienthong.v1.TransportState;
            documentId: string;
            documentSender: string;
            recipient: string;
            node: string;
            atMs: number;
            failure: lienthong.v1.FailureReason;
            detail: string;
            hops: lienthong.v1.Hop.$Properties[];
            status: lienthong.v1.BusinessStatus;
            statusEnvelopeId: string;
            static create(properties: lienthong.v1.TransportEvent.$Shape): lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape;
            static create(properties?: lienthong.v1.TransportEvent.$Properties): lienthong.v1.TransportEvent;
            static encode(m: lienthong.v1.TransportEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: lienthong.v1.TransportEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): lienthong.v1.TransportEvent;
            static toObject(m: lienthong.v1.TransportEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TransportEvent {
            interface $Properties {
                state?: (lienthong.v1.TransportState|null);
                documentId?: (string|null);
                documentSender?: (string|null);
                recipient?: (string|null);
                node?: (string|null);
                atMs?: (number|null);
                failure?: (lienthong.v1.FailureReason|null);
                detail?: (string|null);
                hops?: (lienthong.v1.Hop.$Properties[]|null);
                status?: (lienthong.v1.BusinessStatus|null);
                statusEnvelopeId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = lienthong.v1.TransportEvent.$Properties;
        }
    }
}

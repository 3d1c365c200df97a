/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
var $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

$root.lienthong = (function() {

    /**
     * Namespace lienthong.
     * @exports lienthong
     * @namespace
     */
    var lienthong = {};

    lienthong.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof lienthong
         * @namespace
         */
        var v1 = {};

        /**
         * Level enum.
         * @name lienthong.v1.Level
         * @enum {number}
         * @property {number} LEVEL_UNSPECIFIED=0 LEVEL_UNSPECIFIED value
         * @property {number} LEVEL_CENTRAL=1 LEVEL_CENTRAL value
         * @property {number} LEVEL_PROVINCE=2 LEVEL_PROVINCE value
         * @property {number} LEVEL_DISTRICT=3 LEVEL_DISTRICT value
         * @property {number} LEVEL_COMMUNE=4 LEVEL_COMMUNE value
         */
        v1.Level = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "LEVEL_UNSPECIFIED"] = 0;
            values[valuesById[1] = "LEVEL_CENTRAL"] = 1;
            values[valuesById[2] = "LEVEL_PROVINCE"] = 2;
            values[valuesById[3] = "LEVEL_DISTRICT"] = 3;
            values[valuesById[4] = "LEVEL_COMMUNE"] = 4;
            return values;
        })();

        v1.NodeRecord = (function() {

            /**
             * Properties of a NodeRecord.
             * @typedef {Object} lienthong.v1.NodeRecord.$Properties
             * @property {string|null} [id] NodeRecord id
             * @property {lienthong.v1.Level|null} [level] NodeRecord level
             * @property {string|null} [parent] NodeRecord parent
             * @property {string|null} [name] NodeRecord name
             * @property {string|null} [domain] NodeRecord domain
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a NodeRecord.
             * @memberof lienthong.v1
             * @interface INodeRecord
             * @augments lienthong.v1.NodeRecord.$Properties
             * @deprecated Use lienthong.v1.NodeRecord.$Properties instead.
             */

            /**
             * Shape of a NodeRecord.
             * @typedef {lienthong.v1.NodeRecord.$Properties} lienthong.v1.NodeRecord.$Shape
             */

            /**
             * Constructs a new NodeRecord.
             * @memberof lienthong.v1
             * @classdesc Represents a NodeRecord.
             * @constructor
             * @param {lienthong.v1.NodeRecord.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var NodeRecord = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * NodeRecord id.
             * @member {string} id
             * @memberof lienthong.v1.NodeRecord
             * @instance
             */
            NodeRecord.prototype.id = "";

            /**
             * NodeRecord level.
             * @member {lienthong.v1.Level} level
             * @memberof lienthong.v1.NodeRecord
             * @instance
             */
            NodeRecord.prototype.level = 0;

            /**
             * NodeRecord parent.
             * @member {string} parent
             * @memberof lienthong.v1.NodeRecord
             * @instance
             */
            NodeRecord.prototype.parent = "";

            /**
             * NodeRecord name.
             * @member {string} name
             * @memberof lienthong.v1.NodeRecord
             * @instance
             */
            NodeRecord.prototype.name = "";

            /**
             * NodeRecord domain.
             * @member {string} domain
             * @memberof lienthong.v1.NodeRecord
             * @instance
             */
            NodeRecord.prototype.domain = "";

            /**
             * Creates a new NodeRecord instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {lienthong.v1.NodeRecord.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.NodeRecord} NodeRecord instance
             * @type {{
             *   (properties: lienthong.v1.NodeRecord.$Shape): lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape;
             *   (properties?: lienthong.v1.NodeRecord.$Properties): lienthong.v1.NodeRecord;
             * }}
             */
            NodeRecord.create = function(properties) {
                return new NodeRecord(properties);
            };

            /**
             * Encodes the specified NodeRecord message. Does not implicitly {@link lienthong.v1.NodeRecord.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {lienthong.v1.NodeRecord.$Properties} m NodeRecord message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            NodeRecord.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.level != null && $Object.hasOwnProperty.call(m, "level") && m.level !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.level);
                if (m.parent != null && $Object.hasOwnProperty.call(m, "parent") && m.parent !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.parent);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.name);
                if (m.domain != null && $Object.hasOwnProperty.call(m, "domain") && m.domain !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.domain);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified NodeRecord message, length delimited. Does not implicitly {@link lienthong.v1.NodeRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {lienthong.v1.NodeRecord.$Properties} message NodeRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            NodeRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a NodeRecord message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape} NodeRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            NodeRecord.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.NodeRecord();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.level = v;
                            else
                                delete m.level;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.parent = v;
                            else
                                delete m.parent;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.domain = v;
                            else
                                delete m.domain;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a NodeRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.NodeRecord & lienthong.v1.NodeRecord.$Shape} NodeRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            NodeRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a NodeRecord message.
             * @function verify
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            NodeRecord.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    if (!$util.isString(m.id))
                        return "id: string expected";
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    if (typeof m.level !== "number" || (m.level | 0) !== m.level)
                        return "level: enum value expected";
                }
                if (m.parent != null && $Object.hasOwnProperty.call(m, "parent")) {
                    if (!$util.isString(m.parent))
                        return "parent: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                    if (!$util.isString(m.domain))
                        return "domain: string expected";
                }
                return null;
            };

            /**
             * Creates a NodeRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.NodeRecord} NodeRecord
             */
            NodeRecord.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.NodeRecord)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.NodeRecord: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.NodeRecord();
                if (d.id != null) {
                    if (typeof d.id !== "string" || d.id.length) {
                        m.id = $String(d.id);
                    }
                }
                if (d.level !== 0 && (typeof d.level !== "string" || $root.lienthong.v1.Level[d.level] !== 0)) {
                    switch (d.level) {
                    case "LEVEL_UNSPECIFIED":
                    case 0:
                        m.level = 0;
                        break;
                    case "LEVEL_CENTRAL":
                    case 1:
                        m.level = 1;
                        break;
                    case "LEVEL_PROVINCE":
                    case 2:
                        m.level = 2;
                        break;
                    case "LEVEL_DISTRICT":
                    case 3:
                        m.level = 3;
                        break;
                    case "LEVEL_COMMUNE":
                    case 4:
                        m.level = 4;
                        break;
                    default:
                        if (typeof d.level === "number" && (d.level | 0) === d.level)
                            m.level = d.level;
                    }
                }
                if (d.parent != null) {
                    if (typeof d.parent !== "string" || d.parent.length) {
                        m.parent = $String(d.parent);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.domain != null) {
                    if (typeof d.domain !== "string" || d.domain.length) {
                        m.domain = $String(d.domain);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a NodeRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {lienthong.v1.NodeRecord} m NodeRecord
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            NodeRecord.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.id = "";
                    d.level = o.enums === $String ? "LEVEL_UNSPECIFIED" : 0;
                    d.parent = "";
                    d.name = "";
                    d.domain = "";
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    d.id = m.id;
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    d.level = o.enums === $String ? $root.lienthong.v1.Level[m.level] === $undefined ? m.level : $root.lienthong.v1.Level[m.level] : m.level;
                }
                if (m.parent != null && $Object.hasOwnProperty.call(m, "parent")) {
                    d.parent = m.parent;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                    d.domain = m.domain;
                }
                return d;
            };

            /**
             * Converts this NodeRecord to JSON.
             * @function toJSON
             * @memberof lienthong.v1.NodeRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            NodeRecord.prototype.toJSON = function() {
                return NodeRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for NodeRecord
             * @function getTypeUrl
             * @memberof lienthong.v1.NodeRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            NodeRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.NodeRecord";
            };

            return NodeRecord;
        })();

        v1.AgencyRecord = (function() {

            /**
             * Properties of an AgencyRecord.
             * @typedef {Object} lienthong.v1.AgencyRecord.$Properties
             * @property {string|null} [code] AgencyRecord code
             * @property {string|null} [name] AgencyRecord name
             * @property {lienthong.v1.Level|null} [tier] AgencyRecord tier
             * @property {string|null} [parentCode] AgencyRecord parentCode
             * @property {string|null} [homeNode] AgencyRecord homeNode
             * @property {Array.<lienthong.v1.PublicKey.$Properties>|null} [keys] AgencyRecord keys
             * @property {lienthong.v1.SubmitLimits.$Properties|null} [submitLimits] AgencyRecord submitLimits
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgencyRecord.
             * @memberof lienthong.v1
             * @interface IAgencyRecord
             * @augments lienthong.v1.AgencyRecord.$Properties
             * @deprecated Use lienthong.v1.AgencyRecord.$Properties instead.
             */

            /**
             * Shape of an AgencyRecord.
             * @typedef {lienthong.v1.AgencyRecord.$Properties} lienthong.v1.AgencyRecord.$Shape
             */

            /**
             * Constructs a new AgencyRecord.
             * @memberof lienthong.v1
             * @classdesc Represents an AgencyRecord.
             * @constructor
             * @param {lienthong.v1.AgencyRecord.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var AgencyRecord = function (p) {
                this.keys = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * AgencyRecord code.
             * @member {string} code
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.code = "";

            /**
             * AgencyRecord name.
             * @member {string} name
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.name = "";

            /**
             * AgencyRecord tier.
             * @member {lienthong.v1.Level} tier
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.tier = 0;

            /**
             * AgencyRecord parentCode.
             * @member {string} parentCode
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.parentCode = "";

            /**
             * AgencyRecord homeNode.
             * @member {string} homeNode
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.homeNode = "";

            /**
             * AgencyRecord keys.
             * @member {Array.<lienthong.v1.PublicKey.$Properties>} keys
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.keys = $util.emptyArray;

            /**
             * AgencyRecord submitLimits.
             * @member {lienthong.v1.SubmitLimits.$Properties|null|undefined} submitLimits
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             */
            AgencyRecord.prototype.submitLimits = null;

            /**
             * Creates a new AgencyRecord instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {lienthong.v1.AgencyRecord.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.AgencyRecord} AgencyRecord instance
             * @type {{
             *   (properties: lienthong.v1.AgencyRecord.$Shape): lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape;
             *   (properties?: lienthong.v1.AgencyRecord.$Properties): lienthong.v1.AgencyRecord;
             * }}
             */
            AgencyRecord.create = function(properties) {
                return new AgencyRecord(properties);
            };

            /**
             * Encodes the specified AgencyRecord message. Does not implicitly {@link lienthong.v1.AgencyRecord.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {lienthong.v1.AgencyRecord.$Properties} m AgencyRecord message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgencyRecord.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.code);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.tier != null && $Object.hasOwnProperty.call(m, "tier") && m.tier !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.tier);
                if (m.parentCode != null && $Object.hasOwnProperty.call(m, "parentCode") && m.parentCode !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.parentCode);
                if (m.homeNode != null && $Object.hasOwnProperty.call(m, "homeNode") && m.homeNode !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.homeNode);
                if (m.keys != null && m.keys.length) {
                    for (var i = 0; i < m.keys.length; ++i)
                        $root.lienthong.v1.PublicKey.encode(m.keys[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.submitLimits != null && $Object.hasOwnProperty.call(m, "submitLimits"))
                    $root.lienthong.v1.SubmitLimits.encode(m.submitLimits, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified AgencyRecord message, length delimited. Does not implicitly {@link lienthong.v1.AgencyRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {lienthong.v1.AgencyRecord.$Properties} message AgencyRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgencyRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AgencyRecord message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape} AgencyRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgencyRecord.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.AgencyRecord();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.tier = v;
                            else
                                delete m.tier;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.parentCode = v;
                            else
                                delete m.parentCode;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.homeNode = v;
                            else
                                delete m.homeNode;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.keys && m.keys.length))
                                m.keys = [];
                            m.keys.push($root.lienthong.v1.PublicKey.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.submitLimits = $root.lienthong.v1.SubmitLimits.decode(r, r.size(), $undefined, q + 1, m.submitLimits);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an AgencyRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.AgencyRecord & lienthong.v1.AgencyRecord.$Shape} AgencyRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgencyRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AgencyRecord message.
             * @function verify
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AgencyRecord.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.tier != null && $Object.hasOwnProperty.call(m, "tier")) {
                    if (typeof m.tier !== "number" || (m.tier | 0) !== m.tier)
                        return "tier: enum value expected";
                }
                if (m.parentCode != null && $Object.hasOwnProperty.call(m, "parentCode")) {
                    if (!$util.isString(m.parentCode))
                        return "parentCode: string expected";
                }
                if (m.homeNode != null && $Object.hasOwnProperty.call(m, "homeNode")) {
                    if (!$util.isString(m.homeNode))
                        return "homeNode: string expected";
                }
                if (m.keys != null && $Object.hasOwnProperty.call(m, "keys")) {
                    if (!$Array.isArray(m.keys))
                        return "keys: array expected";
                    for (var i = 0; i < m.keys.length; ++i) {
                        {
                            var e = $root.lienthong.v1.PublicKey.verify(m.keys[i], q + 1);
                            if (e)
                                return "keys." + e;
                        }
                    }
                }
                if (m.submitLimits != null && $Object.hasOwnProperty.call(m, "submitLimits")) {
                    {
                        var e = $root.lienthong.v1.SubmitLimits.verify(m.submitLimits, q + 1);
                        if (e)
                            return "submitLimits." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an AgencyRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.AgencyRecord} AgencyRecord
             */
            AgencyRecord.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.AgencyRecord)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.AgencyRecord: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.AgencyRecord();
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.tier !== 0 && (typeof d.tier !== "string" || $root.lienthong.v1.Level[d.tier] !== 0)) {
                    switch (d.tier) {
                    case "LEVEL_UNSPECIFIED":
                    case 0:
                        m.tier = 0;
                        break;
                    case "LEVEL_CENTRAL":
                    case 1:
                        m.tier = 1;
                        break;
                    case "LEVEL_PROVINCE":
                    case 2:
                        m.tier = 2;
                        break;
                    case "LEVEL_DISTRICT":
                    case 3:
                        m.tier = 3;
                        break;
                    case "LEVEL_COMMUNE":
                    case 4:
                        m.tier = 4;
                        break;
                    default:
                        if (typeof d.tier === "number" && (d.tier | 0) === d.tier)
                            m.tier = d.tier;
                    }
                }
                if (d.parentCode != null) {
                    if (typeof d.parentCode !== "string" || d.parentCode.length) {
                        m.parentCode = $String(d.parentCode);
                    }
                }
                if (d.homeNode != null) {
                    if (typeof d.homeNode !== "string" || d.homeNode.length) {
                        m.homeNode = $String(d.homeNode);
                    }
                }
                if (d.keys) {
                    if (!$Array.isArray(d.keys))
                        throw $TypeError(".lienthong.v1.AgencyRecord.keys: array expected");
                    m.keys = $Array(d.keys.length);
                    for (var i = 0; i < d.keys.length; ++i) {
                        if (!$util.isObject(d.keys[i]))
                            throw $TypeError(".lienthong.v1.AgencyRecord.keys: object expected");
                        m.keys[i] = $root.lienthong.v1.PublicKey.fromObject(d.keys[i], q + 1);
                    }
                }
                if (d.submitLimits != null) {
                    if (!$util.isObject(d.submitLimits))
                        throw $TypeError(".lienthong.v1.AgencyRecord.submitLimits: object expected");
                    m.submitLimits = $root.lienthong.v1.SubmitLimits.fromObject(d.submitLimits, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an AgencyRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {lienthong.v1.AgencyRecord} m AgencyRecord
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AgencyRecord.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.keys = [];
                }
                if (o.defaults) {
                    d.code = "";
                    d.name = "";
                    d.tier = o.enums === $String ? "LEVEL_UNSPECIFIED" : 0;
                    d.parentCode = "";
                    d.homeNode = "";
                    d.submitLimits = null;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.tier != null && $Object.hasOwnProperty.call(m, "tier")) {
                    d.tier = o.enums === $String ? $root.lienthong.v1.Level[m.tier] === $undefined ? m.tier : $root.lienthong.v1.Level[m.tier] : m.tier;
                }
                if (m.parentCode != null && $Object.hasOwnProperty.call(m, "parentCode")) {
                    d.parentCode = m.parentCode;
                }
                if (m.homeNode != null && $Object.hasOwnProperty.call(m, "homeNode")) {
                    d.homeNode = m.homeNode;
                }
                if (m.keys && m.keys.length) {
                    d.keys = $Array(m.keys.length);
                    for (var j = 0; j < m.keys.length; ++j) {
                        d.keys[j] = $root.lienthong.v1.PublicKey.toObject(m.keys[j], o, q + 1);
                    }
                }
                if (m.submitLimits != null && $Object.hasOwnProperty.call(m, "submitLimits")) {
                    d.submitLimits = $root.lienthong.v1.SubmitLimits.toObject(m.submitLimits, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this AgencyRecord to JSON.
             * @function toJSON
             * @memberof lienthong.v1.AgencyRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AgencyRecord.prototype.toJSON = function() {
                return AgencyRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AgencyRecord
             * @function getTypeUrl
             * @memberof lienthong.v1.AgencyRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AgencyRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.AgencyRecord";
            };

            return AgencyRecord;
        })();

        v1.SubmitLimits = (function() {

            /**
             * Properties of a SubmitLimits.
             * @typedef {Object} lienthong.v1.SubmitLimits.$Properties
             * @property {number|null} [perSecond] SubmitLimits perSecond
             * @property {number|null} [burst] SubmitLimits burst
             * @property {number|null} [bytesPerSecond] SubmitLimits bytesPerSecond
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SubmitLimits.
             * @memberof lienthong.v1
             * @interface ISubmitLimits
             * @augments lienthong.v1.SubmitLimits.$Properties
             * @deprecated Use lienthong.v1.SubmitLimits.$Properties instead.
             */

            /**
             * Shape of a SubmitLimits.
             * @typedef {lienthong.v1.SubmitLimits.$Properties} lienthong.v1.SubmitLimits.$Shape
             */

            /**
             * Constructs a new SubmitLimits.
             * @memberof lienthong.v1
             * @classdesc Represents a SubmitLimits.
             * @constructor
             * @param {lienthong.v1.SubmitLimits.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var SubmitLimits = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SubmitLimits perSecond.
             * @member {number} perSecond
             * @memberof lienthong.v1.SubmitLimits
             * @instance
             */
            SubmitLimits.prototype.perSecond = 0;

            /**
             * SubmitLimits burst.
             * @member {number} burst
             * @memberof lienthong.v1.SubmitLimits
             * @instance
             */
            SubmitLimits.prototype.burst = 0;

            /**
             * SubmitLimits bytesPerSecond.
             * @member {number} bytesPerSecond
             * @memberof lienthong.v1.SubmitLimits
             * @instance
             */
            SubmitLimits.prototype.bytesPerSecond = 0;

            /**
             * Creates a new SubmitLimits instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {lienthong.v1.SubmitLimits.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.SubmitLimits} SubmitLimits instance
             * @type {{
             *   (properties: lienthong.v1.SubmitLimits.$Shape): lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape;
             *   (properties?: lienthong.v1.SubmitLimits.$Properties): lienthong.v1.SubmitLimits;
             * }}
             */
            SubmitLimits.create = function(properties) {
                return new SubmitLimits(properties);
            };

            /**
             * Encodes the specified SubmitLimits message. Does not implicitly {@link lienthong.v1.SubmitLimits.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {lienthong.v1.SubmitLimits.$Properties} m SubmitLimits message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubmitLimits.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.perSecond != null && $Object.hasOwnProperty.call(m, "perSecond") && m.perSecond !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.perSecond);
                if (m.burst != null && $Object.hasOwnProperty.call(m, "burst") && m.burst !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.burst);
                if (m.bytesPerSecond != null && $Object.hasOwnProperty.call(m, "bytesPerSecond") && m.bytesPerSecond !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.bytesPerSecond);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SubmitLimits message, length delimited. Does not implicitly {@link lienthong.v1.SubmitLimits.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {lienthong.v1.SubmitLimits.$Properties} message SubmitLimits message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubmitLimits.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SubmitLimits message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape} SubmitLimits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubmitLimits.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.SubmitLimits();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.perSecond = v;
                            else
                                delete m.perSecond;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.burst = v;
                            else
                                delete m.burst;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.bytesPerSecond = v;
                            else
                                delete m.bytesPerSecond;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SubmitLimits message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.SubmitLimits & lienthong.v1.SubmitLimits.$Shape} SubmitLimits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubmitLimits.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SubmitLimits message.
             * @function verify
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SubmitLimits.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.perSecond != null && $Object.hasOwnProperty.call(m, "perSecond")) {
                    if (!$util.isInteger(m.perSecond))
                        return "perSecond: integer expected";
                }
                if (m.burst != null && $Object.hasOwnProperty.call(m, "burst")) {
                    if (!$util.isInteger(m.burst))
                        return "burst: integer expected";
                }
                if (m.bytesPerSecond != null && $Object.hasOwnProperty.call(m, "bytesPerSecond")) {
                    if (!$util.isInteger(m.bytesPerSecond))
                        return "bytesPerSecond: integer expected";
                }
                return null;
            };

            /**
             * Creates a SubmitLimits message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.SubmitLimits} SubmitLimits
             */
            SubmitLimits.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.SubmitLimits)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.SubmitLimits: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.SubmitLimits();
                if (d.perSecond != null) {
                    if ($Number(d.perSecond) !== 0) {
                        m.perSecond = d.perSecond >>> 0;
                    }
                }
                if (d.burst != null) {
                    if ($Number(d.burst) !== 0) {
                        m.burst = d.burst >>> 0;
                    }
                }
                if (d.bytesPerSecond != null) {
                    if ($Number(d.bytesPerSecond) !== 0) {
                        m.bytesPerSecond = d.bytesPerSecond >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SubmitLimits message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {lienthong.v1.SubmitLimits} m SubmitLimits
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SubmitLimits.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.perSecond = 0;
                    d.burst = 0;
                    d.bytesPerSecond = 0;
                }
                if (m.perSecond != null && $Object.hasOwnProperty.call(m, "perSecond")) {
                    d.perSecond = m.perSecond;
                }
                if (m.burst != null && $Object.hasOwnProperty.call(m, "burst")) {
                    d.burst = m.burst;
                }
                if (m.bytesPerSecond != null && $Object.hasOwnProperty.call(m, "bytesPerSecond")) {
                    d.bytesPerSecond = m.bytesPerSecond;
                }
                return d;
            };

            /**
             * Converts this SubmitLimits to JSON.
             * @function toJSON
             * @memberof lienthong.v1.SubmitLimits
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SubmitLimits.prototype.toJSON = function() {
                return SubmitLimits.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SubmitLimits
             * @function getTypeUrl
             * @memberof lienthong.v1.SubmitLimits
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SubmitLimits.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.SubmitLimits";
            };

            return SubmitLimits;
        })();

        v1.PublicKey = (function() {

            /**
             * Properties of a PublicKey.
             * @typedef {Object} lienthong.v1.PublicKey.$Properties
             * @property {string|null} [keyId] PublicKey keyId
             * @property {lienthong.v1.SignatureAlgorithm|null} [algorithm] PublicKey algorithm
             * @property {Uint8Array|null} [publicKey] PublicKey publicKey
             * @property {Uint8Array|null} [certificate] PublicKey certificate
             * @property {number|null} [notBeforeMs] PublicKey notBeforeMs
             * @property {number|null} [notAfterMs] PublicKey notAfterMs
             * @property {number|null} [revokedAtMs] PublicKey revokedAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PublicKey.
             * @memberof lienthong.v1
             * @interface IPublicKey
             * @augments lienthong.v1.PublicKey.$Properties
             * @deprecated Use lienthong.v1.PublicKey.$Properties instead.
             */

            /**
             * Shape of a PublicKey.
             * @typedef {lienthong.v1.PublicKey.$Properties} lienthong.v1.PublicKey.$Shape
             */

            /**
             * Constructs a new PublicKey.
             * @memberof lienthong.v1
             * @classdesc Represents a PublicKey.
             * @constructor
             * @param {lienthong.v1.PublicKey.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var PublicKey = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PublicKey keyId.
             * @member {string} keyId
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.keyId = "";

            /**
             * PublicKey algorithm.
             * @member {lienthong.v1.SignatureAlgorithm} algorithm
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.algorithm = 0;

            /**
             * PublicKey publicKey.
             * @member {Uint8Array} publicKey
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.publicKey = $util.newBuffer([]);

            /**
             * PublicKey certificate.
             * @member {Uint8Array} certificate
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.certificate = $util.newBuffer([]);

            /**
             * PublicKey notBeforeMs.
             * @member {number} notBeforeMs
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.notBeforeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PublicKey notAfterMs.
             * @member {number} notAfterMs
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.notAfterMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PublicKey revokedAtMs.
             * @member {number} revokedAtMs
             * @memberof lienthong.v1.PublicKey
             * @instance
             */
            PublicKey.prototype.revokedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new PublicKey instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {lienthong.v1.PublicKey.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.PublicKey} PublicKey instance
             * @type {{
             *   (properties: lienthong.v1.PublicKey.$Shape): lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape;
             *   (properties?: lienthong.v1.PublicKey.$Properties): lienthong.v1.PublicKey;
             * }}
             */
            PublicKey.create = function(properties) {
                return new PublicKey(properties);
            };

            /**
             * Encodes the specified PublicKey message. Does not implicitly {@link lienthong.v1.PublicKey.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {lienthong.v1.PublicKey.$Properties} m PublicKey message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PublicKey.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId") && m.keyId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.keyId);
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm") && m.algorithm !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.algorithm);
                if (m.publicKey != null && $Object.hasOwnProperty.call(m, "publicKey") && m.publicKey.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.publicKey);
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate") && m.certificate.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.certificate);
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs") && (typeof m.notBeforeMs === "object" ? m.notBeforeMs.low || m.notBeforeMs.high : m.notBeforeMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.notBeforeMs);
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs") && (typeof m.notAfterMs === "object" ? m.notAfterMs.low || m.notAfterMs.high : m.notAfterMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.notAfterMs);
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs") && (typeof m.revokedAtMs === "object" ? m.revokedAtMs.low || m.revokedAtMs.high : m.revokedAtMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.revokedAtMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified PublicKey message, length delimited. Does not implicitly {@link lienthong.v1.PublicKey.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {lienthong.v1.PublicKey.$Properties} message PublicKey message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PublicKey.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PublicKey message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape} PublicKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PublicKey.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.PublicKey();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.keyId = v;
                            else
                                delete m.keyId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.algorithm = v;
                            else
                                delete m.algorithm;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.publicKey = v;
                            else
                                delete m.publicKey;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.certificate = v;
                            else
                                delete m.certificate;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.notBeforeMs = v;
                            else
                                delete m.notBeforeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.notAfterMs = v;
                            else
                                delete m.notAfterMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.revokedAtMs = v;
                            else
                                delete m.revokedAtMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a PublicKey message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.PublicKey & lienthong.v1.PublicKey.$Shape} PublicKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PublicKey.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PublicKey message.
             * @function verify
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PublicKey.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    if (!$util.isString(m.keyId))
                        return "keyId: string expected";
                }
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm")) {
                    if (typeof m.algorithm !== "number" || (m.algorithm | 0) !== m.algorithm)
                        return "algorithm: enum value expected";
                }
                if (m.publicKey != null && $Object.hasOwnProperty.call(m, "publicKey")) {
                    if (!(m.publicKey && typeof m.publicKey.length === "number" || $util.isString(m.publicKey)))
                        return "publicKey: buffer expected";
                }
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate")) {
                    if (!(m.certificate && typeof m.certificate.length === "number" || $util.isString(m.certificate)))
                        return "certificate: buffer expected";
                }
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs")) {
                    if (!$util.isInteger(m.notBeforeMs) && !(m.notBeforeMs && $util.isInteger(m.notBeforeMs.low) && $util.isInteger(m.notBeforeMs.high)))
                        return "notBeforeMs: integer|Long expected";
                }
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs")) {
                    if (!$util.isInteger(m.notAfterMs) && !(m.notAfterMs && $util.isInteger(m.notAfterMs.low) && $util.isInteger(m.notAfterMs.high)))
                        return "notAfterMs: integer|Long expected";
                }
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs")) {
                    if (!$util.isInteger(m.revokedAtMs) && !(m.revokedAtMs && $util.isInteger(m.revokedAtMs.low) && $util.isInteger(m.revokedAtMs.high)))
                        return "revokedAtMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a PublicKey message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.PublicKey} PublicKey
             */
            PublicKey.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.PublicKey)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.PublicKey: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.PublicKey();
                if (d.keyId != null) {
                    if (typeof d.keyId !== "string" || d.keyId.length) {
                        m.keyId = $String(d.keyId);
                    }
                }
                if (d.algorithm !== 0 && (typeof d.algorithm !== "string" || $root.lienthong.v1.SignatureAlgorithm[d.algorithm] !== 0)) {
                    switch (d.algorithm) {
                    case "SIGNATURE_ALGORITHM_UNSPECIFIED":
                    case 0:
                        m.algorithm = 0;
                        break;
                    case "SIGNATURE_ALGORITHM_ED25519":
                    case 1:
                        m.algorithm = 1;
                        break;
                    case "SIGNATURE_ALGORITHM_ECDSA_P256_SHA256":
                    case 2:
                        m.algorithm = 2;
                        break;
                    default:
                        if (typeof d.algorithm === "number" && (d.algorithm | 0) === d.algorithm)
                            m.algorithm = d.algorithm;
                    }
                }
                if (d.publicKey != null) {
                    if (d.publicKey.length) {
                        if (typeof d.publicKey === "string")
                            $util.base64.decode(d.publicKey, m.publicKey = $util.newBuffer($util.base64.length(d.publicKey)), 0);
                        else if (d.publicKey.length >= 0)
                            m.publicKey = d.publicKey;
                    }
                }
                if (d.certificate != null) {
                    if (d.certificate.length) {
                        if (typeof d.certificate === "string")
                            $util.base64.decode(d.certificate, m.certificate = $util.newBuffer($util.base64.length(d.certificate)), 0);
                        else if (d.certificate.length >= 0)
                            m.certificate = d.certificate;
                    }
                }
                if (d.notBeforeMs != null) {
                    if (typeof d.notBeforeMs === "object" ? d.notBeforeMs.low || d.notBeforeMs.high : $Number(d.notBeforeMs) !== 0) {
                        if ($util.Long)
                            m.notBeforeMs = $util.Long.fromValue(d.notBeforeMs, false);
                        else if (typeof d.notBeforeMs === "string")
                            m.notBeforeMs = $parseInt(d.notBeforeMs, 10);
                        else if (typeof d.notBeforeMs === "number")
                            m.notBeforeMs = d.notBeforeMs;
                        else if (typeof d.notBeforeMs === "object")
                            m.notBeforeMs = new $util.LongBits(d.notBeforeMs.low >>> 0, d.notBeforeMs.high >>> 0).toNumber();
                    }
                }
                if (d.notAfterMs != null) {
                    if (typeof d.notAfterMs === "object" ? d.notAfterMs.low || d.notAfterMs.high : $Number(d.notAfterMs) !== 0) {
                        if ($util.Long)
                            m.notAfterMs = $util.Long.fromValue(d.notAfterMs, false);
                        else if (typeof d.notAfterMs === "string")
                            m.notAfterMs = $parseInt(d.notAfterMs, 10);
                        else if (typeof d.notAfterMs === "number")
                            m.notAfterMs = d.notAfterMs;
                        else if (typeof d.notAfterMs === "object")
                            m.notAfterMs = new $util.LongBits(d.notAfterMs.low >>> 0, d.notAfterMs.high >>> 0).toNumber();
                    }
                }
                if (d.revokedAtMs != null) {
                    if (typeof d.revokedAtMs === "object" ? d.revokedAtMs.low || d.revokedAtMs.high : $Number(d.revokedAtMs) !== 0) {
                        if ($util.Long)
                            m.revokedAtMs = $util.Long.fromValue(d.revokedAtMs, false);
                        else if (typeof d.revokedAtMs === "string")
                            m.revokedAtMs = $parseInt(d.revokedAtMs, 10);
                        else if (typeof d.revokedAtMs === "number")
                            m.revokedAtMs = d.revokedAtMs;
                        else if (typeof d.revokedAtMs === "object")
                            m.revokedAtMs = new $util.LongBits(d.revokedAtMs.low >>> 0, d.revokedAtMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a PublicKey message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {lienthong.v1.PublicKey} m PublicKey
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PublicKey.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.keyId = "";
                    d.algorithm = o.enums === $String ? "SIGNATURE_ALGORITHM_UNSPECIFIED" : 0;
                    if (o.bytes === $String)
                        d.publicKey = "";
                    else {
                        d.publicKey = [];
                        if (o.bytes !== $Array)
                            d.publicKey = $util.newBuffer(d.publicKey);
                    }
                    if (o.bytes === $String)
                        d.certificate = "";
                    else {
                        d.certificate = [];
                        if (o.bytes !== $Array)
                            d.certificate = $util.newBuffer(d.certificate);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.notBeforeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.notBeforeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.notAfterMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.notAfterMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.revokedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.revokedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    d.keyId = m.keyId;
                }
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm")) {
                    d.algorithm = o.enums === $String ? $root.lienthong.v1.SignatureAlgorithm[m.algorithm] === $undefined ? m.algorithm : $root.lienthong.v1.SignatureAlgorithm[m.algorithm] : m.algorithm;
                }
                if (m.publicKey != null && $Object.hasOwnProperty.call(m, "publicKey")) {
                    d.publicKey = o.bytes === $String ? $util.base64.encode(m.publicKey, 0, m.publicKey.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.publicKey) : m.publicKey;
                }
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate")) {
                    d.certificate = o.bytes === $String ? $util.base64.encode(m.certificate, 0, m.certificate.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.certificate) : m.certificate;
                }
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.notBeforeMs = typeof m.notBeforeMs === "number" ? $BigInt(m.notBeforeMs) : $util.Long.fromBits(m.notBeforeMs.low >>> 0, m.notBeforeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.notBeforeMs === "number")
                        d.notBeforeMs = o.longs === $String ? $String(m.notBeforeMs) : m.notBeforeMs;
                    else
                        d.notBeforeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.notBeforeMs) : o.longs === $Number ? new $util.LongBits(m.notBeforeMs.low >>> 0, m.notBeforeMs.high >>> 0).toNumber() : m.notBeforeMs;
                }
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.notAfterMs = typeof m.notAfterMs === "number" ? $BigInt(m.notAfterMs) : $util.Long.fromBits(m.notAfterMs.low >>> 0, m.notAfterMs.high >>> 0, false).toBigInt();
                    else if (typeof m.notAfterMs === "number")
                        d.notAfterMs = o.longs === $String ? $String(m.notAfterMs) : m.notAfterMs;
                    else
                        d.notAfterMs = o.longs === $String ? $util.Long.prototype.toString.call(m.notAfterMs) : o.longs === $Number ? new $util.LongBits(m.notAfterMs.low >>> 0, m.notAfterMs.high >>> 0).toNumber() : m.notAfterMs;
                }
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.revokedAtMs = typeof m.revokedAtMs === "number" ? $BigInt(m.revokedAtMs) : $util.Long.fromBits(m.revokedAtMs.low >>> 0, m.revokedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.revokedAtMs === "number")
                        d.revokedAtMs = o.longs === $String ? $String(m.revokedAtMs) : m.revokedAtMs;
                    else
                        d.revokedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.revokedAtMs) : o.longs === $Number ? new $util.LongBits(m.revokedAtMs.low >>> 0, m.revokedAtMs.high >>> 0).toNumber() : m.revokedAtMs;
                }
                return d;
            };

            /**
             * Converts this PublicKey to JSON.
             * @function toJSON
             * @memberof lienthong.v1.PublicKey
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PublicKey.prototype.toJSON = function() {
                return PublicKey.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PublicKey
             * @function getTypeUrl
             * @memberof lienthong.v1.PublicKey
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PublicKey.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.PublicKey";
            };

            return PublicKey;
        })();

        /**
         * SignatureAlgorithm enum.
         * @name lienthong.v1.SignatureAlgorithm
         * @enum {number}
         * @property {number} SIGNATURE_ALGORITHM_UNSPECIFIED=0 SIGNATURE_ALGORITHM_UNSPECIFIED value
         * @property {number} SIGNATURE_ALGORITHM_ED25519=1 SIGNATURE_ALGORITHM_ED25519 value
         * @property {number} SIGNATURE_ALGORITHM_ECDSA_P256_SHA256=2 SIGNATURE_ALGORITHM_ECDSA_P256_SHA256 value
         */
        v1.SignatureAlgorithm = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SIGNATURE_ALGORITHM_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SIGNATURE_ALGORITHM_ED25519"] = 1;
            values[valuesById[2] = "SIGNATURE_ALGORITHM_ECDSA_P256_SHA256"] = 2;
            return values;
        })();

        v1.Signature = (function() {

            /**
             * Properties of a Signature.
             * @typedef {Object} lienthong.v1.Signature.$Properties
             * @property {lienthong.v1.SignatureAlgorithm|null} [algorithm] Signature algorithm
             * @property {string|null} [keyId] Signature keyId
             * @property {Uint8Array|null} [value] Signature value
             * @property {Uint8Array|null} [certificate] Signature certificate
             * @property {number|null} [signedAtMs] Signature signedAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Signature.
             * @memberof lienthong.v1
             * @interface ISignature
             * @augments lienthong.v1.Signature.$Properties
             * @deprecated Use lienthong.v1.Signature.$Properties instead.
             */

            /**
             * Shape of a Signature.
             * @typedef {lienthong.v1.Signature.$Properties} lienthong.v1.Signature.$Shape
             */

            /**
             * Constructs a new Signature.
             * @memberof lienthong.v1
             * @classdesc Represents a Signature.
             * @constructor
             * @param {lienthong.v1.Signature.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Signature = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Signature algorithm.
             * @member {lienthong.v1.SignatureAlgorithm} algorithm
             * @memberof lienthong.v1.Signature
             * @instance
             */
            Signature.prototype.algorithm = 0;

            /**
             * Signature keyId.
             * @member {string} keyId
             * @memberof lienthong.v1.Signature
             * @instance
             */
            Signature.prototype.keyId = "";

            /**
             * Signature value.
             * @member {Uint8Array} value
             * @memberof lienthong.v1.Signature
             * @instance
             */
            Signature.prototype.value = $util.newBuffer([]);

            /**
             * Signature certificate.
             * @member {Uint8Array} certificate
             * @memberof lienthong.v1.Signature
             * @instance
             */
            Signature.prototype.certificate = $util.newBuffer([]);

            /**
             * Signature signedAtMs.
             * @member {number} signedAtMs
             * @memberof lienthong.v1.Signature
             * @instance
             */
            Signature.prototype.signedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Signature instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Signature
             * @static
             * @param {lienthong.v1.Signature.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Signature} Signature instance
             * @type {{
             *   (properties: lienthong.v1.Signature.$Shape): lienthong.v1.Signature & lienthong.v1.Signature.$Shape;
             *   (properties?: lienthong.v1.Signature.$Properties): lienthong.v1.Signature;
             * }}
             */
            Signature.create = function(properties) {
                return new Signature(properties);
            };

            /**
             * Encodes the specified Signature message. Does not implicitly {@link lienthong.v1.Signature.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Signature
             * @static
             * @param {lienthong.v1.Signature.$Properties} m Signature message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signature.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm") && m.algorithm !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.algorithm);
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId") && m.keyId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.keyId);
                if (m.value != null && $Object.hasOwnProperty.call(m, "value") && m.value.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.value);
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate") && m.certificate.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.certificate);
                if (m.signedAtMs != null && $Object.hasOwnProperty.call(m, "signedAtMs") && (typeof m.signedAtMs === "object" ? m.signedAtMs.low || m.signedAtMs.high : m.signedAtMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.signedAtMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Signature message, length delimited. Does not implicitly {@link lienthong.v1.Signature.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Signature
             * @static
             * @param {lienthong.v1.Signature.$Properties} message Signature message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signature.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Signature message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Signature
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Signature & lienthong.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signature.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Signature();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.algorithm = v;
                            else
                                delete m.algorithm;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.keyId = v;
                            else
                                delete m.keyId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.value = v;
                            else
                                delete m.value;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.certificate = v;
                            else
                                delete m.certificate;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.signedAtMs = v;
                            else
                                delete m.signedAtMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Signature message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Signature
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Signature & lienthong.v1.Signature.$Shape} Signature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signature.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Signature message.
             * @function verify
             * @memberof lienthong.v1.Signature
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Signature.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm")) {
                    if (typeof m.algorithm !== "number" || (m.algorithm | 0) !== m.algorithm)
                        return "algorithm: enum value expected";
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    if (!$util.isString(m.keyId))
                        return "keyId: string expected";
                }
                if (m.value != null && $Object.hasOwnProperty.call(m, "value")) {
                    if (!(m.value && typeof m.value.length === "number" || $util.isString(m.value)))
                        return "value: buffer expected";
                }
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate")) {
                    if (!(m.certificate && typeof m.certificate.length === "number" || $util.isString(m.certificate)))
                        return "certificate: buffer expected";
                }
                if (m.signedAtMs != null && $Object.hasOwnProperty.call(m, "signedAtMs")) {
                    if (!$util.isInteger(m.signedAtMs) && !(m.signedAtMs && $util.isInteger(m.signedAtMs.low) && $util.isInteger(m.signedAtMs.high)))
                        return "signedAtMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a Signature message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Signature
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Signature} Signature
             */
            Signature.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Signature)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Signature: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Signature();
                if (d.algorithm !== 0 && (typeof d.algorithm !== "string" || $root.lienthong.v1.SignatureAlgorithm[d.algorithm] !== 0)) {
                    switch (d.algorithm) {
                    case "SIGNATURE_ALGORITHM_UNSPECIFIED":
                    case 0:
                        m.algorithm = 0;
                        break;
                    case "SIGNATURE_ALGORITHM_ED25519":
                    case 1:
                        m.algorithm = 1;
                        break;
                    case "SIGNATURE_ALGORITHM_ECDSA_P256_SHA256":
                    case 2:
                        m.algorithm = 2;
                        break;
                    default:
                        if (typeof d.algorithm === "number" && (d.algorithm | 0) === d.algorithm)
                            m.algorithm = d.algorithm;
                    }
                }
                if (d.keyId != null) {
                    if (typeof d.keyId !== "string" || d.keyId.length) {
                        m.keyId = $String(d.keyId);
                    }
                }
                if (d.value != null) {
                    if (d.value.length) {
                        if (typeof d.value === "string")
                            $util.base64.decode(d.value, m.value = $util.newBuffer($util.base64.length(d.value)), 0);
                        else if (d.value.length >= 0)
                            m.value = d.value;
                    }
                }
                if (d.certificate != null) {
                    if (d.certificate.length) {
                        if (typeof d.certificate === "string")
                            $util.base64.decode(d.certificate, m.certificate = $util.newBuffer($util.base64.length(d.certificate)), 0);
                        else if (d.certificate.length >= 0)
                            m.certificate = d.certificate;
                    }
                }
                if (d.signedAtMs != null) {
                    if (typeof d.signedAtMs === "object" ? d.signedAtMs.low || d.signedAtMs.high : $Number(d.signedAtMs) !== 0) {
                        if ($util.Long)
                            m.signedAtMs = $util.Long.fromValue(d.signedAtMs, false);
                        else if (typeof d.signedAtMs === "string")
                            m.signedAtMs = $parseInt(d.signedAtMs, 10);
                        else if (typeof d.signedAtMs === "number")
                            m.signedAtMs = d.signedAtMs;
                        else if (typeof d.signedAtMs === "object")
                            m.signedAtMs = new $util.LongBits(d.signedAtMs.low >>> 0, d.signedAtMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Signature message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Signature
             * @static
             * @param {lienthong.v1.Signature} m Signature
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Signature.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.algorithm = o.enums === $String ? "SIGNATURE_ALGORITHM_UNSPECIFIED" : 0;
                    d.keyId = "";
                    if (o.bytes === $String)
                        d.value = "";
                    else {
                        d.value = [];
                        if (o.bytes !== $Array)
                            d.value = $util.newBuffer(d.value);
                    }
                    if (o.bytes === $String)
                        d.certificate = "";
                    else {
                        d.certificate = [];
                        if (o.bytes !== $Array)
                            d.certificate = $util.newBuffer(d.certificate);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.signedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.signedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm")) {
                    d.algorithm = o.enums === $String ? $root.lienthong.v1.SignatureAlgorithm[m.algorithm] === $undefined ? m.algorithm : $root.lienthong.v1.SignatureAlgorithm[m.algorithm] : m.algorithm;
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    d.keyId = m.keyId;
                }
                if (m.value != null && $Object.hasOwnProperty.call(m, "value")) {
                    d.value = o.bytes === $String ? $util.base64.encode(m.value, 0, m.value.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.value) : m.value;
                }
                if (m.certificate != null && $Object.hasOwnProperty.call(m, "certificate")) {
                    d.certificate = o.bytes === $String ? $util.base64.encode(m.certificate, 0, m.certificate.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.certificate) : m.certificate;
                }
                if (m.signedAtMs != null && $Object.hasOwnProperty.call(m, "signedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.signedAtMs = typeof m.signedAtMs === "number" ? $BigInt(m.signedAtMs) : $util.Long.fromBits(m.signedAtMs.low >>> 0, m.signedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.signedAtMs === "number")
                        d.signedAtMs = o.longs === $String ? $String(m.signedAtMs) : m.signedAtMs;
                    else
                        d.signedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.signedAtMs) : o.longs === $Number ? new $util.LongBits(m.signedAtMs.low >>> 0, m.signedAtMs.high >>> 0).toNumber() : m.signedAtMs;
                }
                return d;
            };

            /**
             * Converts this Signature to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Signature
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Signature.prototype.toJSON = function() {
                return Signature.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Signature
             * @function getTypeUrl
             * @memberof lienthong.v1.Signature
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Signature.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Signature";
            };

            return Signature;
        })();

        v1.Topology = (function() {

            /**
             * Properties of a Topology.
             * @typedef {Object} lienthong.v1.Topology.$Properties
             * @property {Array.<lienthong.v1.NodeRecord.$Properties>|null} [nodes] Topology nodes
             * @property {Array.<lienthong.v1.AgencyRecord.$Properties>|null} [agencies] Topology agencies
             * @property {Array.<lienthong.v1.ClosedAgencyRecord.$Properties>|null} [closed] Topology closed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Topology.
             * @memberof lienthong.v1
             * @interface ITopology
             * @augments lienthong.v1.Topology.$Properties
             * @deprecated Use lienthong.v1.Topology.$Properties instead.
             */

            /**
             * Shape of a Topology.
             * @typedef {lienthong.v1.Topology.$Properties} lienthong.v1.Topology.$Shape
             */

            /**
             * Constructs a new Topology.
             * @memberof lienthong.v1
             * @classdesc Represents a Topology.
             * @constructor
             * @param {lienthong.v1.Topology.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Topology = function (p) {
                this.nodes = [];
                this.agencies = [];
                this.closed = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Topology nodes.
             * @member {Array.<lienthong.v1.NodeRecord.$Properties>} nodes
             * @memberof lienthong.v1.Topology
             * @instance
             */
            Topology.prototype.nodes = $util.emptyArray;

            /**
             * Topology agencies.
             * @member {Array.<lienthong.v1.AgencyRecord.$Properties>} agencies
             * @memberof lienthong.v1.Topology
             * @instance
             */
            Topology.prototype.agencies = $util.emptyArray;

            /**
             * Topology closed.
             * @member {Array.<lienthong.v1.ClosedAgencyRecord.$Properties>} closed
             * @memberof lienthong.v1.Topology
             * @instance
             */
            Topology.prototype.closed = $util.emptyArray;

            /**
             * Creates a new Topology instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Topology
             * @static
             * @param {lienthong.v1.Topology.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Topology} Topology instance
             * @type {{
             *   (properties: lienthong.v1.Topology.$Shape): lienthong.v1.Topology & lienthong.v1.Topology.$Shape;
             *   (properties?: lienthong.v1.Topology.$Properties): lienthong.v1.Topology;
             * }}
             */
            Topology.create = function(properties) {
                return new Topology(properties);
            };

            /**
             * Encodes the specified Topology message. Does not implicitly {@link lienthong.v1.Topology.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Topology
             * @static
             * @param {lienthong.v1.Topology.$Properties} m Topology message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Topology.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.nodes != null && m.nodes.length) {
                    for (var i = 0; i < m.nodes.length; ++i)
                        $root.lienthong.v1.NodeRecord.encode(m.nodes[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.agencies != null && m.agencies.length) {
                    for (var i = 0; i < m.agencies.length; ++i)
                        $root.lienthong.v1.AgencyRecord.encode(m.agencies[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.closed != null && m.closed.length) {
                    for (var i = 0; i < m.closed.length; ++i)
                        $root.lienthong.v1.ClosedAgencyRecord.encode(m.closed[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Topology message, length delimited. Does not implicitly {@link lienthong.v1.Topology.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Topology
             * @static
             * @param {lienthong.v1.Topology.$Properties} message Topology message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Topology.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Topology message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Topology
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Topology & lienthong.v1.Topology.$Shape} Topology
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Topology.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Topology();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.nodes && m.nodes.length))
                                m.nodes = [];
                            m.nodes.push($root.lienthong.v1.NodeRecord.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.agencies && m.agencies.length))
                                m.agencies = [];
                            m.agencies.push($root.lienthong.v1.AgencyRecord.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.closed && m.closed.length))
                                m.closed = [];
                            m.closed.push($root.lienthong.v1.ClosedAgencyRecord.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Topology message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Topology
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Topology & lienthong.v1.Topology.$Shape} Topology
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Topology.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Topology message.
             * @function verify
             * @memberof lienthong.v1.Topology
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Topology.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.nodes != null && $Object.hasOwnProperty.call(m, "nodes")) {
                    if (!$Array.isArray(m.nodes))
                        return "nodes: array expected";
                    for (var i = 0; i < m.nodes.length; ++i) {
                        {
                            var e = $root.lienthong.v1.NodeRecord.verify(m.nodes[i], q + 1);
                            if (e)
                                return "nodes." + e;
                        }
                    }
                }
                if (m.agencies != null && $Object.hasOwnProperty.call(m, "agencies")) {
                    if (!$Array.isArray(m.agencies))
                        return "agencies: array expected";
                    for (var i = 0; i < m.agencies.length; ++i) {
                        {
                            var e = $root.lienthong.v1.AgencyRecord.verify(m.agencies[i], q + 1);
                            if (e)
                                return "agencies." + e;
                        }
                    }
                }
                if (m.closed != null && $Object.hasOwnProperty.call(m, "closed")) {
                    if (!$Array.isArray(m.closed))
                        return "closed: array expected";
                    for (var i = 0; i < m.closed.length; ++i) {
                        {
                            var e = $root.lienthong.v1.ClosedAgencyRecord.verify(m.closed[i], q + 1);
                            if (e)
                                return "closed." + e;
                        }
                    }
                }
                return null;
            };

            /**
             * Creates a Topology message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Topology
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Topology} Topology
             */
            Topology.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Topology)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Topology: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Topology();
                if (d.nodes) {
                    if (!$Array.isArray(d.nodes))
                        throw $TypeError(".lienthong.v1.Topology.nodes: array expected");
                    m.nodes = $Array(d.nodes.length);
                    for (var i = 0; i < d.nodes.length; ++i) {
                        if (!$util.isObject(d.nodes[i]))
                            throw $TypeError(".lienthong.v1.Topology.nodes: object expected");
                        m.nodes[i] = $root.lienthong.v1.NodeRecord.fromObject(d.nodes[i], q + 1);
                    }
                }
                if (d.agencies) {
                    if (!$Array.isArray(d.agencies))
                        throw $TypeError(".lienthong.v1.Topology.agencies: array expected");
                    m.agencies = $Array(d.agencies.length);
                    for (var i = 0; i < d.agencies.length; ++i) {
                        if (!$util.isObject(d.agencies[i]))
                            throw $TypeError(".lienthong.v1.Topology.agencies: object expected");
                        m.agencies[i] = $root.lienthong.v1.AgencyRecord.fromObject(d.agencies[i], q + 1);
                    }
                }
                if (d.closed) {
                    if (!$Array.isArray(d.closed))
                        throw $TypeError(".lienthong.v1.Topology.closed: array expected");
                    m.closed = $Array(d.closed.length);
                    for (var i = 0; i < d.closed.length; ++i) {
                        if (!$util.isObject(d.closed[i]))
                            throw $TypeError(".lienthong.v1.Topology.closed: object expected");
                        m.closed[i] = $root.lienthong.v1.ClosedAgencyRecord.fromObject(d.closed[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Topology message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Topology
             * @static
             * @param {lienthong.v1.Topology} m Topology
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Topology.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.nodes = [];
                    d.agencies = [];
                    d.closed = [];
                }
                if (m.nodes && m.nodes.length) {
                    d.nodes = $Array(m.nodes.length);
                    for (var j = 0; j < m.nodes.length; ++j) {
                        d.nodes[j] = $root.lienthong.v1.NodeRecord.toObject(m.nodes[j], o, q + 1);
                    }
                }
                if (m.agencies && m.agencies.length) {
                    d.agencies = $Array(m.agencies.length);
                    for (var j = 0; j < m.agencies.length; ++j) {
                        d.agencies[j] = $root.lienthong.v1.AgencyRecord.toObject(m.agencies[j], o, q + 1);
                    }
                }
                if (m.closed && m.closed.length) {
                    d.closed = $Array(m.closed.length);
                    for (var j = 0; j < m.closed.length; ++j) {
                        d.closed[j] = $root.lienthong.v1.ClosedAgencyRecord.toObject(m.closed[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this Topology to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Topology
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Topology.prototype.toJSON = function() {
                return Topology.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Topology
             * @function getTypeUrl
             * @memberof lienthong.v1.Topology
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Topology.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Topology";
            };

            return Topology;
        })();

        /**
         * ClosurePolicy enum.
         * @name lienthong.v1.ClosurePolicy
         * @enum {number}
         * @property {number} CLOSURE_POLICY_UNSPECIFIED=0 CLOSURE_POLICY_UNSPECIFIED value
         * @property {number} CLOSURE_POLICY_REDIRECT=1 CLOSURE_POLICY_REDIRECT value
         * @property {number} CLOSURE_POLICY_REFUSE=2 CLOSURE_POLICY_REFUSE value
         */
        v1.ClosurePolicy = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CLOSURE_POLICY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CLOSURE_POLICY_REDIRECT"] = 1;
            values[valuesById[2] = "CLOSURE_POLICY_REFUSE"] = 2;
            return values;
        })();

        v1.ClosedAgencyRecord = (function() {

            /**
             * Properties of a ClosedAgencyRecord.
             * @typedef {Object} lienthong.v1.ClosedAgencyRecord.$Properties
             * @property {string|null} [code] ClosedAgencyRecord code
             * @property {string|null} [name] ClosedAgencyRecord name
             * @property {string|null} [closedAt] ClosedAgencyRecord closedAt
             * @property {string|null} [successor] ClosedAgencyRecord successor
             * @property {lienthong.v1.ClosurePolicy|null} [policy] ClosedAgencyRecord policy
             * @property {Array.<lienthong.v1.PublicKey.$Properties>|null} [keys] ClosedAgencyRecord keys
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClosedAgencyRecord.
             * @memberof lienthong.v1
             * @interface IClosedAgencyRecord
             * @augments lienthong.v1.ClosedAgencyRecord.$Properties
             * @deprecated Use lienthong.v1.ClosedAgencyRecord.$Properties instead.
             */

            /**
             * Shape of a ClosedAgencyRecord.
             * @typedef {lienthong.v1.ClosedAgencyRecord.$Properties} lienthong.v1.ClosedAgencyRecord.$Shape
             */

            /**
             * Constructs a new ClosedAgencyRecord.
             * @memberof lienthong.v1
             * @classdesc Represents a ClosedAgencyRecord.
             * @constructor
             * @param {lienthong.v1.ClosedAgencyRecord.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ClosedAgencyRecord = function (p) {
                this.keys = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ClosedAgencyRecord code.
             * @member {string} code
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.code = "";

            /**
             * ClosedAgencyRecord name.
             * @member {string} name
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.name = "";

            /**
             * ClosedAgencyRecord closedAt.
             * @member {string} closedAt
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.closedAt = "";

            /**
             * ClosedAgencyRecord successor.
             * @member {string} successor
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.successor = "";

            /**
             * ClosedAgencyRecord policy.
             * @member {lienthong.v1.ClosurePolicy} policy
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.policy = 0;

            /**
             * ClosedAgencyRecord keys.
             * @member {Array.<lienthong.v1.PublicKey.$Properties>} keys
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             */
            ClosedAgencyRecord.prototype.keys = $util.emptyArray;

            /**
             * Creates a new ClosedAgencyRecord instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {lienthong.v1.ClosedAgencyRecord.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.ClosedAgencyRecord} ClosedAgencyRecord instance
             * @type {{
             *   (properties: lienthong.v1.ClosedAgencyRecord.$Shape): lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape;
             *   (properties?: lienthong.v1.ClosedAgencyRecord.$Properties): lienthong.v1.ClosedAgencyRecord;
             * }}
             */
            ClosedAgencyRecord.create = function(properties) {
                return new ClosedAgencyRecord(properties);
            };

            /**
             * Encodes the specified ClosedAgencyRecord message. Does not implicitly {@link lienthong.v1.ClosedAgencyRecord.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {lienthong.v1.ClosedAgencyRecord.$Properties} m ClosedAgencyRecord message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClosedAgencyRecord.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.code);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.closedAt != null && $Object.hasOwnProperty.call(m, "closedAt") && m.closedAt !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.closedAt);
                if (m.successor != null && $Object.hasOwnProperty.call(m, "successor") && m.successor !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.successor);
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy") && m.policy !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.policy);
                if (m.keys != null && m.keys.length) {
                    for (var i = 0; i < m.keys.length; ++i)
                        $root.lienthong.v1.PublicKey.encode(m.keys[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ClosedAgencyRecord message, length delimited. Does not implicitly {@link lienthong.v1.ClosedAgencyRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {lienthong.v1.ClosedAgencyRecord.$Properties} message ClosedAgencyRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClosedAgencyRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ClosedAgencyRecord message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape} ClosedAgencyRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClosedAgencyRecord.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.ClosedAgencyRecord();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.closedAt = v;
                            else
                                delete m.closedAt;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.successor = v;
                            else
                                delete m.successor;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.policy = v;
                            else
                                delete m.policy;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.keys && m.keys.length))
                                m.keys = [];
                            m.keys.push($root.lienthong.v1.PublicKey.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ClosedAgencyRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.ClosedAgencyRecord & lienthong.v1.ClosedAgencyRecord.$Shape} ClosedAgencyRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClosedAgencyRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ClosedAgencyRecord message.
             * @function verify
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ClosedAgencyRecord.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.closedAt != null && $Object.hasOwnProperty.call(m, "closedAt")) {
                    if (!$util.isString(m.closedAt))
                        return "closedAt: string expected";
                }
                if (m.successor != null && $Object.hasOwnProperty.call(m, "successor")) {
                    if (!$util.isString(m.successor))
                        return "successor: string expected";
                }
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy")) {
                    if (typeof m.policy !== "number" || (m.policy | 0) !== m.policy)
                        return "policy: enum value expected";
                }
                if (m.keys != null && $Object.hasOwnProperty.call(m, "keys")) {
                    if (!$Array.isArray(m.keys))
                        return "keys: array expected";
                    for (var i = 0; i < m.keys.length; ++i) {
                        {
                            var e = $root.lienthong.v1.PublicKey.verify(m.keys[i], q + 1);
                            if (e)
                                return "keys." + e;
                        }
                    }
                }
                return null;
            };

            /**
             * Creates a ClosedAgencyRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.ClosedAgencyRecord} ClosedAgencyRecord
             */
            ClosedAgencyRecord.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.ClosedAgencyRecord)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.ClosedAgencyRecord: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.ClosedAgencyRecord();
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.closedAt != null) {
                    if (typeof d.closedAt !== "string" || d.closedAt.length) {
                        m.closedAt = $String(d.closedAt);
                    }
                }
                if (d.successor != null) {
                    if (typeof d.successor !== "string" || d.successor.length) {
                        m.successor = $String(d.successor);
                    }
                }
                if (d.policy !== 0 && (typeof d.policy !== "string" || $root.lienthong.v1.ClosurePolicy[d.policy] !== 0)) {
                    switch (d.policy) {
                    case "CLOSURE_POLICY_UNSPECIFIED":
                    case 0:
                        m.policy = 0;
                        break;
                    case "CLOSURE_POLICY_REDIRECT":
                    case 1:
                        m.policy = 1;
                        break;
                    case "CLOSURE_POLICY_REFUSE":
                    case 2:
                        m.policy = 2;
                        break;
                    default:
                        if (typeof d.policy === "number" && (d.policy | 0) === d.policy)
                            m.policy = d.policy;
                    }
                }
                if (d.keys) {
                    if (!$Array.isArray(d.keys))
                        throw $TypeError(".lienthong.v1.ClosedAgencyRecord.keys: array expected");
                    m.keys = $Array(d.keys.length);
                    for (var i = 0; i < d.keys.length; ++i) {
                        if (!$util.isObject(d.keys[i]))
                            throw $TypeError(".lienthong.v1.ClosedAgencyRecord.keys: object expected");
                        m.keys[i] = $root.lienthong.v1.PublicKey.fromObject(d.keys[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ClosedAgencyRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {lienthong.v1.ClosedAgencyRecord} m ClosedAgencyRecord
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ClosedAgencyRecord.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.keys = [];
                }
                if (o.defaults) {
                    d.code = "";
                    d.name = "";
                    d.closedAt = "";
                    d.successor = "";
                    d.policy = o.enums === $String ? "CLOSURE_POLICY_UNSPECIFIED" : 0;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.closedAt != null && $Object.hasOwnProperty.call(m, "closedAt")) {
                    d.closedAt = m.closedAt;
                }
                if (m.successor != null && $Object.hasOwnProperty.call(m, "successor")) {
                    d.successor = m.successor;
                }
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy")) {
                    d.policy = o.enums === $String ? $root.lienthong.v1.ClosurePolicy[m.policy] === $undefined ? m.policy : $root.lienthong.v1.ClosurePolicy[m.policy] : m.policy;
                }
                if (m.keys && m.keys.length) {
                    d.keys = $Array(m.keys.length);
                    for (var j = 0; j < m.keys.length; ++j) {
                        d.keys[j] = $root.lienthong.v1.PublicKey.toObject(m.keys[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this ClosedAgencyRecord to JSON.
             * @function toJSON
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ClosedAgencyRecord.prototype.toJSON = function() {
                return ClosedAgencyRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ClosedAgencyRecord
             * @function getTypeUrl
             * @memberof lienthong.v1.ClosedAgencyRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClosedAgencyRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.ClosedAgencyRecord";
            };

            return ClosedAgencyRecord;
        })();

        /**
         * Priority enum.
         * @name lienthong.v1.Priority
         * @enum {number}
         * @property {number} PRIORITY_NORMAL=0 PRIORITY_NORMAL value
         * @property {number} PRIORITY_URGENT=1 PRIORITY_URGENT value
         * @property {number} PRIORITY_VERY_URGENT=2 PRIORITY_VERY_URGENT value
         * @property {number} PRIORITY_FLASH=3 PRIORITY_FLASH value
         * @property {number} PRIORITY_FLASH_SCHEDULED=4 PRIORITY_FLASH_SCHEDULED value
         */
        v1.Priority = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PRIORITY_NORMAL"] = 0;
            values[valuesById[1] = "PRIORITY_URGENT"] = 1;
            values[valuesById[2] = "PRIORITY_VERY_URGENT"] = 2;
            values[valuesById[3] = "PRIORITY_FLASH"] = 3;
            values[valuesById[4] = "PRIORITY_FLASH_SCHEDULED"] = 4;
            return values;
        })();

        /**
         * BusinessOperation enum.
         * @name lienthong.v1.BusinessOperation
         * @enum {number}
         * @property {number} BUSINESS_OPERATION_NEW=0 BUSINESS_OPERATION_NEW value
         * @property {number} BUSINESS_OPERATION_REVOKE=1 BUSINESS_OPERATION_REVOKE value
         * @property {number} BUSINESS_OPERATION_UPDATE=2 BUSINESS_OPERATION_UPDATE value
         * @property {number} BUSINESS_OPERATION_REPLACE=3 BUSINESS_OPERATION_REPLACE value
         */
        v1.BusinessOperation = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BUSINESS_OPERATION_NEW"] = 0;
            values[valuesById[1] = "BUSINESS_OPERATION_REVOKE"] = 1;
            values[valuesById[2] = "BUSINESS_OPERATION_UPDATE"] = 2;
            values[valuesById[3] = "BUSINESS_OPERATION_REPLACE"] = 3;
            return values;
        })();

        v1.Organ = (function() {

            /**
             * Properties of an Organ.
             * @typedef {Object} lienthong.v1.Organ.$Properties
             * @property {string|null} [code] Organ code
             * @property {string|null} [name] Organ name
             * @property {string|null} [organizationInCharge] Organ organizationInCharge
             * @property {string|null} [address] Organ address
             * @property {string|null} [email] Organ email
             * @property {string|null} [telephone] Organ telephone
             * @property {string|null} [fax] Organ fax
             * @property {string|null} [website] Organ website
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Organ.
             * @memberof lienthong.v1
             * @interface IOrgan
             * @augments lienthong.v1.Organ.$Properties
             * @deprecated Use lienthong.v1.Organ.$Properties instead.
             */

            /**
             * Shape of an Organ.
             * @typedef {lienthong.v1.Organ.$Properties} lienthong.v1.Organ.$Shape
             */

            /**
             * Constructs a new Organ.
             * @memberof lienthong.v1
             * @classdesc Represents an Organ.
             * @constructor
             * @param {lienthong.v1.Organ.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Organ = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Organ code.
             * @member {string} code
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.code = "";

            /**
             * Organ name.
             * @member {string} name
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.name = "";

            /**
             * Organ organizationInCharge.
             * @member {string} organizationInCharge
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.organizationInCharge = "";

            /**
             * Organ address.
             * @member {string} address
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.address = "";

            /**
             * Organ email.
             * @member {string} email
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.email = "";

            /**
             * Organ telephone.
             * @member {string} telephone
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.telephone = "";

            /**
             * Organ fax.
             * @member {string} fax
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.fax = "";

            /**
             * Organ website.
             * @member {string} website
             * @memberof lienthong.v1.Organ
             * @instance
             */
            Organ.prototype.website = "";

            /**
             * Creates a new Organ instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Organ
             * @static
             * @param {lienthong.v1.Organ.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Organ} Organ instance
             * @type {{
             *   (properties: lienthong.v1.Organ.$Shape): lienthong.v1.Organ & lienthong.v1.Organ.$Shape;
             *   (properties?: lienthong.v1.Organ.$Properties): lienthong.v1.Organ;
             * }}
             */
            Organ.create = function(properties) {
                return new Organ(properties);
            };

            /**
             * Encodes the specified Organ message. Does not implicitly {@link lienthong.v1.Organ.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Organ
             * @static
             * @param {lienthong.v1.Organ.$Properties} m Organ message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Organ.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.code);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.organizationInCharge != null && $Object.hasOwnProperty.call(m, "organizationInCharge") && m.organizationInCharge !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.organizationInCharge);
                if (m.address != null && $Object.hasOwnProperty.call(m, "address") && m.address !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.address);
                if (m.email != null && $Object.hasOwnProperty.call(m, "email") && m.email !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.email);
                if (m.telephone != null && $Object.hasOwnProperty.call(m, "telephone") && m.telephone !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.telephone);
                if (m.fax != null && $Object.hasOwnProperty.call(m, "fax") && m.fax !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.fax);
                if (m.website != null && $Object.hasOwnProperty.call(m, "website") && m.website !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.website);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Organ message, length delimited. Does not implicitly {@link lienthong.v1.Organ.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Organ
             * @static
             * @param {lienthong.v1.Organ.$Properties} message Organ message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Organ.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Organ message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Organ
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Organ & lienthong.v1.Organ.$Shape} Organ
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Organ.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Organ();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.organizationInCharge = v;
                            else
                                delete m.organizationInCharge;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.address = v;
                            else
                                delete m.address;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.email = v;
                            else
                                delete m.email;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.telephone = v;
                            else
                                delete m.telephone;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fax = v;
                            else
                                delete m.fax;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.website = v;
                            else
                                delete m.website;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Organ message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Organ
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Organ & lienthong.v1.Organ.$Shape} Organ
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Organ.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Organ message.
             * @function verify
             * @memberof lienthong.v1.Organ
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Organ.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.organizationInCharge != null && $Object.hasOwnProperty.call(m, "organizationInCharge")) {
                    if (!$util.isString(m.organizationInCharge))
                        return "organizationInCharge: string expected";
                }
                if (m.address != null && $Object.hasOwnProperty.call(m, "address")) {
                    if (!$util.isString(m.address))
                        return "address: string expected";
                }
                if (m.email != null && $Object.hasOwnProperty.call(m, "email")) {
                    if (!$util.isString(m.email))
                        return "email: string expected";
                }
                if (m.telephone != null && $Object.hasOwnProperty.call(m, "telephone")) {
                    if (!$util.isString(m.telephone))
                        return "telephone: string expected";
                }
                if (m.fax != null && $Object.hasOwnProperty.call(m, "fax")) {
                    if (!$util.isString(m.fax))
                        return "fax: string expected";
                }
                if (m.website != null && $Object.hasOwnProperty.call(m, "website")) {
                    if (!$util.isString(m.website))
                        return "website: string expected";
                }
                return null;
            };

            /**
             * Creates an Organ message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Organ
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Organ} Organ
             */
            Organ.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Organ)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Organ: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Organ();
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.organizationInCharge != null) {
                    if (typeof d.organizationInCharge !== "string" || d.organizationInCharge.length) {
                        m.organizationInCharge = $String(d.organizationInCharge);
                    }
                }
                if (d.address != null) {
                    if (typeof d.address !== "string" || d.address.length) {
                        m.address = $String(d.address);
                    }
                }
                if (d.email != null) {
                    if (typeof d.email !== "string" || d.email.length) {
                        m.email = $String(d.email);
                    }
                }
                if (d.telephone != null) {
                    if (typeof d.telephone !== "string" || d.telephone.length) {
                        m.telephone = $String(d.telephone);
                    }
                }
                if (d.fax != null) {
                    if (typeof d.fax !== "string" || d.fax.length) {
                        m.fax = $String(d.fax);
                    }
                }
                if (d.website != null) {
                    if (typeof d.website !== "string" || d.website.length) {
                        m.website = $String(d.website);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Organ message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Organ
             * @static
             * @param {lienthong.v1.Organ} m Organ
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Organ.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.code = "";
                    d.name = "";
                    d.organizationInCharge = "";
                    d.address = "";
                    d.email = "";
                    d.telephone = "";
                    d.fax = "";
                    d.website = "";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.organizationInCharge != null && $Object.hasOwnProperty.call(m, "organizationInCharge")) {
                    d.organizationInCharge = m.organizationInCharge;
                }
                if (m.address != null && $Object.hasOwnProperty.call(m, "address")) {
                    d.address = m.address;
                }
                if (m.email != null && $Object.hasOwnProperty.call(m, "email")) {
                    d.email = m.email;
                }
                if (m.telephone != null && $Object.hasOwnProperty.call(m, "telephone")) {
                    d.telephone = m.telephone;
                }
                if (m.fax != null && $Object.hasOwnProperty.call(m, "fax")) {
                    d.fax = m.fax;
                }
                if (m.website != null && $Object.hasOwnProperty.call(m, "website")) {
                    d.website = m.website;
                }
                return d;
            };

            /**
             * Converts this Organ to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Organ
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Organ.prototype.toJSON = function() {
                return Organ.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Organ
             * @function getTypeUrl
             * @memberof lienthong.v1.Organ
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Organ.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Organ";
            };

            return Organ;
        })();

        v1.DocumentType = (function() {

            /**
             * Properties of a DocumentType.
             * @typedef {Object} lienthong.v1.DocumentType.$Properties
             * @property {number|null} [type] DocumentType type
             * @property {number|null} [typeDetail] DocumentType typeDetail
             * @property {string|null} [typeName] DocumentType typeName
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DocumentType.
             * @memberof lienthong.v1
             * @interface IDocumentType
             * @augments lienthong.v1.DocumentType.$Properties
             * @deprecated Use lienthong.v1.DocumentType.$Properties instead.
             */

            /**
             * Shape of a DocumentType.
             * @typedef {lienthong.v1.DocumentType.$Properties} lienthong.v1.DocumentType.$Shape
             */

            /**
             * Constructs a new DocumentType.
             * @memberof lienthong.v1
             * @classdesc Represents a DocumentType.
             * @constructor
             * @param {lienthong.v1.DocumentType.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var DocumentType = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DocumentType type.
             * @member {number} type
             * @memberof lienthong.v1.DocumentType
             * @instance
             */
            DocumentType.prototype.type = 0;

            /**
             * DocumentType typeDetail.
             * @member {number} typeDetail
             * @memberof lienthong.v1.DocumentType
             * @instance
             */
            DocumentType.prototype.typeDetail = 0;

            /**
             * DocumentType typeName.
             * @member {string} typeName
             * @memberof lienthong.v1.DocumentType
             * @instance
             */
            DocumentType.prototype.typeName = "";

            /**
             * Creates a new DocumentType instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {lienthong.v1.DocumentType.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.DocumentType} DocumentType instance
             * @type {{
             *   (properties: lienthong.v1.DocumentType.$Shape): lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape;
             *   (properties?: lienthong.v1.DocumentType.$Properties): lienthong.v1.DocumentType;
             * }}
             */
            DocumentType.create = function(properties) {
                return new DocumentType(properties);
            };

            /**
             * Encodes the specified DocumentType message. Does not implicitly {@link lienthong.v1.DocumentType.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {lienthong.v1.DocumentType.$Properties} m DocumentType message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DocumentType.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.type);
                if (m.typeDetail != null && $Object.hasOwnProperty.call(m, "typeDetail") && m.typeDetail !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.typeDetail);
                if (m.typeName != null && $Object.hasOwnProperty.call(m, "typeName") && m.typeName !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.typeName);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DocumentType message, length delimited. Does not implicitly {@link lienthong.v1.DocumentType.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {lienthong.v1.DocumentType.$Properties} message DocumentType message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DocumentType.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DocumentType message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape} DocumentType
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DocumentType.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.DocumentType();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.type = v;
                            else
                                delete m.type;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.typeDetail = v;
                            else
                                delete m.typeDetail;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.typeName = v;
                            else
                                delete m.typeName;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DocumentType message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.DocumentType & lienthong.v1.DocumentType.$Shape} DocumentType
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DocumentType.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DocumentType message.
             * @function verify
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DocumentType.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    if (!$util.isInteger(m.type))
                        return "type: integer expected";
                }
                if (m.typeDetail != null && $Object.hasOwnProperty.call(m, "typeDetail")) {
                    if (!$util.isInteger(m.typeDetail))
                        return "typeDetail: integer expected";
                }
                if (m.typeName != null && $Object.hasOwnProperty.call(m, "typeName")) {
                    if (!$util.isString(m.typeName))
                        return "typeName: string expected";
                }
                return null;
            };

            /**
             * Creates a DocumentType message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.DocumentType} DocumentType
             */
            DocumentType.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.DocumentType)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.DocumentType: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.DocumentType();
                if (d.type != null) {
                    if ($Number(d.type) !== 0) {
                        m.type = d.type | 0;
                    }
                }
                if (d.typeDetail != null) {
                    if ($Number(d.typeDetail) !== 0) {
                        m.typeDetail = d.typeDetail | 0;
                    }
                }
                if (d.typeName != null) {
                    if (typeof d.typeName !== "string" || d.typeName.length) {
                        m.typeName = $String(d.typeName);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DocumentType message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {lienthong.v1.DocumentType} m DocumentType
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DocumentType.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.type = 0;
                    d.typeDetail = 0;
                    d.typeName = "";
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    d.type = m.type;
                }
                if (m.typeDetail != null && $Object.hasOwnProperty.call(m, "typeDetail")) {
                    d.typeDetail = m.typeDetail;
                }
                if (m.typeName != null && $Object.hasOwnProperty.call(m, "typeName")) {
                    d.typeName = m.typeName;
                }
                return d;
            };

            /**
             * Converts this DocumentType to JSON.
             * @function toJSON
             * @memberof lienthong.v1.DocumentType
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DocumentType.prototype.toJSON = function() {
                return DocumentType.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DocumentType
             * @function getTypeUrl
             * @memberof lienthong.v1.DocumentType
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DocumentType.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.DocumentType";
            };

            return DocumentType;
        })();

        v1.Signer = (function() {

            /**
             * Properties of a Signer.
             * @typedef {Object} lienthong.v1.Signer.$Properties
             * @property {string|null} [competence] Signer competence
             * @property {string|null} [position] Signer position
             * @property {string|null} [fullName] Signer fullName
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Signer.
             * @memberof lienthong.v1
             * @interface ISigner
             * @augments lienthong.v1.Signer.$Properties
             * @deprecated Use lienthong.v1.Signer.$Properties instead.
             */

            /**
             * Shape of a Signer.
             * @typedef {lienthong.v1.Signer.$Properties} lienthong.v1.Signer.$Shape
             */

            /**
             * Constructs a new Signer.
             * @memberof lienthong.v1
             * @classdesc Represents a Signer.
             * @constructor
             * @param {lienthong.v1.Signer.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Signer = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Signer competence.
             * @member {string} competence
             * @memberof lienthong.v1.Signer
             * @instance
             */
            Signer.prototype.competence = "";

            /**
             * Signer position.
             * @member {string} position
             * @memberof lienthong.v1.Signer
             * @instance
             */
            Signer.prototype.position = "";

            /**
             * Signer fullName.
             * @member {string} fullName
             * @memberof lienthong.v1.Signer
             * @instance
             */
            Signer.prototype.fullName = "";

            /**
             * Creates a new Signer instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Signer
             * @static
             * @param {lienthong.v1.Signer.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Signer} Signer instance
             * @type {{
             *   (properties: lienthong.v1.Signer.$Shape): lienthong.v1.Signer & lienthong.v1.Signer.$Shape;
             *   (properties?: lienthong.v1.Signer.$Properties): lienthong.v1.Signer;
             * }}
             */
            Signer.create = function(properties) {
                return new Signer(properties);
            };

            /**
             * Encodes the specified Signer message. Does not implicitly {@link lienthong.v1.Signer.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Signer
             * @static
             * @param {lienthong.v1.Signer.$Properties} m Signer message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signer.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.competence != null && $Object.hasOwnProperty.call(m, "competence") && m.competence !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.competence);
                if (m.position != null && $Object.hasOwnProperty.call(m, "position") && m.position !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.position);
                if (m.fullName != null && $Object.hasOwnProperty.call(m, "fullName") && m.fullName !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.fullName);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Signer message, length delimited. Does not implicitly {@link lienthong.v1.Signer.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Signer
             * @static
             * @param {lienthong.v1.Signer.$Properties} message Signer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signer.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Signer message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Signer
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Signer & lienthong.v1.Signer.$Shape} Signer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signer.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Signer();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.competence = v;
                            else
                                delete m.competence;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.position = v;
                            else
                                delete m.position;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fullName = v;
                            else
                                delete m.fullName;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Signer message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Signer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Signer & lienthong.v1.Signer.$Shape} Signer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signer.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Signer message.
             * @function verify
             * @memberof lienthong.v1.Signer
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Signer.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.competence != null && $Object.hasOwnProperty.call(m, "competence")) {
                    if (!$util.isString(m.competence))
                        return "competence: string expected";
                }
                if (m.position != null && $Object.hasOwnProperty.call(m, "position")) {
                    if (!$util.isString(m.position))
                        return "position: string expected";
                }
                if (m.fullName != null && $Object.hasOwnProperty.call(m, "fullName")) {
                    if (!$util.isString(m.fullName))
                        return "fullName: string expected";
                }
                return null;
            };

            /**
             * Creates a Signer message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Signer
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Signer} Signer
             */
            Signer.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Signer)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Signer: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Signer();
                if (d.competence != null) {
                    if (typeof d.competence !== "string" || d.competence.length) {
                        m.competence = $String(d.competence);
                    }
                }
                if (d.position != null) {
                    if (typeof d.position !== "string" || d.position.length) {
                        m.position = $String(d.position);
                    }
                }
                if (d.fullName != null) {
                    if (typeof d.fullName !== "string" || d.fullName.length) {
                        m.fullName = $String(d.fullName);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Signer message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Signer
             * @static
             * @param {lienthong.v1.Signer} m Signer
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Signer.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.competence = "";
                    d.position = "";
                    d.fullName = "";
                }
                if (m.competence != null && $Object.hasOwnProperty.call(m, "competence")) {
                    d.competence = m.competence;
                }
                if (m.position != null && $Object.hasOwnProperty.call(m, "position")) {
                    d.position = m.position;
                }
                if (m.fullName != null && $Object.hasOwnProperty.call(m, "fullName")) {
                    d.fullName = m.fullName;
                }
                return d;
            };

            /**
             * Converts this Signer to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Signer
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Signer.prototype.toJSON = function() {
                return Signer.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Signer
             * @function getTypeUrl
             * @memberof lienthong.v1.Signer
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Signer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Signer";
            };

            return Signer;
        })();

        v1.ResponseFor = (function() {

            /**
             * Properties of a ResponseFor.
             * @typedef {Object} lienthong.v1.ResponseFor.$Properties
             * @property {string|null} [organCode] ResponseFor organCode
             * @property {string|null} [code] ResponseFor code
             * @property {string|null} [promulgationDate] ResponseFor promulgationDate
             * @property {string|null} [documentId] ResponseFor documentId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResponseFor.
             * @memberof lienthong.v1
             * @interface IResponseFor
             * @augments lienthong.v1.ResponseFor.$Properties
             * @deprecated Use lienthong.v1.ResponseFor.$Properties instead.
             */

            /**
             * Shape of a ResponseFor.
             * @typedef {lienthong.v1.ResponseFor.$Properties} lienthong.v1.ResponseFor.$Shape
             */

            /**
             * Constructs a new ResponseFor.
             * @memberof lienthong.v1
             * @classdesc Represents a ResponseFor.
             * @constructor
             * @param {lienthong.v1.ResponseFor.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ResponseFor = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ResponseFor organCode.
             * @member {string} organCode
             * @memberof lienthong.v1.ResponseFor
             * @instance
             */
            ResponseFor.prototype.organCode = "";

            /**
             * ResponseFor code.
             * @member {string} code
             * @memberof lienthong.v1.ResponseFor
             * @instance
             */
            ResponseFor.prototype.code = "";

            /**
             * ResponseFor promulgationDate.
             * @member {string} promulgationDate
             * @memberof lienthong.v1.ResponseFor
             * @instance
             */
            ResponseFor.prototype.promulgationDate = "";

            /**
             * ResponseFor documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.ResponseFor
             * @instance
             */
            ResponseFor.prototype.documentId = "";

            /**
             * Creates a new ResponseFor instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {lienthong.v1.ResponseFor.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.ResponseFor} ResponseFor instance
             * @type {{
             *   (properties: lienthong.v1.ResponseFor.$Shape): lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape;
             *   (properties?: lienthong.v1.ResponseFor.$Properties): lienthong.v1.ResponseFor;
             * }}
             */
            ResponseFor.create = function(properties) {
                return new ResponseFor(properties);
            };

            /**
             * Encodes the specified ResponseFor message. Does not implicitly {@link lienthong.v1.ResponseFor.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {lienthong.v1.ResponseFor.$Properties} m ResponseFor message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResponseFor.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.organCode != null && $Object.hasOwnProperty.call(m, "organCode") && m.organCode !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.organCode);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.code);
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate") && m.promulgationDate !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.promulgationDate);
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.documentId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ResponseFor message, length delimited. Does not implicitly {@link lienthong.v1.ResponseFor.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {lienthong.v1.ResponseFor.$Properties} message ResponseFor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResponseFor.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ResponseFor message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape} ResponseFor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResponseFor.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.ResponseFor();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.organCode = v;
                            else
                                delete m.organCode;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.promulgationDate = v;
                            else
                                delete m.promulgationDate;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ResponseFor message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.ResponseFor & lienthong.v1.ResponseFor.$Shape} ResponseFor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResponseFor.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ResponseFor message.
             * @function verify
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ResponseFor.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.organCode != null && $Object.hasOwnProperty.call(m, "organCode")) {
                    if (!$util.isString(m.organCode))
                        return "organCode: string expected";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate")) {
                    if (!$util.isString(m.promulgationDate))
                        return "promulgationDate: string expected";
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                return null;
            };

            /**
             * Creates a ResponseFor message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.ResponseFor} ResponseFor
             */
            ResponseFor.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.ResponseFor)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.ResponseFor: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.ResponseFor();
                if (d.organCode != null) {
                    if (typeof d.organCode !== "string" || d.organCode.length) {
                        m.organCode = $String(d.organCode);
                    }
                }
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.promulgationDate != null) {
                    if (typeof d.promulgationDate !== "string" || d.promulgationDate.length) {
                        m.promulgationDate = $String(d.promulgationDate);
                    }
                }
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ResponseFor message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {lienthong.v1.ResponseFor} m ResponseFor
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ResponseFor.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.organCode = "";
                    d.code = "";
                    d.promulgationDate = "";
                    d.documentId = "";
                }
                if (m.organCode != null && $Object.hasOwnProperty.call(m, "organCode")) {
                    d.organCode = m.organCode;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate")) {
                    d.promulgationDate = m.promulgationDate;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                return d;
            };

            /**
             * Converts this ResponseFor to JSON.
             * @function toJSON
             * @memberof lienthong.v1.ResponseFor
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ResponseFor.prototype.toJSON = function() {
                return ResponseFor.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ResponseFor
             * @function getTypeUrl
             * @memberof lienthong.v1.ResponseFor
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResponseFor.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.ResponseFor";
            };

            return ResponseFor;
        })();

        v1.Business = (function() {

            /**
             * Properties of a Business.
             * @typedef {Object} lienthong.v1.Business.$Properties
             * @property {lienthong.v1.BusinessOperation|null} [operation] Business operation
             * @property {string|null} [reason] Business reason
             * @property {Array.<string>|null} [addedRecipients] Business addedRecipients
             * @property {Array.<string>|null} [removedRecipients] Business removedRecipients
             * @property {Array.<string>|null} [replaces] Business replaces
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Business.
             * @memberof lienthong.v1
             * @interface IBusiness
             * @augments lienthong.v1.Business.$Properties
             * @deprecated Use lienthong.v1.Business.$Properties instead.
             */

            /**
             * Shape of a Business.
             * @typedef {lienthong.v1.Business.$Properties} lienthong.v1.Business.$Shape
             */

            /**
             * Constructs a new Business.
             * @memberof lienthong.v1
             * @classdesc Represents a Business.
             * @constructor
             * @param {lienthong.v1.Business.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Business = function (p) {
                this.addedRecipients = [];
                this.removedRecipients = [];
                this.replaces = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Business operation.
             * @member {lienthong.v1.BusinessOperation} operation
             * @memberof lienthong.v1.Business
             * @instance
             */
            Business.prototype.operation = 0;

            /**
             * Business reason.
             * @member {string} reason
             * @memberof lienthong.v1.Business
             * @instance
             */
            Business.prototype.reason = "";

            /**
             * Business addedRecipients.
             * @member {Array.<string>} addedRecipients
             * @memberof lienthong.v1.Business
             * @instance
             */
            Business.prototype.addedRecipients = $util.emptyArray;

            /**
             * Business removedRecipients.
             * @member {Array.<string>} removedRecipients
             * @memberof lienthong.v1.Business
             * @instance
             */
            Business.prototype.removedRecipients = $util.emptyArray;

            /**
             * Business replaces.
             * @member {Array.<string>} replaces
             * @memberof lienthong.v1.Business
             * @instance
             */
            Business.prototype.replaces = $util.emptyArray;

            /**
             * Creates a new Business instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Business
             * @static
             * @param {lienthong.v1.Business.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Business} Business instance
             * @type {{
             *   (properties: lienthong.v1.Business.$Shape): lienthong.v1.Business & lienthong.v1.Business.$Shape;
             *   (properties?: lienthong.v1.Business.$Properties): lienthong.v1.Business;
             * }}
             */
            Business.create = function(properties) {
                return new Business(properties);
            };

            /**
             * Encodes the specified Business message. Does not implicitly {@link lienthong.v1.Business.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Business
             * @static
             * @param {lienthong.v1.Business.$Properties} m Business message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Business.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation") && m.operation !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.operation);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.addedRecipients != null && m.addedRecipients.length) {
                    for (var i = 0; i < m.addedRecipients.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.addedRecipients[i]);
                }
                if (m.removedRecipients != null && m.removedRecipients.length) {
                    for (var i = 0; i < m.removedRecipients.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.removedRecipients[i]);
                }
                if (m.replaces != null && m.replaces.length) {
                    for (var i = 0; i < m.replaces.length; ++i)
                        w.uint32(/* id 5, wireType 2 =*/42).string(m.replaces[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Business message, length delimited. Does not implicitly {@link lienthong.v1.Business.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Business
             * @static
             * @param {lienthong.v1.Business.$Properties} message Business message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Business.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Business message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Business
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Business & lienthong.v1.Business.$Shape} Business
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Business.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Business();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.operation = v;
                            else
                                delete m.operation;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.addedRecipients && m.addedRecipients.length))
                                m.addedRecipients = [];
                            m.addedRecipients.push(r.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.removedRecipients && m.removedRecipients.length))
                                m.removedRecipients = [];
                            m.removedRecipients.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.replaces && m.replaces.length))
                                m.replaces = [];
                            m.replaces.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Business message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Business
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Business & lienthong.v1.Business.$Shape} Business
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Business.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Business message.
             * @function verify
             * @memberof lienthong.v1.Business
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Business.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation")) {
                    if (typeof m.operation !== "number" || (m.operation | 0) !== m.operation)
                        return "operation: enum value expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.addedRecipients != null && $Object.hasOwnProperty.call(m, "addedRecipients")) {
                    if (!$Array.isArray(m.addedRecipients))
                        return "addedRecipients: array expected";
                    for (var i = 0; i < m.addedRecipients.length; ++i) {
                        if (!$util.isString(m.addedRecipients[i]))
                            return "addedRecipients: string[] expected";
                    }
                }
                if (m.removedRecipients != null && $Object.hasOwnProperty.call(m, "removedRecipients")) {
                    if (!$Array.isArray(m.removedRecipients))
                        return "removedRecipients: array expected";
                    for (var i = 0; i < m.removedRecipients.length; ++i) {
                        if (!$util.isString(m.removedRecipients[i]))
                            return "removedRecipients: string[] expected";
                    }
                }
                if (m.replaces != null && $Object.hasOwnProperty.call(m, "replaces")) {
                    if (!$Array.isArray(m.replaces))
                        return "replaces: array expected";
                    for (var i = 0; i < m.replaces.length; ++i) {
                        if (!$util.isString(m.replaces[i]))
                            return "replaces: string[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a Business message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Business
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Business} Business
             */
            Business.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Business)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Business: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Business();
                if (d.operation !== 0 && (typeof d.operation !== "string" || $root.lienthong.v1.BusinessOperation[d.operation] !== 0)) {
                    switch (d.operation) {
                    case "BUSINESS_OPERATION_NEW":
                    case 0:
                        m.operation = 0;
                        break;
                    case "BUSINESS_OPERATION_REVOKE":
                    case 1:
                        m.operation = 1;
                        break;
                    case "BUSINESS_OPERATION_UPDATE":
                    case 2:
                        m.operation = 2;
                        break;
                    case "BUSINESS_OPERATION_REPLACE":
                    case 3:
                        m.operation = 3;
                        break;
                    default:
                        if (typeof d.operation === "number" && (d.operation | 0) === d.operation)
                            m.operation = d.operation;
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.addedRecipients) {
                    if (!$Array.isArray(d.addedRecipients))
                        throw $TypeError(".lienthong.v1.Business.addedRecipients: array expected");
                    m.addedRecipients = $Array(d.addedRecipients.length);
                    for (var i = 0; i < d.addedRecipients.length; ++i) {
                        m.addedRecipients[i] = $String(d.addedRecipients[i]);
                    }
                }
                if (d.removedRecipients) {
                    if (!$Array.isArray(d.removedRecipients))
                        throw $TypeError(".lienthong.v1.Business.removedRecipients: array expected");
                    m.removedRecipients = $Array(d.removedRecipients.length);
                    for (var i = 0; i < d.removedRecipients.length; ++i) {
                        m.removedRecipients[i] = $String(d.removedRecipients[i]);
                    }
                }
                if (d.replaces) {
                    if (!$Array.isArray(d.replaces))
                        throw $TypeError(".lienthong.v1.Business.replaces: array expected");
                    m.replaces = $Array(d.replaces.length);
                    for (var i = 0; i < d.replaces.length; ++i) {
                        m.replaces[i] = $String(d.replaces[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Business message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Business
             * @static
             * @param {lienthong.v1.Business} m Business
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Business.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.addedRecipients = [];
                    d.removedRecipients = [];
                    d.replaces = [];
                }
                if (o.defaults) {
                    d.operation = o.enums === $String ? "BUSINESS_OPERATION_NEW" : 0;
                    d.reason = "";
                }
                if (m.operation != null && $Object.hasOwnProperty.call(m, "operation")) {
                    d.operation = o.enums === $String ? $root.lienthong.v1.BusinessOperation[m.operation] === $undefined ? m.operation : $root.lienthong.v1.BusinessOperation[m.operation] : m.operation;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.addedRecipients && m.addedRecipients.length) {
                    d.addedRecipients = $Array(m.addedRecipients.length);
                    for (var j = 0; j < m.addedRecipients.length; ++j) {
                        d.addedRecipients[j] = m.addedRecipients[j];
                    }
                }
                if (m.removedRecipients && m.removedRecipients.length) {
                    d.removedRecipients = $Array(m.removedRecipients.length);
                    for (var j = 0; j < m.removedRecipients.length; ++j) {
                        d.removedRecipients[j] = m.removedRecipients[j];
                    }
                }
                if (m.replaces && m.replaces.length) {
                    d.replaces = $Array(m.replaces.length);
                    for (var j = 0; j < m.replaces.length; ++j) {
                        d.replaces[j] = m.replaces[j];
                    }
                }
                return d;
            };

            /**
             * Converts this Business to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Business
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Business.prototype.toJSON = function() {
                return Business.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Business
             * @function getTypeUrl
             * @memberof lienthong.v1.Business
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Business.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Business";
            };

            return Business;
        })();

        v1.ContentRef = (function() {

            /**
             * Properties of a ContentRef.
             * @typedef {Object} lienthong.v1.ContentRef.$Properties
             * @property {string|null} [sha256Hex] ContentRef sha256Hex
             * @property {number|null} [size] ContentRef size
             * @property {number|null} [chunkSize] ContentRef chunkSize
             * @property {number|null} [chunkCount] ContentRef chunkCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContentRef.
             * @memberof lienthong.v1
             * @interface IContentRef
             * @augments lienthong.v1.ContentRef.$Properties
             * @deprecated Use lienthong.v1.ContentRef.$Properties instead.
             */

            /**
             * Shape of a ContentRef.
             * @typedef {lienthong.v1.ContentRef.$Properties} lienthong.v1.ContentRef.$Shape
             */

            /**
             * Constructs a new ContentRef.
             * @memberof lienthong.v1
             * @classdesc Represents a ContentRef.
             * @constructor
             * @param {lienthong.v1.ContentRef.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ContentRef = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContentRef sha256Hex.
             * @member {string} sha256Hex
             * @memberof lienthong.v1.ContentRef
             * @instance
             */
            ContentRef.prototype.sha256Hex = "";

            /**
             * ContentRef size.
             * @member {number} size
             * @memberof lienthong.v1.ContentRef
             * @instance
             */
            ContentRef.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ContentRef chunkSize.
             * @member {number} chunkSize
             * @memberof lienthong.v1.ContentRef
             * @instance
             */
            ContentRef.prototype.chunkSize = 0;

            /**
             * ContentRef chunkCount.
             * @member {number} chunkCount
             * @memberof lienthong.v1.ContentRef
             * @instance
             */
            ContentRef.prototype.chunkCount = 0;

            /**
             * Creates a new ContentRef instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {lienthong.v1.ContentRef.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.ContentRef} ContentRef instance
             * @type {{
             *   (properties: lienthong.v1.ContentRef.$Shape): lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape;
             *   (properties?: lienthong.v1.ContentRef.$Properties): lienthong.v1.ContentRef;
             * }}
             */
            ContentRef.create = function(properties) {
                return new ContentRef(properties);
            };

            /**
             * Encodes the specified ContentRef message. Does not implicitly {@link lienthong.v1.ContentRef.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {lienthong.v1.ContentRef.$Properties} m ContentRef message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContentRef.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex") && m.sha256Hex !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.sha256Hex);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && (typeof m.size === "object" ? m.size.low || m.size.high : m.size !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.size);
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize") && m.chunkSize !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.chunkSize);
                if (m.chunkCount != null && $Object.hasOwnProperty.call(m, "chunkCount") && m.chunkCount !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.chunkCount);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ContentRef message, length delimited. Does not implicitly {@link lienthong.v1.ContentRef.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {lienthong.v1.ContentRef.$Properties} message ContentRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContentRef.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ContentRef message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape} ContentRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContentRef.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.ContentRef();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256Hex = v;
                            else
                                delete m.sha256Hex;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chunkSize = v;
                            else
                                delete m.chunkSize;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chunkCount = v;
                            else
                                delete m.chunkCount;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ContentRef message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.ContentRef & lienthong.v1.ContentRef.$Shape} ContentRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContentRef.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ContentRef message.
             * @function verify
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ContentRef.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    if (!$util.isString(m.sha256Hex))
                        return "sha256Hex: string expected";
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (!$util.isInteger(m.size) && !(m.size && $util.isInteger(m.size.low) && $util.isInteger(m.size.high)))
                        return "size: integer|Long expected";
                }
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize")) {
                    if (!$util.isInteger(m.chunkSize))
                        return "chunkSize: integer expected";
                }
                if (m.chunkCount != null && $Object.hasOwnProperty.call(m, "chunkCount")) {
                    if (!$util.isInteger(m.chunkCount))
                        return "chunkCount: integer expected";
                }
                return null;
            };

            /**
             * Creates a ContentRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.ContentRef} ContentRef
             */
            ContentRef.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.ContentRef)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.ContentRef: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.ContentRef();
                if (d.sha256Hex != null) {
                    if (typeof d.sha256Hex !== "string" || d.sha256Hex.length) {
                        m.sha256Hex = $String(d.sha256Hex);
                    }
                }
                if (d.size != null) {
                    if (typeof d.size === "object" ? d.size.low || d.size.high : $Number(d.size) !== 0) {
                        if ($util.Long)
                            m.size = $util.Long.fromValue(d.size, true);
                        else if (typeof d.size === "string")
                            m.size = $parseInt(d.size, 10);
                        else if (typeof d.size === "number")
                            m.size = d.size;
                        else if (typeof d.size === "object")
                            m.size = new $util.LongBits(d.size.low >>> 0, d.size.high >>> 0).toNumber(true);
                    }
                }
                if (d.chunkSize != null) {
                    if ($Number(d.chunkSize) !== 0) {
                        m.chunkSize = d.chunkSize >>> 0;
                    }
                }
                if (d.chunkCount != null) {
                    if ($Number(d.chunkCount) !== 0) {
                        m.chunkCount = d.chunkCount >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ContentRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {lienthong.v1.ContentRef} m ContentRef
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ContentRef.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.sha256Hex = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.size = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.size = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.chunkSize = 0;
                    d.chunkCount = 0;
                }
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    d.sha256Hex = m.sha256Hex;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.size = typeof m.size === "number" ? $BigInt(m.size) : $util.Long.fromBits(m.size.low >>> 0, m.size.high >>> 0, true).toBigInt();
                    else if (typeof m.size === "number")
                        d.size = o.longs === $String ? $String(m.size) : m.size;
                    else
                        d.size = o.longs === $String ? $util.Long.prototype.toString.call(m.size) : o.longs === $Number ? new $util.LongBits(m.size.low >>> 0, m.size.high >>> 0).toNumber(true) : m.size;
                }
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize")) {
                    d.chunkSize = m.chunkSize;
                }
                if (m.chunkCount != null && $Object.hasOwnProperty.call(m, "chunkCount")) {
                    d.chunkCount = m.chunkCount;
                }
                return d;
            };

            /**
             * Converts this ContentRef to JSON.
             * @function toJSON
             * @memberof lienthong.v1.ContentRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ContentRef.prototype.toJSON = function() {
                return ContentRef.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ContentRef
             * @function getTypeUrl
             * @memberof lienthong.v1.ContentRef
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContentRef.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.ContentRef";
            };

            return ContentRef;
        })();

        v1.ContentManifest = (function() {

            /**
             * Properties of a ContentManifest.
             * @typedef {Object} lienthong.v1.ContentManifest.$Properties
             * @property {string|null} [sha256Hex] ContentManifest sha256Hex
             * @property {number|null} [size] ContentManifest size
             * @property {number|null} [chunkSize] ContentManifest chunkSize
             * @property {Array.<Uint8Array>|null} [chunks] ContentManifest chunks
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContentManifest.
             * @memberof lienthong.v1
             * @interface IContentManifest
             * @augments lienthong.v1.ContentManifest.$Properties
             * @deprecated Use lienthong.v1.ContentManifest.$Properties instead.
             */

            /**
             * Shape of a ContentManifest.
             * @typedef {lienthong.v1.ContentManifest.$Properties} lienthong.v1.ContentManifest.$Shape
             */

            /**
             * Constructs a new ContentManifest.
             * @memberof lienthong.v1
             * @classdesc Represents a ContentManifest.
             * @constructor
             * @param {lienthong.v1.ContentManifest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ContentManifest = function (p) {
                this.chunks = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContentManifest sha256Hex.
             * @member {string} sha256Hex
             * @memberof lienthong.v1.ContentManifest
             * @instance
             */
            ContentManifest.prototype.sha256Hex = "";

            /**
             * ContentManifest size.
             * @member {number} size
             * @memberof lienthong.v1.ContentManifest
             * @instance
             */
            ContentManifest.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ContentManifest chunkSize.
             * @member {number} chunkSize
             * @memberof lienthong.v1.ContentManifest
             * @instance
             */
            ContentManifest.prototype.chunkSize = 0;

            /**
             * ContentManifest chunks.
             * @member {Array.<Uint8Array>} chunks
             * @memberof lienthong.v1.ContentManifest
             * @instance
             */
            ContentManifest.prototype.chunks = $util.emptyArray;

            /**
             * Creates a new ContentManifest instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {lienthong.v1.ContentManifest.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.ContentManifest} ContentManifest instance
             * @type {{
             *   (properties: lienthong.v1.ContentManifest.$Shape): lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape;
             *   (properties?: lienthong.v1.ContentManifest.$Properties): lienthong.v1.ContentManifest;
             * }}
             */
            ContentManifest.create = function(properties) {
                return new ContentManifest(properties);
            };

            /**
             * Encodes the specified ContentManifest message. Does not implicitly {@link lienthong.v1.ContentManifest.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {lienthong.v1.ContentManifest.$Properties} m ContentManifest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContentManifest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex") && m.sha256Hex !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.sha256Hex);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && (typeof m.size === "object" ? m.size.low || m.size.high : m.size !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.size);
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize") && m.chunkSize !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.chunkSize);
                if (m.chunks != null && m.chunks.length) {
                    for (var i = 0; i < m.chunks.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).bytes(m.chunks[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ContentManifest message, length delimited. Does not implicitly {@link lienthong.v1.ContentManifest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {lienthong.v1.ContentManifest.$Properties} message ContentManifest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContentManifest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ContentManifest message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape} ContentManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContentManifest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.ContentManifest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256Hex = v;
                            else
                                delete m.sha256Hex;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chunkSize = v;
                            else
                                delete m.chunkSize;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.chunks && m.chunks.length))
                                m.chunks = [];
                            m.chunks.push(r.bytes());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ContentManifest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.ContentManifest & lienthong.v1.ContentManifest.$Shape} ContentManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContentManifest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ContentManifest message.
             * @function verify
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ContentManifest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    if (!$util.isString(m.sha256Hex))
                        return "sha256Hex: string expected";
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (!$util.isInteger(m.size) && !(m.size && $util.isInteger(m.size.low) && $util.isInteger(m.size.high)))
                        return "size: integer|Long expected";
                }
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize")) {
                    if (!$util.isInteger(m.chunkSize))
                        return "chunkSize: integer expected";
                }
                if (m.chunks != null && $Object.hasOwnProperty.call(m, "chunks")) {
                    if (!$Array.isArray(m.chunks))
                        return "chunks: array expected";
                    for (var i = 0; i < m.chunks.length; ++i) {
                        if (!(m.chunks[i] && typeof m.chunks[i].length === "number" || $util.isString(m.chunks[i])))
                            return "chunks: buffer[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a ContentManifest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.ContentManifest} ContentManifest
             */
            ContentManifest.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.ContentManifest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.ContentManifest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.ContentManifest();
                if (d.sha256Hex != null) {
                    if (typeof d.sha256Hex !== "string" || d.sha256Hex.length) {
                        m.sha256Hex = $String(d.sha256Hex);
                    }
                }
                if (d.size != null) {
                    if (typeof d.size === "object" ? d.size.low || d.size.high : $Number(d.size) !== 0) {
                        if ($util.Long)
                            m.size = $util.Long.fromValue(d.size, true);
                        else if (typeof d.size === "string")
                            m.size = $parseInt(d.size, 10);
                        else if (typeof d.size === "number")
                            m.size = d.size;
                        else if (typeof d.size === "object")
                            m.size = new $util.LongBits(d.size.low >>> 0, d.size.high >>> 0).toNumber(true);
                    }
                }
                if (d.chunkSize != null) {
                    if ($Number(d.chunkSize) !== 0) {
                        m.chunkSize = d.chunkSize >>> 0;
                    }
                }
                if (d.chunks) {
                    if (!$Array.isArray(d.chunks))
                        throw $TypeError(".lienthong.v1.ContentManifest.chunks: array expected");
                    m.chunks = $Array(d.chunks.length);
                    for (var i = 0; i < d.chunks.length; ++i) {
                        if (typeof d.chunks[i] === "string")
                            $util.base64.decode(d.chunks[i], m.chunks[i] = $util.newBuffer($util.base64.length(d.chunks[i])), 0);
                        else if (d.chunks[i].length >= 0)
                            m.chunks[i] = d.chunks[i];
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ContentManifest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {lienthong.v1.ContentManifest} m ContentManifest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ContentManifest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.chunks = [];
                }
                if (o.defaults) {
                    d.sha256Hex = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.size = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.size = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.chunkSize = 0;
                }
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    d.sha256Hex = m.sha256Hex;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.size = typeof m.size === "number" ? $BigInt(m.size) : $util.Long.fromBits(m.size.low >>> 0, m.size.high >>> 0, true).toBigInt();
                    else if (typeof m.size === "number")
                        d.size = o.longs === $String ? $String(m.size) : m.size;
                    else
                        d.size = o.longs === $String ? $util.Long.prototype.toString.call(m.size) : o.longs === $Number ? new $util.LongBits(m.size.low >>> 0, m.size.high >>> 0).toNumber(true) : m.size;
                }
                if (m.chunkSize != null && $Object.hasOwnProperty.call(m, "chunkSize")) {
                    d.chunkSize = m.chunkSize;
                }
                if (m.chunks && m.chunks.length) {
                    d.chunks = $Array(m.chunks.length);
                    for (var j = 0; j < m.chunks.length; ++j) {
                        d.chunks[j] = o.bytes === $String ? $util.base64.encode(m.chunks[j], 0, m.chunks[j].length) : o.bytes === $Array ? $Array.prototype.slice.call(m.chunks[j]) : m.chunks[j];
                    }
                }
                return d;
            };

            /**
             * Converts this ContentManifest to JSON.
             * @function toJSON
             * @memberof lienthong.v1.ContentManifest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ContentManifest.prototype.toJSON = function() {
                return ContentManifest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ContentManifest
             * @function getTypeUrl
             * @memberof lienthong.v1.ContentManifest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContentManifest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.ContentManifest";
            };

            return ContentManifest;
        })();

        v1.Attachment = (function() {

            /**
             * Properties of an Attachment.
             * @typedef {Object} lienthong.v1.Attachment.$Properties
             * @property {string|null} [name] Attachment name
             * @property {string|null} [mediaType] Attachment mediaType
             * @property {string|null} [description] Attachment description
             * @property {number|null} [size] Attachment size
             * @property {Uint8Array|null} [sha256] Attachment sha256
             * @property {Uint8Array|null} [inline] Attachment inline
             * @property {lienthong.v1.ContentRef.$Properties|null} [ref] Attachment ref
             * @property {"inline"|"ref"} [content] Attachment content
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Attachment.
             * @memberof lienthong.v1
             * @interface IAttachment
             * @augments lienthong.v1.Attachment.$Properties
             * @deprecated Use lienthong.v1.Attachment.$Properties instead.
             */

            /**
             * Narrowed shape of an Attachment.
             * @typedef {{
             *   name?: string|null;
             *   mediaType?: string|null;
             *   description?: string|null;
             *   size?: number|null;
             *   sha256?: Uint8Array|null;
             *   inline?: Uint8Array|null;
             *   ref?: lienthong.v1.ContentRef.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ content?: undefined; inline?: null; ref?: null }|{ content?: "inline"; inline: Uint8Array; ref?: null }|{ content?: "ref"; inline?: null; ref: lienthong.v1.ContentRef.$Shape })
             * )} lienthong.v1.Attachment.$Shape
             */

            /**
             * Constructs a new Attachment.
             * @memberof lienthong.v1
             * @classdesc Represents an Attachment.
             * @constructor
             * @param {lienthong.v1.Attachment.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Attachment = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Attachment name.
             * @member {string} name
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.name = "";

            /**
             * Attachment mediaType.
             * @member {string} mediaType
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.mediaType = "";

            /**
             * Attachment description.
             * @member {string} description
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.description = "";

            /**
             * Attachment size.
             * @member {number} size
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Attachment sha256.
             * @member {Uint8Array} sha256
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.sha256 = $util.newBuffer([]);

            /**
             * Attachment inline.
             * @member {Uint8Array|null|undefined} inline
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.inline = null;

            /**
             * Attachment ref.
             * @member {lienthong.v1.ContentRef.$Properties|null|undefined} ref
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            Attachment.prototype.ref = null;

            // OneOf field names bound to virtual getters and setters
            var $oneOfFields;

            /**
             * Attachment content.
             * @member {"inline"|"ref"|undefined} content
             * @memberof lienthong.v1.Attachment
             * @instance
             */
            $Object.defineProperty(Attachment.prototype, "content", {
                get: $util.oneOfGetter($oneOfFields = ["inline", "ref"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Attachment instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {lienthong.v1.Attachment.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Attachment} Attachment instance
             * @type {{
             *   (properties: lienthong.v1.Attachment.$Shape): lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape;
             *   (properties?: lienthong.v1.Attachment.$Properties): lienthong.v1.Attachment;
             * }}
             */
            Attachment.create = function(properties) {
                return new Attachment(properties);
            };

            /**
             * Encodes the specified Attachment message. Does not implicitly {@link lienthong.v1.Attachment.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {lienthong.v1.Attachment.$Properties} m Attachment message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Attachment.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.mediaType != null && $Object.hasOwnProperty.call(m, "mediaType") && m.mediaType !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.mediaType);
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.description);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && (typeof m.size === "object" ? m.size.low || m.size.high : m.size !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.size);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256.length)
                    w.uint32(/* id 5, wireType 2 =*/42).bytes(m.sha256);
                if (m.inline != null && $Object.hasOwnProperty.call(m, "inline"))
                    w.uint32(/* id 6, wireType 2 =*/50).bytes(m.inline);
                if (m.ref != null && $Object.hasOwnProperty.call(m, "ref"))
                    $root.lienthong.v1.ContentRef.encode(m.ref, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Attachment message, length delimited. Does not implicitly {@link lienthong.v1.Attachment.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {lienthong.v1.Attachment.$Properties} message Attachment message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Attachment.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Attachment message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape} Attachment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Attachment.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Attachment();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.mediaType = v;
                            else
                                delete m.mediaType;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.inline = r.bytes();
                            m.content = "inline";
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.ref = $root.lienthong.v1.ContentRef.decode(r, r.size(), $undefined, q + 1, m.ref);
                            m.content = "ref";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Attachment message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Attachment & lienthong.v1.Attachment.$Shape} Attachment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Attachment.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Attachment message.
             * @function verify
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Attachment.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.mediaType != null && $Object.hasOwnProperty.call(m, "mediaType")) {
                    if (!$util.isString(m.mediaType))
                        return "mediaType: string expected";
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    if (!$util.isString(m.description))
                        return "description: string expected";
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (!$util.isInteger(m.size) && !(m.size && $util.isInteger(m.size.low) && $util.isInteger(m.size.high)))
                        return "size: integer|Long expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!(m.sha256 && typeof m.sha256.length === "number" || $util.isString(m.sha256)))
                        return "sha256: buffer expected";
                }
                if (m.inline != null && $Object.hasOwnProperty.call(m, "inline")) {
                    p.content = 1;
                    if (!(m.inline && typeof m.inline.length === "number" || $util.isString(m.inline)))
                        return "inline: buffer expected";
                }
                if (m.ref != null && $Object.hasOwnProperty.call(m, "ref")) {
                    if (p.content === 1)
                        return "content: multiple values";
                    p.content = 1;
                    {
                        var e = $root.lienthong.v1.ContentRef.verify(m.ref, q + 1);
                        if (e)
                            return "ref." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an Attachment message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Attachment} Attachment
             */
            Attachment.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Attachment)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Attachment: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Attachment();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.mediaType != null) {
                    if (typeof d.mediaType !== "string" || d.mediaType.length) {
                        m.mediaType = $String(d.mediaType);
                    }
                }
                if (d.description != null) {
                    if (typeof d.description !== "string" || d.description.length) {
                        m.description = $String(d.description);
                    }
                }
                if (d.size != null) {
                    if (typeof d.size === "object" ? d.size.low || d.size.high : $Number(d.size) !== 0) {
                        if ($util.Long)
                            m.size = $util.Long.fromValue(d.size, true);
                        else if (typeof d.size === "string")
                            m.size = $parseInt(d.size, 10);
                        else if (typeof d.size === "number")
                            m.size = d.size;
                        else if (typeof d.size === "object")
                            m.size = new $util.LongBits(d.size.low >>> 0, d.size.high >>> 0).toNumber(true);
                    }
                }
                if (d.sha256 != null) {
                    if (d.sha256.length) {
                        if (typeof d.sha256 === "string")
                            $util.base64.decode(d.sha256, m.sha256 = $util.newBuffer($util.base64.length(d.sha256)), 0);
                        else if (d.sha256.length >= 0)
                            m.sha256 = d.sha256;
                    }
                }
                if (d.inline != null) {
                    if (typeof d.inline === "string")
                        $util.base64.decode(d.inline, m.inline = $util.newBuffer($util.base64.length(d.inline)), 0);
                    else if (d.inline.length >= 0)
                        m.inline = d.inline;
                }
                if (d.ref != null) {
                    if (!$util.isObject(d.ref))
                        throw $TypeError(".lienthong.v1.Attachment.ref: object expected");
                    m.ref = $root.lienthong.v1.ContentRef.fromObject(d.ref, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an Attachment message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {lienthong.v1.Attachment} m Attachment
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Attachment.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.name = "";
                    d.mediaType = "";
                    d.description = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.size = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.size = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.sha256 = "";
                    else {
                        d.sha256 = [];
                        if (o.bytes !== $Array)
                            d.sha256 = $util.newBuffer(d.sha256);
                    }
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.mediaType != null && $Object.hasOwnProperty.call(m, "mediaType")) {
                    d.mediaType = m.mediaType;
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    d.description = m.description;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.size = typeof m.size === "number" ? $BigInt(m.size) : $util.Long.fromBits(m.size.low >>> 0, m.size.high >>> 0, true).toBigInt();
                    else if (typeof m.size === "number")
                        d.size = o.longs === $String ? $String(m.size) : m.size;
                    else
                        d.size = o.longs === $String ? $util.Long.prototype.toString.call(m.size) : o.longs === $Number ? new $util.LongBits(m.size.low >>> 0, m.size.high >>> 0).toNumber(true) : m.size;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = o.bytes === $String ? $util.base64.encode(m.sha256, 0, m.sha256.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.sha256) : m.sha256;
                }
                if (m.inline != null && $Object.hasOwnProperty.call(m, "inline")) {
                    d.inline = o.bytes === $String ? $util.base64.encode(m.inline, 0, m.inline.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.inline) : m.inline;
                    if (o.oneofs)
                        d.content = "inline";
                }
                if (m.ref != null && $Object.hasOwnProperty.call(m, "ref")) {
                    d.ref = $root.lienthong.v1.ContentRef.toObject(m.ref, o, q + 1);
                    if (o.oneofs)
                        d.content = "ref";
                }
                return d;
            };

            /**
             * Converts this Attachment to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Attachment
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Attachment.prototype.toJSON = function() {
                return Attachment.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Attachment
             * @function getTypeUrl
             * @memberof lienthong.v1.Attachment
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Attachment.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Attachment";
            };

            return Attachment;
        })();

        v1.Document = (function() {

            /**
             * Properties of a Document.
             * @typedef {Object} lienthong.v1.Document.$Properties
             * @property {string|null} [documentId] Document documentId
             * @property {lienthong.v1.Organ.$Properties|null} [from] Document from
             * @property {Array.<lienthong.v1.Organ.$Properties>|null} [to] Document to
             * @property {string|null} [codeNumber] Document codeNumber
             * @property {string|null} [codeNotation] Document codeNotation
             * @property {string|null} [promulgationPlace] Document promulgationPlace
             * @property {string|null} [promulgationDate] Document promulgationDate
             * @property {lienthong.v1.DocumentType.$Properties|null} [documentType] Document documentType
             * @property {string|null} [subject] Document subject
             * @property {string|null} [contentSummary] Document contentSummary
             * @property {lienthong.v1.Signer.$Properties|null} [signer] Document signer
             * @property {string|null} [dueDate] Document dueDate
             * @property {Array.<string>|null} [places] Document places
             * @property {lienthong.v1.Priority|null} [priority] Document priority
             * @property {number|null} [steeringType] Document steeringType
             * @property {Array.<lienthong.v1.ResponseFor.$Properties>|null} [responseFor] Document responseFor
             * @property {lienthong.v1.Business.$Properties|null} [business] Document business
             * @property {Array.<lienthong.v1.Attachment.$Properties>|null} [attachments] Document attachments
             * @property {lienthong.v1.Signature.$Properties|null} [signature] Document signature
             * @property {number|null} [appointedAtMs] Document appointedAtMs
             * @property {lienthong.v1.EdxmlOriginal.$Properties|null} [edxmlOriginal] Document edxmlOriginal
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Document.
             * @memberof lienthong.v1
             * @interface IDocument
             * @augments lienthong.v1.Document.$Properties
             * @deprecated Use lienthong.v1.Document.$Properties instead.
             */

            /**
             * Shape of a Document.
             * @typedef {{
             *   documentId?: string|null;
             *   from?: lienthong.v1.Organ.$Shape|null;
             *   to?: Array.<lienthong.v1.Organ.$Shape>|null;
             *   codeNumber?: string|null;
             *   codeNotation?: string|null;
             *   promulgationPlace?: string|null;
             *   promulgationDate?: string|null;
             *   documentType?: lienthong.v1.DocumentType.$Shape|null;
             *   subject?: string|null;
             *   contentSummary?: string|null;
             *   signer?: lienthong.v1.Signer.$Shape|null;
             *   dueDate?: string|null;
             *   places?: Array.<string>|null;
             *   priority?: lienthong.v1.Priority|null;
             *   steeringType?: number|null;
             *   responseFor?: Array.<lienthong.v1.ResponseFor.$Shape>|null;
             *   business?: lienthong.v1.Business.$Shape|null;
             *   attachments?: Array.<lienthong.v1.Attachment.$Shape>|null;
             *   signature?: lienthong.v1.Signature.$Shape|null;
             *   appointedAtMs?: number|null;
             *   edxmlOriginal?: lienthong.v1.EdxmlOriginal.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} lienthong.v1.Document.$Shape
             */

            /**
             * Constructs a new Document.
             * @memberof lienthong.v1
             * @classdesc Represents a Document.
             * @constructor
             * @param {lienthong.v1.Document.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Document = function (p) {
                this.to = [];
                this.places = [];
                this.responseFor = [];
                this.attachments = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Document documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.documentId = "";

            /**
             * Document from.
             * @member {lienthong.v1.Organ.$Properties|null|undefined} from
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.from = null;

            /**
             * Document to.
             * @member {Array.<lienthong.v1.Organ.$Properties>} to
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.to = $util.emptyArray;

            /**
             * Document codeNumber.
             * @member {string} codeNumber
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.codeNumber = "";

            /**
             * Document codeNotation.
             * @member {string} codeNotation
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.codeNotation = "";

            /**
             * Document promulgationPlace.
             * @member {string} promulgationPlace
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.promulgationPlace = "";

            /**
             * Document promulgationDate.
             * @member {string} promulgationDate
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.promulgationDate = "";

            /**
             * Document documentType.
             * @member {lienthong.v1.DocumentType.$Properties|null|undefined} documentType
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.documentType = null;

            /**
             * Document subject.
             * @member {string} subject
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.subject = "";

            /**
             * Document contentSummary.
             * @member {string} contentSummary
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.contentSummary = "";

            /**
             * Document signer.
             * @member {lienthong.v1.Signer.$Properties|null|undefined} signer
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.signer = null;

            /**
             * Document dueDate.
             * @member {string} dueDate
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.dueDate = "";

            /**
             * Document places.
             * @member {Array.<string>} places
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.places = $util.emptyArray;

            /**
             * Document priority.
             * @member {lienthong.v1.Priority} priority
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.priority = 0;

            /**
             * Document steeringType.
             * @member {number} steeringType
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.steeringType = 0;

            /**
             * Document responseFor.
             * @member {Array.<lienthong.v1.ResponseFor.$Properties>} responseFor
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.responseFor = $util.emptyArray;

            /**
             * Document business.
             * @member {lienthong.v1.Business.$Properties|null|undefined} business
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.business = null;

            /**
             * Document attachments.
             * @member {Array.<lienthong.v1.Attachment.$Properties>} attachments
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.attachments = $util.emptyArray;

            /**
             * Document signature.
             * @member {lienthong.v1.Signature.$Properties|null|undefined} signature
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.signature = null;

            /**
             * Document appointedAtMs.
             * @member {number} appointedAtMs
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.appointedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Document edxmlOriginal.
             * @member {lienthong.v1.EdxmlOriginal.$Properties|null|undefined} edxmlOriginal
             * @memberof lienthong.v1.Document
             * @instance
             */
            Document.prototype.edxmlOriginal = null;

            /**
             * Creates a new Document instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Document
             * @static
             * @param {lienthong.v1.Document.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Document} Document instance
             * @type {{
             *   (properties: lienthong.v1.Document.$Shape): lienthong.v1.Document & lienthong.v1.Document.$Shape;
             *   (properties?: lienthong.v1.Document.$Properties): lienthong.v1.Document;
             * }}
             */
            Document.create = function(properties) {
                return new Document(properties);
            };

            /**
             * Encodes the specified Document message. Does not implicitly {@link lienthong.v1.Document.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Document
             * @static
             * @param {lienthong.v1.Document.$Properties} m Document message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Document.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.documentId);
                if (m.from != null && $Object.hasOwnProperty.call(m, "from"))
                    $root.lienthong.v1.Organ.encode(m.from, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.to != null && m.to.length) {
                    for (var i = 0; i < m.to.length; ++i)
                        $root.lienthong.v1.Organ.encode(m.to[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.codeNumber != null && $Object.hasOwnProperty.call(m, "codeNumber") && m.codeNumber !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.codeNumber);
                if (m.codeNotation != null && $Object.hasOwnProperty.call(m, "codeNotation") && m.codeNotation !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.codeNotation);
                if (m.promulgationPlace != null && $Object.hasOwnProperty.call(m, "promulgationPlace") && m.promulgationPlace !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.promulgationPlace);
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate") && m.promulgationDate !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.promulgationDate);
                if (m.documentType != null && $Object.hasOwnProperty.call(m, "documentType"))
                    $root.lienthong.v1.DocumentType.encode(m.documentType, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject") && m.subject !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.subject);
                if (m.contentSummary != null && $Object.hasOwnProperty.call(m, "contentSummary") && m.contentSummary !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.contentSummary);
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer"))
                    $root.lienthong.v1.Signer.encode(m.signer, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.dueDate != null && $Object.hasOwnProperty.call(m, "dueDate") && m.dueDate !== "")
                    w.uint32(/* id 12, wireType 2 =*/98).string(m.dueDate);
                if (m.places != null && m.places.length) {
                    for (var i = 0; i < m.places.length; ++i)
                        w.uint32(/* id 13, wireType 2 =*/106).string(m.places[i]);
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority") && m.priority !== 0)
                    w.uint32(/* id 14, wireType 0 =*/112).int32(m.priority);
                if (m.steeringType != null && $Object.hasOwnProperty.call(m, "steeringType") && m.steeringType !== 0)
                    w.uint32(/* id 15, wireType 0 =*/120).int32(m.steeringType);
                if (m.responseFor != null && m.responseFor.length) {
                    for (var i = 0; i < m.responseFor.length; ++i)
                        $root.lienthong.v1.ResponseFor.encode(m.responseFor[i], w.uint32(/* id 16, wireType 2 =*/130).fork(), q + 1).ldelim();
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business"))
                    $root.lienthong.v1.Business.encode(m.business, w.uint32(/* id 17, wireType 2 =*/138).fork(), q + 1).ldelim();
                if (m.attachments != null && m.attachments.length) {
                    for (var i = 0; i < m.attachments.length; ++i)
                        $root.lienthong.v1.Attachment.encode(m.attachments[i], w.uint32(/* id 18, wireType 2 =*/146).fork(), q + 1).ldelim();
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature"))
                    $root.lienthong.v1.Signature.encode(m.signature, w.uint32(/* id 19, wireType 2 =*/154).fork(), q + 1).ldelim();
                if (m.appointedAtMs != null && $Object.hasOwnProperty.call(m, "appointedAtMs") && (typeof m.appointedAtMs === "object" ? m.appointedAtMs.low || m.appointedAtMs.high : m.appointedAtMs !== 0))
                    w.uint32(/* id 20, wireType 0 =*/160).int64(m.appointedAtMs);
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal"))
                    $root.lienthong.v1.EdxmlOriginal.encode(m.edxmlOriginal, w.uint32(/* id 21, wireType 2 =*/170).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Document message, length delimited. Does not implicitly {@link lienthong.v1.Document.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Document
             * @static
             * @param {lienthong.v1.Document.$Properties} message Document message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Document.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Document message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Document
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Document & lienthong.v1.Document.$Shape} Document
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Document.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Document();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.from = $root.lienthong.v1.Organ.decode(r, r.size(), $undefined, q + 1, m.from);
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.to && m.to.length))
                                m.to = [];
                            m.to.push($root.lienthong.v1.Organ.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.codeNumber = v;
                            else
                                delete m.codeNumber;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.codeNotation = v;
                            else
                                delete m.codeNotation;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.promulgationPlace = v;
                            else
                                delete m.promulgationPlace;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.promulgationDate = v;
                            else
                                delete m.promulgationDate;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.documentType = $root.lienthong.v1.DocumentType.decode(r, r.size(), $undefined, q + 1, m.documentType);
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.subject = v;
                            else
                                delete m.subject;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.contentSummary = v;
                            else
                                delete m.contentSummary;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.signer = $root.lienthong.v1.Signer.decode(r, r.size(), $undefined, q + 1, m.signer);
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dueDate = v;
                            else
                                delete m.dueDate;
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            if (!(m.places && m.places.length))
                                m.places = [];
                            m.places.push(r.stringVerify());
                            continue;
                        }
                    case 14: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.priority = v;
                            else
                                delete m.priority;
                            continue;
                        }
                    case 15: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.steeringType = v;
                            else
                                delete m.steeringType;
                            continue;
                        }
                    case 16: {
                            if (u !== 2)
                                break;
                            if (!(m.responseFor && m.responseFor.length))
                                m.responseFor = [];
                            m.responseFor.push($root.lienthong.v1.ResponseFor.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 17: {
                            if (u !== 2)
                                break;
                            m.business = $root.lienthong.v1.Business.decode(r, r.size(), $undefined, q + 1, m.business);
                            continue;
                        }
                    case 18: {
                            if (u !== 2)
                                break;
                            if (!(m.attachments && m.attachments.length))
                                m.attachments = [];
                            m.attachments.push($root.lienthong.v1.Attachment.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 19: {
                            if (u !== 2)
                                break;
                            m.signature = $root.lienthong.v1.Signature.decode(r, r.size(), $undefined, q + 1, m.signature);
                            continue;
                        }
                    case 20: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.appointedAtMs = v;
                            else
                                delete m.appointedAtMs;
                            continue;
                        }
                    case 21: {
                            if (u !== 2)
                                break;
                            m.edxmlOriginal = $root.lienthong.v1.EdxmlOriginal.decode(r, r.size(), $undefined, q + 1, m.edxmlOriginal);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Document message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Document
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Document & lienthong.v1.Document.$Shape} Document
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Document.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Document message.
             * @function verify
             * @memberof lienthong.v1.Document
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Document.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.from != null && $Object.hasOwnProperty.call(m, "from")) {
                    {
                        var e = $root.lienthong.v1.Organ.verify(m.from, q + 1);
                        if (e)
                            return "from." + e;
                    }
                }
                if (m.to != null && $Object.hasOwnProperty.call(m, "to")) {
                    if (!$Array.isArray(m.to))
                        return "to: array expected";
                    for (var i = 0; i < m.to.length; ++i) {
                        {
                            var e = $root.lienthong.v1.Organ.verify(m.to[i], q + 1);
                            if (e)
                                return "to." + e;
                        }
                    }
                }
                if (m.codeNumber != null && $Object.hasOwnProperty.call(m, "codeNumber")) {
                    if (!$util.isString(m.codeNumber))
                        return "codeNumber: string expected";
                }
                if (m.codeNotation != null && $Object.hasOwnProperty.call(m, "codeNotation")) {
                    if (!$util.isString(m.codeNotation))
                        return "codeNotation: string expected";
                }
                if (m.promulgationPlace != null && $Object.hasOwnProperty.call(m, "promulgationPlace")) {
                    if (!$util.isString(m.promulgationPlace))
                        return "promulgationPlace: string expected";
                }
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate")) {
                    if (!$util.isString(m.promulgationDate))
                        return "promulgationDate: string expected";
                }
                if (m.documentType != null && $Object.hasOwnProperty.call(m, "documentType")) {
                    {
                        var e = $root.lienthong.v1.DocumentType.verify(m.documentType, q + 1);
                        if (e)
                            return "documentType." + e;
                    }
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    if (!$util.isString(m.subject))
                        return "subject: string expected";
                }
                if (m.contentSummary != null && $Object.hasOwnProperty.call(m, "contentSummary")) {
                    if (!$util.isString(m.contentSummary))
                        return "contentSummary: string expected";
                }
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer")) {
                    {
                        var e = $root.lienthong.v1.Signer.verify(m.signer, q + 1);
                        if (e)
                            return "signer." + e;
                    }
                }
                if (m.dueDate != null && $Object.hasOwnProperty.call(m, "dueDate")) {
                    if (!$util.isString(m.dueDate))
                        return "dueDate: string expected";
                }
                if (m.places != null && $Object.hasOwnProperty.call(m, "places")) {
                    if (!$Array.isArray(m.places))
                        return "places: array expected";
                    for (var i = 0; i < m.places.length; ++i) {
                        if (!$util.isString(m.places[i]))
                            return "places: string[] expected";
                    }
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    if (typeof m.priority !== "number" || (m.priority | 0) !== m.priority)
                        return "priority: enum value expected";
                }
                if (m.steeringType != null && $Object.hasOwnProperty.call(m, "steeringType")) {
                    if (!$util.isInteger(m.steeringType))
                        return "steeringType: integer expected";
                }
                if (m.responseFor != null && $Object.hasOwnProperty.call(m, "responseFor")) {
                    if (!$Array.isArray(m.responseFor))
                        return "responseFor: array expected";
                    for (var i = 0; i < m.responseFor.length; ++i) {
                        {
                            var e = $root.lienthong.v1.ResponseFor.verify(m.responseFor[i], q + 1);
                            if (e)
                                return "responseFor." + e;
                        }
                    }
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    {
                        var e = $root.lienthong.v1.Business.verify(m.business, q + 1);
                        if (e)
                            return "business." + e;
                    }
                }
                if (m.attachments != null && $Object.hasOwnProperty.call(m, "attachments")) {
                    if (!$Array.isArray(m.attachments))
                        return "attachments: array expected";
                    for (var i = 0; i < m.attachments.length; ++i) {
                        {
                            var e = $root.lienthong.v1.Attachment.verify(m.attachments[i], q + 1);
                            if (e)
                                return "attachments." + e;
                        }
                    }
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    {
                        var e = $root.lienthong.v1.Signature.verify(m.signature, q + 1);
                        if (e)
                            return "signature." + e;
                    }
                }
                if (m.appointedAtMs != null && $Object.hasOwnProperty.call(m, "appointedAtMs")) {
                    if (!$util.isInteger(m.appointedAtMs) && !(m.appointedAtMs && $util.isInteger(m.appointedAtMs.low) && $util.isInteger(m.appointedAtMs.high)))
                        return "appointedAtMs: integer|Long expected";
                }
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal")) {
                    {
                        var e = $root.lienthong.v1.EdxmlOriginal.verify(m.edxmlOriginal, q + 1);
                        if (e)
                            return "edxmlOriginal." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a Document message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Document
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Document} Document
             */
            Document.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Document)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Document: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Document();
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.from != null) {
                    if (!$util.isObject(d.from))
                        throw $TypeError(".lienthong.v1.Document.from: object expected");
                    m.from = $root.lienthong.v1.Organ.fromObject(d.from, q + 1);
                }
                if (d.to) {
                    if (!$Array.isArray(d.to))
                        throw $TypeError(".lienthong.v1.Document.to: array expected");
                    m.to = $Array(d.to.length);
                    for (var i = 0; i < d.to.length; ++i) {
                        if (!$util.isObject(d.to[i]))
                            throw $TypeError(".lienthong.v1.Document.to: object expected");
                        m.to[i] = $root.lienthong.v1.Organ.fromObject(d.to[i], q + 1);
                    }
                }
                if (d.codeNumber != null) {
                    if (typeof d.codeNumber !== "string" || d.codeNumber.length) {
                        m.codeNumber = $String(d.codeNumber);
                    }
                }
                if (d.codeNotation != null) {
                    if (typeof d.codeNotation !== "string" || d.codeNotation.length) {
                        m.codeNotation = $String(d.codeNotation);
                    }
                }
                if (d.promulgationPlace != null) {
                    if (typeof d.promulgationPlace !== "string" || d.promulgationPlace.length) {
                        m.promulgationPlace = $String(d.promulgationPlace);
                    }
                }
                if (d.promulgationDate != null) {
                    if (typeof d.promulgationDate !== "string" || d.promulgationDate.length) {
                        m.promulgationDate = $String(d.promulgationDate);
                    }
                }
                if (d.documentType != null) {
                    if (!$util.isObject(d.documentType))
                        throw $TypeError(".lienthong.v1.Document.documentType: object expected");
                    m.documentType = $root.lienthong.v1.DocumentType.fromObject(d.documentType, q + 1);
                }
                if (d.subject != null) {
                    if (typeof d.subject !== "string" || d.subject.length) {
                        m.subject = $String(d.subject);
                    }
                }
                if (d.contentSummary != null) {
                    if (typeof d.contentSummary !== "string" || d.contentSummary.length) {
                        m.contentSummary = $String(d.contentSummary);
                    }
                }
                if (d.signer != null) {
                    if (!$util.isObject(d.signer))
                        throw $TypeError(".lienthong.v1.Document.signer: object expected");
                    m.signer = $root.lienthong.v1.Signer.fromObject(d.signer, q + 1);
                }
                if (d.dueDate != null) {
                    if (typeof d.dueDate !== "string" || d.dueDate.length) {
                        m.dueDate = $String(d.dueDate);
                    }
                }
                if (d.places) {
                    if (!$Array.isArray(d.places))
                        throw $TypeError(".lienthong.v1.Document.places: array expected");
                    m.places = $Array(d.places.length);
                    for (var i = 0; i < d.places.length; ++i) {
                        m.places[i] = $String(d.places[i]);
                    }
                }
                if (d.priority !== 0 && (typeof d.priority !== "string" || $root.lienthong.v1.Priority[d.priority] !== 0)) {
                    switch (d.priority) {
                    case "PRIORITY_NORMAL":
                    case 0:
                        m.priority = 0;
                        break;
                    case "PRIORITY_URGENT":
                    case 1:
                        m.priority = 1;
                        break;
                    case "PRIORITY_VERY_URGENT":
                    case 2:
                        m.priority = 2;
                        break;
                    case "PRIORITY_FLASH":
                    case 3:
                        m.priority = 3;
                        break;
                    case "PRIORITY_FLASH_SCHEDULED":
                    case 4:
                        m.priority = 4;
                        break;
                    default:
                        if (typeof d.priority === "number" && (d.priority | 0) === d.priority)
                            m.priority = d.priority;
                    }
                }
                if (d.steeringType != null) {
                    if ($Number(d.steeringType) !== 0) {
                        m.steeringType = d.steeringType | 0;
                    }
                }
                if (d.responseFor) {
                    if (!$Array.isArray(d.responseFor))
                        throw $TypeError(".lienthong.v1.Document.responseFor: array expected");
                    m.responseFor = $Array(d.responseFor.length);
                    for (var i = 0; i < d.responseFor.length; ++i) {
                        if (!$util.isObject(d.responseFor[i]))
                            throw $TypeError(".lienthong.v1.Document.responseFor: object expected");
                        m.responseFor[i] = $root.lienthong.v1.ResponseFor.fromObject(d.responseFor[i], q + 1);
                    }
                }
                if (d.business != null) {
                    if (!$util.isObject(d.business))
                        throw $TypeError(".lienthong.v1.Document.business: object expected");
                    m.business = $root.lienthong.v1.Business.fromObject(d.business, q + 1);
                }
                if (d.attachments) {
                    if (!$Array.isArray(d.attachments))
                        throw $TypeError(".lienthong.v1.Document.attachments: array expected");
                    m.attachments = $Array(d.attachments.length);
                    for (var i = 0; i < d.attachments.length; ++i) {
                        if (!$util.isObject(d.attachments[i]))
                            throw $TypeError(".lienthong.v1.Document.attachments: object expected");
                        m.attachments[i] = $root.lienthong.v1.Attachment.fromObject(d.attachments[i], q + 1);
                    }
                }
                if (d.signature != null) {
                    if (!$util.isObject(d.signature))
                        throw $TypeError(".lienthong.v1.Document.signature: object expected");
                    m.signature = $root.lienthong.v1.Signature.fromObject(d.signature, q + 1);
                }
                if (d.appointedAtMs != null) {
                    if (typeof d.appointedAtMs === "object" ? d.appointedAtMs.low || d.appointedAtMs.high : $Number(d.appointedAtMs) !== 0) {
                        if ($util.Long)
                            m.appointedAtMs = $util.Long.fromValue(d.appointedAtMs, false);
                        else if (typeof d.appointedAtMs === "string")
                            m.appointedAtMs = $parseInt(d.appointedAtMs, 10);
                        else if (typeof d.appointedAtMs === "number")
                            m.appointedAtMs = d.appointedAtMs;
                        else if (typeof d.appointedAtMs === "object")
                            m.appointedAtMs = new $util.LongBits(d.appointedAtMs.low >>> 0, d.appointedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.edxmlOriginal != null) {
                    if (!$util.isObject(d.edxmlOriginal))
                        throw $TypeError(".lienthong.v1.Document.edxmlOriginal: object expected");
                    m.edxmlOriginal = $root.lienthong.v1.EdxmlOriginal.fromObject(d.edxmlOriginal, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Document message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Document
             * @static
             * @param {lienthong.v1.Document} m Document
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Document.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.to = [];
                    d.places = [];
                    d.responseFor = [];
                    d.attachments = [];
                }
                if (o.defaults) {
                    d.documentId = "";
                    d.from = null;
                    d.codeNumber = "";
                    d.codeNotation = "";
                    d.promulgationPlace = "";
                    d.promulgationDate = "";
                    d.documentType = null;
                    d.subject = "";
                    d.contentSummary = "";
                    d.signer = null;
                    d.dueDate = "";
                    d.priority = o.enums === $String ? "PRIORITY_NORMAL" : 0;
                    d.steeringType = 0;
                    d.business = null;
                    d.signature = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.appointedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.appointedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.edxmlOriginal = null;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.from != null && $Object.hasOwnProperty.call(m, "from")) {
                    d.from = $root.lienthong.v1.Organ.toObject(m.from, o, q + 1);
                }
                if (m.to && m.to.length) {
                    d.to = $Array(m.to.length);
                    for (var j = 0; j < m.to.length; ++j) {
                        d.to[j] = $root.lienthong.v1.Organ.toObject(m.to[j], o, q + 1);
                    }
                }
                if (m.codeNumber != null && $Object.hasOwnProperty.call(m, "codeNumber")) {
                    d.codeNumber = m.codeNumber;
                }
                if (m.codeNotation != null && $Object.hasOwnProperty.call(m, "codeNotation")) {
                    d.codeNotation = m.codeNotation;
                }
                if (m.promulgationPlace != null && $Object.hasOwnProperty.call(m, "promulgationPlace")) {
                    d.promulgationPlace = m.promulgationPlace;
                }
                if (m.promulgationDate != null && $Object.hasOwnProperty.call(m, "promulgationDate")) {
                    d.promulgationDate = m.promulgationDate;
                }
                if (m.documentType != null && $Object.hasOwnProperty.call(m, "documentType")) {
                    d.documentType = $root.lienthong.v1.DocumentType.toObject(m.documentType, o, q + 1);
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    d.subject = m.subject;
                }
                if (m.contentSummary != null && $Object.hasOwnProperty.call(m, "contentSummary")) {
                    d.contentSummary = m.contentSummary;
                }
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer")) {
                    d.signer = $root.lienthong.v1.Signer.toObject(m.signer, o, q + 1);
                }
                if (m.dueDate != null && $Object.hasOwnProperty.call(m, "dueDate")) {
                    d.dueDate = m.dueDate;
                }
                if (m.places && m.places.length) {
                    d.places = $Array(m.places.length);
                    for (var j = 0; j < m.places.length; ++j) {
                        d.places[j] = m.places[j];
                    }
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    d.priority = o.enums === $String ? $root.lienthong.v1.Priority[m.priority] === $undefined ? m.priority : $root.lienthong.v1.Priority[m.priority] : m.priority;
                }
                if (m.steeringType != null && $Object.hasOwnProperty.call(m, "steeringType")) {
                    d.steeringType = m.steeringType;
                }
                if (m.responseFor && m.responseFor.length) {
                    d.responseFor = $Array(m.responseFor.length);
                    for (var j = 0; j < m.responseFor.length; ++j) {
                        d.responseFor[j] = $root.lienthong.v1.ResponseFor.toObject(m.responseFor[j], o, q + 1);
                    }
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    d.business = $root.lienthong.v1.Business.toObject(m.business, o, q + 1);
                }
                if (m.attachments && m.attachments.length) {
                    d.attachments = $Array(m.attachments.length);
                    for (var j = 0; j < m.attachments.length; ++j) {
                        d.attachments[j] = $root.lienthong.v1.Attachment.toObject(m.attachments[j], o, q + 1);
                    }
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    d.signature = $root.lienthong.v1.Signature.toObject(m.signature, o, q + 1);
                }
                if (m.appointedAtMs != null && $Object.hasOwnProperty.call(m, "appointedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.appointedAtMs = typeof m.appointedAtMs === "number" ? $BigInt(m.appointedAtMs) : $util.Long.fromBits(m.appointedAtMs.low >>> 0, m.appointedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.appointedAtMs === "number")
                        d.appointedAtMs = o.longs === $String ? $String(m.appointedAtMs) : m.appointedAtMs;
                    else
                        d.appointedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.appointedAtMs) : o.longs === $Number ? new $util.LongBits(m.appointedAtMs.low >>> 0, m.appointedAtMs.high >>> 0).toNumber() : m.appointedAtMs;
                }
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal")) {
                    d.edxmlOriginal = $root.lienthong.v1.EdxmlOriginal.toObject(m.edxmlOriginal, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Document to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Document
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Document.prototype.toJSON = function() {
                return Document.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Document
             * @function getTypeUrl
             * @memberof lienthong.v1.Document
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Document.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Document";
            };

            return Document;
        })();

        v1.EdxmlOriginal = (function() {

            /**
             * Properties of an EdxmlOriginal.
             * @typedef {Object} lienthong.v1.EdxmlOriginal.$Properties
             * @property {string|null} [sha256Hex] EdxmlOriginal sha256Hex
             * @property {number|null} [size] EdxmlOriginal size
             * @property {Array.<string>|null} [warnings] EdxmlOriginal warnings
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EdxmlOriginal.
             * @memberof lienthong.v1
             * @interface IEdxmlOriginal
             * @augments lienthong.v1.EdxmlOriginal.$Properties
             * @deprecated Use lienthong.v1.EdxmlOriginal.$Properties instead.
             */

            /**
             * Shape of an EdxmlOriginal.
             * @typedef {lienthong.v1.EdxmlOriginal.$Properties} lienthong.v1.EdxmlOriginal.$Shape
             */

            /**
             * Constructs a new EdxmlOriginal.
             * @memberof lienthong.v1
             * @classdesc Represents an EdxmlOriginal.
             * @constructor
             * @param {lienthong.v1.EdxmlOriginal.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EdxmlOriginal = function (p) {
                this.warnings = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EdxmlOriginal sha256Hex.
             * @member {string} sha256Hex
             * @memberof lienthong.v1.EdxmlOriginal
             * @instance
             */
            EdxmlOriginal.prototype.sha256Hex = "";

            /**
             * EdxmlOriginal size.
             * @member {number} size
             * @memberof lienthong.v1.EdxmlOriginal
             * @instance
             */
            EdxmlOriginal.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EdxmlOriginal warnings.
             * @member {Array.<string>} warnings
             * @memberof lienthong.v1.EdxmlOriginal
             * @instance
             */
            EdxmlOriginal.prototype.warnings = $util.emptyArray;

            /**
             * Creates a new EdxmlOriginal instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {lienthong.v1.EdxmlOriginal.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.EdxmlOriginal} EdxmlOriginal instance
             * @type {{
             *   (properties: lienthong.v1.EdxmlOriginal.$Shape): lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape;
             *   (properties?: lienthong.v1.EdxmlOriginal.$Properties): lienthong.v1.EdxmlOriginal;
             * }}
             */
            EdxmlOriginal.create = function(properties) {
                return new EdxmlOriginal(properties);
            };

            /**
             * Encodes the specified EdxmlOriginal message. Does not implicitly {@link lienthong.v1.EdxmlOriginal.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {lienthong.v1.EdxmlOriginal.$Properties} m EdxmlOriginal message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlOriginal.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex") && m.sha256Hex !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.sha256Hex);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && (typeof m.size === "object" ? m.size.low || m.size.high : m.size !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.size);
                if (m.warnings != null && m.warnings.length) {
                    for (var i = 0; i < m.warnings.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.warnings[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EdxmlOriginal message, length delimited. Does not implicitly {@link lienthong.v1.EdxmlOriginal.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {lienthong.v1.EdxmlOriginal.$Properties} message EdxmlOriginal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlOriginal.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EdxmlOriginal message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape} EdxmlOriginal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlOriginal.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.EdxmlOriginal();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256Hex = v;
                            else
                                delete m.sha256Hex;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.warnings && m.warnings.length))
                                m.warnings = [];
                            m.warnings.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EdxmlOriginal message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.EdxmlOriginal & lienthong.v1.EdxmlOriginal.$Shape} EdxmlOriginal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlOriginal.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EdxmlOriginal message.
             * @function verify
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EdxmlOriginal.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    if (!$util.isString(m.sha256Hex))
                        return "sha256Hex: string expected";
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (!$util.isInteger(m.size) && !(m.size && $util.isInteger(m.size.low) && $util.isInteger(m.size.high)))
                        return "size: integer|Long expected";
                }
                if (m.warnings != null && $Object.hasOwnProperty.call(m, "warnings")) {
                    if (!$Array.isArray(m.warnings))
                        return "warnings: array expected";
                    for (var i = 0; i < m.warnings.length; ++i) {
                        if (!$util.isString(m.warnings[i]))
                            return "warnings: string[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates an EdxmlOriginal message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.EdxmlOriginal} EdxmlOriginal
             */
            EdxmlOriginal.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.EdxmlOriginal)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.EdxmlOriginal: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.EdxmlOriginal();
                if (d.sha256Hex != null) {
                    if (typeof d.sha256Hex !== "string" || d.sha256Hex.length) {
                        m.sha256Hex = $String(d.sha256Hex);
                    }
                }
                if (d.size != null) {
                    if (typeof d.size === "object" ? d.size.low || d.size.high : $Number(d.size) !== 0) {
                        if ($util.Long)
                            m.size = $util.Long.fromValue(d.size, true);
                        else if (typeof d.size === "string")
                            m.size = $parseInt(d.size, 10);
                        else if (typeof d.size === "number")
                            m.size = d.size;
                        else if (typeof d.size === "object")
                            m.size = new $util.LongBits(d.size.low >>> 0, d.size.high >>> 0).toNumber(true);
                    }
                }
                if (d.warnings) {
                    if (!$Array.isArray(d.warnings))
                        throw $TypeError(".lienthong.v1.EdxmlOriginal.warnings: array expected");
                    m.warnings = $Array(d.warnings.length);
                    for (var i = 0; i < d.warnings.length; ++i) {
                        m.warnings[i] = $String(d.warnings[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EdxmlOriginal message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {lienthong.v1.EdxmlOriginal} m EdxmlOriginal
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EdxmlOriginal.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.warnings = [];
                }
                if (o.defaults) {
                    d.sha256Hex = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.size = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.size = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    d.sha256Hex = m.sha256Hex;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.size = typeof m.size === "number" ? $BigInt(m.size) : $util.Long.fromBits(m.size.low >>> 0, m.size.high >>> 0, true).toBigInt();
                    else if (typeof m.size === "number")
                        d.size = o.longs === $String ? $String(m.size) : m.size;
                    else
                        d.size = o.longs === $String ? $util.Long.prototype.toString.call(m.size) : o.longs === $Number ? new $util.LongBits(m.size.low >>> 0, m.size.high >>> 0).toNumber(true) : m.size;
                }
                if (m.warnings && m.warnings.length) {
                    d.warnings = $Array(m.warnings.length);
                    for (var j = 0; j < m.warnings.length; ++j) {
                        d.warnings[j] = m.warnings[j];
                    }
                }
                return d;
            };

            /**
             * Converts this EdxmlOriginal to JSON.
             * @function toJSON
             * @memberof lienthong.v1.EdxmlOriginal
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EdxmlOriginal.prototype.toJSON = function() {
                return EdxmlOriginal.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EdxmlOriginal
             * @function getTypeUrl
             * @memberof lienthong.v1.EdxmlOriginal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EdxmlOriginal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.EdxmlOriginal";
            };

            return EdxmlOriginal;
        })();

        /**
         * EnvelopeKind enum.
         * @name lienthong.v1.EnvelopeKind
         * @enum {number}
         * @property {number} ENVELOPE_KIND_UNSPECIFIED=0 ENVELOPE_KIND_UNSPECIFIED value
         * @property {number} ENVELOPE_KIND_DOCUMENT=1 ENVELOPE_KIND_DOCUMENT value
         * @property {number} ENVELOPE_KIND_STATUS=2 ENVELOPE_KIND_STATUS value
         * @property {number} ENVELOPE_KIND_TRANSPORT=3 ENVELOPE_KIND_TRANSPORT value
         */
        v1.EnvelopeKind = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ENVELOPE_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ENVELOPE_KIND_DOCUMENT"] = 1;
            values[valuesById[2] = "ENVELOPE_KIND_STATUS"] = 2;
            values[valuesById[3] = "ENVELOPE_KIND_TRANSPORT"] = 3;
            return values;
        })();

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} lienthong.v1.Envelope.$Properties
             * @property {number|null} [schemaVersion] Envelope schemaVersion
             * @property {string|null} [envelopeId] Envelope envelopeId
             * @property {lienthong.v1.EnvelopeKind|null} [kind] Envelope kind
             * @property {string|null} [documentId] Envelope documentId
             * @property {string|null} [originAgency] Envelope originAgency
             * @property {string|null} [originNode] Envelope originNode
             * @property {Array.<string>|null} [recipients] Envelope recipients
             * @property {number|null} [createdAtMs] Envelope createdAtMs
             * @property {Array.<lienthong.v1.Hop.$Properties>|null} [hops] Envelope hops
             * @property {number|null} [hopLimit] Envelope hopLimit
             * @property {lienthong.v1.Priority|null} [priority] Envelope priority
             * @property {lienthong.v1.Document.$Properties|null} [document] Envelope document
             * @property {lienthong.v1.StatusReport.$Properties|null} [status] Envelope status
             * @property {lienthong.v1.TransportEvent.$Properties|null} [transport] Envelope transport
             * @property {lienthong.v1.EdxmlSignatureVerdict.$Properties|null} [edxmlSignature] Envelope edxmlSignature
             * @property {"document"|"status"|"transport"} [payload] Envelope payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof lienthong.v1
             * @interface IEnvelope
             * @augments lienthong.v1.Envelope.$Properties
             * @deprecated Use lienthong.v1.Envelope.$Properties instead.
             */

            /**
             * Narrowed shape of an Envelope.
             * @typedef {{
             *   schemaVersion?: number|null;
             *   envelopeId?: string|null;
             *   kind?: lienthong.v1.EnvelopeKind|null;
             *   documentId?: string|null;
             *   originAgency?: string|null;
             *   originNode?: string|null;
             *   recipients?: Array.<string>|null;
             *   createdAtMs?: number|null;
             *   hops?: Array.<lienthong.v1.Hop.$Shape>|null;
             *   hopLimit?: number|null;
             *   priority?: lienthong.v1.Priority|null;
             *   document?: lienthong.v1.Document.$Shape|null;
             *   status?: lienthong.v1.StatusReport.$Shape|null;
             *   transport?: lienthong.v1.TransportEvent.$Shape|null;
             *   edxmlSignature?: lienthong.v1.EdxmlSignatureVerdict.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; document?: null; status?: null; transport?: null }|{ payload?: "document"; document: lienthong.v1.Document.$Shape; status?: null; transport?: null }|{ payload?: "status"; document?: null; status: lienthong.v1.StatusReport.$Shape; transport?: null }|{ payload?: "transport"; document?: null; status?: null; transport: lienthong.v1.TransportEvent.$Shape })
             * )} lienthong.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof lienthong.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {lienthong.v1.Envelope.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Envelope = function (p) {
                this.recipients = [];
                this.hops = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Envelope schemaVersion.
             * @member {number} schemaVersion
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.schemaVersion = 0;

            /**
             * Envelope envelopeId.
             * @member {string} envelopeId
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.envelopeId = "";

            /**
             * Envelope kind.
             * @member {lienthong.v1.EnvelopeKind} kind
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.kind = 0;

            /**
             * Envelope documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.documentId = "";

            /**
             * Envelope originAgency.
             * @member {string} originAgency
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.originAgency = "";

            /**
             * Envelope originNode.
             * @member {string} originNode
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.originNode = "";

            /**
             * Envelope recipients.
             * @member {Array.<string>} recipients
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.recipients = $util.emptyArray;

            /**
             * Envelope createdAtMs.
             * @member {number} createdAtMs
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.createdAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Envelope hops.
             * @member {Array.<lienthong.v1.Hop.$Properties>} hops
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.hops = $util.emptyArray;

            /**
             * Envelope hopLimit.
             * @member {number} hopLimit
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.hopLimit = 0;

            /**
             * Envelope priority.
             * @member {lienthong.v1.Priority} priority
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.priority = 0;

            /**
             * Envelope document.
             * @member {lienthong.v1.Document.$Properties|null|undefined} document
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.document = null;

            /**
             * Envelope status.
             * @member {lienthong.v1.StatusReport.$Properties|null|undefined} status
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.status = null;

            /**
             * Envelope transport.
             * @member {lienthong.v1.TransportEvent.$Properties|null|undefined} transport
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.transport = null;

            /**
             * Envelope edxmlSignature.
             * @member {lienthong.v1.EdxmlSignatureVerdict.$Properties|null|undefined} edxmlSignature
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            Envelope.prototype.edxmlSignature = null;

            // OneOf field names bound to virtual getters and setters
            var $oneOfFields;

            /**
             * Envelope payload.
             * @member {"document"|"status"|"transport"|undefined} payload
             * @memberof lienthong.v1.Envelope
             * @instance
             */
            $Object.defineProperty(Envelope.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["document", "status", "transport"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {lienthong.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: lienthong.v1.Envelope.$Shape): lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape;
             *   (properties?: lienthong.v1.Envelope.$Properties): lienthong.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link lienthong.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {lienthong.v1.Envelope.$Properties} m Envelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.schemaVersion != null && $Object.hasOwnProperty.call(m, "schemaVersion") && m.schemaVersion !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.schemaVersion);
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId") && m.envelopeId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.envelopeId);
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.kind);
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.documentId);
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency") && m.originAgency !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.originAgency);
                if (m.originNode != null && $Object.hasOwnProperty.call(m, "originNode") && m.originNode !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.originNode);
                if (m.recipients != null && m.recipients.length) {
                    for (var i = 0; i < m.recipients.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.recipients[i]);
                }
                if (m.createdAtMs != null && $Object.hasOwnProperty.call(m, "createdAtMs") && (typeof m.createdAtMs === "object" ? m.createdAtMs.low || m.createdAtMs.high : m.createdAtMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.createdAtMs);
                if (m.hops != null && m.hops.length) {
                    for (var i = 0; i < m.hops.length; ++i)
                        $root.lienthong.v1.Hop.encode(m.hops[i], w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                }
                if (m.hopLimit != null && $Object.hasOwnProperty.call(m, "hopLimit") && m.hopLimit !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).uint32(m.hopLimit);
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority") && m.priority !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).int32(m.priority);
                if (m.document != null && $Object.hasOwnProperty.call(m, "document"))
                    $root.lienthong.v1.Document.encode(m.document, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                if (m.status != null && $Object.hasOwnProperty.call(m, "status"))
                    $root.lienthong.v1.StatusReport.encode(m.status, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport"))
                    $root.lienthong.v1.TransportEvent.encode(m.transport, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature"))
                    $root.lienthong.v1.EdxmlSignatureVerdict.encode(m.edxmlSignature, w.uint32(/* id 30, wireType 2 =*/242).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Envelope message, length delimited. Does not implicitly {@link lienthong.v1.Envelope.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {lienthong.v1.Envelope.$Properties} message Envelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Envelope();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.schemaVersion = v;
                            else
                                delete m.schemaVersion;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.envelopeId = v;
                            else
                                delete m.envelopeId;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.originAgency = v;
                            else
                                delete m.originAgency;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.originNode = v;
                            else
                                delete m.originNode;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.recipients && m.recipients.length))
                                m.recipients = [];
                            m.recipients.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.createdAtMs = v;
                            else
                                delete m.createdAtMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if (!(m.hops && m.hops.length))
                                m.hops = [];
                            m.hops.push($root.lienthong.v1.Hop.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.hopLimit = v;
                            else
                                delete m.hopLimit;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.priority = v;
                            else
                                delete m.priority;
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            m.document = $root.lienthong.v1.Document.decode(r, r.size(), $undefined, q + 1, m.document);
                            m.payload = "document";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.status = $root.lienthong.v1.StatusReport.decode(r, r.size(), $undefined, q + 1, m.status);
                            m.payload = "status";
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.transport = $root.lienthong.v1.TransportEvent.decode(r, r.size(), $undefined, q + 1, m.transport);
                            m.payload = "transport";
                            continue;
                        }
                    case 30: {
                            if (u !== 2)
                                break;
                            m.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.decode(r, r.size(), $undefined, q + 1, m.edxmlSignature);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Envelope & lienthong.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Envelope message.
             * @function verify
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Envelope.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.schemaVersion != null && $Object.hasOwnProperty.call(m, "schemaVersion")) {
                    if (!$util.isInteger(m.schemaVersion))
                        return "schemaVersion: integer expected";
                }
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId")) {
                    if (!$util.isString(m.envelopeId))
                        return "envelopeId: string expected";
                }
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    if (typeof m.kind !== "number" || (m.kind | 0) !== m.kind)
                        return "kind: enum value expected";
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency")) {
                    if (!$util.isString(m.originAgency))
                        return "originAgency: string expected";
                }
                if (m.originNode != null && $Object.hasOwnProperty.call(m, "originNode")) {
                    if (!$util.isString(m.originNode))
                        return "originNode: string expected";
                }
                if (m.recipients != null && $Object.hasOwnProperty.call(m, "recipients")) {
                    if (!$Array.isArray(m.recipients))
                        return "recipients: array expected";
                    for (var i = 0; i < m.recipients.length; ++i) {
                        if (!$util.isString(m.recipients[i]))
                            return "recipients: string[] expected";
                    }
                }
                if (m.createdAtMs != null && $Object.hasOwnProperty.call(m, "createdAtMs")) {
                    if (!$util.isInteger(m.createdAtMs) && !(m.createdAtMs && $util.isInteger(m.createdAtMs.low) && $util.isInteger(m.createdAtMs.high)))
                        return "createdAtMs: integer|Long expected";
                }
                if (m.hops != null && $Object.hasOwnProperty.call(m, "hops")) {
                    if (!$Array.isArray(m.hops))
                        return "hops: array expected";
                    for (var i = 0; i < m.hops.length; ++i) {
                        {
                            var e = $root.lienthong.v1.Hop.verify(m.hops[i], q + 1);
                            if (e)
                                return "hops." + e;
                        }
                    }
                }
                if (m.hopLimit != null && $Object.hasOwnProperty.call(m, "hopLimit")) {
                    if (!$util.isInteger(m.hopLimit))
                        return "hopLimit: integer expected";
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    if (typeof m.priority !== "number" || (m.priority | 0) !== m.priority)
                        return "priority: enum value expected";
                }
                if (m.document != null && $Object.hasOwnProperty.call(m, "document")) {
                    p.payload = 1;
                    {
                        var e = $root.lienthong.v1.Document.verify(m.document, q + 1);
                        if (e)
                            return "document." + e;
                    }
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    if (p.payload === 1)
                        return "payload: multiple values";
                    p.payload = 1;
                    {
                        var e = $root.lienthong.v1.StatusReport.verify(m.status, q + 1);
                        if (e)
                            return "status." + e;
                    }
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    if (p.payload === 1)
                        return "payload: multiple values";
                    p.payload = 1;
                    {
                        var e = $root.lienthong.v1.TransportEvent.verify(m.transport, q + 1);
                        if (e)
                            return "transport." + e;
                    }
                }
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature")) {
                    {
                        var e = $root.lienthong.v1.EdxmlSignatureVerdict.verify(m.edxmlSignature, q + 1);
                        if (e)
                            return "edxmlSignature." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Envelope} Envelope
             */
            Envelope.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Envelope)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Envelope: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Envelope();
                if (d.schemaVersion != null) {
                    if ($Number(d.schemaVersion) !== 0) {
                        m.schemaVersion = d.schemaVersion >>> 0;
                    }
                }
                if (d.envelopeId != null) {
                    if (typeof d.envelopeId !== "string" || d.envelopeId.length) {
                        m.envelopeId = $String(d.envelopeId);
                    }
                }
                if (d.kind !== 0 && (typeof d.kind !== "string" || $root.lienthong.v1.EnvelopeKind[d.kind] !== 0)) {
                    switch (d.kind) {
                    case "ENVELOPE_KIND_UNSPECIFIED":
                    case 0:
                        m.kind = 0;
                        break;
                    case "ENVELOPE_KIND_DOCUMENT":
                    case 1:
                        m.kind = 1;
                        break;
                    case "ENVELOPE_KIND_STATUS":
                    case 2:
                        m.kind = 2;
                        break;
                    case "ENVELOPE_KIND_TRANSPORT":
                    case 3:
                        m.kind = 3;
                        break;
                    default:
                        if (typeof d.kind === "number" && (d.kind | 0) === d.kind)
                            m.kind = d.kind;
                    }
                }
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.originAgency != null) {
                    if (typeof d.originAgency !== "string" || d.originAgency.length) {
                        m.originAgency = $String(d.originAgency);
                    }
                }
                if (d.originNode != null) {
                    if (typeof d.originNode !== "string" || d.originNode.length) {
                        m.originNode = $String(d.originNode);
                    }
                }
                if (d.recipients) {
                    if (!$Array.isArray(d.recipients))
                        throw $TypeError(".lienthong.v1.Envelope.recipients: array expected");
                    m.recipients = $Array(d.recipients.length);
                    for (var i = 0; i < d.recipients.length; ++i) {
                        m.recipients[i] = $String(d.recipients[i]);
                    }
                }
                if (d.createdAtMs != null) {
                    if (typeof d.createdAtMs === "object" ? d.createdAtMs.low || d.createdAtMs.high : $Number(d.createdAtMs) !== 0) {
                        if ($util.Long)
                            m.createdAtMs = $util.Long.fromValue(d.createdAtMs, false);
                        else if (typeof d.createdAtMs === "string")
                            m.createdAtMs = $parseInt(d.createdAtMs, 10);
                        else if (typeof d.createdAtMs === "number")
                            m.createdAtMs = d.createdAtMs;
                        else if (typeof d.createdAtMs === "object")
                            m.createdAtMs = new $util.LongBits(d.createdAtMs.low >>> 0, d.createdAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.hops) {
                    if (!$Array.isArray(d.hops))
                        throw $TypeError(".lienthong.v1.Envelope.hops: array expected");
                    m.hops = $Array(d.hops.length);
                    for (var i = 0; i < d.hops.length; ++i) {
                        if (!$util.isObject(d.hops[i]))
                            throw $TypeError(".lienthong.v1.Envelope.hops: object expected");
                        m.hops[i] = $root.lienthong.v1.Hop.fromObject(d.hops[i], q + 1);
                    }
                }
                if (d.hopLimit != null) {
                    if ($Number(d.hopLimit) !== 0) {
                        m.hopLimit = d.hopLimit >>> 0;
                    }
                }
                if (d.priority !== 0 && (typeof d.priority !== "string" || $root.lienthong.v1.Priority[d.priority] !== 0)) {
                    switch (d.priority) {
                    case "PRIORITY_NORMAL":
                    case 0:
                        m.priority = 0;
                        break;
                    case "PRIORITY_URGENT":
                    case 1:
                        m.priority = 1;
                        break;
                    case "PRIORITY_VERY_URGENT":
                    case 2:
                        m.priority = 2;
                        break;
                    case "PRIORITY_FLASH":
                    case 3:
                        m.priority = 3;
                        break;
                    case "PRIORITY_FLASH_SCHEDULED":
                    case 4:
                        m.priority = 4;
                        break;
                    default:
                        if (typeof d.priority === "number" && (d.priority | 0) === d.priority)
                            m.priority = d.priority;
                    }
                }
                if (d.document != null) {
                    if (!$util.isObject(d.document))
                        throw $TypeError(".lienthong.v1.Envelope.document: object expected");
                    m.document = $root.lienthong.v1.Document.fromObject(d.document, q + 1);
                }
                if (d.status != null) {
                    if (!$util.isObject(d.status))
                        throw $TypeError(".lienthong.v1.Envelope.status: object expected");
                    m.status = $root.lienthong.v1.StatusReport.fromObject(d.status, q + 1);
                }
                if (d.transport != null) {
                    if (!$util.isObject(d.transport))
                        throw $TypeError(".lienthong.v1.Envelope.transport: object expected");
                    m.transport = $root.lienthong.v1.TransportEvent.fromObject(d.transport, q + 1);
                }
                if (d.edxmlSignature != null) {
                    if (!$util.isObject(d.edxmlSignature))
                        throw $TypeError(".lienthong.v1.Envelope.edxmlSignature: object expected");
                    m.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.fromObject(d.edxmlSignature, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {lienthong.v1.Envelope} m Envelope
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Envelope.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.recipients = [];
                    d.hops = [];
                }
                if (o.defaults) {
                    d.schemaVersion = 0;
                    d.envelopeId = "";
                    d.kind = o.enums === $String ? "ENVELOPE_KIND_UNSPECIFIED" : 0;
                    d.documentId = "";
                    d.originAgency = "";
                    d.originNode = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.createdAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.createdAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.hopLimit = 0;
                    d.priority = o.enums === $String ? "PRIORITY_NORMAL" : 0;
                    d.edxmlSignature = null;
                }
                if (m.schemaVersion != null && $Object.hasOwnProperty.call(m, "schemaVersion")) {
                    d.schemaVersion = m.schemaVersion;
                }
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId")) {
                    d.envelopeId = m.envelopeId;
                }
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    d.kind = o.enums === $String ? $root.lienthong.v1.EnvelopeKind[m.kind] === $undefined ? m.kind : $root.lienthong.v1.EnvelopeKind[m.kind] : m.kind;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency")) {
                    d.originAgency = m.originAgency;
                }
                if (m.originNode != null && $Object.hasOwnProperty.call(m, "originNode")) {
                    d.originNode = m.originNode;
                }
                if (m.recipients && m.recipients.length) {
                    d.recipients = $Array(m.recipients.length);
                    for (var j = 0; j < m.recipients.length; ++j) {
                        d.recipients[j] = m.recipients[j];
                    }
                }
                if (m.createdAtMs != null && $Object.hasOwnProperty.call(m, "createdAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.createdAtMs = typeof m.createdAtMs === "number" ? $BigInt(m.createdAtMs) : $util.Long.fromBits(m.createdAtMs.low >>> 0, m.createdAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.createdAtMs === "number")
                        d.createdAtMs = o.longs === $String ? $String(m.createdAtMs) : m.createdAtMs;
                    else
                        d.createdAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.createdAtMs) : o.longs === $Number ? new $util.LongBits(m.createdAtMs.low >>> 0, m.createdAtMs.high >>> 0).toNumber() : m.createdAtMs;
                }
                if (m.hops && m.hops.length) {
                    d.hops = $Array(m.hops.length);
                    for (var j = 0; j < m.hops.length; ++j) {
                        d.hops[j] = $root.lienthong.v1.Hop.toObject(m.hops[j], o, q + 1);
                    }
                }
                if (m.hopLimit != null && $Object.hasOwnProperty.call(m, "hopLimit")) {
                    d.hopLimit = m.hopLimit;
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    d.priority = o.enums === $String ? $root.lienthong.v1.Priority[m.priority] === $undefined ? m.priority : $root.lienthong.v1.Priority[m.priority] : m.priority;
                }
                if (m.document != null && $Object.hasOwnProperty.call(m, "document")) {
                    d.document = $root.lienthong.v1.Document.toObject(m.document, o, q + 1);
                    if (o.oneofs)
                        d.payload = "document";
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    d.status = $root.lienthong.v1.StatusReport.toObject(m.status, o, q + 1);
                    if (o.oneofs)
                        d.payload = "status";
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    d.transport = $root.lienthong.v1.TransportEvent.toObject(m.transport, o, q + 1);
                    if (o.oneofs)
                        d.payload = "transport";
                }
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature")) {
                    d.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.toObject(m.edxmlSignature, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Envelope to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Envelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Envelope
             * @function getTypeUrl
             * @memberof lienthong.v1.Envelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Envelope";
            };

            return Envelope;
        })();

        v1.EnvelopeBatch = (function() {

            /**
             * Properties of an EnvelopeBatch.
             * @typedef {Object} lienthong.v1.EnvelopeBatch.$Properties
             * @property {Array.<Uint8Array>|null} [envelopes] EnvelopeBatch envelopes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EnvelopeBatch.
             * @memberof lienthong.v1
             * @interface IEnvelopeBatch
             * @augments lienthong.v1.EnvelopeBatch.$Properties
             * @deprecated Use lienthong.v1.EnvelopeBatch.$Properties instead.
             */

            /**
             * Shape of an EnvelopeBatch.
             * @typedef {lienthong.v1.EnvelopeBatch.$Properties} lienthong.v1.EnvelopeBatch.$Shape
             */

            /**
             * Constructs a new EnvelopeBatch.
             * @memberof lienthong.v1
             * @classdesc Represents an EnvelopeBatch.
             * @constructor
             * @param {lienthong.v1.EnvelopeBatch.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EnvelopeBatch = function (p) {
                this.envelopes = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EnvelopeBatch envelopes.
             * @member {Array.<Uint8Array>} envelopes
             * @memberof lienthong.v1.EnvelopeBatch
             * @instance
             */
            EnvelopeBatch.prototype.envelopes = $util.emptyArray;

            /**
             * Creates a new EnvelopeBatch instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {lienthong.v1.EnvelopeBatch.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.EnvelopeBatch} EnvelopeBatch instance
             * @type {{
             *   (properties: lienthong.v1.EnvelopeBatch.$Shape): lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape;
             *   (properties?: lienthong.v1.EnvelopeBatch.$Properties): lienthong.v1.EnvelopeBatch;
             * }}
             */
            EnvelopeBatch.create = function(properties) {
                return new EnvelopeBatch(properties);
            };

            /**
             * Encodes the specified EnvelopeBatch message. Does not implicitly {@link lienthong.v1.EnvelopeBatch.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {lienthong.v1.EnvelopeBatch.$Properties} m EnvelopeBatch message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnvelopeBatch.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.envelopes != null && m.envelopes.length) {
                    for (var i = 0; i < m.envelopes.length; ++i)
                        w.uint32(/* id 1, wireType 2 =*/10).bytes(m.envelopes[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EnvelopeBatch message, length delimited. Does not implicitly {@link lienthong.v1.EnvelopeBatch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {lienthong.v1.EnvelopeBatch.$Properties} message EnvelopeBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnvelopeBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EnvelopeBatch message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape} EnvelopeBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnvelopeBatch.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.EnvelopeBatch();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.envelopes && m.envelopes.length))
                                m.envelopes = [];
                            m.envelopes.push(r.bytes());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EnvelopeBatch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.EnvelopeBatch & lienthong.v1.EnvelopeBatch.$Shape} EnvelopeBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnvelopeBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EnvelopeBatch message.
             * @function verify
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EnvelopeBatch.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.envelopes != null && $Object.hasOwnProperty.call(m, "envelopes")) {
                    if (!$Array.isArray(m.envelopes))
                        return "envelopes: array expected";
                    for (var i = 0; i < m.envelopes.length; ++i) {
                        if (!(m.envelopes[i] && typeof m.envelopes[i].length === "number" || $util.isString(m.envelopes[i])))
                            return "envelopes: buffer[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates an EnvelopeBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.EnvelopeBatch} EnvelopeBatch
             */
            EnvelopeBatch.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.EnvelopeBatch)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.EnvelopeBatch: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.EnvelopeBatch();
                if (d.envelopes) {
                    if (!$Array.isArray(d.envelopes))
                        throw $TypeError(".lienthong.v1.EnvelopeBatch.envelopes: array expected");
                    m.envelopes = $Array(d.envelopes.length);
                    for (var i = 0; i < d.envelopes.length; ++i) {
                        if (typeof d.envelopes[i] === "string")
                            $util.base64.decode(d.envelopes[i], m.envelopes[i] = $util.newBuffer($util.base64.length(d.envelopes[i])), 0);
                        else if (d.envelopes[i].length >= 0)
                            m.envelopes[i] = d.envelopes[i];
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EnvelopeBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {lienthong.v1.EnvelopeBatch} m EnvelopeBatch
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EnvelopeBatch.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.envelopes = [];
                }
                if (m.envelopes && m.envelopes.length) {
                    d.envelopes = $Array(m.envelopes.length);
                    for (var j = 0; j < m.envelopes.length; ++j) {
                        d.envelopes[j] = o.bytes === $String ? $util.base64.encode(m.envelopes[j], 0, m.envelopes[j].length) : o.bytes === $Array ? $Array.prototype.slice.call(m.envelopes[j]) : m.envelopes[j];
                    }
                }
                return d;
            };

            /**
             * Converts this EnvelopeBatch to JSON.
             * @function toJSON
             * @memberof lienthong.v1.EnvelopeBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EnvelopeBatch.prototype.toJSON = function() {
                return EnvelopeBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EnvelopeBatch
             * @function getTypeUrl
             * @memberof lienthong.v1.EnvelopeBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EnvelopeBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.EnvelopeBatch";
            };

            return EnvelopeBatch;
        })();

        v1.EdxmlSignatureVerdict = (function() {

            /**
             * Properties of an EdxmlSignatureVerdict.
             * @typedef {Object} lienthong.v1.EdxmlSignatureVerdict.$Properties
             * @property {string|null} [verdict] EdxmlSignatureVerdict verdict
             * @property {string|null} [reason] EdxmlSignatureVerdict reason
             * @property {lienthong.v1.EdxmlSigner.$Properties|null} [signer] EdxmlSignatureVerdict signer
             * @property {number|null} [checkedAtMs] EdxmlSignatureVerdict checkedAtMs
             * @property {string|null} [checkedAtSource] EdxmlSignatureVerdict checkedAtSource
             * @property {string|null} [signatureAlgorithm] EdxmlSignatureVerdict signatureAlgorithm
             * @property {Array.<string>|null} [chain] EdxmlSignatureVerdict chain
             * @property {lienthong.v1.EdxmlRevocation.$Properties|null} [revocation] EdxmlSignatureVerdict revocation
             * @property {string|null} [node] EdxmlSignatureVerdict node
             * @property {number|null} [verifiedAtMs] EdxmlSignatureVerdict verifiedAtMs
             * @property {string|null} [policy] EdxmlSignatureVerdict policy
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EdxmlSignatureVerdict.
             * @memberof lienthong.v1
             * @interface IEdxmlSignatureVerdict
             * @augments lienthong.v1.EdxmlSignatureVerdict.$Properties
             * @deprecated Use lienthong.v1.EdxmlSignatureVerdict.$Properties instead.
             */

            /**
             * Shape of an EdxmlSignatureVerdict.
             * @typedef {lienthong.v1.EdxmlSignatureVerdict.$Properties} lienthong.v1.EdxmlSignatureVerdict.$Shape
             */

            /**
             * Constructs a new EdxmlSignatureVerdict.
             * @memberof lienthong.v1
             * @classdesc Represents an EdxmlSignatureVerdict.
             * @constructor
             * @param {lienthong.v1.EdxmlSignatureVerdict.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EdxmlSignatureVerdict = function (p) {
                this.chain = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EdxmlSignatureVerdict verdict.
             * @member {string} verdict
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.verdict = "";

            /**
             * EdxmlSignatureVerdict reason.
             * @member {string} reason
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.reason = "";

            /**
             * EdxmlSignatureVerdict signer.
             * @member {lienthong.v1.EdxmlSigner.$Properties|null|undefined} signer
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.signer = null;

            /**
             * EdxmlSignatureVerdict checkedAtMs.
             * @member {number} checkedAtMs
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.checkedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EdxmlSignatureVerdict checkedAtSource.
             * @member {string} checkedAtSource
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.checkedAtSource = "";

            /**
             * EdxmlSignatureVerdict signatureAlgorithm.
             * @member {string} signatureAlgorithm
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.signatureAlgorithm = "";

            /**
             * EdxmlSignatureVerdict chain.
             * @member {Array.<string>} chain
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.chain = $util.emptyArray;

            /**
             * EdxmlSignatureVerdict revocation.
             * @member {lienthong.v1.EdxmlRevocation.$Properties|null|undefined} revocation
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.revocation = null;

            /**
             * EdxmlSignatureVerdict node.
             * @member {string} node
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.node = "";

            /**
             * EdxmlSignatureVerdict verifiedAtMs.
             * @member {number} verifiedAtMs
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.verifiedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EdxmlSignatureVerdict policy.
             * @member {string} policy
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             */
            EdxmlSignatureVerdict.prototype.policy = "";

            /**
             * Creates a new EdxmlSignatureVerdict instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {lienthong.v1.EdxmlSignatureVerdict.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.EdxmlSignatureVerdict} EdxmlSignatureVerdict instance
             * @type {{
             *   (properties: lienthong.v1.EdxmlSignatureVerdict.$Shape): lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape;
             *   (properties?: lienthong.v1.EdxmlSignatureVerdict.$Properties): lienthong.v1.EdxmlSignatureVerdict;
             * }}
             */
            EdxmlSignatureVerdict.create = function(properties) {
                return new EdxmlSignatureVerdict(properties);
            };

            /**
             * Encodes the specified EdxmlSignatureVerdict message. Does not implicitly {@link lienthong.v1.EdxmlSignatureVerdict.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {lienthong.v1.EdxmlSignatureVerdict.$Properties} m EdxmlSignatureVerdict message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlSignatureVerdict.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.verdict != null && $Object.hasOwnProperty.call(m, "verdict") && m.verdict !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.verdict);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer"))
                    $root.lienthong.v1.EdxmlSigner.encode(m.signer, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.checkedAtMs != null && $Object.hasOwnProperty.call(m, "checkedAtMs") && (typeof m.checkedAtMs === "object" ? m.checkedAtMs.low || m.checkedAtMs.high : m.checkedAtMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.checkedAtMs);
                if (m.checkedAtSource != null && $Object.hasOwnProperty.call(m, "checkedAtSource") && m.checkedAtSource !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.checkedAtSource);
                if (m.signatureAlgorithm != null && $Object.hasOwnProperty.call(m, "signatureAlgorithm") && m.signatureAlgorithm !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.signatureAlgorithm);
                if (m.chain != null && m.chain.length) {
                    for (var i = 0; i < m.chain.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.chain[i]);
                }
                if (m.revocation != null && $Object.hasOwnProperty.call(m, "revocation"))
                    $root.lienthong.v1.EdxmlRevocation.encode(m.revocation, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.node);
                if (m.verifiedAtMs != null && $Object.hasOwnProperty.call(m, "verifiedAtMs") && (typeof m.verifiedAtMs === "object" ? m.verifiedAtMs.low || m.verifiedAtMs.high : m.verifiedAtMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.verifiedAtMs);
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy") && m.policy !== "")
                    w.uint32(/* id 11, wireType 2 =*/90).string(m.policy);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EdxmlSignatureVerdict message, length delimited. Does not implicitly {@link lienthong.v1.EdxmlSignatureVerdict.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {lienthong.v1.EdxmlSignatureVerdict.$Properties} message EdxmlSignatureVerdict message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlSignatureVerdict.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EdxmlSignatureVerdict message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape} EdxmlSignatureVerdict
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlSignatureVerdict.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.EdxmlSignatureVerdict();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.verdict = v;
                            else
                                delete m.verdict;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.signer = $root.lienthong.v1.EdxmlSigner.decode(r, r.size(), $undefined, q + 1, m.signer);
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.checkedAtMs = v;
                            else
                                delete m.checkedAtMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.checkedAtSource = v;
                            else
                                delete m.checkedAtSource;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.signatureAlgorithm = v;
                            else
                                delete m.signatureAlgorithm;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.chain && m.chain.length))
                                m.chain = [];
                            m.chain.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.revocation = $root.lienthong.v1.EdxmlRevocation.decode(r, r.size(), $undefined, q + 1, m.revocation);
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.node = v;
                            else
                                delete m.node;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.verifiedAtMs = v;
                            else
                                delete m.verifiedAtMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.policy = v;
                            else
                                delete m.policy;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EdxmlSignatureVerdict message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.EdxmlSignatureVerdict & lienthong.v1.EdxmlSignatureVerdict.$Shape} EdxmlSignatureVerdict
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlSignatureVerdict.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EdxmlSignatureVerdict message.
             * @function verify
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EdxmlSignatureVerdict.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.verdict != null && $Object.hasOwnProperty.call(m, "verdict")) {
                    if (!$util.isString(m.verdict))
                        return "verdict: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer")) {
                    {
                        var e = $root.lienthong.v1.EdxmlSigner.verify(m.signer, q + 1);
                        if (e)
                            return "signer." + e;
                    }
                }
                if (m.checkedAtMs != null && $Object.hasOwnProperty.call(m, "checkedAtMs")) {
                    if (!$util.isInteger(m.checkedAtMs) && !(m.checkedAtMs && $util.isInteger(m.checkedAtMs.low) && $util.isInteger(m.checkedAtMs.high)))
                        return "checkedAtMs: integer|Long expected";
                }
                if (m.checkedAtSource != null && $Object.hasOwnProperty.call(m, "checkedAtSource")) {
                    if (!$util.isString(m.checkedAtSource))
                        return "checkedAtSource: string expected";
                }
                if (m.signatureAlgorithm != null && $Object.hasOwnProperty.call(m, "signatureAlgorithm")) {
                    if (!$util.isString(m.signatureAlgorithm))
                        return "signatureAlgorithm: string expected";
                }
                if (m.chain != null && $Object.hasOwnProperty.call(m, "chain")) {
                    if (!$Array.isArray(m.chain))
                        return "chain: array expected";
                    for (var i = 0; i < m.chain.length; ++i) {
                        if (!$util.isString(m.chain[i]))
                            return "chain: string[] expected";
                    }
                }
                if (m.revocation != null && $Object.hasOwnProperty.call(m, "revocation")) {
                    {
                        var e = $root.lienthong.v1.EdxmlRevocation.verify(m.revocation, q + 1);
                        if (e)
                            return "revocation." + e;
                    }
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    if (!$util.isString(m.node))
                        return "node: string expected";
                }
                if (m.verifiedAtMs != null && $Object.hasOwnProperty.call(m, "verifiedAtMs")) {
                    if (!$util.isInteger(m.verifiedAtMs) && !(m.verifiedAtMs && $util.isInteger(m.verifiedAtMs.low) && $util.isInteger(m.verifiedAtMs.high)))
                        return "verifiedAtMs: integer|Long expected";
                }
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy")) {
                    if (!$util.isString(m.policy))
                        return "policy: string expected";
                }
                return null;
            };

            /**
             * Creates an EdxmlSignatureVerdict message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.EdxmlSignatureVerdict} EdxmlSignatureVerdict
             */
            EdxmlSignatureVerdict.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.EdxmlSignatureVerdict)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.EdxmlSignatureVerdict: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.EdxmlSignatureVerdict();
                if (d.verdict != null) {
                    if (typeof d.verdict !== "string" || d.verdict.length) {
                        m.verdict = $String(d.verdict);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.signer != null) {
                    if (!$util.isObject(d.signer))
                        throw $TypeError(".lienthong.v1.EdxmlSignatureVerdict.signer: object expected");
                    m.signer = $root.lienthong.v1.EdxmlSigner.fromObject(d.signer, q + 1);
                }
                if (d.checkedAtMs != null) {
                    if (typeof d.checkedAtMs === "object" ? d.checkedAtMs.low || d.checkedAtMs.high : $Number(d.checkedAtMs) !== 0) {
                        if ($util.Long)
                            m.checkedAtMs = $util.Long.fromValue(d.checkedAtMs, false);
                        else if (typeof d.checkedAtMs === "string")
                            m.checkedAtMs = $parseInt(d.checkedAtMs, 10);
                        else if (typeof d.checkedAtMs === "number")
                            m.checkedAtMs = d.checkedAtMs;
                        else if (typeof d.checkedAtMs === "object")
                            m.checkedAtMs = new $util.LongBits(d.checkedAtMs.low >>> 0, d.checkedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.checkedAtSource != null) {
                    if (typeof d.checkedAtSource !== "string" || d.checkedAtSource.length) {
                        m.checkedAtSource = $String(d.checkedAtSource);
                    }
                }
                if (d.signatureAlgorithm != null) {
                    if (typeof d.signatureAlgorithm !== "string" || d.signatureAlgorithm.length) {
                        m.signatureAlgorithm = $String(d.signatureAlgorithm);
                    }
                }
                if (d.chain) {
                    if (!$Array.isArray(d.chain))
                        throw $TypeError(".lienthong.v1.EdxmlSignatureVerdict.chain: array expected");
                    m.chain = $Array(d.chain.length);
                    for (var i = 0; i < d.chain.length; ++i) {
                        m.chain[i] = $String(d.chain[i]);
                    }
                }
                if (d.revocation != null) {
                    if (!$util.isObject(d.revocation))
                        throw $TypeError(".lienthong.v1.EdxmlSignatureVerdict.revocation: object expected");
                    m.revocation = $root.lienthong.v1.EdxmlRevocation.fromObject(d.revocation, q + 1);
                }
                if (d.node != null) {
                    if (typeof d.node !== "string" || d.node.length) {
                        m.node = $String(d.node);
                    }
                }
                if (d.verifiedAtMs != null) {
                    if (typeof d.verifiedAtMs === "object" ? d.verifiedAtMs.low || d.verifiedAtMs.high : $Number(d.verifiedAtMs) !== 0) {
                        if ($util.Long)
                            m.verifiedAtMs = $util.Long.fromValue(d.verifiedAtMs, false);
                        else if (typeof d.verifiedAtMs === "string")
                            m.verifiedAtMs = $parseInt(d.verifiedAtMs, 10);
                        else if (typeof d.verifiedAtMs === "number")
                            m.verifiedAtMs = d.verifiedAtMs;
                        else if (typeof d.verifiedAtMs === "object")
                            m.verifiedAtMs = new $util.LongBits(d.verifiedAtMs.low >>> 0, d.verifiedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.policy != null) {
                    if (typeof d.policy !== "string" || d.policy.length) {
                        m.policy = $String(d.policy);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EdxmlSignatureVerdict message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {lienthong.v1.EdxmlSignatureVerdict} m EdxmlSignatureVerdict
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EdxmlSignatureVerdict.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.chain = [];
                }
                if (o.defaults) {
                    d.verdict = "";
                    d.reason = "";
                    d.signer = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.checkedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.checkedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.checkedAtSource = "";
                    d.signatureAlgorithm = "";
                    d.revocation = null;
                    d.node = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.verifiedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.verifiedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.policy = "";
                }
                if (m.verdict != null && $Object.hasOwnProperty.call(m, "verdict")) {
                    d.verdict = m.verdict;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.signer != null && $Object.hasOwnProperty.call(m, "signer")) {
                    d.signer = $root.lienthong.v1.EdxmlSigner.toObject(m.signer, o, q + 1);
                }
                if (m.checkedAtMs != null && $Object.hasOwnProperty.call(m, "checkedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.checkedAtMs = typeof m.checkedAtMs === "number" ? $BigInt(m.checkedAtMs) : $util.Long.fromBits(m.checkedAtMs.low >>> 0, m.checkedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.checkedAtMs === "number")
                        d.checkedAtMs = o.longs === $String ? $String(m.checkedAtMs) : m.checkedAtMs;
                    else
                        d.checkedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.checkedAtMs) : o.longs === $Number ? new $util.LongBits(m.checkedAtMs.low >>> 0, m.checkedAtMs.high >>> 0).toNumber() : m.checkedAtMs;
                }
                if (m.checkedAtSource != null && $Object.hasOwnProperty.call(m, "checkedAtSource")) {
                    d.checkedAtSource = m.checkedAtSource;
                }
                if (m.signatureAlgorithm != null && $Object.hasOwnProperty.call(m, "signatureAlgorithm")) {
                    d.signatureAlgorithm = m.signatureAlgorithm;
                }
                if (m.chain && m.chain.length) {
                    d.chain = $Array(m.chain.length);
                    for (var j = 0; j < m.chain.length; ++j) {
                        d.chain[j] = m.chain[j];
                    }
                }
                if (m.revocation != null && $Object.hasOwnProperty.call(m, "revocation")) {
                    d.revocation = $root.lienthong.v1.EdxmlRevocation.toObject(m.revocation, o, q + 1);
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    d.node = m.node;
                }
                if (m.verifiedAtMs != null && $Object.hasOwnProperty.call(m, "verifiedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.verifiedAtMs = typeof m.verifiedAtMs === "number" ? $BigInt(m.verifiedAtMs) : $util.Long.fromBits(m.verifiedAtMs.low >>> 0, m.verifiedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.verifiedAtMs === "number")
                        d.verifiedAtMs = o.longs === $String ? $String(m.verifiedAtMs) : m.verifiedAtMs;
                    else
                        d.verifiedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.verifiedAtMs) : o.longs === $Number ? new $util.LongBits(m.verifiedAtMs.low >>> 0, m.verifiedAtMs.high >>> 0).toNumber() : m.verifiedAtMs;
                }
                if (m.policy != null && $Object.hasOwnProperty.call(m, "policy")) {
                    d.policy = m.policy;
                }
                return d;
            };

            /**
             * Converts this EdxmlSignatureVerdict to JSON.
             * @function toJSON
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EdxmlSignatureVerdict.prototype.toJSON = function() {
                return EdxmlSignatureVerdict.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EdxmlSignatureVerdict
             * @function getTypeUrl
             * @memberof lienthong.v1.EdxmlSignatureVerdict
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EdxmlSignatureVerdict.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.EdxmlSignatureVerdict";
            };

            return EdxmlSignatureVerdict;
        })();

        v1.EdxmlSigner = (function() {

            /**
             * Properties of an EdxmlSigner.
             * @typedef {Object} lienthong.v1.EdxmlSigner.$Properties
             * @property {string|null} [subject] EdxmlSigner subject
             * @property {string|null} [commonName] EdxmlSigner commonName
             * @property {string|null} [identityNumber] EdxmlSigner identityNumber
             * @property {string|null} [issuer] EdxmlSigner issuer
             * @property {string|null} [serialNumber] EdxmlSigner serialNumber
             * @property {number|null} [notBeforeMs] EdxmlSigner notBeforeMs
             * @property {number|null} [notAfterMs] EdxmlSigner notAfterMs
             * @property {string|null} [sha256Hex] EdxmlSigner sha256Hex
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EdxmlSigner.
             * @memberof lienthong.v1
             * @interface IEdxmlSigner
             * @augments lienthong.v1.EdxmlSigner.$Properties
             * @deprecated Use lienthong.v1.EdxmlSigner.$Properties instead.
             */

            /**
             * Shape of an EdxmlSigner.
             * @typedef {lienthong.v1.EdxmlSigner.$Properties} lienthong.v1.EdxmlSigner.$Shape
             */

            /**
             * Constructs a new EdxmlSigner.
             * @memberof lienthong.v1
             * @classdesc Represents an EdxmlSigner.
             * @constructor
             * @param {lienthong.v1.EdxmlSigner.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EdxmlSigner = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EdxmlSigner subject.
             * @member {string} subject
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.subject = "";

            /**
             * EdxmlSigner commonName.
             * @member {string} commonName
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.commonName = "";

            /**
             * EdxmlSigner identityNumber.
             * @member {string} identityNumber
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.identityNumber = "";

            /**
             * EdxmlSigner issuer.
             * @member {string} issuer
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.issuer = "";

            /**
             * EdxmlSigner serialNumber.
             * @member {string} serialNumber
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.serialNumber = "";

            /**
             * EdxmlSigner notBeforeMs.
             * @member {number} notBeforeMs
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.notBeforeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EdxmlSigner notAfterMs.
             * @member {number} notAfterMs
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.notAfterMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EdxmlSigner sha256Hex.
             * @member {string} sha256Hex
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             */
            EdxmlSigner.prototype.sha256Hex = "";

            /**
             * Creates a new EdxmlSigner instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {lienthong.v1.EdxmlSigner.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.EdxmlSigner} EdxmlSigner instance
             * @type {{
             *   (properties: lienthong.v1.EdxmlSigner.$Shape): lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape;
             *   (properties?: lienthong.v1.EdxmlSigner.$Properties): lienthong.v1.EdxmlSigner;
             * }}
             */
            EdxmlSigner.create = function(properties) {
                return new EdxmlSigner(properties);
            };

            /**
             * Encodes the specified EdxmlSigner message. Does not implicitly {@link lienthong.v1.EdxmlSigner.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {lienthong.v1.EdxmlSigner.$Properties} m EdxmlSigner message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlSigner.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject") && m.subject !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.subject);
                if (m.commonName != null && $Object.hasOwnProperty.call(m, "commonName") && m.commonName !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.commonName);
                if (m.identityNumber != null && $Object.hasOwnProperty.call(m, "identityNumber") && m.identityNumber !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.identityNumber);
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer") && m.issuer !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.issuer);
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber") && m.serialNumber !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.serialNumber);
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs") && (typeof m.notBeforeMs === "object" ? m.notBeforeMs.low || m.notBeforeMs.high : m.notBeforeMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.notBeforeMs);
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs") && (typeof m.notAfterMs === "object" ? m.notAfterMs.low || m.notAfterMs.high : m.notAfterMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.notAfterMs);
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex") && m.sha256Hex !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.sha256Hex);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EdxmlSigner message, length delimited. Does not implicitly {@link lienthong.v1.EdxmlSigner.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {lienthong.v1.EdxmlSigner.$Properties} message EdxmlSigner message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlSigner.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EdxmlSigner message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape} EdxmlSigner
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlSigner.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.EdxmlSigner();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.subject = v;
                            else
                                delete m.subject;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commonName = v;
                            else
                                delete m.commonName;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.identityNumber = v;
                            else
                                delete m.identityNumber;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.issuer = v;
                            else
                                delete m.issuer;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.serialNumber = v;
                            else
                                delete m.serialNumber;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.notBeforeMs = v;
                            else
                                delete m.notBeforeMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.notAfterMs = v;
                            else
                                delete m.notAfterMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256Hex = v;
                            else
                                delete m.sha256Hex;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EdxmlSigner message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.EdxmlSigner & lienthong.v1.EdxmlSigner.$Shape} EdxmlSigner
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlSigner.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EdxmlSigner message.
             * @function verify
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EdxmlSigner.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    if (!$util.isString(m.subject))
                        return "subject: string expected";
                }
                if (m.commonName != null && $Object.hasOwnProperty.call(m, "commonName")) {
                    if (!$util.isString(m.commonName))
                        return "commonName: string expected";
                }
                if (m.identityNumber != null && $Object.hasOwnProperty.call(m, "identityNumber")) {
                    if (!$util.isString(m.identityNumber))
                        return "identityNumber: string expected";
                }
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer")) {
                    if (!$util.isString(m.issuer))
                        return "issuer: string expected";
                }
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber")) {
                    if (!$util.isString(m.serialNumber))
                        return "serialNumber: string expected";
                }
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs")) {
                    if (!$util.isInteger(m.notBeforeMs) && !(m.notBeforeMs && $util.isInteger(m.notBeforeMs.low) && $util.isInteger(m.notBeforeMs.high)))
                        return "notBeforeMs: integer|Long expected";
                }
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs")) {
                    if (!$util.isInteger(m.notAfterMs) && !(m.notAfterMs && $util.isInteger(m.notAfterMs.low) && $util.isInteger(m.notAfterMs.high)))
                        return "notAfterMs: integer|Long expected";
                }
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    if (!$util.isString(m.sha256Hex))
                        return "sha256Hex: string expected";
                }
                return null;
            };

            /**
             * Creates an EdxmlSigner message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.EdxmlSigner} EdxmlSigner
             */
            EdxmlSigner.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.EdxmlSigner)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.EdxmlSigner: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.EdxmlSigner();
                if (d.subject != null) {
                    if (typeof d.subject !== "string" || d.subject.length) {
                        m.subject = $String(d.subject);
                    }
                }
                if (d.commonName != null) {
                    if (typeof d.commonName !== "string" || d.commonName.length) {
                        m.commonName = $String(d.commonName);
                    }
                }
                if (d.identityNumber != null) {
                    if (typeof d.identityNumber !== "string" || d.identityNumber.length) {
                        m.identityNumber = $String(d.identityNumber);
                    }
                }
                if (d.issuer != null) {
                    if (typeof d.issuer !== "string" || d.issuer.length) {
                        m.issuer = $String(d.issuer);
                    }
                }
                if (d.serialNumber != null) {
                    if (typeof d.serialNumber !== "string" || d.serialNumber.length) {
                        m.serialNumber = $String(d.serialNumber);
                    }
                }
                if (d.notBeforeMs != null) {
                    if (typeof d.notBeforeMs === "object" ? d.notBeforeMs.low || d.notBeforeMs.high : $Number(d.notBeforeMs) !== 0) {
                        if ($util.Long)
                            m.notBeforeMs = $util.Long.fromValue(d.notBeforeMs, false);
                        else if (typeof d.notBeforeMs === "string")
                            m.notBeforeMs = $parseInt(d.notBeforeMs, 10);
                        else if (typeof d.notBeforeMs === "number")
                            m.notBeforeMs = d.notBeforeMs;
                        else if (typeof d.notBeforeMs === "object")
                            m.notBeforeMs = new $util.LongBits(d.notBeforeMs.low >>> 0, d.notBeforeMs.high >>> 0).toNumber();
                    }
                }
                if (d.notAfterMs != null) {
                    if (typeof d.notAfterMs === "object" ? d.notAfterMs.low || d.notAfterMs.high : $Number(d.notAfterMs) !== 0) {
                        if ($util.Long)
                            m.notAfterMs = $util.Long.fromValue(d.notAfterMs, false);
                        else if (typeof d.notAfterMs === "string")
                            m.notAfterMs = $parseInt(d.notAfterMs, 10);
                        else if (typeof d.notAfterMs === "number")
                            m.notAfterMs = d.notAfterMs;
                        else if (typeof d.notAfterMs === "object")
                            m.notAfterMs = new $util.LongBits(d.notAfterMs.low >>> 0, d.notAfterMs.high >>> 0).toNumber();
                    }
                }
                if (d.sha256Hex != null) {
                    if (typeof d.sha256Hex !== "string" || d.sha256Hex.length) {
                        m.sha256Hex = $String(d.sha256Hex);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EdxmlSigner message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {lienthong.v1.EdxmlSigner} m EdxmlSigner
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EdxmlSigner.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.subject = "";
                    d.commonName = "";
                    d.identityNumber = "";
                    d.issuer = "";
                    d.serialNumber = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.notBeforeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.notBeforeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.notAfterMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.notAfterMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.sha256Hex = "";
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    d.subject = m.subject;
                }
                if (m.commonName != null && $Object.hasOwnProperty.call(m, "commonName")) {
                    d.commonName = m.commonName;
                }
                if (m.identityNumber != null && $Object.hasOwnProperty.call(m, "identityNumber")) {
                    d.identityNumber = m.identityNumber;
                }
                if (m.issuer != null && $Object.hasOwnProperty.call(m, "issuer")) {
                    d.issuer = m.issuer;
                }
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber")) {
                    d.serialNumber = m.serialNumber;
                }
                if (m.notBeforeMs != null && $Object.hasOwnProperty.call(m, "notBeforeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.notBeforeMs = typeof m.notBeforeMs === "number" ? $BigInt(m.notBeforeMs) : $util.Long.fromBits(m.notBeforeMs.low >>> 0, m.notBeforeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.notBeforeMs === "number")
                        d.notBeforeMs = o.longs === $String ? $String(m.notBeforeMs) : m.notBeforeMs;
                    else
                        d.notBeforeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.notBeforeMs) : o.longs === $Number ? new $util.LongBits(m.notBeforeMs.low >>> 0, m.notBeforeMs.high >>> 0).toNumber() : m.notBeforeMs;
                }
                if (m.notAfterMs != null && $Object.hasOwnProperty.call(m, "notAfterMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.notAfterMs = typeof m.notAfterMs === "number" ? $BigInt(m.notAfterMs) : $util.Long.fromBits(m.notAfterMs.low >>> 0, m.notAfterMs.high >>> 0, false).toBigInt();
                    else if (typeof m.notAfterMs === "number")
                        d.notAfterMs = o.longs === $String ? $String(m.notAfterMs) : m.notAfterMs;
                    else
                        d.notAfterMs = o.longs === $String ? $util.Long.prototype.toString.call(m.notAfterMs) : o.longs === $Number ? new $util.LongBits(m.notAfterMs.low >>> 0, m.notAfterMs.high >>> 0).toNumber() : m.notAfterMs;
                }
                if (m.sha256Hex != null && $Object.hasOwnProperty.call(m, "sha256Hex")) {
                    d.sha256Hex = m.sha256Hex;
                }
                return d;
            };

            /**
             * Converts this EdxmlSigner to JSON.
             * @function toJSON
             * @memberof lienthong.v1.EdxmlSigner
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EdxmlSigner.prototype.toJSON = function() {
                return EdxmlSigner.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EdxmlSigner
             * @function getTypeUrl
             * @memberof lienthong.v1.EdxmlSigner
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EdxmlSigner.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.EdxmlSigner";
            };

            return EdxmlSigner;
        })();

        v1.EdxmlRevocation = (function() {

            /**
             * Properties of an EdxmlRevocation.
             * @typedef {Object} lienthong.v1.EdxmlRevocation.$Properties
             * @property {string|null} [serialNumber] EdxmlRevocation serialNumber
             * @property {number|null} [revokedAtMs] EdxmlRevocation revokedAtMs
             * @property {boolean|null} [beforeSigning] EdxmlRevocation beforeSigning
             * @property {string|null} [crlIssuer] EdxmlRevocation crlIssuer
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EdxmlRevocation.
             * @memberof lienthong.v1
             * @interface IEdxmlRevocation
             * @augments lienthong.v1.EdxmlRevocation.$Properties
             * @deprecated Use lienthong.v1.EdxmlRevocation.$Properties instead.
             */

            /**
             * Shape of an EdxmlRevocation.
             * @typedef {lienthong.v1.EdxmlRevocation.$Properties} lienthong.v1.EdxmlRevocation.$Shape
             */

            /**
             * Constructs a new EdxmlRevocation.
             * @memberof lienthong.v1
             * @classdesc Represents an EdxmlRevocation.
             * @constructor
             * @param {lienthong.v1.EdxmlRevocation.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EdxmlRevocation = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EdxmlRevocation serialNumber.
             * @member {string} serialNumber
             * @memberof lienthong.v1.EdxmlRevocation
             * @instance
             */
            EdxmlRevocation.prototype.serialNumber = "";

            /**
             * EdxmlRevocation revokedAtMs.
             * @member {number} revokedAtMs
             * @memberof lienthong.v1.EdxmlRevocation
             * @instance
             */
            EdxmlRevocation.prototype.revokedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EdxmlRevocation beforeSigning.
             * @member {boolean} beforeSigning
             * @memberof lienthong.v1.EdxmlRevocation
             * @instance
             */
            EdxmlRevocation.prototype.beforeSigning = false;

            /**
             * EdxmlRevocation crlIssuer.
             * @member {string} crlIssuer
             * @memberof lienthong.v1.EdxmlRevocation
             * @instance
             */
            EdxmlRevocation.prototype.crlIssuer = "";

            /**
             * Creates a new EdxmlRevocation instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {lienthong.v1.EdxmlRevocation.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.EdxmlRevocation} EdxmlRevocation instance
             * @type {{
             *   (properties: lienthong.v1.EdxmlRevocation.$Shape): lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape;
             *   (properties?: lienthong.v1.EdxmlRevocation.$Properties): lienthong.v1.EdxmlRevocation;
             * }}
             */
            EdxmlRevocation.create = function(properties) {
                return new EdxmlRevocation(properties);
            };

            /**
             * Encodes the specified EdxmlRevocation message. Does not implicitly {@link lienthong.v1.EdxmlRevocation.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {lienthong.v1.EdxmlRevocation.$Properties} m EdxmlRevocation message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlRevocation.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber") && m.serialNumber !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.serialNumber);
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs") && (typeof m.revokedAtMs === "object" ? m.revokedAtMs.low || m.revokedAtMs.high : m.revokedAtMs !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.revokedAtMs);
                if (m.beforeSigning != null && $Object.hasOwnProperty.call(m, "beforeSigning") && m.beforeSigning !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.beforeSigning);
                if (m.crlIssuer != null && $Object.hasOwnProperty.call(m, "crlIssuer") && m.crlIssuer !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.crlIssuer);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified EdxmlRevocation message, length delimited. Does not implicitly {@link lienthong.v1.EdxmlRevocation.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {lienthong.v1.EdxmlRevocation.$Properties} message EdxmlRevocation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EdxmlRevocation.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EdxmlRevocation message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape} EdxmlRevocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlRevocation.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.EdxmlRevocation();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.serialNumber = v;
                            else
                                delete m.serialNumber;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.revokedAtMs = v;
                            else
                                delete m.revokedAtMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.beforeSigning = v;
                            else
                                delete m.beforeSigning;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.crlIssuer = v;
                            else
                                delete m.crlIssuer;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an EdxmlRevocation message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.EdxmlRevocation & lienthong.v1.EdxmlRevocation.$Shape} EdxmlRevocation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EdxmlRevocation.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EdxmlRevocation message.
             * @function verify
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EdxmlRevocation.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber")) {
                    if (!$util.isString(m.serialNumber))
                        return "serialNumber: string expected";
                }
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs")) {
                    if (!$util.isInteger(m.revokedAtMs) && !(m.revokedAtMs && $util.isInteger(m.revokedAtMs.low) && $util.isInteger(m.revokedAtMs.high)))
                        return "revokedAtMs: integer|Long expected";
                }
                if (m.beforeSigning != null && $Object.hasOwnProperty.call(m, "beforeSigning")) {
                    if (typeof m.beforeSigning !== "boolean")
                        return "beforeSigning: boolean expected";
                }
                if (m.crlIssuer != null && $Object.hasOwnProperty.call(m, "crlIssuer")) {
                    if (!$util.isString(m.crlIssuer))
                        return "crlIssuer: string expected";
                }
                return null;
            };

            /**
             * Creates an EdxmlRevocation message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.EdxmlRevocation} EdxmlRevocation
             */
            EdxmlRevocation.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.EdxmlRevocation)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.EdxmlRevocation: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.EdxmlRevocation();
                if (d.serialNumber != null) {
                    if (typeof d.serialNumber !== "string" || d.serialNumber.length) {
                        m.serialNumber = $String(d.serialNumber);
                    }
                }
                if (d.revokedAtMs != null) {
                    if (typeof d.revokedAtMs === "object" ? d.revokedAtMs.low || d.revokedAtMs.high : $Number(d.revokedAtMs) !== 0) {
                        if ($util.Long)
                            m.revokedAtMs = $util.Long.fromValue(d.revokedAtMs, false);
                        else if (typeof d.revokedAtMs === "string")
                            m.revokedAtMs = $parseInt(d.revokedAtMs, 10);
                        else if (typeof d.revokedAtMs === "number")
                            m.revokedAtMs = d.revokedAtMs;
                        else if (typeof d.revokedAtMs === "object")
                            m.revokedAtMs = new $util.LongBits(d.revokedAtMs.low >>> 0, d.revokedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.beforeSigning != null) {
                    if (d.beforeSigning) {
                        m.beforeSigning = $Boolean(d.beforeSigning);
                    }
                }
                if (d.crlIssuer != null) {
                    if (typeof d.crlIssuer !== "string" || d.crlIssuer.length) {
                        m.crlIssuer = $String(d.crlIssuer);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EdxmlRevocation message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {lienthong.v1.EdxmlRevocation} m EdxmlRevocation
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EdxmlRevocation.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.serialNumber = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.revokedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.revokedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.beforeSigning = false;
                    d.crlIssuer = "";
                }
                if (m.serialNumber != null && $Object.hasOwnProperty.call(m, "serialNumber")) {
                    d.serialNumber = m.serialNumber;
                }
                if (m.revokedAtMs != null && $Object.hasOwnProperty.call(m, "revokedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.revokedAtMs = typeof m.revokedAtMs === "number" ? $BigInt(m.revokedAtMs) : $util.Long.fromBits(m.revokedAtMs.low >>> 0, m.revokedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.revokedAtMs === "number")
                        d.revokedAtMs = o.longs === $String ? $String(m.revokedAtMs) : m.revokedAtMs;
                    else
                        d.revokedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.revokedAtMs) : o.longs === $Number ? new $util.LongBits(m.revokedAtMs.low >>> 0, m.revokedAtMs.high >>> 0).toNumber() : m.revokedAtMs;
                }
                if (m.beforeSigning != null && $Object.hasOwnProperty.call(m, "beforeSigning")) {
                    d.beforeSigning = m.beforeSigning;
                }
                if (m.crlIssuer != null && $Object.hasOwnProperty.call(m, "crlIssuer")) {
                    d.crlIssuer = m.crlIssuer;
                }
                return d;
            };

            /**
             * Converts this EdxmlRevocation to JSON.
             * @function toJSON
             * @memberof lienthong.v1.EdxmlRevocation
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EdxmlRevocation.prototype.toJSON = function() {
                return EdxmlRevocation.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EdxmlRevocation
             * @function getTypeUrl
             * @memberof lienthong.v1.EdxmlRevocation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EdxmlRevocation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.EdxmlRevocation";
            };

            return EdxmlRevocation;
        })();

        v1.TrackingRecord = (function() {

            /**
             * Properties of a TrackingRecord.
             * @typedef {Object} lienthong.v1.TrackingRecord.$Properties
             * @property {string|null} [documentId] TrackingRecord documentId
             * @property {string|null} [sender] TrackingRecord sender
             * @property {string|null} [recipient] TrackingRecord recipient
             * @property {lienthong.v1.TransportState|null} [transport] TrackingRecord transport
             * @property {lienthong.v1.BusinessStatus|null} [business] TrackingRecord business
             * @property {lienthong.v1.BusinessStatus|null} [recall] TrackingRecord recall
             * @property {boolean|null} [recallRequested] TrackingRecord recallRequested
             * @property {boolean|null} [overdue] TrackingRecord overdue
             * @property {number|null} [confirmByMs] TrackingRecord confirmByMs
             * @property {Array.<lienthong.v1.Hop.$Properties>|null} [hops] TrackingRecord hops
             * @property {Array.<lienthong.v1.TimelineEntry.$Properties>|null} [timeline] TrackingRecord timeline
             * @property {lienthong.v1.FailureReason|null} [failure] TrackingRecord failure
             * @property {string|null} [failureDetail] TrackingRecord failureDetail
             * @property {number|null} [sentAtMs] TrackingRecord sentAtMs
             * @property {number|null} [updatedAtMs] TrackingRecord updatedAtMs
             * @property {number|null} [ruleViolations] TrackingRecord ruleViolations
             * @property {lienthong.v1.Priority|null} [priority] TrackingRecord priority
             * @property {string|null} [subject] TrackingRecord subject
             * @property {Array.<string>|null} [answersFor] TrackingRecord answersFor
             * @property {string|null} [redirectedTo] TrackingRecord redirectedTo
             * @property {lienthong.v1.EdxmlSignatureVerdict.$Properties|null} [edxmlSignature] TrackingRecord edxmlSignature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TrackingRecord.
             * @memberof lienthong.v1
             * @interface ITrackingRecord
             * @augments lienthong.v1.TrackingRecord.$Properties
             * @deprecated Use lienthong.v1.TrackingRecord.$Properties instead.
             */

            /**
             * Shape of a TrackingRecord.
             * @typedef {lienthong.v1.TrackingRecord.$Properties} lienthong.v1.TrackingRecord.$Shape
             */

            /**
             * Constructs a new TrackingRecord.
             * @memberof lienthong.v1
             * @classdesc Represents a TrackingRecord.
             * @constructor
             * @param {lienthong.v1.TrackingRecord.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var TrackingRecord = function (p) {
                this.hops = [];
                this.timeline = [];
                this.answersFor = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TrackingRecord documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.documentId = "";

            /**
             * TrackingRecord sender.
             * @member {string} sender
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.sender = "";

            /**
             * TrackingRecord recipient.
             * @member {string} recipient
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.recipient = "";

            /**
             * TrackingRecord transport.
             * @member {lienthong.v1.TransportState} transport
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.transport = 0;

            /**
             * TrackingRecord business.
             * @member {lienthong.v1.BusinessStatus} business
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.business = 0;

            /**
             * TrackingRecord recall.
             * @member {lienthong.v1.BusinessStatus} recall
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.recall = 0;

            /**
             * TrackingRecord recallRequested.
             * @member {boolean} recallRequested
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.recallRequested = false;

            /**
             * TrackingRecord overdue.
             * @member {boolean} overdue
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.overdue = false;

            /**
             * TrackingRecord confirmByMs.
             * @member {number} confirmByMs
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.confirmByMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * TrackingRecord hops.
             * @member {Array.<lienthong.v1.Hop.$Properties>} hops
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.hops = $util.emptyArray;

            /**
             * TrackingRecord timeline.
             * @member {Array.<lienthong.v1.TimelineEntry.$Properties>} timeline
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.timeline = $util.emptyArray;

            /**
             * TrackingRecord failure.
             * @member {lienthong.v1.FailureReason} failure
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.failure = 0;

            /**
             * TrackingRecord failureDetail.
             * @member {string} failureDetail
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.failureDetail = "";

            /**
             * TrackingRecord sentAtMs.
             * @member {number} sentAtMs
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * TrackingRecord updatedAtMs.
             * @member {number} updatedAtMs
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.updatedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * TrackingRecord ruleViolations.
             * @member {number} ruleViolations
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.ruleViolations = 0;

            /**
             * TrackingRecord priority.
             * @member {lienthong.v1.Priority} priority
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.priority = 0;

            /**
             * TrackingRecord subject.
             * @member {string} subject
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.subject = "";

            /**
             * TrackingRecord answersFor.
             * @member {Array.<string>} answersFor
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.answersFor = $util.emptyArray;

            /**
             * TrackingRecord redirectedTo.
             * @member {string} redirectedTo
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.redirectedTo = "";

            /**
             * TrackingRecord edxmlSignature.
             * @member {lienthong.v1.EdxmlSignatureVerdict.$Properties|null|undefined} edxmlSignature
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             */
            TrackingRecord.prototype.edxmlSignature = null;

            /**
             * Creates a new TrackingRecord instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {lienthong.v1.TrackingRecord.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.TrackingRecord} TrackingRecord instance
             * @type {{
             *   (properties: lienthong.v1.TrackingRecord.$Shape): lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape;
             *   (properties?: lienthong.v1.TrackingRecord.$Properties): lienthong.v1.TrackingRecord;
             * }}
             */
            TrackingRecord.create = function(properties) {
                return new TrackingRecord(properties);
            };

            /**
             * Encodes the specified TrackingRecord message. Does not implicitly {@link lienthong.v1.TrackingRecord.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {lienthong.v1.TrackingRecord.$Properties} m TrackingRecord message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrackingRecord.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.documentId);
                if (m.sender != null && $Object.hasOwnProperty.call(m, "sender") && m.sender !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.sender);
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient") && m.recipient !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.recipient);
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport") && m.transport !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.transport);
                if (m.business != null && $Object.hasOwnProperty.call(m, "business") && m.business !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.business);
                if (m.recall != null && $Object.hasOwnProperty.call(m, "recall") && m.recall !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).int32(m.recall);
                if (m.recallRequested != null && $Object.hasOwnProperty.call(m, "recallRequested") && m.recallRequested !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.recallRequested);
                if (m.overdue != null && $Object.hasOwnProperty.call(m, "overdue") && m.overdue !== false)
                    w.uint32(/* id 8, wireType 0 =*/64).bool(m.overdue);
                if (m.confirmByMs != null && $Object.hasOwnProperty.call(m, "confirmByMs") && (typeof m.confirmByMs === "object" ? m.confirmByMs.low || m.confirmByMs.high : m.confirmByMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.confirmByMs);
                if (m.hops != null && m.hops.length) {
                    for (var i = 0; i < m.hops.length; ++i)
                        $root.lienthong.v1.Hop.encode(m.hops[i], w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                }
                if (m.timeline != null && m.timeline.length) {
                    for (var i = 0; i < m.timeline.length; ++i)
                        $root.lienthong.v1.TimelineEntry.encode(m.timeline[i], w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure") && m.failure !== 0)
                    w.uint32(/* id 12, wireType 0 =*/96).int32(m.failure);
                if (m.failureDetail != null && $Object.hasOwnProperty.call(m, "failureDetail") && m.failureDetail !== "")
                    w.uint32(/* id 13, wireType 2 =*/106).string(m.failureDetail);
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs") && (typeof m.sentAtMs === "object" ? m.sentAtMs.low || m.sentAtMs.high : m.sentAtMs !== 0))
                    w.uint32(/* id 14, wireType 0 =*/112).int64(m.sentAtMs);
                if (m.updatedAtMs != null && $Object.hasOwnProperty.call(m, "updatedAtMs") && (typeof m.updatedAtMs === "object" ? m.updatedAtMs.low || m.updatedAtMs.high : m.updatedAtMs !== 0))
                    w.uint32(/* id 15, wireType 0 =*/120).int64(m.updatedAtMs);
                if (m.ruleViolations != null && $Object.hasOwnProperty.call(m, "ruleViolations") && m.ruleViolations !== 0)
                    w.uint32(/* id 16, wireType 0 =*/128).uint32(m.ruleViolations);
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority") && m.priority !== 0)
                    w.uint32(/* id 17, wireType 0 =*/136).int32(m.priority);
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject") && m.subject !== "")
                    w.uint32(/* id 18, wireType 2 =*/146).string(m.subject);
                if (m.answersFor != null && m.answersFor.length) {
                    for (var i = 0; i < m.answersFor.length; ++i)
                        w.uint32(/* id 19, wireType 2 =*/154).string(m.answersFor[i]);
                }
                if (m.redirectedTo != null && $Object.hasOwnProperty.call(m, "redirectedTo") && m.redirectedTo !== "")
                    w.uint32(/* id 20, wireType 2 =*/162).string(m.redirectedTo);
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature"))
                    $root.lienthong.v1.EdxmlSignatureVerdict.encode(m.edxmlSignature, w.uint32(/* id 30, wireType 2 =*/242).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified TrackingRecord message, length delimited. Does not implicitly {@link lienthong.v1.TrackingRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {lienthong.v1.TrackingRecord.$Properties} message TrackingRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrackingRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TrackingRecord message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape} TrackingRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrackingRecord.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.TrackingRecord();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sender = v;
                            else
                                delete m.sender;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.recipient = v;
                            else
                                delete m.recipient;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.transport = v;
                            else
                                delete m.transport;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.business = v;
                            else
                                delete m.business;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.recall = v;
                            else
                                delete m.recall;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.recallRequested = v;
                            else
                                delete m.recallRequested;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.overdue = v;
                            else
                                delete m.overdue;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.confirmByMs = v;
                            else
                                delete m.confirmByMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if (!(m.hops && m.hops.length))
                                m.hops = [];
                            m.hops.push($root.lienthong.v1.Hop.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if (!(m.timeline && m.timeline.length))
                                m.timeline = [];
                            m.timeline.push($root.lienthong.v1.TimelineEntry.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.failure = v;
                            else
                                delete m.failure;
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.failureDetail = v;
                            else
                                delete m.failureDetail;
                            continue;
                        }
                    case 14: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtMs = v;
                            else
                                delete m.sentAtMs;
                            continue;
                        }
                    case 15: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.updatedAtMs = v;
                            else
                                delete m.updatedAtMs;
                            continue;
                        }
                    case 16: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.ruleViolations = v;
                            else
                                delete m.ruleViolations;
                            continue;
                        }
                    case 17: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.priority = v;
                            else
                                delete m.priority;
                            continue;
                        }
                    case 18: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.subject = v;
                            else
                                delete m.subject;
                            continue;
                        }
                    case 19: {
                            if (u !== 2)
                                break;
                            if (!(m.answersFor && m.answersFor.length))
                                m.answersFor = [];
                            m.answersFor.push(r.stringVerify());
                            continue;
                        }
                    case 20: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.redirectedTo = v;
                            else
                                delete m.redirectedTo;
                            continue;
                        }
                    case 30: {
                            if (u !== 2)
                                break;
                            m.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.decode(r, r.size(), $undefined, q + 1, m.edxmlSignature);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a TrackingRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.TrackingRecord & lienthong.v1.TrackingRecord.$Shape} TrackingRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrackingRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TrackingRecord message.
             * @function verify
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TrackingRecord.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.sender != null && $Object.hasOwnProperty.call(m, "sender")) {
                    if (!$util.isString(m.sender))
                        return "sender: string expected";
                }
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient")) {
                    if (!$util.isString(m.recipient))
                        return "recipient: string expected";
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    if (typeof m.transport !== "number" || (m.transport | 0) !== m.transport)
                        return "transport: enum value expected";
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    if (typeof m.business !== "number" || (m.business | 0) !== m.business)
                        return "business: enum value expected";
                }
                if (m.recall != null && $Object.hasOwnProperty.call(m, "recall")) {
                    if (typeof m.recall !== "number" || (m.recall | 0) !== m.recall)
                        return "recall: enum value expected";
                }
                if (m.recallRequested != null && $Object.hasOwnProperty.call(m, "recallRequested")) {
                    if (typeof m.recallRequested !== "boolean")
                        return "recallRequested: boolean expected";
                }
                if (m.overdue != null && $Object.hasOwnProperty.call(m, "overdue")) {
                    if (typeof m.overdue !== "boolean")
                        return "overdue: boolean expected";
                }
                if (m.confirmByMs != null && $Object.hasOwnProperty.call(m, "confirmByMs")) {
                    if (!$util.isInteger(m.confirmByMs) && !(m.confirmByMs && $util.isInteger(m.confirmByMs.low) && $util.isInteger(m.confirmByMs.high)))
                        return "confirmByMs: integer|Long expected";
                }
                if (m.hops != null && $Object.hasOwnProperty.call(m, "hops")) {
                    if (!$Array.isArray(m.hops))
                        return "hops: array expected";
                    for (var i = 0; i < m.hops.length; ++i) {
                        {
                            var e = $root.lienthong.v1.Hop.verify(m.hops[i], q + 1);
                            if (e)
                                return "hops." + e;
                        }
                    }
                }
                if (m.timeline != null && $Object.hasOwnProperty.call(m, "timeline")) {
                    if (!$Array.isArray(m.timeline))
                        return "timeline: array expected";
                    for (var i = 0; i < m.timeline.length; ++i) {
                        {
                            var e = $root.lienthong.v1.TimelineEntry.verify(m.timeline[i], q + 1);
                            if (e)
                                return "timeline." + e;
                        }
                    }
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    if (typeof m.failure !== "number" || (m.failure | 0) !== m.failure)
                        return "failure: enum value expected";
                }
                if (m.failureDetail != null && $Object.hasOwnProperty.call(m, "failureDetail")) {
                    if (!$util.isString(m.failureDetail))
                        return "failureDetail: string expected";
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (!$util.isInteger(m.sentAtMs) && !(m.sentAtMs && $util.isInteger(m.sentAtMs.low) && $util.isInteger(m.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                }
                if (m.updatedAtMs != null && $Object.hasOwnProperty.call(m, "updatedAtMs")) {
                    if (!$util.isInteger(m.updatedAtMs) && !(m.updatedAtMs && $util.isInteger(m.updatedAtMs.low) && $util.isInteger(m.updatedAtMs.high)))
                        return "updatedAtMs: integer|Long expected";
                }
                if (m.ruleViolations != null && $Object.hasOwnProperty.call(m, "ruleViolations")) {
                    if (!$util.isInteger(m.ruleViolations))
                        return "ruleViolations: integer expected";
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    if (typeof m.priority !== "number" || (m.priority | 0) !== m.priority)
                        return "priority: enum value expected";
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    if (!$util.isString(m.subject))
                        return "subject: string expected";
                }
                if (m.answersFor != null && $Object.hasOwnProperty.call(m, "answersFor")) {
                    if (!$Array.isArray(m.answersFor))
                        return "answersFor: array expected";
                    for (var i = 0; i < m.answersFor.length; ++i) {
                        if (!$util.isString(m.answersFor[i]))
                            return "answersFor: string[] expected";
                    }
                }
                if (m.redirectedTo != null && $Object.hasOwnProperty.call(m, "redirectedTo")) {
                    if (!$util.isString(m.redirectedTo))
                        return "redirectedTo: string expected";
                }
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature")) {
                    {
                        var e = $root.lienthong.v1.EdxmlSignatureVerdict.verify(m.edxmlSignature, q + 1);
                        if (e)
                            return "edxmlSignature." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a TrackingRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.TrackingRecord} TrackingRecord
             */
            TrackingRecord.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.TrackingRecord)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.TrackingRecord: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.TrackingRecord();
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.sender != null) {
                    if (typeof d.sender !== "string" || d.sender.length) {
                        m.sender = $String(d.sender);
                    }
                }
                if (d.recipient != null) {
                    if (typeof d.recipient !== "string" || d.recipient.length) {
                        m.recipient = $String(d.recipient);
                    }
                }
                if (d.transport !== 0 && (typeof d.transport !== "string" || $root.lienthong.v1.TransportState[d.transport] !== 0)) {
                    switch (d.transport) {
                    case "TRANSPORT_STATE_UNSPECIFIED":
                    case 0:
                        m.transport = 0;
                        break;
                    case "TRANSPORT_STATE_ACCEPTED":
                    case 1:
                        m.transport = 1;
                        break;
                    case "TRANSPORT_STATE_RELAYED":
                    case 2:
                        m.transport = 2;
                        break;
                    case "TRANSPORT_STATE_DELIVERED":
                    case 3:
                        m.transport = 3;
                        break;
                    case "TRANSPORT_STATE_FETCHED":
                    case 4:
                        m.transport = 4;
                        break;
                    case "TRANSPORT_STATE_FAILED":
                    case 5:
                        m.transport = 5;
                        break;
                    case "TRANSPORT_STATE_STATUS_REFUSED":
                    case 6:
                        m.transport = 6;
                        break;
                    default:
                        if (typeof d.transport === "number" && (d.transport | 0) === d.transport)
                            m.transport = d.transport;
                    }
                }
                if (d.business !== 0 && (typeof d.business !== "string" || $root.lienthong.v1.BusinessStatus[d.business] !== 0)) {
                    switch (d.business) {
                    case "BUSINESS_STATUS_UNSPECIFIED":
                    case 0:
                        m.business = 0;
                        break;
                    case "BUSINESS_STATUS_ARRIVED":
                    case 1:
                        m.business = 1;
                        break;
                    case "BUSINESS_STATUS_REJECTED":
                    case 2:
                        m.business = 2;
                        break;
                    case "BUSINESS_STATUS_ACCEPTED":
                    case 3:
                        m.business = 3;
                        break;
                    case "BUSINESS_STATUS_ASSIGNED":
                    case 4:
                        m.business = 4;
                        break;
                    case "BUSINESS_STATUS_IN_PROGRESS":
                    case 5:
                        m.business = 5;
                        break;
                    case "BUSINESS_STATUS_COMPLETED":
                    case 6:
                        m.business = 6;
                        break;
                    case "BUSINESS_STATUS_RECALL_REQUESTED":
                    case 13:
                        m.business = 13;
                        break;
                    case "BUSINESS_STATUS_CHANGE_ACCEPTED":
                    case 15:
                        m.business = 15;
                        break;
                    case "BUSINESS_STATUS_CHANGE_REFUSED":
                    case 16:
                        m.business = 16;
                        break;
                    default:
                        if (typeof d.business === "number" && (d.business | 0) === d.business)
                            m.business = d.business;
                    }
                }
                if (d.recall !== 0 && (typeof d.recall !== "string" || $root.lienthong.v1.BusinessStatus[d.recall] !== 0)) {
                    switch (d.recall) {
                    case "BUSINESS_STATUS_UNSPECIFIED":
                    case 0:
                        m.recall = 0;
                        break;
                    case "BUSINESS_STATUS_ARRIVED":
                    case 1:
                        m.recall = 1;
                        break;
                    case "BUSINESS_STATUS_REJECTED":
                    case 2:
                        m.recall = 2;
                        break;
                    case "BUSINESS_STATUS_ACCEPTED":
                    case 3:
                        m.recall = 3;
                        break;
                    case "BUSINESS_STATUS_ASSIGNED":
                    case 4:
                        m.recall = 4;
                        break;
                    case "BUSINESS_STATUS_IN_PROGRESS":
                    case 5:
                        m.recall = 5;
                        break;
                    case "BUSINESS_STATUS_COMPLETED":
                    case 6:
                        m.recall = 6;
                        break;
                    case "BUSINESS_STATUS_RECALL_REQUESTED":
                    case 13:
                        m.recall = 13;
                        break;
                    case "BUSINESS_STATUS_CHANGE_ACCEPTED":
                    case 15:
                        m.recall = 15;
                        break;
                    case "BUSINESS_STATUS_CHANGE_REFUSED":
                    case 16:
                        m.recall = 16;
                        break;
                    default:
                        if (typeof d.recall === "number" && (d.recall | 0) === d.recall)
                            m.recall = d.recall;
                    }
                }
                if (d.recallRequested != null) {
                    if (d.recallRequested) {
                        m.recallRequested = $Boolean(d.recallRequested);
                    }
                }
                if (d.overdue != null) {
                    if (d.overdue) {
                        m.overdue = $Boolean(d.overdue);
                    }
                }
                if (d.confirmByMs != null) {
                    if (typeof d.confirmByMs === "object" ? d.confirmByMs.low || d.confirmByMs.high : $Number(d.confirmByMs) !== 0) {
                        if ($util.Long)
                            m.confirmByMs = $util.Long.fromValue(d.confirmByMs, false);
                        else if (typeof d.confirmByMs === "string")
                            m.confirmByMs = $parseInt(d.confirmByMs, 10);
                        else if (typeof d.confirmByMs === "number")
                            m.confirmByMs = d.confirmByMs;
                        else if (typeof d.confirmByMs === "object")
                            m.confirmByMs = new $util.LongBits(d.confirmByMs.low >>> 0, d.confirmByMs.high >>> 0).toNumber();
                    }
                }
                if (d.hops) {
                    if (!$Array.isArray(d.hops))
                        throw $TypeError(".lienthong.v1.TrackingRecord.hops: array expected");
                    m.hops = $Array(d.hops.length);
                    for (var i = 0; i < d.hops.length; ++i) {
                        if (!$util.isObject(d.hops[i]))
                            throw $TypeError(".lienthong.v1.TrackingRecord.hops: object expected");
                        m.hops[i] = $root.lienthong.v1.Hop.fromObject(d.hops[i], q + 1);
                    }
                }
                if (d.timeline) {
                    if (!$Array.isArray(d.timeline))
                        throw $TypeError(".lienthong.v1.TrackingRecord.timeline: array expected");
                    m.timeline = $Array(d.timeline.length);
                    for (var i = 0; i < d.timeline.length; ++i) {
                        if (!$util.isObject(d.timeline[i]))
                            throw $TypeError(".lienthong.v1.TrackingRecord.timeline: object expected");
                        m.timeline[i] = $root.lienthong.v1.TimelineEntry.fromObject(d.timeline[i], q + 1);
                    }
                }
                if (d.failure !== 0 && (typeof d.failure !== "string" || $root.lienthong.v1.FailureReason[d.failure] !== 0)) {
                    switch (d.failure) {
                    case "FAILURE_REASON_UNSPECIFIED":
                    case 0:
                        m.failure = 0;
                        break;
                    case "FAILURE_REASON_MALFORMED":
                    case 1:
                        m.failure = 1;
                        break;
                    case "FAILURE_REASON_UNSUPPORTED_SCHEMA":
                    case 2:
                        m.failure = 2;
                        break;
                    case "FAILURE_REASON_INVALID_AGENCY_CODE":
                    case 3:
                        m.failure = 3;
                        break;
                    case "FAILURE_REASON_UNKNOWN_RECIPIENT":
                    case 4:
                        m.failure = 4;
                        break;
                    case "FAILURE_REASON_SENDER_MISMATCH":
                    case 5:
                        m.failure = 5;
                        break;
                    case "FAILURE_REASON_HOP_LIMIT_EXCEEDED":
                    case 6:
                        m.failure = 6;
                        break;
                    case "FAILURE_REASON_TOO_LARGE":
                    case 7:
                        m.failure = 7;
                        break;
                    case "FAILURE_REASON_INVALID_STATUS":
                    case 8:
                        m.failure = 8;
                        break;
                    case "FAILURE_REASON_BAD_SIGNATURE":
                    case 9:
                        m.failure = 9;
                        break;
                    case "FAILURE_REASON_UNKNOWN_DOCUMENT":
                    case 10:
                        m.failure = 10;
                        break;
                    case "FAILURE_REASON_WRONG_HOME_NODE":
                    case 11:
                        m.failure = 11;
                        break;
                    case "FAILURE_REASON_UNKNOWN_SENDER":
                    case 12:
                        m.failure = 12;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_TOO_LARGE":
                    case 20:
                        m.failure = 20;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_CORRUPT":
                    case 21:
                        m.failure = 21;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_MISSING":
                    case 22:
                        m.failure = 22;
                        break;
                    case "FAILURE_REASON_MISSING_SIGNATURE":
                    case 40:
                        m.failure = 40;
                        break;
                    case "FAILURE_REASON_KEY_NOT_VALID":
                    case 41:
                        m.failure = 41;
                        break;
                    case "FAILURE_REASON_STALE_SIGNATURE":
                    case 42:
                        m.failure = 42;
                        break;
                    case "FAILURE_REASON_NOT_A_RECIPIENT":
                    case 43:
                        m.failure = 43;
                        break;
                    case "FAILURE_REASON_AGENCY_CLOSED":
                    case 50:
                        m.failure = 50;
                        break;
                    case "FAILURE_REASON_EDXML_SIGNATURE":
                    case 60:
                        m.failure = 60;
                        break;
                    default:
                        if (typeof d.failure === "number" && (d.failure | 0) === d.failure)
                            m.failure = d.failure;
                    }
                }
                if (d.failureDetail != null) {
                    if (typeof d.failureDetail !== "string" || d.failureDetail.length) {
                        m.failureDetail = $String(d.failureDetail);
                    }
                }
                if (d.sentAtMs != null) {
                    if (typeof d.sentAtMs === "object" ? d.sentAtMs.low || d.sentAtMs.high : $Number(d.sentAtMs) !== 0) {
                        if ($util.Long)
                            m.sentAtMs = $util.Long.fromValue(d.sentAtMs, false);
                        else if (typeof d.sentAtMs === "string")
                            m.sentAtMs = $parseInt(d.sentAtMs, 10);
                        else if (typeof d.sentAtMs === "number")
                            m.sentAtMs = d.sentAtMs;
                        else if (typeof d.sentAtMs === "object")
                            m.sentAtMs = new $util.LongBits(d.sentAtMs.low >>> 0, d.sentAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.updatedAtMs != null) {
                    if (typeof d.updatedAtMs === "object" ? d.updatedAtMs.low || d.updatedAtMs.high : $Number(d.updatedAtMs) !== 0) {
                        if ($util.Long)
                            m.updatedAtMs = $util.Long.fromValue(d.updatedAtMs, false);
                        else if (typeof d.updatedAtMs === "string")
                            m.updatedAtMs = $parseInt(d.updatedAtMs, 10);
                        else if (typeof d.updatedAtMs === "number")
                            m.updatedAtMs = d.updatedAtMs;
                        else if (typeof d.updatedAtMs === "object")
                            m.updatedAtMs = new $util.LongBits(d.updatedAtMs.low >>> 0, d.updatedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.ruleViolations != null) {
                    if ($Number(d.ruleViolations) !== 0) {
                        m.ruleViolations = d.ruleViolations >>> 0;
                    }
                }
                if (d.priority !== 0 && (typeof d.priority !== "string" || $root.lienthong.v1.Priority[d.priority] !== 0)) {
                    switch (d.priority) {
                    case "PRIORITY_NORMAL":
                    case 0:
                        m.priority = 0;
                        break;
                    case "PRIORITY_URGENT":
                    case 1:
                        m.priority = 1;
                        break;
                    case "PRIORITY_VERY_URGENT":
                    case 2:
                        m.priority = 2;
                        break;
                    case "PRIORITY_FLASH":
                    case 3:
                        m.priority = 3;
                        break;
                    case "PRIORITY_FLASH_SCHEDULED":
                    case 4:
                        m.priority = 4;
                        break;
                    default:
                        if (typeof d.priority === "number" && (d.priority | 0) === d.priority)
                            m.priority = d.priority;
                    }
                }
                if (d.subject != null) {
                    if (typeof d.subject !== "string" || d.subject.length) {
                        m.subject = $String(d.subject);
                    }
                }
                if (d.answersFor) {
                    if (!$Array.isArray(d.answersFor))
                        throw $TypeError(".lienthong.v1.TrackingRecord.answersFor: array expected");
                    m.answersFor = $Array(d.answersFor.length);
                    for (var i = 0; i < d.answersFor.length; ++i) {
                        m.answersFor[i] = $String(d.answersFor[i]);
                    }
                }
                if (d.redirectedTo != null) {
                    if (typeof d.redirectedTo !== "string" || d.redirectedTo.length) {
                        m.redirectedTo = $String(d.redirectedTo);
                    }
                }
                if (d.edxmlSignature != null) {
                    if (!$util.isObject(d.edxmlSignature))
                        throw $TypeError(".lienthong.v1.TrackingRecord.edxmlSignature: object expected");
                    m.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.fromObject(d.edxmlSignature, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a TrackingRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {lienthong.v1.TrackingRecord} m TrackingRecord
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrackingRecord.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.hops = [];
                    d.timeline = [];
                    d.answersFor = [];
                }
                if (o.defaults) {
                    d.documentId = "";
                    d.sender = "";
                    d.recipient = "";
                    d.transport = o.enums === $String ? "TRANSPORT_STATE_UNSPECIFIED" : 0;
                    d.business = o.enums === $String ? "BUSINESS_STATUS_UNSPECIFIED" : 0;
                    d.recall = o.enums === $String ? "BUSINESS_STATUS_UNSPECIFIED" : 0;
                    d.recallRequested = false;
                    d.overdue = false;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.confirmByMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.confirmByMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.failure = o.enums === $String ? "FAILURE_REASON_UNSPECIFIED" : 0;
                    d.failureDetail = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.updatedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.updatedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.ruleViolations = 0;
                    d.priority = o.enums === $String ? "PRIORITY_NORMAL" : 0;
                    d.subject = "";
                    d.redirectedTo = "";
                    d.edxmlSignature = null;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.sender != null && $Object.hasOwnProperty.call(m, "sender")) {
                    d.sender = m.sender;
                }
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient")) {
                    d.recipient = m.recipient;
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    d.transport = o.enums === $String ? $root.lienthong.v1.TransportState[m.transport] === $undefined ? m.transport : $root.lienthong.v1.TransportState[m.transport] : m.transport;
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    d.business = o.enums === $String ? $root.lienthong.v1.BusinessStatus[m.business] === $undefined ? m.business : $root.lienthong.v1.BusinessStatus[m.business] : m.business;
                }
                if (m.recall != null && $Object.hasOwnProperty.call(m, "recall")) {
                    d.recall = o.enums === $String ? $root.lienthong.v1.BusinessStatus[m.recall] === $undefined ? m.recall : $root.lienthong.v1.BusinessStatus[m.recall] : m.recall;
                }
                if (m.recallRequested != null && $Object.hasOwnProperty.call(m, "recallRequested")) {
                    d.recallRequested = m.recallRequested;
                }
                if (m.overdue != null && $Object.hasOwnProperty.call(m, "overdue")) {
                    d.overdue = m.overdue;
                }
                if (m.confirmByMs != null && $Object.hasOwnProperty.call(m, "confirmByMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.confirmByMs = typeof m.confirmByMs === "number" ? $BigInt(m.confirmByMs) : $util.Long.fromBits(m.confirmByMs.low >>> 0, m.confirmByMs.high >>> 0, false).toBigInt();
                    else if (typeof m.confirmByMs === "number")
                        d.confirmByMs = o.longs === $String ? $String(m.confirmByMs) : m.confirmByMs;
                    else
                        d.confirmByMs = o.longs === $String ? $util.Long.prototype.toString.call(m.confirmByMs) : o.longs === $Number ? new $util.LongBits(m.confirmByMs.low >>> 0, m.confirmByMs.high >>> 0).toNumber() : m.confirmByMs;
                }
                if (m.hops && m.hops.length) {
                    d.hops = $Array(m.hops.length);
                    for (var j = 0; j < m.hops.length; ++j) {
                        d.hops[j] = $root.lienthong.v1.Hop.toObject(m.hops[j], o, q + 1);
                    }
                }
                if (m.timeline && m.timeline.length) {
                    d.timeline = $Array(m.timeline.length);
                    for (var j = 0; j < m.timeline.length; ++j) {
                        d.timeline[j] = $root.lienthong.v1.TimelineEntry.toObject(m.timeline[j], o, q + 1);
                    }
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    d.failure = o.enums === $String ? $root.lienthong.v1.FailureReason[m.failure] === $undefined ? m.failure : $root.lienthong.v1.FailureReason[m.failure] : m.failure;
                }
                if (m.failureDetail != null && $Object.hasOwnProperty.call(m, "failureDetail")) {
                    d.failureDetail = m.failureDetail;
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtMs = typeof m.sentAtMs === "number" ? $BigInt(m.sentAtMs) : $util.Long.fromBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAtMs === "number")
                        d.sentAtMs = o.longs === $String ? $String(m.sentAtMs) : m.sentAtMs;
                    else
                        d.sentAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtMs) : o.longs === $Number ? new $util.LongBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0).toNumber() : m.sentAtMs;
                }
                if (m.updatedAtMs != null && $Object.hasOwnProperty.call(m, "updatedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.updatedAtMs = typeof m.updatedAtMs === "number" ? $BigInt(m.updatedAtMs) : $util.Long.fromBits(m.updatedAtMs.low >>> 0, m.updatedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.updatedAtMs === "number")
                        d.updatedAtMs = o.longs === $String ? $String(m.updatedAtMs) : m.updatedAtMs;
                    else
                        d.updatedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.updatedAtMs) : o.longs === $Number ? new $util.LongBits(m.updatedAtMs.low >>> 0, m.updatedAtMs.high >>> 0).toNumber() : m.updatedAtMs;
                }
                if (m.ruleViolations != null && $Object.hasOwnProperty.call(m, "ruleViolations")) {
                    d.ruleViolations = m.ruleViolations;
                }
                if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
                    d.priority = o.enums === $String ? $root.lienthong.v1.Priority[m.priority] === $undefined ? m.priority : $root.lienthong.v1.Priority[m.priority] : m.priority;
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    d.subject = m.subject;
                }
                if (m.answersFor && m.answersFor.length) {
                    d.answersFor = $Array(m.answersFor.length);
                    for (var j = 0; j < m.answersFor.length; ++j) {
                        d.answersFor[j] = m.answersFor[j];
                    }
                }
                if (m.redirectedTo != null && $Object.hasOwnProperty.call(m, "redirectedTo")) {
                    d.redirectedTo = m.redirectedTo;
                }
                if (m.edxmlSignature != null && $Object.hasOwnProperty.call(m, "edxmlSignature")) {
                    d.edxmlSignature = $root.lienthong.v1.EdxmlSignatureVerdict.toObject(m.edxmlSignature, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this TrackingRecord to JSON.
             * @function toJSON
             * @memberof lienthong.v1.TrackingRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrackingRecord.prototype.toJSON = function() {
                return TrackingRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TrackingRecord
             * @function getTypeUrl
             * @memberof lienthong.v1.TrackingRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TrackingRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.TrackingRecord";
            };

            return TrackingRecord;
        })();

        v1.TimelineEntry = (function() {

            /**
             * Properties of a TimelineEntry.
             * @typedef {Object} lienthong.v1.TimelineEntry.$Properties
             * @property {number|null} [atMs] TimelineEntry atMs
             * @property {lienthong.v1.TransportState|null} [transport] TimelineEntry transport
             * @property {lienthong.v1.BusinessStatus|null} [business] TimelineEntry business
             * @property {string|null} [node] TimelineEntry node
             * @property {string|null} [description] TimelineEntry description
             * @property {lienthong.v1.Staff.$Properties|null} [staff] TimelineEntry staff
             * @property {boolean|null} [ignored] TimelineEntry ignored
             * @property {lienthong.v1.StatusReport.$Properties|null} [receipt] TimelineEntry receipt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TimelineEntry.
             * @memberof lienthong.v1
             * @interface ITimelineEntry
             * @augments lienthong.v1.TimelineEntry.$Properties
             * @deprecated Use lienthong.v1.TimelineEntry.$Properties instead.
             */

            /**
             * Shape of a TimelineEntry.
             * @typedef {lienthong.v1.TimelineEntry.$Properties} lienthong.v1.TimelineEntry.$Shape
             */

            /**
             * Constructs a new TimelineEntry.
             * @memberof lienthong.v1
             * @classdesc Represents a TimelineEntry.
             * @constructor
             * @param {lienthong.v1.TimelineEntry.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var TimelineEntry = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TimelineEntry atMs.
             * @member {number} atMs
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * TimelineEntry transport.
             * @member {lienthong.v1.TransportState} transport
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.transport = 0;

            /**
             * TimelineEntry business.
             * @member {lienthong.v1.BusinessStatus} business
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.business = 0;

            /**
             * TimelineEntry node.
             * @member {string} node
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.node = "";

            /**
             * TimelineEntry description.
             * @member {string} description
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.description = "";

            /**
             * TimelineEntry staff.
             * @member {lienthong.v1.Staff.$Properties|null|undefined} staff
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.staff = null;

            /**
             * TimelineEntry ignored.
             * @member {boolean} ignored
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.ignored = false;

            /**
             * TimelineEntry receipt.
             * @member {lienthong.v1.StatusReport.$Properties|null|undefined} receipt
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             */
            TimelineEntry.prototype.receipt = null;

            /**
             * Creates a new TimelineEntry instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {lienthong.v1.TimelineEntry.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.TimelineEntry} TimelineEntry instance
             * @type {{
             *   (properties: lienthong.v1.TimelineEntry.$Shape): lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape;
             *   (properties?: lienthong.v1.TimelineEntry.$Properties): lienthong.v1.TimelineEntry;
             * }}
             */
            TimelineEntry.create = function(properties) {
                return new TimelineEntry(properties);
            };

            /**
             * Encodes the specified TimelineEntry message. Does not implicitly {@link lienthong.v1.TimelineEntry.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {lienthong.v1.TimelineEntry.$Properties} m TimelineEntry message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TimelineEntry.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs") && (typeof m.atMs === "object" ? m.atMs.low || m.atMs.high : m.atMs !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).int64(m.atMs);
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport") && m.transport !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.transport);
                if (m.business != null && $Object.hasOwnProperty.call(m, "business") && m.business !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.business);
                if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.node);
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.description);
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff"))
                    $root.lienthong.v1.Staff.encode(m.staff, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.ignored != null && $Object.hasOwnProperty.call(m, "ignored") && m.ignored !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.ignored);
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt"))
                    $root.lienthong.v1.StatusReport.encode(m.receipt, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified TimelineEntry message, length delimited. Does not implicitly {@link lienthong.v1.TimelineEntry.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {lienthong.v1.TimelineEntry.$Properties} message TimelineEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TimelineEntry.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TimelineEntry message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape} TimelineEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TimelineEntry.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.TimelineEntry();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.atMs = v;
                            else
                                delete m.atMs;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.transport = v;
                            else
                                delete m.transport;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.business = v;
                            else
                                delete m.business;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.node = v;
                            else
                                delete m.node;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.staff = $root.lienthong.v1.Staff.decode(r, r.size(), $undefined, q + 1, m.staff);
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.ignored = v;
                            else
                                delete m.ignored;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.receipt = $root.lienthong.v1.StatusReport.decode(r, r.size(), $undefined, q + 1, m.receipt);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a TimelineEntry message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.TimelineEntry & lienthong.v1.TimelineEntry.$Shape} TimelineEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TimelineEntry.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TimelineEntry message.
             * @function verify
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TimelineEntry.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (!$util.isInteger(m.atMs) && !(m.atMs && $util.isInteger(m.atMs.low) && $util.isInteger(m.atMs.high)))
                        return "atMs: integer|Long expected";
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    if (typeof m.transport !== "number" || (m.transport | 0) !== m.transport)
                        return "transport: enum value expected";
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    if (typeof m.business !== "number" || (m.business | 0) !== m.business)
                        return "business: enum value expected";
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    if (!$util.isString(m.node))
                        return "node: string expected";
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    if (!$util.isString(m.description))
                        return "description: string expected";
                }
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff")) {
                    {
                        var e = $root.lienthong.v1.Staff.verify(m.staff, q + 1);
                        if (e)
                            return "staff." + e;
                    }
                }
                if (m.ignored != null && $Object.hasOwnProperty.call(m, "ignored")) {
                    if (typeof m.ignored !== "boolean")
                        return "ignored: boolean expected";
                }
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt")) {
                    {
                        var e = $root.lienthong.v1.StatusReport.verify(m.receipt, q + 1);
                        if (e)
                            return "receipt." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a TimelineEntry message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.TimelineEntry} TimelineEntry
             */
            TimelineEntry.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.TimelineEntry)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.TimelineEntry: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.TimelineEntry();
                if (d.atMs != null) {
                    if (typeof d.atMs === "object" ? d.atMs.low || d.atMs.high : $Number(d.atMs) !== 0) {
                        if ($util.Long)
                            m.atMs = $util.Long.fromValue(d.atMs, false);
                        else if (typeof d.atMs === "string")
                            m.atMs = $parseInt(d.atMs, 10);
                        else if (typeof d.atMs === "number")
                            m.atMs = d.atMs;
                        else if (typeof d.atMs === "object")
                            m.atMs = new $util.LongBits(d.atMs.low >>> 0, d.atMs.high >>> 0).toNumber();
                    }
                }
                if (d.transport !== 0 && (typeof d.transport !== "string" || $root.lienthong.v1.TransportState[d.transport] !== 0)) {
                    switch (d.transport) {
                    case "TRANSPORT_STATE_UNSPECIFIED":
                    case 0:
                        m.transport = 0;
                        break;
                    case "TRANSPORT_STATE_ACCEPTED":
                    case 1:
                        m.transport = 1;
                        break;
                    case "TRANSPORT_STATE_RELAYED":
                    case 2:
                        m.transport = 2;
                        break;
                    case "TRANSPORT_STATE_DELIVERED":
                    case 3:
                        m.transport = 3;
                        break;
                    case "TRANSPORT_STATE_FETCHED":
                    case 4:
                        m.transport = 4;
                        break;
                    case "TRANSPORT_STATE_FAILED":
                    case 5:
                        m.transport = 5;
                        break;
                    case "TRANSPORT_STATE_STATUS_REFUSED":
                    case 6:
                        m.transport = 6;
                        break;
                    default:
                        if (typeof d.transport === "number" && (d.transport | 0) === d.transport)
                            m.transport = d.transport;
                    }
                }
                if (d.business !== 0 && (typeof d.business !== "string" || $root.lienthong.v1.BusinessStatus[d.business] !== 0)) {
                    switch (d.business) {
                    case "BUSINESS_STATUS_UNSPECIFIED":
                    case 0:
                        m.business = 0;
                        break;
                    case "BUSINESS_STATUS_ARRIVED":
                    case 1:
                        m.business = 1;
                        break;
                    case "BUSINESS_STATUS_REJECTED":
                    case 2:
                        m.business = 2;
                        break;
                    case "BUSINESS_STATUS_ACCEPTED":
                    case 3:
                        m.business = 3;
                        break;
                    case "BUSINESS_STATUS_ASSIGNED":
                    case 4:
                        m.business = 4;
                        break;
                    case "BUSINESS_STATUS_IN_PROGRESS":
                    case 5:
                        m.business = 5;
                        break;
                    case "BUSINESS_STATUS_COMPLETED":
                    case 6:
                        m.business = 6;
                        break;
                    case "BUSINESS_STATUS_RECALL_REQUESTED":
                    case 13:
                        m.business = 13;
                        break;
                    case "BUSINESS_STATUS_CHANGE_ACCEPTED":
                    case 15:
                        m.business = 15;
                        break;
                    case "BUSINESS_STATUS_CHANGE_REFUSED":
                    case 16:
                        m.business = 16;
                        break;
                    default:
                        if (typeof d.business === "number" && (d.business | 0) === d.business)
                            m.business = d.business;
                    }
                }
                if (d.node != null) {
                    if (typeof d.node !== "string" || d.node.length) {
                        m.node = $String(d.node);
                    }
                }
                if (d.description != null) {
                    if (typeof d.description !== "string" || d.description.length) {
                        m.description = $String(d.description);
                    }
                }
                if (d.staff != null) {
                    if (!$util.isObject(d.staff))
                        throw $TypeError(".lienthong.v1.TimelineEntry.staff: object expected");
                    m.staff = $root.lienthong.v1.Staff.fromObject(d.staff, q + 1);
                }
                if (d.ignored != null) {
                    if (d.ignored) {
                        m.ignored = $Boolean(d.ignored);
                    }
                }
                if (d.receipt != null) {
                    if (!$util.isObject(d.receipt))
                        throw $TypeError(".lienthong.v1.TimelineEntry.receipt: object expected");
                    m.receipt = $root.lienthong.v1.StatusReport.fromObject(d.receipt, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a TimelineEntry message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {lienthong.v1.TimelineEntry} m TimelineEntry
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TimelineEntry.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.atMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.atMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.transport = o.enums === $String ? "TRANSPORT_STATE_UNSPECIFIED" : 0;
                    d.business = o.enums === $String ? "BUSINESS_STATUS_UNSPECIFIED" : 0;
                    d.node = "";
                    d.description = "";
                    d.staff = null;
                    d.ignored = false;
                    d.receipt = null;
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.atMs = typeof m.atMs === "number" ? $BigInt(m.atMs) : $util.Long.fromBits(m.atMs.low >>> 0, m.atMs.high >>> 0, false).toBigInt();
                    else if (typeof m.atMs === "number")
                        d.atMs = o.longs === $String ? $String(m.atMs) : m.atMs;
                    else
                        d.atMs = o.longs === $String ? $util.Long.prototype.toString.call(m.atMs) : o.longs === $Number ? new $util.LongBits(m.atMs.low >>> 0, m.atMs.high >>> 0).toNumber() : m.atMs;
                }
                if (m.transport != null && $Object.hasOwnProperty.call(m, "transport")) {
                    d.transport = o.enums === $String ? $root.lienthong.v1.TransportState[m.transport] === $undefined ? m.transport : $root.lienthong.v1.TransportState[m.transport] : m.transport;
                }
                if (m.business != null && $Object.hasOwnProperty.call(m, "business")) {
                    d.business = o.enums === $String ? $root.lienthong.v1.BusinessStatus[m.business] === $undefined ? m.business : $root.lienthong.v1.BusinessStatus[m.business] : m.business;
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    d.node = m.node;
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    d.description = m.description;
                }
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff")) {
                    d.staff = $root.lienthong.v1.Staff.toObject(m.staff, o, q + 1);
                }
                if (m.ignored != null && $Object.hasOwnProperty.call(m, "ignored")) {
                    d.ignored = m.ignored;
                }
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt")) {
                    d.receipt = $root.lienthong.v1.StatusReport.toObject(m.receipt, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this TimelineEntry to JSON.
             * @function toJSON
             * @memberof lienthong.v1.TimelineEntry
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TimelineEntry.prototype.toJSON = function() {
                return TimelineEntry.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TimelineEntry
             * @function getTypeUrl
             * @memberof lienthong.v1.TimelineEntry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TimelineEntry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.TimelineEntry";
            };

            return TimelineEntry;
        })();

        v1.DeadLetter = (function() {

            /**
             * Properties of a DeadLetter.
             * @typedef {Object} lienthong.v1.DeadLetter.$Properties
             * @property {lienthong.v1.FailureReason|null} [reason] DeadLetter reason
             * @property {string|null} [detail] DeadLetter detail
             * @property {string|null} [node] DeadLetter node
             * @property {string|null} [subject] DeadLetter subject
             * @property {Uint8Array|null} [original] DeadLetter original
             * @property {number|null} [atMs] DeadLetter atMs
             * @property {string|null} [envelopeId] DeadLetter envelopeId
             * @property {string|null} [documentId] DeadLetter documentId
             * @property {string|null} [originAgency] DeadLetter originAgency
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeadLetter.
             * @memberof lienthong.v1
             * @interface IDeadLetter
             * @augments lienthong.v1.DeadLetter.$Properties
             * @deprecated Use lienthong.v1.DeadLetter.$Properties instead.
             */

            /**
             * Shape of a DeadLetter.
             * @typedef {lienthong.v1.DeadLetter.$Properties} lienthong.v1.DeadLetter.$Shape
             */

            /**
             * Constructs a new DeadLetter.
             * @memberof lienthong.v1
             * @classdesc Represents a DeadLetter.
             * @constructor
             * @param {lienthong.v1.DeadLetter.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var DeadLetter = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DeadLetter reason.
             * @member {lienthong.v1.FailureReason} reason
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.reason = 0;

            /**
             * DeadLetter detail.
             * @member {string} detail
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.detail = "";

            /**
             * DeadLetter node.
             * @member {string} node
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.node = "";

            /**
             * DeadLetter subject.
             * @member {string} subject
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.subject = "";

            /**
             * DeadLetter original.
             * @member {Uint8Array} original
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.original = $util.newBuffer([]);

            /**
             * DeadLetter atMs.
             * @member {number} atMs
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DeadLetter envelopeId.
             * @member {string} envelopeId
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.envelopeId = "";

            /**
             * DeadLetter documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.documentId = "";

            /**
             * DeadLetter originAgency.
             * @member {string} originAgency
             * @memberof lienthong.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.originAgency = "";

            /**
             * Creates a new DeadLetter instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {lienthong.v1.DeadLetter.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.DeadLetter} DeadLetter instance
             * @type {{
             *   (properties: lienthong.v1.DeadLetter.$Shape): lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape;
             *   (properties?: lienthong.v1.DeadLetter.$Properties): lienthong.v1.DeadLetter;
             * }}
             */
            DeadLetter.create = function(properties) {
                return new DeadLetter(properties);
            };

            /**
             * Encodes the specified DeadLetter message. Does not implicitly {@link lienthong.v1.DeadLetter.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {lienthong.v1.DeadLetter.$Properties} m DeadLetter message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeadLetter.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.reason);
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail") && m.detail !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.detail);
                if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.node);
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject") && m.subject !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.subject);
                if (m.original != null && $Object.hasOwnProperty.call(m, "original") && m.original.length)
                    w.uint32(/* id 5, wireType 2 =*/42).bytes(m.original);
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs") && (typeof m.atMs === "object" ? m.atMs.low || m.atMs.high : m.atMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.atMs);
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId") && m.envelopeId !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.envelopeId);
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.documentId);
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency") && m.originAgency !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.originAgency);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DeadLetter message, length delimited. Does not implicitly {@link lienthong.v1.DeadLetter.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {lienthong.v1.DeadLetter.$Properties} message DeadLetter message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeadLetter.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeadLetter message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeadLetter.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.DeadLetter();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.detail = v;
                            else
                                delete m.detail;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.node = v;
                            else
                                delete m.node;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.subject = v;
                            else
                                delete m.subject;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.original = v;
                            else
                                delete m.original;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.atMs = v;
                            else
                                delete m.atMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.envelopeId = v;
                            else
                                delete m.envelopeId;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.originAgency = v;
                            else
                                delete m.originAgency;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DeadLetter message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.DeadLetter & lienthong.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeadLetter.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeadLetter message.
             * @function verify
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeadLetter.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (typeof m.reason !== "number" || (m.reason | 0) !== m.reason)
                        return "reason: enum value expected";
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    if (!$util.isString(m.detail))
                        return "detail: string expected";
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    if (!$util.isString(m.node))
                        return "node: string expected";
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    if (!$util.isString(m.subject))
                        return "subject: string expected";
                }
                if (m.original != null && $Object.hasOwnProperty.call(m, "original")) {
                    if (!(m.original && typeof m.original.length === "number" || $util.isString(m.original)))
                        return "original: buffer expected";
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (!$util.isInteger(m.atMs) && !(m.atMs && $util.isInteger(m.atMs.low) && $util.isInteger(m.atMs.high)))
                        return "atMs: integer|Long expected";
                }
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId")) {
                    if (!$util.isString(m.envelopeId))
                        return "envelopeId: string expected";
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency")) {
                    if (!$util.isString(m.originAgency))
                        return "originAgency: string expected";
                }
                return null;
            };

            /**
             * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.DeadLetter} DeadLetter
             */
            DeadLetter.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.DeadLetter)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.DeadLetter: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.DeadLetter();
                if (d.reason !== 0 && (typeof d.reason !== "string" || $root.lienthong.v1.FailureReason[d.reason] !== 0)) {
                    switch (d.reason) {
                    case "FAILURE_REASON_UNSPECIFIED":
                    case 0:
                        m.reason = 0;
                        break;
                    case "FAILURE_REASON_MALFORMED":
                    case 1:
                        m.reason = 1;
                        break;
                    case "FAILURE_REASON_UNSUPPORTED_SCHEMA":
                    case 2:
                        m.reason = 2;
                        break;
                    case "FAILURE_REASON_INVALID_AGENCY_CODE":
                    case 3:
                        m.reason = 3;
                        break;
                    case "FAILURE_REASON_UNKNOWN_RECIPIENT":
                    case 4:
                        m.reason = 4;
                        break;
                    case "FAILURE_REASON_SENDER_MISMATCH":
                    case 5:
                        m.reason = 5;
                        break;
                    case "FAILURE_REASON_HOP_LIMIT_EXCEEDED":
                    case 6:
                        m.reason = 6;
                        break;
                    case "FAILURE_REASON_TOO_LARGE":
                    case 7:
                        m.reason = 7;
                        break;
                    case "FAILURE_REASON_INVALID_STATUS":
                    case 8:
                        m.reason = 8;
                        break;
                    case "FAILURE_REASON_BAD_SIGNATURE":
                    case 9:
                        m.reason = 9;
                        break;
                    case "FAILURE_REASON_UNKNOWN_DOCUMENT":
                    case 10:
                        m.reason = 10;
                        break;
                    case "FAILURE_REASON_WRONG_HOME_NODE":
                    case 11:
                        m.reason = 11;
                        break;
                    case "FAILURE_REASON_UNKNOWN_SENDER":
                    case 12:
                        m.reason = 12;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_TOO_LARGE":
                    case 20:
                        m.reason = 20;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_CORRUPT":
                    case 21:
                        m.reason = 21;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_MISSING":
                    case 22:
                        m.reason = 22;
                        break;
                    case "FAILURE_REASON_MISSING_SIGNATURE":
                    case 40:
                        m.reason = 40;
                        break;
                    case "FAILURE_REASON_KEY_NOT_VALID":
                    case 41:
                        m.reason = 41;
                        break;
                    case "FAILURE_REASON_STALE_SIGNATURE":
                    case 42:
                        m.reason = 42;
                        break;
                    case "FAILURE_REASON_NOT_A_RECIPIENT":
                    case 43:
                        m.reason = 43;
                        break;
                    case "FAILURE_REASON_AGENCY_CLOSED":
                    case 50:
                        m.reason = 50;
                        break;
                    case "FAILURE_REASON_EDXML_SIGNATURE":
                    case 60:
                        m.reason = 60;
                        break;
                    default:
                        if (typeof d.reason === "number" && (d.reason | 0) === d.reason)
                            m.reason = d.reason;
                    }
                }
                if (d.detail != null) {
                    if (typeof d.detail !== "string" || d.detail.length) {
                        m.detail = $String(d.detail);
                    }
                }
                if (d.node != null) {
                    if (typeof d.node !== "string" || d.node.length) {
                        m.node = $String(d.node);
                    }
                }
                if (d.subject != null) {
                    if (typeof d.subject !== "string" || d.subject.length) {
                        m.subject = $String(d.subject);
                    }
                }
                if (d.original != null) {
                    if (d.original.length) {
                        if (typeof d.original === "string")
                            $util.base64.decode(d.original, m.original = $util.newBuffer($util.base64.length(d.original)), 0);
                        else if (d.original.length >= 0)
                            m.original = d.original;
                    }
                }
                if (d.atMs != null) {
                    if (typeof d.atMs === "object" ? d.atMs.low || d.atMs.high : $Number(d.atMs) !== 0) {
                        if ($util.Long)
                            m.atMs = $util.Long.fromValue(d.atMs, false);
                        else if (typeof d.atMs === "string")
                            m.atMs = $parseInt(d.atMs, 10);
                        else if (typeof d.atMs === "number")
                            m.atMs = d.atMs;
                        else if (typeof d.atMs === "object")
                            m.atMs = new $util.LongBits(d.atMs.low >>> 0, d.atMs.high >>> 0).toNumber();
                    }
                }
                if (d.envelopeId != null) {
                    if (typeof d.envelopeId !== "string" || d.envelopeId.length) {
                        m.envelopeId = $String(d.envelopeId);
                    }
                }
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.originAgency != null) {
                    if (typeof d.originAgency !== "string" || d.originAgency.length) {
                        m.originAgency = $String(d.originAgency);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {lienthong.v1.DeadLetter} m DeadLetter
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeadLetter.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.reason = o.enums === $String ? "FAILURE_REASON_UNSPECIFIED" : 0;
                    d.detail = "";
                    d.node = "";
                    d.subject = "";
                    if (o.bytes === $String)
                        d.original = "";
                    else {
                        d.original = [];
                        if (o.bytes !== $Array)
                            d.original = $util.newBuffer(d.original);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.atMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.atMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.envelopeId = "";
                    d.documentId = "";
                    d.originAgency = "";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = o.enums === $String ? $root.lienthong.v1.FailureReason[m.reason] === $undefined ? m.reason : $root.lienthong.v1.FailureReason[m.reason] : m.reason;
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    d.detail = m.detail;
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    d.node = m.node;
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    d.subject = m.subject;
                }
                if (m.original != null && $Object.hasOwnProperty.call(m, "original")) {
                    d.original = o.bytes === $String ? $util.base64.encode(m.original, 0, m.original.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.original) : m.original;
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.atMs = typeof m.atMs === "number" ? $BigInt(m.atMs) : $util.Long.fromBits(m.atMs.low >>> 0, m.atMs.high >>> 0, false).toBigInt();
                    else if (typeof m.atMs === "number")
                        d.atMs = o.longs === $String ? $String(m.atMs) : m.atMs;
                    else
                        d.atMs = o.longs === $String ? $util.Long.prototype.toString.call(m.atMs) : o.longs === $Number ? new $util.LongBits(m.atMs.low >>> 0, m.atMs.high >>> 0).toNumber() : m.atMs;
                }
                if (m.envelopeId != null && $Object.hasOwnProperty.call(m, "envelopeId")) {
                    d.envelopeId = m.envelopeId;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.originAgency != null && $Object.hasOwnProperty.call(m, "originAgency")) {
                    d.originAgency = m.originAgency;
                }
                return d;
            };

            /**
             * Converts this DeadLetter to JSON.
             * @function toJSON
             * @memberof lienthong.v1.DeadLetter
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeadLetter.prototype.toJSON = function() {
                return DeadLetter.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeadLetter
             * @function getTypeUrl
             * @memberof lienthong.v1.DeadLetter
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeadLetter.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.DeadLetter";
            };

            return DeadLetter;
        })();

        /**
         * BusinessStatus enum.
         * @name lienthong.v1.BusinessStatus
         * @enum {number}
         * @property {number} BUSINESS_STATUS_UNSPECIFIED=0 BUSINESS_STATUS_UNSPECIFIED value
         * @property {number} BUSINESS_STATUS_ARRIVED=1 BUSINESS_STATUS_ARRIVED value
         * @property {number} BUSINESS_STATUS_REJECTED=2 BUSINESS_STATUS_REJECTED value
         * @property {number} BUSINESS_STATUS_ACCEPTED=3 BUSINESS_STATUS_ACCEPTED value
         * @property {number} BUSINESS_STATUS_ASSIGNED=4 BUSINESS_STATUS_ASSIGNED value
         * @property {number} BUSINESS_STATUS_IN_PROGRESS=5 BUSINESS_STATUS_IN_PROGRESS value
         * @property {number} BUSINESS_STATUS_COMPLETED=6 BUSINESS_STATUS_COMPLETED value
         * @property {number} BUSINESS_STATUS_RECALL_REQUESTED=13 BUSINESS_STATUS_RECALL_REQUESTED value
         * @property {number} BUSINESS_STATUS_CHANGE_ACCEPTED=15 BUSINESS_STATUS_CHANGE_ACCEPTED value
         * @property {number} BUSINESS_STATUS_CHANGE_REFUSED=16 BUSINESS_STATUS_CHANGE_REFUSED value
         */
        v1.BusinessStatus = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BUSINESS_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "BUSINESS_STATUS_ARRIVED"] = 1;
            values[valuesById[2] = "BUSINESS_STATUS_REJECTED"] = 2;
            values[valuesById[3] = "BUSINESS_STATUS_ACCEPTED"] = 3;
            values[valuesById[4] = "BUSINESS_STATUS_ASSIGNED"] = 4;
            values[valuesById[5] = "BUSINESS_STATUS_IN_PROGRESS"] = 5;
            values[valuesById[6] = "BUSINESS_STATUS_COMPLETED"] = 6;
            values[valuesById[13] = "BUSINESS_STATUS_RECALL_REQUESTED"] = 13;
            values[valuesById[15] = "BUSINESS_STATUS_CHANGE_ACCEPTED"] = 15;
            values[valuesById[16] = "BUSINESS_STATUS_CHANGE_REFUSED"] = 16;
            return values;
        })();

        v1.Staff = (function() {

            /**
             * Properties of a Staff.
             * @typedef {Object} lienthong.v1.Staff.$Properties
             * @property {string|null} [department] Staff department
             * @property {string|null} [name] Staff name
             * @property {string|null} [phone] Staff phone
             * @property {string|null} [email] Staff email
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Staff.
             * @memberof lienthong.v1
             * @interface IStaff
             * @augments lienthong.v1.Staff.$Properties
             * @deprecated Use lienthong.v1.Staff.$Properties instead.
             */

            /**
             * Shape of a Staff.
             * @typedef {lienthong.v1.Staff.$Properties} lienthong.v1.Staff.$Shape
             */

            /**
             * Constructs a new Staff.
             * @memberof lienthong.v1
             * @classdesc Represents a Staff.
             * @constructor
             * @param {lienthong.v1.Staff.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Staff = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Staff department.
             * @member {string} department
             * @memberof lienthong.v1.Staff
             * @instance
             */
            Staff.prototype.department = "";

            /**
             * Staff name.
             * @member {string} name
             * @memberof lienthong.v1.Staff
             * @instance
             */
            Staff.prototype.name = "";

            /**
             * Staff phone.
             * @member {string} phone
             * @memberof lienthong.v1.Staff
             * @instance
             */
            Staff.prototype.phone = "";

            /**
             * Staff email.
             * @member {string} email
             * @memberof lienthong.v1.Staff
             * @instance
             */
            Staff.prototype.email = "";

            /**
             * Creates a new Staff instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Staff
             * @static
             * @param {lienthong.v1.Staff.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Staff} Staff instance
             * @type {{
             *   (properties: lienthong.v1.Staff.$Shape): lienthong.v1.Staff & lienthong.v1.Staff.$Shape;
             *   (properties?: lienthong.v1.Staff.$Properties): lienthong.v1.Staff;
             * }}
             */
            Staff.create = function(properties) {
                return new Staff(properties);
            };

            /**
             * Encodes the specified Staff message. Does not implicitly {@link lienthong.v1.Staff.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Staff
             * @static
             * @param {lienthong.v1.Staff.$Properties} m Staff message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Staff.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.department != null && $Object.hasOwnProperty.call(m, "department") && m.department !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.department);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.phone != null && $Object.hasOwnProperty.call(m, "phone") && m.phone !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.phone);
                if (m.email != null && $Object.hasOwnProperty.call(m, "email") && m.email !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.email);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Staff message, length delimited. Does not implicitly {@link lienthong.v1.Staff.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Staff
             * @static
             * @param {lienthong.v1.Staff.$Properties} message Staff message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Staff.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Staff message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Staff
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Staff & lienthong.v1.Staff.$Shape} Staff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Staff.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Staff();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.department = v;
                            else
                                delete m.department;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.phone = v;
                            else
                                delete m.phone;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.email = v;
                            else
                                delete m.email;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Staff message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Staff
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Staff & lienthong.v1.Staff.$Shape} Staff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Staff.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Staff message.
             * @function verify
             * @memberof lienthong.v1.Staff
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Staff.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.department != null && $Object.hasOwnProperty.call(m, "department")) {
                    if (!$util.isString(m.department))
                        return "department: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.phone != null && $Object.hasOwnProperty.call(m, "phone")) {
                    if (!$util.isString(m.phone))
                        return "phone: string expected";
                }
                if (m.email != null && $Object.hasOwnProperty.call(m, "email")) {
                    if (!$util.isString(m.email))
                        return "email: string expected";
                }
                return null;
            };

            /**
             * Creates a Staff message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Staff
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Staff} Staff
             */
            Staff.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Staff)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Staff: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Staff();
                if (d.department != null) {
                    if (typeof d.department !== "string" || d.department.length) {
                        m.department = $String(d.department);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.phone != null) {
                    if (typeof d.phone !== "string" || d.phone.length) {
                        m.phone = $String(d.phone);
                    }
                }
                if (d.email != null) {
                    if (typeof d.email !== "string" || d.email.length) {
                        m.email = $String(d.email);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Staff message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Staff
             * @static
             * @param {lienthong.v1.Staff} m Staff
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Staff.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.department = "";
                    d.name = "";
                    d.phone = "";
                    d.email = "";
                }
                if (m.department != null && $Object.hasOwnProperty.call(m, "department")) {
                    d.department = m.department;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.phone != null && $Object.hasOwnProperty.call(m, "phone")) {
                    d.phone = m.phone;
                }
                if (m.email != null && $Object.hasOwnProperty.call(m, "email")) {
                    d.email = m.email;
                }
                return d;
            };

            /**
             * Converts this Staff to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Staff
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Staff.prototype.toJSON = function() {
                return Staff.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Staff
             * @function getTypeUrl
             * @memberof lienthong.v1.Staff
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Staff.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Staff";
            };

            return Staff;
        })();

        v1.StatusReport = (function() {

            /**
             * Properties of a StatusReport.
             * @typedef {Object} lienthong.v1.StatusReport.$Properties
             * @property {lienthong.v1.BusinessStatus|null} [code] StatusReport code
             * @property {string|null} [responder] StatusReport responder
             * @property {string|null} [documentId] StatusReport documentId
             * @property {string|null} [documentSender] StatusReport documentSender
             * @property {lienthong.v1.Staff.$Properties|null} [staff] StatusReport staff
             * @property {string|null} [description] StatusReport description
             * @property {number|null} [timestampMs] StatusReport timestampMs
             * @property {lienthong.v1.Signature.$Properties|null} [signature] StatusReport signature
             * @property {Uint8Array|null} [documentSha256] StatusReport documentSha256
             * @property {Uint8Array|null} [edxmlOriginal] StatusReport edxmlOriginal
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StatusReport.
             * @memberof lienthong.v1
             * @interface IStatusReport
             * @augments lienthong.v1.StatusReport.$Properties
             * @deprecated Use lienthong.v1.StatusReport.$Properties instead.
             */

            /**
             * Shape of a StatusReport.
             * @typedef {lienthong.v1.StatusReport.$Properties} lienthong.v1.StatusReport.$Shape
             */

            /**
             * Constructs a new StatusReport.
             * @memberof lienthong.v1
             * @classdesc Represents a StatusReport.
             * @constructor
             * @param {lienthong.v1.StatusReport.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var StatusReport = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StatusReport code.
             * @member {lienthong.v1.BusinessStatus} code
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.code = 0;

            /**
             * StatusReport responder.
             * @member {string} responder
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.responder = "";

            /**
             * StatusReport documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.documentId = "";

            /**
             * StatusReport documentSender.
             * @member {string} documentSender
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.documentSender = "";

            /**
             * StatusReport staff.
             * @member {lienthong.v1.Staff.$Properties|null|undefined} staff
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.staff = null;

            /**
             * StatusReport description.
             * @member {string} description
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.description = "";

            /**
             * StatusReport timestampMs.
             * @member {number} timestampMs
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.timestampMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StatusReport signature.
             * @member {lienthong.v1.Signature.$Properties|null|undefined} signature
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.signature = null;

            /**
             * StatusReport documentSha256.
             * @member {Uint8Array} documentSha256
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.documentSha256 = $util.newBuffer([]);

            /**
             * StatusReport edxmlOriginal.
             * @member {Uint8Array} edxmlOriginal
             * @memberof lienthong.v1.StatusReport
             * @instance
             */
            StatusReport.prototype.edxmlOriginal = $util.newBuffer([]);

            /**
             * Creates a new StatusReport instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {lienthong.v1.StatusReport.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.StatusReport} StatusReport instance
             * @type {{
             *   (properties: lienthong.v1.StatusReport.$Shape): lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape;
             *   (properties?: lienthong.v1.StatusReport.$Properties): lienthong.v1.StatusReport;
             * }}
             */
            StatusReport.create = function(properties) {
                return new StatusReport(properties);
            };

            /**
             * Encodes the specified StatusReport message. Does not implicitly {@link lienthong.v1.StatusReport.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {lienthong.v1.StatusReport.$Properties} m StatusReport message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusReport.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.code);
                if (m.responder != null && $Object.hasOwnProperty.call(m, "responder") && m.responder !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.responder);
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.documentId);
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender") && m.documentSender !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.documentSender);
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff"))
                    $root.lienthong.v1.Staff.encode(m.staff, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.description);
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs") && (typeof m.timestampMs === "object" ? m.timestampMs.low || m.timestampMs.high : m.timestampMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.timestampMs);
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature"))
                    $root.lienthong.v1.Signature.encode(m.signature, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.documentSha256 != null && $Object.hasOwnProperty.call(m, "documentSha256") && m.documentSha256.length)
                    w.uint32(/* id 9, wireType 2 =*/74).bytes(m.documentSha256);
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal") && m.edxmlOriginal.length)
                    w.uint32(/* id 10, wireType 2 =*/82).bytes(m.edxmlOriginal);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified StatusReport message, length delimited. Does not implicitly {@link lienthong.v1.StatusReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {lienthong.v1.StatusReport.$Properties} message StatusReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StatusReport message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusReport.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.StatusReport();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.responder = v;
                            else
                                delete m.responder;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentSender = v;
                            else
                                delete m.documentSender;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.staff = $root.lienthong.v1.Staff.decode(r, r.size(), $undefined, q + 1, m.staff);
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timestampMs = v;
                            else
                                delete m.timestampMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.signature = $root.lienthong.v1.Signature.decode(r, r.size(), $undefined, q + 1, m.signature);
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.documentSha256 = v;
                            else
                                delete m.documentSha256;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.edxmlOriginal = v;
                            else
                                delete m.edxmlOriginal;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a StatusReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.StatusReport & lienthong.v1.StatusReport.$Shape} StatusReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StatusReport message.
             * @function verify
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StatusReport.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (typeof m.code !== "number" || (m.code | 0) !== m.code)
                        return "code: enum value expected";
                }
                if (m.responder != null && $Object.hasOwnProperty.call(m, "responder")) {
                    if (!$util.isString(m.responder))
                        return "responder: string expected";
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender")) {
                    if (!$util.isString(m.documentSender))
                        return "documentSender: string expected";
                }
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff")) {
                    {
                        var e = $root.lienthong.v1.Staff.verify(m.staff, q + 1);
                        if (e)
                            return "staff." + e;
                    }
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    if (!$util.isString(m.description))
                        return "description: string expected";
                }
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs")) {
                    if (!$util.isInteger(m.timestampMs) && !(m.timestampMs && $util.isInteger(m.timestampMs.low) && $util.isInteger(m.timestampMs.high)))
                        return "timestampMs: integer|Long expected";
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    {
                        var e = $root.lienthong.v1.Signature.verify(m.signature, q + 1);
                        if (e)
                            return "signature." + e;
                    }
                }
                if (m.documentSha256 != null && $Object.hasOwnProperty.call(m, "documentSha256")) {
                    if (!(m.documentSha256 && typeof m.documentSha256.length === "number" || $util.isString(m.documentSha256)))
                        return "documentSha256: buffer expected";
                }
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal")) {
                    if (!(m.edxmlOriginal && typeof m.edxmlOriginal.length === "number" || $util.isString(m.edxmlOriginal)))
                        return "edxmlOriginal: buffer expected";
                }
                return null;
            };

            /**
             * Creates a StatusReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.StatusReport} StatusReport
             */
            StatusReport.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.StatusReport)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.StatusReport: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.StatusReport();
                if (d.code !== 0 && (typeof d.code !== "string" || $root.lienthong.v1.BusinessStatus[d.code] !== 0)) {
                    switch (d.code) {
                    case "BUSINESS_STATUS_UNSPECIFIED":
                    case 0:
                        m.code = 0;
                        break;
                    case "BUSINESS_STATUS_ARRIVED":
                    case 1:
                        m.code = 1;
                        break;
                    case "BUSINESS_STATUS_REJECTED":
                    case 2:
                        m.code = 2;
                        break;
                    case "BUSINESS_STATUS_ACCEPTED":
                    case 3:
                        m.code = 3;
                        break;
                    case "BUSINESS_STATUS_ASSIGNED":
                    case 4:
                        m.code = 4;
                        break;
                    case "BUSINESS_STATUS_IN_PROGRESS":
                    case 5:
                        m.code = 5;
                        break;
                    case "BUSINESS_STATUS_COMPLETED":
                    case 6:
                        m.code = 6;
                        break;
                    case "BUSINESS_STATUS_RECALL_REQUESTED":
                    case 13:
                        m.code = 13;
                        break;
                    case "BUSINESS_STATUS_CHANGE_ACCEPTED":
                    case 15:
                        m.code = 15;
                        break;
                    case "BUSINESS_STATUS_CHANGE_REFUSED":
                    case 16:
                        m.code = 16;
                        break;
                    default:
                        if (typeof d.code === "number" && (d.code | 0) === d.code)
                            m.code = d.code;
                    }
                }
                if (d.responder != null) {
                    if (typeof d.responder !== "string" || d.responder.length) {
                        m.responder = $String(d.responder);
                    }
                }
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.documentSender != null) {
                    if (typeof d.documentSender !== "string" || d.documentSender.length) {
                        m.documentSender = $String(d.documentSender);
                    }
                }
                if (d.staff != null) {
                    if (!$util.isObject(d.staff))
                        throw $TypeError(".lienthong.v1.StatusReport.staff: object expected");
                    m.staff = $root.lienthong.v1.Staff.fromObject(d.staff, q + 1);
                }
                if (d.description != null) {
                    if (typeof d.description !== "string" || d.description.length) {
                        m.description = $String(d.description);
                    }
                }
                if (d.timestampMs != null) {
                    if (typeof d.timestampMs === "object" ? d.timestampMs.low || d.timestampMs.high : $Number(d.timestampMs) !== 0) {
                        if ($util.Long)
                            m.timestampMs = $util.Long.fromValue(d.timestampMs, false);
                        else if (typeof d.timestampMs === "string")
                            m.timestampMs = $parseInt(d.timestampMs, 10);
                        else if (typeof d.timestampMs === "number")
                            m.timestampMs = d.timestampMs;
                        else if (typeof d.timestampMs === "object")
                            m.timestampMs = new $util.LongBits(d.timestampMs.low >>> 0, d.timestampMs.high >>> 0).toNumber();
                    }
                }
                if (d.signature != null) {
                    if (!$util.isObject(d.signature))
                        throw $TypeError(".lienthong.v1.StatusReport.signature: object expected");
                    m.signature = $root.lienthong.v1.Signature.fromObject(d.signature, q + 1);
                }
                if (d.documentSha256 != null) {
                    if (d.documentSha256.length) {
                        if (typeof d.documentSha256 === "string")
                            $util.base64.decode(d.documentSha256, m.documentSha256 = $util.newBuffer($util.base64.length(d.documentSha256)), 0);
                        else if (d.documentSha256.length >= 0)
                            m.documentSha256 = d.documentSha256;
                    }
                }
                if (d.edxmlOriginal != null) {
                    if (d.edxmlOriginal.length) {
                        if (typeof d.edxmlOriginal === "string")
                            $util.base64.decode(d.edxmlOriginal, m.edxmlOriginal = $util.newBuffer($util.base64.length(d.edxmlOriginal)), 0);
                        else if (d.edxmlOriginal.length >= 0)
                            m.edxmlOriginal = d.edxmlOriginal;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StatusReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {lienthong.v1.StatusReport} m StatusReport
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StatusReport.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.code = o.enums === $String ? "BUSINESS_STATUS_UNSPECIFIED" : 0;
                    d.responder = "";
                    d.documentId = "";
                    d.documentSender = "";
                    d.staff = null;
                    d.description = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timestampMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timestampMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.signature = null;
                    if (o.bytes === $String)
                        d.documentSha256 = "";
                    else {
                        d.documentSha256 = [];
                        if (o.bytes !== $Array)
                            d.documentSha256 = $util.newBuffer(d.documentSha256);
                    }
                    if (o.bytes === $String)
                        d.edxmlOriginal = "";
                    else {
                        d.edxmlOriginal = [];
                        if (o.bytes !== $Array)
                            d.edxmlOriginal = $util.newBuffer(d.edxmlOriginal);
                    }
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = o.enums === $String ? $root.lienthong.v1.BusinessStatus[m.code] === $undefined ? m.code : $root.lienthong.v1.BusinessStatus[m.code] : m.code;
                }
                if (m.responder != null && $Object.hasOwnProperty.call(m, "responder")) {
                    d.responder = m.responder;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender")) {
                    d.documentSender = m.documentSender;
                }
                if (m.staff != null && $Object.hasOwnProperty.call(m, "staff")) {
                    d.staff = $root.lienthong.v1.Staff.toObject(m.staff, o, q + 1);
                }
                if (m.description != null && $Object.hasOwnProperty.call(m, "description")) {
                    d.description = m.description;
                }
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timestampMs = typeof m.timestampMs === "number" ? $BigInt(m.timestampMs) : $util.Long.fromBits(m.timestampMs.low >>> 0, m.timestampMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timestampMs === "number")
                        d.timestampMs = o.longs === $String ? $String(m.timestampMs) : m.timestampMs;
                    else
                        d.timestampMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timestampMs) : o.longs === $Number ? new $util.LongBits(m.timestampMs.low >>> 0, m.timestampMs.high >>> 0).toNumber() : m.timestampMs;
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    d.signature = $root.lienthong.v1.Signature.toObject(m.signature, o, q + 1);
                }
                if (m.documentSha256 != null && $Object.hasOwnProperty.call(m, "documentSha256")) {
                    d.documentSha256 = o.bytes === $String ? $util.base64.encode(m.documentSha256, 0, m.documentSha256.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.documentSha256) : m.documentSha256;
                }
                if (m.edxmlOriginal != null && $Object.hasOwnProperty.call(m, "edxmlOriginal")) {
                    d.edxmlOriginal = o.bytes === $String ? $util.base64.encode(m.edxmlOriginal, 0, m.edxmlOriginal.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.edxmlOriginal) : m.edxmlOriginal;
                }
                return d;
            };

            /**
             * Converts this StatusReport to JSON.
             * @function toJSON
             * @memberof lienthong.v1.StatusReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StatusReport.prototype.toJSON = function() {
                return StatusReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StatusReport
             * @function getTypeUrl
             * @memberof lienthong.v1.StatusReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StatusReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.StatusReport";
            };

            return StatusReport;
        })();

        /**
         * TransportState enum.
         * @name lienthong.v1.TransportState
         * @enum {number}
         * @property {number} TRANSPORT_STATE_UNSPECIFIED=0 TRANSPORT_STATE_UNSPECIFIED value
         * @property {number} TRANSPORT_STATE_ACCEPTED=1 TRANSPORT_STATE_ACCEPTED value
         * @property {number} TRANSPORT_STATE_RELAYED=2 TRANSPORT_STATE_RELAYED value
         * @property {number} TRANSPORT_STATE_DELIVERED=3 TRANSPORT_STATE_DELIVERED value
         * @property {number} TRANSPORT_STATE_FETCHED=4 TRANSPORT_STATE_FETCHED value
         * @property {number} TRANSPORT_STATE_FAILED=5 TRANSPORT_STATE_FAILED value
         * @property {number} TRANSPORT_STATE_STATUS_REFUSED=6 TRANSPORT_STATE_STATUS_REFUSED value
         */
        v1.TransportState = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TRANSPORT_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TRANSPORT_STATE_ACCEPTED"] = 1;
            values[valuesById[2] = "TRANSPORT_STATE_RELAYED"] = 2;
            values[valuesById[3] = "TRANSPORT_STATE_DELIVERED"] = 3;
            values[valuesById[4] = "TRANSPORT_STATE_FETCHED"] = 4;
            values[valuesById[5] = "TRANSPORT_STATE_FAILED"] = 5;
            values[valuesById[6] = "TRANSPORT_STATE_STATUS_REFUSED"] = 6;
            return values;
        })();

        /**
         * FailureReason enum.
         * @name lienthong.v1.FailureReason
         * @enum {number}
         * @property {number} FAILURE_REASON_UNSPECIFIED=0 FAILURE_REASON_UNSPECIFIED value
         * @property {number} FAILURE_REASON_MALFORMED=1 FAILURE_REASON_MALFORMED value
         * @property {number} FAILURE_REASON_UNSUPPORTED_SCHEMA=2 FAILURE_REASON_UNSUPPORTED_SCHEMA value
         * @property {number} FAILURE_REASON_INVALID_AGENCY_CODE=3 FAILURE_REASON_INVALID_AGENCY_CODE value
         * @property {number} FAILURE_REASON_UNKNOWN_RECIPIENT=4 FAILURE_REASON_UNKNOWN_RECIPIENT value
         * @property {number} FAILURE_REASON_SENDER_MISMATCH=5 FAILURE_REASON_SENDER_MISMATCH value
         * @property {number} FAILURE_REASON_HOP_LIMIT_EXCEEDED=6 FAILURE_REASON_HOP_LIMIT_EXCEEDED value
         * @property {number} FAILURE_REASON_TOO_LARGE=7 FAILURE_REASON_TOO_LARGE value
         * @property {number} FAILURE_REASON_INVALID_STATUS=8 FAILURE_REASON_INVALID_STATUS value
         * @property {number} FAILURE_REASON_BAD_SIGNATURE=9 FAILURE_REASON_BAD_SIGNATURE value
         * @property {number} FAILURE_REASON_UNKNOWN_DOCUMENT=10 FAILURE_REASON_UNKNOWN_DOCUMENT value
         * @property {number} FAILURE_REASON_WRONG_HOME_NODE=11 FAILURE_REASON_WRONG_HOME_NODE value
         * @property {number} FAILURE_REASON_UNKNOWN_SENDER=12 FAILURE_REASON_UNKNOWN_SENDER value
         * @property {number} FAILURE_REASON_ATTACHMENT_TOO_LARGE=20 FAILURE_REASON_ATTACHMENT_TOO_LARGE value
         * @property {number} FAILURE_REASON_ATTACHMENT_CORRUPT=21 FAILURE_REASON_ATTACHMENT_CORRUPT value
         * @property {number} FAILURE_REASON_ATTACHMENT_MISSING=22 FAILURE_REASON_ATTACHMENT_MISSING value
         * @property {number} FAILURE_REASON_MISSING_SIGNATURE=40 FAILURE_REASON_MISSING_SIGNATURE value
         * @property {number} FAILURE_REASON_KEY_NOT_VALID=41 FAILURE_REASON_KEY_NOT_VALID value
         * @property {number} FAILURE_REASON_STALE_SIGNATURE=42 FAILURE_REASON_STALE_SIGNATURE value
         * @property {number} FAILURE_REASON_NOT_A_RECIPIENT=43 FAILURE_REASON_NOT_A_RECIPIENT value
         * @property {number} FAILURE_REASON_AGENCY_CLOSED=50 FAILURE_REASON_AGENCY_CLOSED value
         * @property {number} FAILURE_REASON_EDXML_SIGNATURE=60 FAILURE_REASON_EDXML_SIGNATURE value
         */
        v1.FailureReason = (function() {
            var valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "FAILURE_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "FAILURE_REASON_MALFORMED"] = 1;
            values[valuesById[2] = "FAILURE_REASON_UNSUPPORTED_SCHEMA"] = 2;
            values[valuesById[3] = "FAILURE_REASON_INVALID_AGENCY_CODE"] = 3;
            values[valuesById[4] = "FAILURE_REASON_UNKNOWN_RECIPIENT"] = 4;
            values[valuesById[5] = "FAILURE_REASON_SENDER_MISMATCH"] = 5;
            values[valuesById[6] = "FAILURE_REASON_HOP_LIMIT_EXCEEDED"] = 6;
            values[valuesById[7] = "FAILURE_REASON_TOO_LARGE"] = 7;
            values[valuesById[8] = "FAILURE_REASON_INVALID_STATUS"] = 8;
            values[valuesById[9] = "FAILURE_REASON_BAD_SIGNATURE"] = 9;
            values[valuesById[10] = "FAILURE_REASON_UNKNOWN_DOCUMENT"] = 10;
            values[valuesById[11] = "FAILURE_REASON_WRONG_HOME_NODE"] = 11;
            values[valuesById[12] = "FAILURE_REASON_UNKNOWN_SENDER"] = 12;
            values[valuesById[20] = "FAILURE_REASON_ATTACHMENT_TOO_LARGE"] = 20;
            values[valuesById[21] = "FAILURE_REASON_ATTACHMENT_CORRUPT"] = 21;
            values[valuesById[22] = "FAILURE_REASON_ATTACHMENT_MISSING"] = 22;
            values[valuesById[40] = "FAILURE_REASON_MISSING_SIGNATURE"] = 40;
            values[valuesById[41] = "FAILURE_REASON_KEY_NOT_VALID"] = 41;
            values[valuesById[42] = "FAILURE_REASON_STALE_SIGNATURE"] = 42;
            values[valuesById[43] = "FAILURE_REASON_NOT_A_RECIPIENT"] = 43;
            values[valuesById[50] = "FAILURE_REASON_AGENCY_CLOSED"] = 50;
            values[valuesById[60] = "FAILURE_REASON_EDXML_SIGNATURE"] = 60;
            return values;
        })();

        v1.Hop = (function() {

            /**
             * Properties of a Hop.
             * @typedef {Object} lienthong.v1.Hop.$Properties
             * @property {string|null} [node] Hop node
             * @property {lienthong.v1.Level|null} [level] Hop level
             * @property {number|null} [inMs] Hop inMs
             * @property {number|null} [outMs] Hop outMs
             * @property {boolean|null} [passedLocally] Hop passedLocally
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hop.
             * @memberof lienthong.v1
             * @interface IHop
             * @augments lienthong.v1.Hop.$Properties
             * @deprecated Use lienthong.v1.Hop.$Properties instead.
             */

            /**
             * Shape of a Hop.
             * @typedef {lienthong.v1.Hop.$Properties} lienthong.v1.Hop.$Shape
             */

            /**
             * Constructs a new Hop.
             * @memberof lienthong.v1
             * @classdesc Represents a Hop.
             * @constructor
             * @param {lienthong.v1.Hop.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Hop = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Hop node.
             * @member {string} node
             * @memberof lienthong.v1.Hop
             * @instance
             */
            Hop.prototype.node = "";

            /**
             * Hop level.
             * @member {lienthong.v1.Level} level
             * @memberof lienthong.v1.Hop
             * @instance
             */
            Hop.prototype.level = 0;

            /**
             * Hop inMs.
             * @member {number} inMs
             * @memberof lienthong.v1.Hop
             * @instance
             */
            Hop.prototype.inMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Hop outMs.
             * @member {number} outMs
             * @memberof lienthong.v1.Hop
             * @instance
             */
            Hop.prototype.outMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Hop passedLocally.
             * @member {boolean} passedLocally
             * @memberof lienthong.v1.Hop
             * @instance
             */
            Hop.prototype.passedLocally = false;

            /**
             * Creates a new Hop instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.Hop
             * @static
             * @param {lienthong.v1.Hop.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.Hop} Hop instance
             * @type {{
             *   (properties: lienthong.v1.Hop.$Shape): lienthong.v1.Hop & lienthong.v1.Hop.$Shape;
             *   (properties?: lienthong.v1.Hop.$Properties): lienthong.v1.Hop;
             * }}
             */
            Hop.create = function(properties) {
                return new Hop(properties);
            };

            /**
             * Encodes the specified Hop message. Does not implicitly {@link lienthong.v1.Hop.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.Hop
             * @static
             * @param {lienthong.v1.Hop.$Properties} m Hop message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hop.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.node);
                if (m.level != null && $Object.hasOwnProperty.call(m, "level") && m.level !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.level);
                if (m.inMs != null && $Object.hasOwnProperty.call(m, "inMs") && (typeof m.inMs === "object" ? m.inMs.low || m.inMs.high : m.inMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.inMs);
                if (m.outMs != null && $Object.hasOwnProperty.call(m, "outMs") && (typeof m.outMs === "object" ? m.outMs.low || m.outMs.high : m.outMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.outMs);
                if (m.passedLocally != null && $Object.hasOwnProperty.call(m, "passedLocally") && m.passedLocally !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.passedLocally);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Hop message, length delimited. Does not implicitly {@link lienthong.v1.Hop.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.Hop
             * @static
             * @param {lienthong.v1.Hop.$Properties} message Hop message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hop.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Hop message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.Hop
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.Hop & lienthong.v1.Hop.$Shape} Hop
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hop.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.Hop();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.node = v;
                            else
                                delete m.node;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.level = v;
                            else
                                delete m.level;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.inMs = v;
                            else
                                delete m.inMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.outMs = v;
                            else
                                delete m.outMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.passedLocally = v;
                            else
                                delete m.passedLocally;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Hop message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.Hop
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.Hop & lienthong.v1.Hop.$Shape} Hop
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hop.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Hop message.
             * @function verify
             * @memberof lienthong.v1.Hop
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hop.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    if (!$util.isString(m.node))
                        return "node: string expected";
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    if (typeof m.level !== "number" || (m.level | 0) !== m.level)
                        return "level: enum value expected";
                }
                if (m.inMs != null && $Object.hasOwnProperty.call(m, "inMs")) {
                    if (!$util.isInteger(m.inMs) && !(m.inMs && $util.isInteger(m.inMs.low) && $util.isInteger(m.inMs.high)))
                        return "inMs: integer|Long expected";
                }
                if (m.outMs != null && $Object.hasOwnProperty.call(m, "outMs")) {
                    if (!$util.isInteger(m.outMs) && !(m.outMs && $util.isInteger(m.outMs.low) && $util.isInteger(m.outMs.high)))
                        return "outMs: integer|Long expected";
                }
                if (m.passedLocally != null && $Object.hasOwnProperty.call(m, "passedLocally")) {
                    if (typeof m.passedLocally !== "boolean")
                        return "passedLocally: boolean expected";
                }
                return null;
            };

            /**
             * Creates a Hop message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.Hop
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.Hop} Hop
             */
            Hop.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.Hop)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.Hop: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.Hop();
                if (d.node != null) {
                    if (typeof d.node !== "string" || d.node.length) {
                        m.node = $String(d.node);
                    }
                }
                if (d.level !== 0 && (typeof d.level !== "string" || $root.lienthong.v1.Level[d.level] !== 0)) {
                    switch (d.level) {
                    case "LEVEL_UNSPECIFIED":
                    case 0:
                        m.level = 0;
                        break;
                    case "LEVEL_CENTRAL":
                    case 1:
                        m.level = 1;
                        break;
                    case "LEVEL_PROVINCE":
                    case 2:
                        m.level = 2;
                        break;
                    case "LEVEL_DISTRICT":
                    case 3:
                        m.level = 3;
                        break;
                    case "LEVEL_COMMUNE":
                    case 4:
                        m.level = 4;
                        break;
                    default:
                        if (typeof d.level === "number" && (d.level | 0) === d.level)
                            m.level = d.level;
                    }
                }
                if (d.inMs != null) {
                    if (typeof d.inMs === "object" ? d.inMs.low || d.inMs.high : $Number(d.inMs) !== 0) {
                        if ($util.Long)
                            m.inMs = $util.Long.fromValue(d.inMs, false);
                        else if (typeof d.inMs === "string")
                            m.inMs = $parseInt(d.inMs, 10);
                        else if (typeof d.inMs === "number")
                            m.inMs = d.inMs;
                        else if (typeof d.inMs === "object")
                            m.inMs = new $util.LongBits(d.inMs.low >>> 0, d.inMs.high >>> 0).toNumber();
                    }
                }
                if (d.outMs != null) {
                    if (typeof d.outMs === "object" ? d.outMs.low || d.outMs.high : $Number(d.outMs) !== 0) {
                        if ($util.Long)
                            m.outMs = $util.Long.fromValue(d.outMs, false);
                        else if (typeof d.outMs === "string")
                            m.outMs = $parseInt(d.outMs, 10);
                        else if (typeof d.outMs === "number")
                            m.outMs = d.outMs;
                        else if (typeof d.outMs === "object")
                            m.outMs = new $util.LongBits(d.outMs.low >>> 0, d.outMs.high >>> 0).toNumber();
                    }
                }
                if (d.passedLocally != null) {
                    if (d.passedLocally) {
                        m.passedLocally = $Boolean(d.passedLocally);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Hop message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.Hop
             * @static
             * @param {lienthong.v1.Hop} m Hop
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hop.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.node = "";
                    d.level = o.enums === $String ? "LEVEL_UNSPECIFIED" : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.inMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.inMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.outMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.outMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.passedLocally = false;
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    d.node = m.node;
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    d.level = o.enums === $String ? $root.lienthong.v1.Level[m.level] === $undefined ? m.level : $root.lienthong.v1.Level[m.level] : m.level;
                }
                if (m.inMs != null && $Object.hasOwnProperty.call(m, "inMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.inMs = typeof m.inMs === "number" ? $BigInt(m.inMs) : $util.Long.fromBits(m.inMs.low >>> 0, m.inMs.high >>> 0, false).toBigInt();
                    else if (typeof m.inMs === "number")
                        d.inMs = o.longs === $String ? $String(m.inMs) : m.inMs;
                    else
                        d.inMs = o.longs === $String ? $util.Long.prototype.toString.call(m.inMs) : o.longs === $Number ? new $util.LongBits(m.inMs.low >>> 0, m.inMs.high >>> 0).toNumber() : m.inMs;
                }
                if (m.outMs != null && $Object.hasOwnProperty.call(m, "outMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.outMs = typeof m.outMs === "number" ? $BigInt(m.outMs) : $util.Long.fromBits(m.outMs.low >>> 0, m.outMs.high >>> 0, false).toBigInt();
                    else if (typeof m.outMs === "number")
                        d.outMs = o.longs === $String ? $String(m.outMs) : m.outMs;
                    else
                        d.outMs = o.longs === $String ? $util.Long.prototype.toString.call(m.outMs) : o.longs === $Number ? new $util.LongBits(m.outMs.low >>> 0, m.outMs.high >>> 0).toNumber() : m.outMs;
                }
                if (m.passedLocally != null && $Object.hasOwnProperty.call(m, "passedLocally")) {
                    d.passedLocally = m.passedLocally;
                }
                return d;
            };

            /**
             * Converts this Hop to JSON.
             * @function toJSON
             * @memberof lienthong.v1.Hop
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hop.prototype.toJSON = function() {
                return Hop.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hop
             * @function getTypeUrl
             * @memberof lienthong.v1.Hop
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hop.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.Hop";
            };

            return Hop;
        })();

        v1.TransportEvent = (function() {

            /**
             * Properties of a TransportEvent.
             * @typedef {Object} lienthong.v1.TransportEvent.$Properties
             * @property {lienthong.v1.TransportState|null} [state] TransportEvent state
             * @property {string|null} [documentId] TransportEvent documentId
             * @property {string|null} [documentSender] TransportEvent documentSender
             * @property {string|null} [recipient] TransportEvent recipient
             * @property {string|null} [node] TransportEvent node
             * @property {number|null} [atMs] TransportEvent atMs
             * @property {lienthong.v1.FailureReason|null} [failure] TransportEvent failure
             * @property {string|null} [detail] TransportEvent detail
             * @property {Array.<lienthong.v1.Hop.$Properties>|null} [hops] TransportEvent hops
             * @property {lienthong.v1.BusinessStatus|null} [status] TransportEvent status
             * @property {string|null} [statusEnvelopeId] TransportEvent statusEnvelopeId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TransportEvent.
             * @memberof lienthong.v1
             * @interface ITransportEvent
             * @augments lienthong.v1.TransportEvent.$Properties
             * @deprecated Use lienthong.v1.TransportEvent.$Properties instead.
             */

            /**
             * Shape of a TransportEvent.
             * @typedef {lienthong.v1.TransportEvent.$Properties} lienthong.v1.TransportEvent.$Shape
             */

            /**
             * Constructs a new TransportEvent.
             * @memberof lienthong.v1
             * @classdesc Represents a TransportEvent.
             * @constructor
             * @param {lienthong.v1.TransportEvent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var TransportEvent = function (p) {
                this.hops = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TransportEvent state.
             * @member {lienthong.v1.TransportState} state
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.state = 0;

            /**
             * TransportEvent documentId.
             * @member {string} documentId
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.documentId = "";

            /**
             * TransportEvent documentSender.
             * @member {string} documentSender
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.documentSender = "";

            /**
             * TransportEvent recipient.
             * @member {string} recipient
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.recipient = "";

            /**
             * TransportEvent node.
             * @member {string} node
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.node = "";

            /**
             * TransportEvent atMs.
             * @member {number} atMs
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * TransportEvent failure.
             * @member {lienthong.v1.FailureReason} failure
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.failure = 0;

            /**
             * TransportEvent detail.
             * @member {string} detail
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.detail = "";

            /**
             * TransportEvent hops.
             * @member {Array.<lienthong.v1.Hop.$Properties>} hops
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.hops = $util.emptyArray;

            /**
             * TransportEvent status.
             * @member {lienthong.v1.BusinessStatus} status
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.status = 0;

            /**
             * TransportEvent statusEnvelopeId.
             * @member {string} statusEnvelopeId
             * @memberof lienthong.v1.TransportEvent
             * @instance
             */
            TransportEvent.prototype.statusEnvelopeId = "";

            /**
             * Creates a new TransportEvent instance using the specified properties.
             * @function create
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {lienthong.v1.TransportEvent.$Properties=} [properties] Properties to set
             * @returns {lienthong.v1.TransportEvent} TransportEvent instance
             * @type {{
             *   (properties: lienthong.v1.TransportEvent.$Shape): lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape;
             *   (properties?: lienthong.v1.TransportEvent.$Properties): lienthong.v1.TransportEvent;
             * }}
             */
            TransportEvent.create = function(properties) {
                return new TransportEvent(properties);
            };

            /**
             * Encodes the specified TransportEvent message. Does not implicitly {@link lienthong.v1.TransportEvent.verify|verify} messages.
             * @function encode
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {lienthong.v1.TransportEvent.$Properties} m TransportEvent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TransportEvent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.state);
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId") && m.documentId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.documentId);
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender") && m.documentSender !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.documentSender);
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient") && m.recipient !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.recipient);
                if (m.node != null && $Object.hasOwnProperty.call(m, "node") && m.node !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.node);
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs") && (typeof m.atMs === "object" ? m.atMs.low || m.atMs.high : m.atMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.atMs);
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure") && m.failure !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).int32(m.failure);
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail") && m.detail !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.detail);
                if (m.hops != null && m.hops.length) {
                    for (var i = 0; i < m.hops.length; ++i)
                        $root.lienthong.v1.Hop.encode(m.hops[i], w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status") && m.status !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.status);
                if (m.statusEnvelopeId != null && $Object.hasOwnProperty.call(m, "statusEnvelopeId") && m.statusEnvelopeId !== "")
                    w.uint32(/* id 11, wireType 2 =*/90).string(m.statusEnvelopeId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified TransportEvent message, length delimited. Does not implicitly {@link lienthong.v1.TransportEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {lienthong.v1.TransportEvent.$Properties} message TransportEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TransportEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TransportEvent message from the specified reader or buffer.
             * @function decode
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape} TransportEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TransportEvent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.lienthong.v1.TransportEvent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentId = v;
                            else
                                delete m.documentId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.documentSender = v;
                            else
                                delete m.documentSender;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.recipient = v;
                            else
                                delete m.recipient;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.node = v;
                            else
                                delete m.node;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.atMs = v;
                            else
                                delete m.atMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.failure = v;
                            else
                                delete m.failure;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.detail = v;
                            else
                                delete m.detail;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if (!(m.hops && m.hops.length))
                                m.hops = [];
                            m.hops.push($root.lienthong.v1.Hop.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.status = v;
                            else
                                delete m.status;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.statusEnvelopeId = v;
                            else
                                delete m.statusEnvelopeId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a TransportEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {lienthong.v1.TransportEvent & lienthong.v1.TransportEvent.$Shape} TransportEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TransportEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TransportEvent message.
             * @function verify
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TransportEvent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    if (!$util.isString(m.documentId))
                        return "documentId: string expected";
                }
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender")) {
                    if (!$util.isString(m.documentSender))
                        return "documentSender: string expected";
                }
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient")) {
                    if (!$util.isString(m.recipient))
                        return "recipient: string expected";
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    if (!$util.isString(m.node))
                        return "node: string expected";
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (!$util.isInteger(m.atMs) && !(m.atMs && $util.isInteger(m.atMs.low) && $util.isInteger(m.atMs.high)))
                        return "atMs: integer|Long expected";
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    if (typeof m.failure !== "number" || (m.failure | 0) !== m.failure)
                        return "failure: enum value expected";
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    if (!$util.isString(m.detail))
                        return "detail: string expected";
                }
                if (m.hops != null && $Object.hasOwnProperty.call(m, "hops")) {
                    if (!$Array.isArray(m.hops))
                        return "hops: array expected";
                    for (var i = 0; i < m.hops.length; ++i) {
                        {
                            var e = $root.lienthong.v1.Hop.verify(m.hops[i], q + 1);
                            if (e)
                                return "hops." + e;
                        }
                    }
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    if (typeof m.status !== "number" || (m.status | 0) !== m.status)
                        return "status: enum value expected";
                }
                if (m.statusEnvelopeId != null && $Object.hasOwnProperty.call(m, "statusEnvelopeId")) {
                    if (!$util.isString(m.statusEnvelopeId))
                        return "statusEnvelopeId: string expected";
                }
                return null;
            };

            /**
             * Creates a TransportEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {lienthong.v1.TransportEvent} TransportEvent
             */
            TransportEvent.fromObject = function (d, q) {
                if (d instanceof $root.lienthong.v1.TransportEvent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".lienthong.v1.TransportEvent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.lienthong.v1.TransportEvent();
                if (d.state !== 0 && (typeof d.state !== "string" || $root.lienthong.v1.TransportState[d.state] !== 0)) {
                    switch (d.state) {
                    case "TRANSPORT_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "TRANSPORT_STATE_ACCEPTED":
                    case 1:
                        m.state = 1;
                        break;
                    case "TRANSPORT_STATE_RELAYED":
                    case 2:
                        m.state = 2;
                        break;
                    case "TRANSPORT_STATE_DELIVERED":
                    case 3:
                        m.state = 3;
                        break;
                    case "TRANSPORT_STATE_FETCHED":
                    case 4:
                        m.state = 4;
                        break;
                    case "TRANSPORT_STATE_FAILED":
                    case 5:
                        m.state = 5;
                        break;
                    case "TRANSPORT_STATE_STATUS_REFUSED":
                    case 6:
                        m.state = 6;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.documentId != null) {
                    if (typeof d.documentId !== "string" || d.documentId.length) {
                        m.documentId = $String(d.documentId);
                    }
                }
                if (d.documentSender != null) {
                    if (typeof d.documentSender !== "string" || d.documentSender.length) {
                        m.documentSender = $String(d.documentSender);
                    }
                }
                if (d.recipient != null) {
                    if (typeof d.recipient !== "string" || d.recipient.length) {
                        m.recipient = $String(d.recipient);
                    }
                }
                if (d.node != null) {
                    if (typeof d.node !== "string" || d.node.length) {
                        m.node = $String(d.node);
                    }
                }
                if (d.atMs != null) {
                    if (typeof d.atMs === "object" ? d.atMs.low || d.atMs.high : $Number(d.atMs) !== 0) {
                        if ($util.Long)
                            m.atMs = $util.Long.fromValue(d.atMs, false);
                        else if (typeof d.atMs === "string")
                            m.atMs = $parseInt(d.atMs, 10);
                        else if (typeof d.atMs === "number")
                            m.atMs = d.atMs;
                        else if (typeof d.atMs === "object")
                            m.atMs = new $util.LongBits(d.atMs.low >>> 0, d.atMs.high >>> 0).toNumber();
                    }
                }
                if (d.failure !== 0 && (typeof d.failure !== "string" || $root.lienthong.v1.FailureReason[d.failure] !== 0)) {
                    switch (d.failure) {
                    case "FAILURE_REASON_UNSPECIFIED":
                    case 0:
                        m.failure = 0;
                        break;
                    case "FAILURE_REASON_MALFORMED":
                    case 1:
                        m.failure = 1;
                        break;
                    case "FAILURE_REASON_UNSUPPORTED_SCHEMA":
                    case 2:
                        m.failure = 2;
                        break;
                    case "FAILURE_REASON_INVALID_AGENCY_CODE":
                    case 3:
                        m.failure = 3;
                        break;
                    case "FAILURE_REASON_UNKNOWN_RECIPIENT":
                    case 4:
                        m.failure = 4;
                        break;
                    case "FAILURE_REASON_SENDER_MISMATCH":
                    case 5:
                        m.failure = 5;
                        break;
                    case "FAILURE_REASON_HOP_LIMIT_EXCEEDED":
                    case 6:
                        m.failure = 6;
                        break;
                    case "FAILURE_REASON_TOO_LARGE":
                    case 7:
                        m.failure = 7;
                        break;
                    case "FAILURE_REASON_INVALID_STATUS":
                    case 8:
                        m.failure = 8;
                        break;
                    case "FAILURE_REASON_BAD_SIGNATURE":
                    case 9:
                        m.failure = 9;
                        break;
                    case "FAILURE_REASON_UNKNOWN_DOCUMENT":
                    case 10:
                        m.failure = 10;
                        break;
                    case "FAILURE_REASON_WRONG_HOME_NODE":
                    case 11:
                        m.failure = 11;
                        break;
                    case "FAILURE_REASON_UNKNOWN_SENDER":
                    case 12:
                        m.failure = 12;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_TOO_LARGE":
                    case 20:
                        m.failure = 20;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_CORRUPT":
                    case 21:
                        m.failure = 21;
                        break;
                    case "FAILURE_REASON_ATTACHMENT_MISSING":
                    case 22:
                        m.failure = 22;
                        break;
                    case "FAILURE_REASON_MISSING_SIGNATURE":
                    case 40:
                        m.failure = 40;
                        break;
                    case "FAILURE_REASON_KEY_NOT_VALID":
                    case 41:
                        m.failure = 41;
                        break;
                    case "FAILURE_REASON_STALE_SIGNATURE":
                    case 42:
                        m.failure = 42;
                        break;
                    case "FAILURE_REASON_NOT_A_RECIPIENT":
                    case 43:
                        m.failure = 43;
                        break;
                    case "FAILURE_REASON_AGENCY_CLOSED":
                    case 50:
                        m.failure = 50;
                        break;
                    case "FAILURE_REASON_EDXML_SIGNATURE":
                    case 60:
                        m.failure = 60;
                        break;
                    default:
                        if (typeof d.failure === "number" && (d.failure | 0) === d.failure)
                            m.failure = d.failure;
                    }
                }
                if (d.detail != null) {
                    if (typeof d.detail !== "string" || d.detail.length) {
                        m.detail = $String(d.detail);
                    }
                }
                if (d.hops) {
                    if (!$Array.isArray(d.hops))
                        throw $TypeError(".lienthong.v1.TransportEvent.hops: array expected");
                    m.hops = $Array(d.hops.length);
                    for (var i = 0; i < d.hops.length; ++i) {
                        if (!$util.isObject(d.hops[i]))
                            throw $TypeError(".lienthong.v1.TransportEvent.hops: object expected");
                        m.hops[i] = $root.lienthong.v1.Hop.fromObject(d.hops[i], q + 1);
                    }
                }
                if (d.status !== 0 && (typeof d.status !== "string" || $root.lienthong.v1.BusinessStatus[d.status] !== 0)) {
                    switch (d.status) {
                    case "BUSINESS_STATUS_UNSPECIFIED":
                    case 0:
                        m.status = 0;
                        break;
                    case "BUSINESS_STATUS_ARRIVED":
                    case 1:
                        m.status = 1;
                        break;
                    case "BUSINESS_STATUS_REJECTED":
                    case 2:
                        m.status = 2;
                        break;
                    case "BUSINESS_STATUS_ACCEPTED":
                    case 3:
                        m.status = 3;
                        break;
                    case "BUSINESS_STATUS_ASSIGNED":
                    case 4:
                        m.status = 4;
                        break;
                    case "BUSINESS_STATUS_IN_PROGRESS":
                    case 5:
                        m.status = 5;
                        break;
                    case "BUSINESS_STATUS_COMPLETED":
                    case 6:
                        m.status = 6;
                        break;
                    case "BUSINESS_STATUS_RECALL_REQUESTED":
                    case 13:
                        m.status = 13;
                        break;
                    case "BUSINESS_STATUS_CHANGE_ACCEPTED":
                    case 15:
                        m.status = 15;
                        break;
                    case "BUSINESS_STATUS_CHANGE_REFUSED":
                    case 16:
                        m.status = 16;
                        break;
                    default:
                        if (typeof d.status === "number" && (d.status | 0) === d.status)
                            m.status = d.status;
                    }
                }
                if (d.statusEnvelopeId != null) {
                    if (typeof d.statusEnvelopeId !== "string" || d.statusEnvelopeId.length) {
                        m.statusEnvelopeId = $String(d.statusEnvelopeId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TransportEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {lienthong.v1.TransportEvent} m TransportEvent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TransportEvent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.hops = [];
                }
                if (o.defaults) {
                    d.state = o.enums === $String ? "TRANSPORT_STATE_UNSPECIFIED" : 0;
                    d.documentId = "";
                    d.documentSender = "";
                    d.recipient = "";
                    d.node = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.atMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.atMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.failure = o.enums === $String ? "FAILURE_REASON_UNSPECIFIED" : 0;
                    d.detail = "";
                    d.status = o.enums === $String ? "BUSINESS_STATUS_UNSPECIFIED" : 0;
                    d.statusEnvelopeId = "";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.lienthong.v1.TransportState[m.state] === $undefined ? m.state : $root.lienthong.v1.TransportState[m.state] : m.state;
                }
                if (m.documentId != null && $Object.hasOwnProperty.call(m, "documentId")) {
                    d.documentId = m.documentId;
                }
                if (m.documentSender != null && $Object.hasOwnProperty.call(m, "documentSender")) {
                    d.documentSender = m.documentSender;
                }
                if (m.recipient != null && $Object.hasOwnProperty.call(m, "recipient")) {
                    d.recipient = m.recipient;
                }
                if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                    d.node = m.node;
                }
                if (m.atMs != null && $Object.hasOwnProperty.call(m, "atMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.atMs = typeof m.atMs === "number" ? $BigInt(m.atMs) : $util.Long.fromBits(m.atMs.low >>> 0, m.atMs.high >>> 0, false).toBigInt();
                    else if (typeof m.atMs === "number")
                        d.atMs = o.longs === $String ? $String(m.atMs) : m.atMs;
                    else
                        d.atMs = o.longs === $String ? $util.Long.prototype.toString.call(m.atMs) : o.longs === $Number ? new $util.LongBits(m.atMs.low >>> 0, m.atMs.high >>> 0).toNumber() : m.atMs;
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    d.failure = o.enums === $String ? $root.lienthong.v1.FailureReason[m.failure] === $undefined ? m.failure : $root.lienthong.v1.FailureReason[m.failure] : m.failure;
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    d.detail = m.detail;
                }
                if (m.hops && m.hops.length) {
                    d.hops = $Array(m.hops.length);
                    for (var j = 0; j < m.hops.length; ++j) {
                        d.hops[j] = $root.lienthong.v1.Hop.toObject(m.hops[j], o, q + 1);
                    }
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    d.status = o.enums === $String ? $root.lienthong.v1.BusinessStatus[m.status] === $undefined ? m.status : $root.lienthong.v1.BusinessStatus[m.status] : m.status;
                }
                if (m.statusEnvelopeId != null && $Object.hasOwnProperty.call(m, "statusEnvelopeId")) {
                    d.statusEnvelopeId = m.statusEnvelopeId;
                }
                return d;
            };

            /**
             * Converts this TransportEvent to JSON.
             * @function toJSON
             * @memberof lienthong.v1.TransportEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TransportEvent.prototype.toJSON = function() {
                return TransportEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TransportEvent
             * @function getTypeUrl
             * @memberof lienthong.v1.TransportEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TransportEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/lienthong.v1.TransportEvent";
            };

            return TransportEvent;
        })();

        return v1;
    })();

    return lienthong;
})();

module.exports = $root;

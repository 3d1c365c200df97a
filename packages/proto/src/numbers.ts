/**
 * All 64-bit fields of this contract are Unix milliseconds or byte sizes, far below 2^53: make
 * protobufjs use plain numbers instead of Long objects. This must run before the generated code
 * loads, because the generated prototypes take their int64 defaults from `util.Long` at load time.
 */
import * as protobuf from 'protobufjs/minimal';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

/**
 * VXP registerAgency / deleteAgency for a system with operator rights: the change is written to the
 * directory (KV `lt_directory`), which every running node follows at once, as `lienthong agency add`
 * does. Any other caller is refused: directory changes go through the operator.
 */
import { BUCKETS, directoryKeys, isAgencyCode } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AgencyRecord } from '@lienthong/proto';
import type { NatsHandles } from '@lienthong/infra';
import type { Caller } from './auth';
import { one } from './auth';
import { VXP_ERRORS, VxpError } from './protocol';

export const DIRECTORY_READ_ONLY =
  'directory changes go through the operator (lienthong agency add|move, the topology file), not over VXP';

/** What registerAgency's body may say (the client sends it verbatim; its fields are not defined). */
interface Registration {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly pid?: unknown;
  readonly parentCode?: unknown;
  readonly node?: unknown;
  readonly homeNode?: unknown;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function bad(message: string): VxpError {
  return new VxpError(VXP_ERRORS.BAD_REQUEST, message);
}

type Kvm = NatsHandles['kvm'];

export class DirectoryChanges {
  constructor(
    private readonly kvm: Kvm | undefined,
    private readonly topology: () => Topology,
  ) {}

  private allowed(c: Caller): Kvm {
    if (!c.operator) throw new VxpError(VXP_ERRORS.DIRECTORY_READ_ONLY, DIRECTORY_READ_ONLY);
    if (!this.kvm) throw new VxpError(VXP_ERRORS.UNAVAILABLE, 'this node has no directory to write to');
    return this.kvm;
  }

  /** Adds the agency the body names: code, name, pid (its parent's code), node (its home node). */
  async register(c: Caller, body: Buffer): Promise<string> {
    const kvm = this.allowed(c);
    let r: Registration;
    try {
      r = JSON.parse(body.toString('utf8')) as Registration;
    } catch {
      throw bad('registerAgency: the body is not JSON');
    }
    if (typeof r !== 'object' || r === null) throw bad('registerAgency: the body is not a JSON object');
    const code = text(r.code);
    if (!code || !isAgencyCode(code))
      throw bad(`registerAgency: code '${String(r.code)}' is not an agency code`);
    const name = text(r.name);
    if (!name) throw bad('registerAgency: name is required');
    const topo = this.topology();
    const pidText = text(r.parentCode) ?? text(r.pid);
    const parent = pidText !== undefined && pidText !== '-1' && isAgencyCode(pidText) ? pidText : undefined;
    if (parent && !topo.agency(parent)) throw bad(`registerAgency: parent ${parent} is not in the directory`);
    const nodeId = text(r.node) ?? text(r.homeNode) ?? (parent ? topo.agency(parent)!.homeNode : undefined);
    if (!nodeId) throw bad('registerAgency: name its home node in node (or a parent in pid)');
    const home = topo.nodes().find((n) => n.id === nodeId);
    if (!home) throw bad(`registerAgency: node ${nodeId} is not in the directory`);
    if (topo.agency(code)) {
      throw new VxpError(VXP_ERRORS.CONFLICT, `registerAgency: ${code} is already in the directory`);
    }
    const record = AgencyRecord.create({
      code,
      name,
      tier: home.level,
      parentCode: parent ?? '',
      homeNode: home.id,
    });
    const kv = await kvm.open(BUCKETS.directory);
    try {
      await kv.create(directoryKeys.agency(code), AgencyRecord.encode(record).finish());
    } catch {
      throw new VxpError(VXP_ERRORS.CONFLICT, `registerAgency: ${code} was added meanwhile`);
    }
    return code;
  }

  /** Removes the agency the signed `code` (or `id`) names; refused while agencies belong to it. */
  async delete(c: Caller): Promise<string> {
    const kvm = this.allowed(c);
    const code = one(c, 'code') ?? one(c, 'id') ?? one(c, 'agencycode');
    if (!code || !isAgencyCode(code)) throw bad('deleteAgency: name the agency in code');
    const topo = this.topology();
    if (!topo.agency(code))
      throw new VxpError(VXP_ERRORS.NOT_FOUND, `deleteAgency: ${code} is not in the directory`);
    const children = topo
      .agencies()
      .filter((a) => a.parentCode === code)
      .map((a) => a.code);
    if (children.length > 0) {
      throw new VxpError(
        VXP_ERRORS.CONFLICT,
        `deleteAgency: ${children.join(', ')} belong to ${code}; move or delete them first`,
      );
    }
    const kv = await kvm.open(BUCKETS.directory);
    await kv.delete(directoryKeys.agency(code));
    return code;
  }
}

/**
 * The VXP verbs over the gateway's service: each answers the JSON shape the Java client reads
 * (docs/VXP.md), or throws a VxpError / GatewayError that the routes turn into a FAIL envelope.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageType } from '../codec';
import type { AgencyEntry, EdocGateway, SentRecord } from '../service';
import { docIdOf, messageTypeOf, one } from './auth';
import type { Caller } from './auth';
import { readSmall, withoutClientCrlf } from './body';
import { DirectoryChanges } from './directory';
import type { Topology } from '@lienthong/core';
import {
  OK,
  RenderedJson,
  VXP_ERRORS,
  VxpError,
  asciiJson,
  compact,
  vxpTime,
  withBase64Data,
} from './protocol';

/** What a sent package is, kept so getSentEdocList can answer for the DocId sendEdoc gave. */
interface SentEntry {
  readonly documentId: string;
  readonly messageType: MessageType;
  readonly atMs: number;
}

const MAX_SENT_REMEMBERED = 10_000;

export class VxpVerbs {
  private readonly sentBy = new Map<string, Map<string, SentEntry>>();
  private readonly directoryChanges: DirectoryChanges;
  /** The directory verbs' answers, rendered once per directory version (the national ones: 20–30 ms). */
  private readonly rendered = new WeakMap<Topology, Map<string, RenderedJson>>();

  constructor(
    private readonly gatewayOf: () => EdocGateway | undefined,
    private readonly maxJsonBytes: number,
    kvm?: ConstructorParameters<typeof DirectoryChanges>[0],
  ) {
    this.directoryChanges = new DirectoryChanges(kvm, () => this.gateway.topology);
  }

  private get gateway(): EdocGateway {
    const g = this.gatewayOf();
    if (!g) throw new VxpError(VXP_ERRORS.UNAVAILABLE, 'the gateway is not mounted on this node');
    return g;
  }

  private remember(agency: string, id: string, e: SentEntry): void {
    let m = this.sentBy.get(agency);
    if (!m) this.sentBy.set(agency, (m = new Map()));
    m.delete(id);
    m.set(id, e);
    if (m.size > MAX_SENT_REMEMBERED) m.delete(m.keys().next().value!);
  }

  async sendEdoc(req: FastifyRequest, c: Caller): Promise<unknown> {
    const body = req.body as AsyncIterable<Uint8Array> | undefined;
    if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
      throw new VxpError(VXP_ERRORS.BAD_REQUEST, 'post the edXML package as the body');
    }
    const length = req.headers['content-length'];
    const r = await this.gateway.sendPackage(
      c.agency,
      withoutClientCrlf(body, one(c, 'hash-file')),
      length !== undefined ? Number(length) - 2 : undefined,
    );
    this.remember(c.agency, r.id, { documentId: r.documentId, messageType: r.messageType, atMs: Date.now() });
    return { ...OK, DocId: r.id };
  }

  async getReceivedEdocList(c: Caller): Promise<unknown> {
    const items = await this.gateway.listReceived(c.agency, messageTypeOf(c));
    return {
      ...OK,
      data: items.map((i) =>
        compact({
          docId: i.id,
          serviceType: 'eDoc',
          messageType: i.messageType,
          created_time: vxpTime(Date.parse(i.receivedAt)),
          updated_time: vxpTime(Date.parse(i.receivedAt)),
          from: i.from,
          to: c.agency,
          status: 'initial',
          status_desc: 'Chưa nhận',
          // Not read by the client; for people reading the answer.
          documentId: i.documentId,
          statusCode: i.statusCode,
        }),
      ),
    };
  }

  async getEdoc(c: Caller): Promise<unknown> {
    const p = await this.gateway.getPackage(c.agency, docIdOf(c));
    if (p.body instanceof Uint8Array) return { ...OK, data: Buffer.from(p.body).toString('base64') };
    return withBase64Data(OK, p.body, p.size);
  }

  async downloadEdoc(reply: FastifyReply, c: Caller): Promise<unknown> {
    const p = await this.gateway.getPackage(c.agency, docIdOf(c));
    void reply.type('application/octet-stream');
    if (p.size !== undefined) void reply.header('content-length', p.size);
    return reply.send(
      p.body instanceof Uint8Array
        ? Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength)
        : p.body,
    );
  }

  async updateStatus(c: Caller): Promise<unknown> {
    const id = docIdOf(c);
    const status = (one(c, 'status') ?? '').toLowerCase();
    if (status === 'done') await this.gateway.ack(c.agency, id);
    else if (status === 'fail') {
      await this.gateway.fail(c.agency, id, one(c, 'status_desc') ?? one(c, 'description') ?? 'fail');
    } else {
      throw new VxpError(
        VXP_ERRORS.BAD_REQUEST,
        status === '' ? 'updateStatus needs status done or fail' : `status '${status}' is not done or fail`,
      );
    }
    return { ...OK };
  }

  async getSentEdocList(c: Caller): Promise<unknown> {
    const asked = one(c, 'docid');
    const mine = this.sentBy.get(c.agency) ?? new Map<string, SentEntry>();
    const data: Record<string, unknown>[] = [];
    if (asked !== undefined && asked !== '') {
      // A DocId from sendEdoc (remembered by this process), or an edXML DocumentId.
      const documentId = mine.get(asked)?.documentId ?? asked;
      for (const r of await this.gateway.sent(c.agency, documentId)) {
        data.push(sentItem(c.agency, asked, documentId, r));
      }
      return { ...OK, data };
    }
    // Without a DocId: the caller's own tracking records, newest documents last; the DocId sendEdoc
    // gave where this process remembers it, else the DocumentId (which getSentEdocList also takes).
    const vxpIds = new Map<string, string>();
    for (const [id, e] of mine) if (e.messageType === 'edoc') vxpIds.set(e.documentId, id);
    for (const d of await this.gateway.sentDocuments(c.agency)) {
      for (const r of d.records) {
        data.push(sentItem(c.agency, vxpIds.get(d.documentId) ?? d.documentId, d.documentId, r));
      }
    }
    return { ...OK, data };
  }

  async countReceived(c: Caller, messageType: MessageType): Promise<unknown> {
    return { ...OK, count: await this.gateway.countReceived(c.agency, messageType) };
  }

  /**
   * Live agencies, then closed codes: a closed code is listed under its successor (`pid`), with
   * `successor` and `closedAt` (keys the Java client ignores) for clients that read them.
   */
  getAgenciesList(c: Caller): RenderedJson {
    return this.directory(c, 'getAgenciesList', (list) => ({
      ...OK,
      data: list.map((a) => compact({ ...unitOf(a), successor: a.successor, closedAt: a.closedAt })),
    }));
  }

  getAgenciesListQD20(c: Caller): RenderedJson {
    return this.directory(c, 'getAgenciesListQD20', (list) => ({
      ...OK,
      data: list.map((a) =>
        compact({
          id: a.code,
          code: a.code,
          name: a.name,
          code102: a.code,
          successor: a.successor,
          closedAt: a.closedAt,
        }),
      ),
    }));
  }

  /** A closed code is a unit with `deleted: true`, its closing time as `modifyDate`, under its successor. */
  getSynchronizeUnit(c: Caller): RenderedJson {
    return this.directory(c, 'getSynchronizeUnit', (list) => synchronizeUnits(list));
  }

  /** registerAgency: the body is read (so the connection stays usable); operators change the directory. */
  async registerAgency(req: FastifyRequest, c: Caller): Promise<unknown> {
    const body = await readSmall(req, this.maxJsonBytes);
    this.gateway.assertServes(c.agency);
    await this.directoryChanges.register(c, body);
    return { ...OK };
  }

  async deleteAgency(req: FastifyRequest, c: Caller): Promise<unknown> {
    await readSmall(req, this.maxJsonBytes);
    this.gateway.assertServes(c.agency);
    await this.directoryChanges.delete(c);
    return { ...OK };
  }

  /** A directory verb's answer for a caller this node serves, rendered once per directory version. */
  private directory(
    c: Caller,
    verb: string,
    answer: (list: readonly AgencyEntry[]) => unknown,
  ): RenderedJson {
    this.gateway.assertServes(c.agency);
    const t = this.gateway.topology;
    let byVerb = this.rendered.get(t);
    if (!byVerb) this.rendered.set(t, (byVerb = new Map()));
    let r = byVerb.get(verb);
    if (!r) byVerb.set(verb, (r = new RenderedJson(Buffer.from(asciiJson(answer(this.gateway.agencies()))))));
    return r;
  }
}

/** A directory entry as the VXP verbs name it: a closed code under its successor (`pid`). */
function unitOf(a: AgencyEntry): { id: string; pid: string; code: string; name: string } {
  return { id: a.code, pid: a.successor ?? (a.parentCode || '-1'), code: a.code, name: a.name };
}

/** getSynchronizeUnit's answer: each entry with the root of its tree as its centre. */
function synchronizeUnits(list: readonly AgencyEntry[]): unknown {
  const parent = new Map(list.filter((a) => !a.successor).map((a) => [a.code, a.parentCode]));
  const root = (code: string): string => {
    let cur = code;
    for (let i = 0; i < 16; i++) {
      const p = parent.get(cur);
      if (!p || !parent.has(p)) return cur;
      cur = p;
    }
    return cur;
  };
  return {
    ...OK,
    data: list.map((a) =>
      compact({
        ...unitOf(a),
        centerCode: root(a.successor ?? a.code),
        version: 1,
        deleted: a.successor !== undefined,
        modifyDate: a.closedAt !== undefined ? vxpTime(Date.parse(a.closedAt)) : undefined,
        isAgency: true,
        successor: a.successor,
      }),
    ),
  };
}

const TRANSPORT_DESC: Record<string, [string, string]> = {
  ACCEPTED: ['pending', 'Đang gửi'],
  RELAYED: ['pending', 'Đang gửi'],
  DELIVERED: ['done', 'Đã gửi'],
  FETCHED: ['done', 'Đã gửi'],
  FAILED: ['fail', 'Gửi lỗi'],
};

export function sentItem(
  agency: string,
  vxpId: string,
  documentId: string,
  r: SentRecord,
): Record<string, unknown> {
  const [sendStatus, sendStatusDesc] = TRANSPORT_DESC[r.transport] ?? ['pending', 'Đang gửi'];
  // Received: the recipient's 01 (or its fetch), not whichever status a skewed or old Timestamp puts
  // first in the timeline.
  const arrived =
    r.timeline.find((t) => t.statusCode === '01') ??
    r.timeline.find((t) => t.transport === 'FETCHED') ??
    r.timeline.find((t) => t.statusCode !== undefined);
  const received = r.transport === 'FETCHED' || r.statusCode !== undefined;
  return compact({
    serviceType: 'eDoc',
    messageType: 'edoc',
    senderDocId: vxpId,
    fromCode: agency,
    toCode: r.recipient,
    sentTime: vxpTime(Date.parse(r.sentAt)),
    receivedTime: received && arrived ? vxpTime(Date.parse(arrived.at)) : undefined,
    sendStatus,
    sendStatusDesc,
    receiveStatus: received ? 'done' : 'initial',
    receiveStatusDesc: received ? 'Đã nhận' : 'Chưa nhận',
    // Not read by the client; for people reading the answer.
    documentId,
    statusCode: r.statusCode,
  });
}

/** One document's page (its copies and their routes) and the server-sent events that keep pages current. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FailureReason, TrackingRecord } from '@lienthong/proto';
import { documentRecords, findInboxCopy, isDelivered } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import type { RouteContext } from './deps';
import { HttpError, errorBody, handle, query, statusOf, text } from './http-errors';
import type { Change } from './store';
import { sees } from './views';
import type { Viewer } from './views';

/** The nodes a copy passes, from the sender's home node up to the common ancestor and down. */
export function plannedRoute(dir: Directory, sender: string, recipient: string): string[] {
  const from = dir.agencies.get(sender)?.homeNode;
  const to = dir.agencies.get(recipient)?.homeNode;
  if (!from || !to) return [];
  const up = [from, ...dir.path(from)];
  const down = [to, ...dir.path(to)];
  const meet = up.find((n) => down.includes(n));
  if (meet === undefined) return [];
  return [...up.slice(0, up.indexOf(meet) + 1), ...down.slice(0, down.indexOf(meet)).reverse()];
}

function recordJson(r: TrackingRecord): Record<string, unknown> {
  return TrackingRecord.toObject(r, {
    enums: Number,
    longs: Number,
    bytes: String,
    defaults: true,
    arrays: true,
  });
}

function recordView(dir: Directory | undefined, r: TrackingRecord): Record<string, unknown> {
  const route = dir ? plannedRoute(dir, r.sender, r.recipient) : [];
  return {
    ...recordJson(r),
    recipientName: dir?.name(r.recipient) ?? '',
    failureName: r.failure ? (FailureReason[r.failure] ?? String(r.failure)) : '',
    plannedRoute: route,
    nodeNames: Object.fromEntries(route.map((n) => [n, dir?.nodes.get(n)?.name ?? ''])),
  };
}

/** An attachment as the document page lists it. */
interface AttachmentView {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

interface DocumentView {
  documentId: string;
  sender: string;
  senderName: string;
  recipients: Record<string, unknown>[];
  /**
   * The document's attachments, read from a copy in a recipient's inbox in this domain (one the
   * viewer may see); absent when no such copy is here (not delivered yet, or delivered elsewhere).
   */
  attachments?: AttachmentView[];
}

/** The attachments of a delivered copy of the document among `records`, if this domain holds one. */
async function attachmentsOf(
  ctx: RouteContext,
  dir: Directory | undefined,
  sender: string,
  documentId: string,
  records: readonly TrackingRecord[],
): Promise<AttachmentView[] | undefined> {
  if (!dir) return undefined;
  const delivered = records.filter(isDelivered).map((r) => r.recipient);
  const copy = await findInboxCopy(ctx.session, dir, sender, documentId, delivered).catch(() => undefined);
  const doc = copy?.envelope.document;
  if (!doc) return undefined;
  return (doc.attachments ?? []).map((a) => ({
    name: a.name ?? '',
    mediaType: a.mediaType ?? '',
    size: Number(a.size ?? 0),
    sha256: Buffer.from(a.sha256 ?? []).toString('hex'),
  }));
}

async function documentView(
  ctx: RouteContext,
  viewer: Viewer,
  documentId: string,
  sender: string,
): Promise<DocumentView> {
  if (viewer.kind === 'agency' && viewer.code !== sender) {
    // An agency sees a document it did not send only as its recipient, and only its own copy.
    const own = [...ctx.index.values()].some(
      (r) => r.sender === sender && r.documentId === documentId && r.recipient === viewer.code,
    );
    if (!own) throw new HttpError(403, 'this document is not yours');
  }
  const records = (await documentRecords(ctx.session, sender, documentId)).filter((r) => sees(viewer, r));
  if (records.length === 0) {
    throw viewer.kind === 'operator'
      ? new HttpError(404, `no tracking records of ${documentId} from ${sender}`)
      : new HttpError(403, 'this document is not yours');
  }
  const dir = ctx.dir();
  const attachments = await attachmentsOf(ctx, dir, sender, documentId, records);
  return {
    documentId,
    sender,
    senderName: dir?.name(sender) ?? '',
    recipients: records.map((r) => recordView(dir, r)),
    ...(attachments ? { attachments } : {}),
  };
}

function docParams(req: FastifyRequest): { id: string; sender: string } {
  const id = text(query(req).id);
  if (!id) throw new HttpError(400, 'id (the document id) is required');
  const sender = text(query(req).sender) ?? id.split(',')[0] ?? '';
  return { id, sender };
}

interface StreamSpec {
  filter: (c: Change) => boolean;
  send: (c: Change) => [string, unknown];
  snapshot?: () => Promise<unknown>;
}

/** Server-sent events: `snapshot` first (document page), then `record` / `change` as they happen. */
async function stream(
  ctx: RouteContext,
  req: FastifyRequest,
  reply: FastifyReply,
  spec: StreamSpec,
): Promise<void> {
  const queued: Change[] = [];
  let live = false;
  const write = (event: string, data: unknown): void => {
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = ctx.index.subscribe((c) => {
    if (!spec.filter(c)) return;
    if (live) write(...spec.send(c));
    else queued.push(c);
  });
  const beat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
  const close = (): void => {
    clearInterval(beat);
    unsubscribe();
  };
  req.raw.on('close', close);
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  try {
    if (spec.snapshot) write('snapshot', await spec.snapshot());
    else write('ready', { now: ctx.now() });
  } catch (e) {
    const status = statusOf(e);
    write('failure', { ...errorBody(status, (e as Error).message), status });
    close();
    reply.raw.end();
    return;
  }
  live = true;
  for (const c of queued.splice(0)) write(...spec.send(c));
}

export function registerDocumentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get(
    '/dashboard/api/document',
    handle(async (req) => {
      const { id, sender } = docParams(req);
      return documentView(ctx, await ctx.viewerOf(req), id, sender);
    }),
  );
  app.get('/dashboard/api/document/events', async (req, reply) => {
    let viewer: Viewer;
    let params: { id: string; sender: string };
    try {
      viewer = await ctx.viewerOf(req);
      params = docParams(req);
    } catch (e) {
      return reply.code(statusOf(e)).send(errorBody(statusOf(e), (e as Error).message));
    }
    await stream(ctx, req, reply, {
      filter: (c) => c.row.sender === params.sender && c.row.documentId === params.id && sees(viewer, c.row),
      send: (c) => ['record', recordView(ctx.dir(), c.record)],
      snapshot: () => documentView(ctx, viewer, params.id, params.sender),
    });
  });
  app.get('/dashboard/api/events', async (req, reply) => {
    let viewer: Viewer;
    try {
      viewer = await ctx.viewerOf(req);
    } catch (e) {
      return reply.code(statusOf(e)).send(errorBody(statusOf(e), (e as Error).message));
    }
    await stream(ctx, req, reply, {
      filter: (c) => sees(viewer, c.row),
      send: (c) => [
        'change',
        { documentId: c.row.documentId, sender: c.row.sender, recipient: c.row.recipient },
      ],
    });
  });
}

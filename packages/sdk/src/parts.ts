/**
 * The parts a client is made of, built once from an opened session: the composition of the SDK.
 * `LienthongClient` is a facade over them.
 */
import { ContentStore, DEFAULT_MAX_ATTACHMENT_BYTES } from '@lienthong/content';
import { AgencyKeys } from './agency-keys';
import { Amendments } from './amendments';
import { DEFAULT_ATTACHMENT_LIMITS } from './attachments';
import type { AttachmentLimits } from './attachments';
import { ConnectionEvents } from './connection-events';
import { DocumentSender } from './documents';
import { HomeFollower } from './home';
import { HomeService } from './home-service';
import { ClientInboxPort } from './inbox-adapter';
import type { InboxPort } from './inbox-port';
import { Lifecycle } from './lifecycle';
import { KnownRecipients } from './recipients';
import { Reports } from './reports';
import { isIdentity, msgIdKeyOf } from './security';
import type { OpenedSession, Session } from './session';
import { Submitter } from './submitter';
import { TrackingReader } from './tracking-reader';
import type { ConnectOptions } from './types';

export interface ClientParts {
  readonly session: Session;
  readonly lifecycle: Lifecycle;
  readonly events: ConnectionEvents;
  readonly documents: DocumentSender;
  readonly amendments: Amendments;
  readonly reports: Reports;
  readonly tracking: TrackingReader;
  readonly keys: AgencyKeys;
  readonly inboxPort: InboxPort;
  readonly home: HomeFollower;
}

export function buildParts(opened: OpenedSession, opts: ConnectOptions): ClientParts {
  const { record, directory, tracking: trackingBucket, contentDomain, homeNode, ...rest } = opened;
  const home = new HomeFollower(
    { agency: rest.agency, homeNode },
    directory,
    contentDomain,
    opts.followHomeMs,
  );
  // Every part reads the home node here: while it is in another JetStream domain, whatever needs it
  // fails at once with FailedPrecondition (HomeFollower.current) instead of reaching the old node.
  const session: Session = {
    ...rest,
    get homeNode() {
      return home.current();
    },
  };
  const lifecycle = new Lifecycle();
  const keys = new AgencyKeys(directory);
  // Read and written in the home node's domain: its content stream is where the home node looks for
  // what this agency sends, and where its inbox's attachments are made complete.
  // Direct gets by subject only: an agency may not create consumers on the content stream.
  // An nkey identity may not read the content stream at all: its home node hands it the content of
  // documents it sent or received.
  const service = isIdentity(opts.credentials) ? new HomeService(session) : undefined;
  const content = new ContentStore(session.js, session.jsm, contentDomain, {
    streamReads: false,
    // …and stores through it too, which counts its uploads against its pace and quota.
    ...(service
      ? {
          read: (subject, context) => service.content(subject, context, session.defaultTimeoutMs),
          write: (subject, data, hints) => service.put(subject, data, hints, session.defaultTimeoutMs),
        }
      : {}),
  });
  const submitter = new Submitter(
    session,
    opts.signingKey,
    record.submitLimits ?? undefined,
    msgIdKeyOf(opts.credentials ?? opts.auth),
  );
  const reports = new Reports(session, submitter);
  // An nkey identity may create no consumer either: its home node does that for it.
  const tracking = new TrackingReader(session, trackingBucket, service, home);
  const recipients = new KnownRecipients(directory);
  home.start();
  const documents = new DocumentSender(
    session,
    submitter,
    content,
    attachmentLimits(opts),
    recipients,
    tracking,
  );
  return {
    session,
    lifecycle,
    events: new ConnectionEvents(session.nc),
    documents,
    amendments: new Amendments(session, documents, submitter, tracking),
    reports,
    tracking,
    keys,
    inboxPort: new ClientInboxPort(session, keys, content, reports, lifecycle, service, home),
    home,
  };
}

function attachmentLimits(opts: ConnectOptions): AttachmentLimits {
  return {
    maxBytes: opts.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    maxInlineBytes: Math.min(
      opts.maxInlineAttachmentBytes ?? DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes,
      DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes,
    ),
    chunkSize: opts.attachmentChunkSize ?? DEFAULT_ATTACHMENT_LIMITS.chunkSize,
  };
}

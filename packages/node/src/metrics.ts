import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FailureReason } from '@lienthong/proto';
import type { FlowUsage } from './flow';

export type MessageKind = 'submit' | 'relay';
export type MessageOutcome = 'forwarded' | 'dead_lettered' | 'retried' | 'deferred';

/**
 * Prometheus metrics of one node process, on a registry of its own (two runtimes in one test
 * process never share counters). Labels are low-cardinality: the level and kind, never a node id,
 * agency or document.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  private readonly messages: Counter<'kind' | 'level' | 'outcome'> = new Counter({
    name: 'lienthong_messages_total',
    help: 'Messages taken from submit and relay streams, by outcome',
    labelNames: ['kind', 'level', 'outcome'],
    registers: [this.registry],
  });
  private readonly duration: Histogram<'kind' | 'level'> = new Histogram({
    name: 'lienthong_message_duration_seconds',
    help: 'Time from taking a message to handing on everything it produced',
    labelNames: ['kind', 'level'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly deadLetters: Counter<'reason'> = new Counter({
    name: 'lienthong_dead_letters_total',
    help: 'Dead letters written, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly deliveries: Counter<'level'> = new Counter({
    name: 'lienthong_inbox_deliveries_total',
    help: 'Items delivered into local inboxes',
    labelNames: ['level'],
    registers: [this.registry],
  });
  private readonly crossDomainEvents: Counter<'sent'> = new Counter({
    name: 'lienthong_cross_domain_transport_events_total',
    help: 'Transport events handed to a node in another JetStream domain, sent alone or in a batch',
    labelNames: ['sent'],
    registers: [this.registry],
  });
  private readonly crossDomainBatches: Counter = new Counter({
    name: 'lienthong_cross_domain_batches_total',
    help: 'Batches of transport events published to a node in another JetStream domain',
    registers: [this.registry],
  });
  private readonly deliveryLatency: Histogram<'level'> = new Histogram({
    name: 'lienthong_delivery_seconds',
    help: "Time from the sender's home node taking custody to the recipient's inbox",
    labelNames: ['level'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300, 3600, 86400],
    registers: [this.registry],
  });
  private readonly statuses: Counter<'code'> = new Counter({
    name: 'lienthong_statuses_total',
    help: "Business statuses applied to tracking records at the sender's home node, by code",
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly backlog: Gauge<'consumer'> = new Gauge({
    name: 'lienthong_backlog_messages',
    help: 'Messages waiting or in flight at a consumer of this process',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  readonly overduePending: Gauge = new Gauge({
    name: 'lienthong_unconfirmed_recipients',
    help: 'Recipients of documents sent from here that have not confirmed 01 yet',
    registers: [this.registry],
  });
  readonly connected: Gauge = new Gauge({
    name: 'lienthong_nats_connected',
    help: '1 while connected to NATS',
    registers: [this.registry],
  });
  readonly draining: Gauge = new Gauge({
    name: 'lienthong_draining',
    help: '1 while the process drains',
    registers: [this.registry],
  });
  private readonly backpressures: Counter<'kind' | 'scope'> = new Counter({
    name: 'lienthong_flow_deferred_total',
    help: "Messages given back to wait (flow control): over the agency's pace, or the next hop's queue full",
    labelNames: ['kind', 'scope'],
    registers: [this.registry],
  });
  private readonly queueLimit: Gauge<'queue'> = this.queueGauge(
    'lienthong_flow_queue_limit_messages',
    'Most messages one sender may have waiting in one lane: queue="agency" (submit) or "neighbour" (relay)',
  );
  private readonly queueQueued: Gauge<'queue'> = this.queueGauge(
    'lienthong_flow_queued_messages',
    'Messages waiting in the submit or relay queues of the nodes hosted here',
  );
  private readonly queueFullest: Gauge<'queue'> = this.queueGauge(
    'lienthong_flow_queue_fullest_messages',
    'Messages waiting in the fullest single sender queue of the nodes hosted here',
  );
  private readonly queuesFull: Gauge<'queue'> = this.queueGauge(
    'lienthong_flow_queues_full',
    'Sender queues at their bound (their sender is refused until one is taken off)',
  );
  private readonly pacerWaiting: Gauge = new Gauge({
    name: 'lienthong_flow_paced_waiting',
    help: "Submissions waiting for their agency's pace (submit limits in the directory)",
    registers: [this.registry],
  });

  private readonly intakeYielding: Gauge = new Gauge({
    name: 'lienthong_flow_intake_yielding',
    help: '1 while relays fall behind here and the intake takes new submissions a quarter of its handlers at a time',
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'lienthong_process_' });
  }

  private queueGauge(name: string, help: string): Gauge<'queue'> {
    return new Gauge({ name, help, labelNames: ['queue'], registers: [this.registry] });
  }

  backpressure(kind: MessageKind, scope: string): void {
    this.backpressures.inc({ kind, scope });
  }

  flow(u: FlowUsage): void {
    for (const [queue, q] of [
      ['agency', u.submit],
      ['neighbour', u.relay],
    ] as const) {
      this.queueLimit.set({ queue }, q.limit);
      this.queueQueued.set({ queue }, q.queued);
      this.queueFullest.set({ queue }, q.fullest);
      this.queuesFull.set({ queue }, q.full);
    }
    this.pacerWaiting.set(u.pacer.waiting);
    this.intakeYielding.set(u.intake.yielding ? 1 : 0);
  }

  message(kind: MessageKind, level: string, outcome: MessageOutcome, seconds: number): void {
    this.messages.inc({ kind, level, outcome });
    if (outcome !== 'retried') this.duration.observe({ kind, level }, seconds);
  }

  deadLetter(reason: FailureReason): void {
    this.deadLetters.inc({
      reason: (FailureReason[reason] ?? String(reason)).replace('FAILURE_REASON_', '').toLowerCase(),
    });
  }

  delivered(level: string, sinceMs: number): void {
    this.deliveries.inc({ level });
    if (sinceMs >= 0) this.deliveryLatency.observe({ level }, sinceMs / 1000);
  }

  /** Transport events stored in another domain's relay queue: one alone, or a batch of `events`. */
  crossedDomain(events: number, batch: boolean): void {
    this.crossDomainEvents.inc({ sent: batch ? 'batched' : 'alone' }, events);
    if (batch) this.crossDomainBatches.inc();
  }

  status(code: number): void {
    this.statuses.inc({ code: String(code).padStart(2, '0') });
  }
}

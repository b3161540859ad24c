import { WORKER_LABEL_FEEDBACK, WORKER_LABELS_APPLIED } from '@labelbot/rollout';
import { Counter, Gauge, Histogram, type Registry } from '@labelbot/telemetry';

/**
 * Outcomes a message can have; `retried` = nacked for redelivery. A label feedback message ends
 * `feedback` (counted) or `not_counted` (a person added a label the repository's model never predicts).
 */
export type MessageOutcome =
  | 'labelled'
  | 'disabled'
  | 'invalid'
  | 'permanent'
  | 'retried'
  | 'dead_lettered'
  | 'feedback'
  | 'not_counted';

export interface WorkerMetrics {
  messages: Counter<'outcome'>;
  processingSeconds: Histogram<'outcome'>;
  endToEndSeconds: Histogram;
  deadLettered: Counter;
  inFlight: Gauge;
  labelsApplied: Counter<(typeof WORKER_LABELS_APPLIED.labelNames)[number]>;
  labelFeedback: Counter<(typeof WORKER_LABEL_FEEDBACK.labelNames)[number]>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The worker's message metrics (model cache and GitHub call metrics come from the store and github packages). */
export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const registers = [registry];
  return {
    messages: new Counter({
      name: 'labelbot_worker_messages_total',
      help: 'Messages handled, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    processingSeconds: new Histogram({
      name: 'labelbot_worker_processing_seconds',
      help: 'Time from receiving a message to its ack or nack',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    endToEndSeconds: new Histogram({
      name: 'labelbot_worker_end_to_end_seconds',
      help: "Time from the webhook's receipt (the event's receivedAt) to the labels being applied",
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    deadLettered: new Counter({
      name: 'labelbot_worker_dead_lettered_total',
      help: 'Messages the dead-letter topic accepted (invalid, or failed on their last delivery attempt)',
      registers,
    }),
    inFlight: new Gauge({ name: 'labelbot_worker_in_flight', help: 'Messages being handled now', registers }),
    labelsApplied: new Counter({
      ...WORKER_LABELS_APPLIED,
      help: "Labels applied (or recorded in dry run) on the forwarded path and for the front's generic retries (path), by repository, label and model version",
      registers,
    }),
    labelFeedback: new Counter({
      ...WORKER_LABEL_FEEDBACK,
      help: "People's feedback on forwarded issues (kind bot-label-removed or label-added-by-person, published by the front), by repository, label and the version of the model served for the repository",
      registers,
    }),
  };
}

import { FRONT_LABELS_APPLIED, LABEL_FEEDBACK } from '@labelbot/rollout';
import { Counter, Gauge, Histogram, type Registry } from '@labelbot/telemetry';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The front's metrics on one registry. Labels named `repo` carry `owner/name` only for repositories
 * named in forwarded_repo.yaml and `other` for the rest (see `repoMetricLabel`).
 */
export function createFrontMetrics(registry: Registry) {
  const registers = [registry];
  return {
    webhookDeliveries: new Counter({
      name: 'labelbot_front_webhook_deliveries_total',
      help: 'Webhook deliveries by event and outcome (accepted, ignored, duplicate, unauthorized, malformed, failed).',
      labelNames: ['event', 'outcome'] as const,
      registers,
    }),
    signatureRejections: new Counter({
      name: 'labelbot_front_signature_rejections_total',
      help: 'Deliveries refused for their signature: missing, sha1-only or mismatch.',
      labelNames: ['reason'] as const,
      registers,
    }),
    webhookDuration: new Histogram({
      name: 'labelbot_front_webhook_duration_seconds',
      help: 'Time from receiving a delivery to answering it, by event and path.',
      labelNames: ['event', 'path'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    routeDecisions: new Counter({
      name: 'labelbot_front_route_decisions_total',
      help: 'Routing decisions by path, the forwarding entry that matched, and repository.',
      labelNames: ['path', 'matched', 'repo'] as const,
      registers,
    }),
    predictions: new Counter({
      name: 'labelbot_front_predictions_total',
      help: 'Labels predicted (cleared their threshold) by path, label and repository.',
      labelNames: ['path', 'label', 'repo'] as const,
      registers,
    }),
    predictionDuration: new Histogram({
      name: 'labelbot_front_prediction_duration_seconds',
      help: 'Generic model inference time per issue.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    labelsApplied: new Counter({
      ...FRONT_LABELS_APPLIED,
      help: 'Labels applied (or recorded in dry run) by path, label and repository.',
      registers,
    }),
    labelsSkipped: new Counter({
      name: 'labelbot_front_labels_skipped_total',
      help: 'Predicted labels not applied, by reason.',
      labelNames: ['path', 'reason'] as const,
      registers,
    }),
    labelFeedback: new Counter({
      ...LABEL_FEEDBACK,
      help: "A person removed a label the bot applied (kind bot-label-removed) or added one of the model's labels the bot did not apply (kind label-added-by-person), by path, repository and label.",
      registers,
    }),
    publishDuration: new Histogram({
      name: 'labelbot_front_publish_duration_seconds',
      help: 'Time until Pub/Sub acknowledged a forwarded issue event.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    publishFailures: new Counter({
      name: 'labelbot_front_publish_failures_total',
      help: 'Forwarded issue events Pub/Sub did not acknowledge through the client retries.',
      labelNames: ['repo'] as const,
      registers,
    }),
    genericFallbacks: new Counter({
      name: 'labelbot_front_generic_fallbacks_total',
      help: 'Forwarded issues labelled on the generic path because publishing failed.',
      labelNames: ['repo'] as const,
      registers,
    }),
    genericRetriesQueued: new Counter({
      name: 'labelbot_front_generic_retries_queued_total',
      help: 'Issues whose generic-path labelling failed, handed to the queue for the worker to retry with the generic model.',
      labelNames: ['repo'] as const,
      registers,
    }),
    installationEvents: new Counter({
      name: 'labelbot_front_installation_events_total',
      help: 'installation and installation_repositories events by action.',
      labelNames: ['event', 'action'] as const,
      registers,
    }),
    configReloads: new Counter({
      name: 'labelbot_front_forwarding_config_reloads_total',
      help: 'forwarded_repo.yaml reloads by result (ok, invalid).',
      labelNames: ['result'] as const,
      registers,
    }),
    modelInfo: new Gauge({
      name: 'labelbot_front_model_info',
      help: 'The generic model being served (value 1).',
      labelNames: ['name', 'version'] as const,
      registers,
    }),
  };
}

export type FrontMetrics = ReturnType<typeof createFrontMetrics>;

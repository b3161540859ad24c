import {
  APPLIED_METRICS,
  addFeedback,
  FEEDBACK_METRICS,
  type ObservedFeedback,
  REMOVED_KIND,
  UNKNOWN_MODEL,
} from '@labelbot/rollout';
import type { Registry } from '@labelbot/telemetry';

/**
 * Reads this process's feedback counters (the series `labelbot rollout` queries: the front's, and
 * the worker's when `labelbot dev` runs both on one registry) per repository, path and model.
 * Labels applied in dry run never reached GitHub, so they are not samples.
 */
export async function collectObservedFeedback(registry: Registry): Promise<ObservedFeedback> {
  const feedback: ObservedFeedback = new Map();
  for (const metric of await registry.getMetricsAsJSON()) {
    const applied = APPLIED_METRICS.includes(metric.name);
    if (!applied && !FEEDBACK_METRICS.includes(metric.name)) continue;
    for (const { labels, value } of metric.values) {
      if (applied && String(labels.dry_run) === 'true') continue;
      if (!applied && labels.kind !== REMOVED_KIND) continue;
      const path = labels.path === undefined ? undefined : String(labels.path);
      const repo = labels.repo === undefined ? 'other' : String(labels.repo);
      const model = labels.model === undefined ? UNKNOWN_MODEL : String(labels.model);
      addFeedback(feedback, repo, path, applied ? 'applied' : 'removed', value, model);
    }
  }
  return feedback;
}

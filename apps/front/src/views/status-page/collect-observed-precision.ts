import { APPLIED_METRICS, addFeedback, LABEL_FEEDBACK, type ObservedFeedback, REMOVED_KIND } from '@labelbot/rollout';
import type { Registry } from '@labelbot/telemetry';

/** Feedback of one repository metric label (`owner/name` or `other`) on both paths. */
export interface ObservedPrecisionRow {
  repo: string;
  forwarded: { applied: number; removed: number };
  generic: { applied: number; removed: number };
}

/**
 * Reads this process's feedback counters (the series `labelbot rollout` queries: the front's, and
 * the worker's when `labelbot dev` runs both on one registry) into rows per repository. Labels applied in dry run never reached GitHub,
 * so they are not samples. Repositories not known to be public are folded into `other`, so the
 * page names no private repository.
 */
export async function collectObservedPrecision(
  registry: Registry,
  isKnownPublic: (fullName: string) => boolean,
): Promise<ObservedPrecisionRow[]> {
  const feedback: ObservedFeedback = new Map();
  const shown = (repo: unknown) => (typeof repo === 'string' && isKnownPublic(repo) ? repo : 'other');
  for (const metric of await registry.getMetricsAsJSON()) {
    const applied = APPLIED_METRICS.includes(metric.name);
    if (!applied && metric.name !== LABEL_FEEDBACK.name) continue;
    for (const { labels, value } of metric.values) {
      if (applied && String(labels.dry_run) === 'true') continue;
      if (!applied && labels.kind !== REMOVED_KIND) continue;
      const path = labels.path === undefined ? undefined : String(labels.path);
      addFeedback(feedback, shown(labels.repo), path, applied ? 'applied' : 'removed', value);
    }
  }
  return [...feedback.entries()]
    .map(([repo, paths]) => ({ repo, ...paths }))
    .sort((a, b) => (a.repo === 'other' ? 1 : b.repo === 'other' ? -1 : a.repo.localeCompare(b.repo)));
}

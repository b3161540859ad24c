import {
  APPLIED_METRICS,
  addFeedback,
  FEEDBACK_METRICS,
  type ObservedFeedback,
  type PathFeedback,
  type PathFeedbackByModel,
  REMOVED_KIND,
  UNKNOWN_MODEL,
} from '@labelbot/rollout';
import type { Registry } from '@labelbot/telemetry';

/** One path's feedback: the total over models, and a row per model (`target@version`) sorted by name. */
export interface PathPrecision extends PathFeedback {
  models: ({ model: string } & PathFeedback)[];
}

/** Feedback of one repository metric label (`owner/name` or `other`) on both paths. */
export interface ObservedPrecisionRow {
  repo: string;
  forwarded: PathPrecision;
  generic: PathPrecision;
}

/**
 * Reads this process's feedback counters (the series `labelbot rollout` queries: the front's, and
 * the worker's when `labelbot dev` runs both on one registry) into rows per repository, with each
 * path broken down by model. Labels applied in dry run never reached GitHub, so they are not
 * samples. Repositories not known to be public are folded into `other`, and so are their own
 * models (`owner/name@version`), so the page names no private repository.
 */
export async function collectObservedPrecision(
  registry: Registry,
  isKnownPublic: (fullName: string) => boolean,
): Promise<ObservedPrecisionRow[]> {
  const feedback: ObservedFeedback = new Map();
  const shown = (repo: unknown) => (typeof repo === 'string' && isKnownPublic(repo) ? repo : 'other');
  for (const metric of await registry.getMetricsAsJSON()) {
    const applied = APPLIED_METRICS.includes(metric.name);
    if (!applied && !FEEDBACK_METRICS.includes(metric.name)) continue;
    for (const { labels, value } of metric.values) {
      if (applied && String(labels.dry_run) === 'true') continue;
      if (!applied && labels.kind !== REMOVED_KIND) continue;
      const path = labels.path === undefined ? undefined : String(labels.path);
      const repo = shown(labels.repo);
      const model = shownModel(labels.model === undefined ? UNKNOWN_MODEL : String(labels.model), repo);
      addFeedback(feedback, repo, path, applied ? 'applied' : 'removed', value, model);
    }
  }
  return [...feedback.entries()]
    .map(([repo, paths]) => ({ repo, forwarded: rowOf(paths.forwarded), generic: rowOf(paths.generic) }))
    .sort((a, b) => (a.repo === 'other' ? 1 : b.repo === 'other' ? -1 : a.repo.localeCompare(b.repo)));
}

/** The generic and org models name no repository; a repository's own model is shown only with its repository. */
function shownModel(model: string, repo: string): string {
  if (repo !== 'other') return model;
  const target = model.split('@')[0] ?? '';
  return target === 'generic' || target.endsWith('/_org') || model === UNKNOWN_MODEL ? model : 'other';
}

function rowOf({ applied, removed, models }: PathFeedbackByModel): PathPrecision {
  const rows = [...models.entries()].map(([model, counts]) => ({ model, ...counts }));
  return { applied, removed, models: rows.sort((a, b) => a.model.localeCompare(b.model)) };
}

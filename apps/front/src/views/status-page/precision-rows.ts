import {
  addFeedback,
  type ObservedFeedback,
  type PathFeedback,
  type PathFeedbackByModel,
  UNKNOWN_MODEL,
} from '@labelbot/rollout';

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
 * The rows the page shows. Repositories not known to be public are folded into `other`, and so
 * are their own models (`owner/name@version`), so the page names no private repository; the
 * generic and org models name none and keep their version.
 */
export function precisionRows(
  feedback: ObservedFeedback,
  isKnownPublic: (fullName: string) => boolean,
): ObservedPrecisionRow[] {
  const shown: ObservedFeedback = new Map();
  for (const [repo, paths] of feedback) {
    const shownRepo = isKnownPublic(repo) ? repo : 'other';
    for (const path of ['forwarded', 'generic'] as const) {
      const models = paths[path].models.size > 0 ? paths[path].models : new Map([[UNKNOWN_MODEL, paths[path]]]);
      for (const [model, counts] of models) {
        for (const field of ['applied', 'removed'] as const) {
          addFeedback(shown, shownRepo, path, field, counts[field], shownModel(model, shownRepo));
        }
      }
    }
  }
  return [...shown.entries()]
    .map(([repo, paths]) => ({ repo, forwarded: rowOf(paths.forwarded), generic: rowOf(paths.generic) }))
    .sort((a, b) => (a.repo === 'other' ? 1 : b.repo === 'other' ? -1 : a.repo.localeCompare(b.repo)));
}

function shownModel(model: string, repo: string): string {
  if (repo !== 'other') return model;
  const target = model.split('@')[0] ?? '';
  return target === 'generic' || target.endsWith('/_org') || model === UNKNOWN_MODEL ? model : 'other';
}

function rowOf({ applied, removed, models }: PathFeedbackByModel): PathPrecision {
  const rows = [...models.entries()]
    .filter(([, counts]) => counts.applied > 0 || counts.removed > 0)
    .map(([model, counts]) => ({ model, ...counts }));
  return { applied, removed, models: rows.sort((a, b) => a.model.localeCompare(b.model)) };
}

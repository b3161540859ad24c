/** Labels the bot applied on one path, and how many of them a person removed. */
export interface PathFeedback {
  applied: number;
  removed: number;
}

/** One path's feedback, in total and per `model` label (filled when the samples carry one). */
export interface PathFeedbackByModel extends PathFeedback {
  models: Map<string, PathFeedback>;
}

/** Per repository metric label (`owner/name` or `other`): the feedback on each path. */
export type ObservedFeedback = Map<string, { forwarded: PathFeedbackByModel; generic: PathFeedbackByModel }>;

/** (applied − removed) / applied, or null when nothing was applied. */
export function observedPrecision(feedback: PathFeedback): number | null {
  if (feedback.applied <= 0) return null;
  return (feedback.applied - Math.min(feedback.removed, feedback.applied)) / feedback.applied;
}

/**
 * Adds one sample to the table; samples without a forwarded/generic `path` are ignored (every
 * series the counters of `feedback-series` export carries one). With a `model` the sample also
 * counts in that model's row; the path's total is always the sum over models.
 */
export function addFeedback(
  feedback: ObservedFeedback,
  repo: string,
  path: string | undefined,
  field: keyof PathFeedback,
  value: number,
  model?: string,
): void {
  if (path !== 'forwarded' && path !== 'generic') return;
  const entry = feedback.get(repo) ?? { forwarded: emptyPath(), generic: emptyPath() };
  entry[path][field] += value;
  if (model !== undefined) {
    const byModel = entry[path].models.get(model) ?? { applied: 0, removed: 0 };
    byModel[field] += value;
    entry[path].models.set(model, byModel);
  }
  feedback.set(repo, entry);
}

function emptyPath(): PathFeedbackByModel {
  return { applied: 0, removed: 0, models: new Map() };
}

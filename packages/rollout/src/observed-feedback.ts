/** Labels the bot applied on one path, and how many of them a person removed. */
export interface PathFeedback {
  applied: number;
  removed: number;
}

/** Per repository metric label (`owner/name` or `other`): the feedback on each path. */
export type ObservedFeedback = Map<string, { forwarded: PathFeedback; generic: PathFeedback }>;

/**
 * The counters feedback is read from, the front's (`labelbot_front_…`) and the worker's
 * (`labelbot_worker_…`) alike: labels applied, by `path` and `repo` (those with `dry_run="true"`
 * never reached GitHub and do not count), and labels a person removed (`kind="bot-label-removed"`
 * when the counter has a `kind` label).
 */
export const APPLIED_METRIC = /^labelbot_(front_|worker_)?labels_applied_total$/;
export const REMOVED_METRIC = /^labelbot_(front_|worker_)?label_feedback_total$/;
export const REMOVED_KIND = 'bot-label-removed';

/** (applied − removed) / applied, or null when nothing was applied. */
export function observedPrecision(feedback: PathFeedback): number | null {
  if (feedback.applied <= 0) return null;
  return (feedback.applied - Math.min(feedback.removed, feedback.applied)) / feedback.applied;
}

/**
 * Adds one sample to the table; samples for paths other than forwarded/generic are ignored. A
 * removal without a `path` label is the front's own counter, which counts removals of labels the
 * front applied itself: generic-path labels.
 */
export function addFeedback(
  feedback: ObservedFeedback,
  repo: string,
  path: string | undefined,
  field: keyof PathFeedback,
  value: number,
): void {
  if (path === undefined && field === 'removed') path = 'generic';
  if (path !== 'forwarded' && path !== 'generic') return;
  const entry = feedback.get(repo) ?? { forwarded: { applied: 0, removed: 0 }, generic: { applied: 0, removed: 0 } };
  entry[path][field] += value;
  feedback.set(repo, entry);
}

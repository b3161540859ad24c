/** Labels the bot applied on one path, and how many of them a person removed. */
export interface PathFeedback {
  applied: number;
  removed: number;
}

/** Per repository metric label (`owner/name` or `other`): the feedback on each path. */
export type ObservedFeedback = Map<string, { forwarded: PathFeedback; generic: PathFeedback }>;

/** (applied − removed) / applied, or null when nothing was applied. */
export function observedPrecision(feedback: PathFeedback): number | null {
  if (feedback.applied <= 0) return null;
  return (feedback.applied - Math.min(feedback.removed, feedback.applied)) / feedback.applied;
}

/**
 * Adds one sample to the table; samples without a forwarded/generic `path` are ignored (every
 * series the counters of `feedback-series` export carries one).
 */
export function addFeedback(
  feedback: ObservedFeedback,
  repo: string,
  path: string | undefined,
  field: keyof PathFeedback,
  value: number,
): void {
  if (path !== 'forwarded' && path !== 'generic') return;
  const entry = feedback.get(repo) ?? { forwarded: { applied: 0, removed: 0 }, generic: { applied: 0, removed: 0 } };
  entry[path][field] += value;
  feedback.set(repo, entry);
}

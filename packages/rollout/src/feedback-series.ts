/**
 * THE names and labels of the feedback counters, declared by the front and the worker from these
 * objects and read by `labelbot rollout`, the status page and the Grafana dashboard. `repo` is
 * `owner/name` for repositories named in forwarded_repo.yaml and `other` for the rest.
 */
export const FRONT_LABELS_APPLIED = {
  name: 'labelbot_front_labels_applied_total',
  labelNames: ['path', 'label', 'repo', 'dry_run'],
} as const;

/** Labels the worker applied (the forwarded path; `path` is always `forwarded`). */
export const WORKER_LABELS_APPLIED = {
  name: 'labelbot_worker_labels_applied_total',
  labelNames: ['path', 'repo', 'label', 'dry_run'],
} as const;

/**
 * A person's reaction to the model on either path (seen by the front's webhook): `kind` is
 * {@link REMOVED_KIND} (a label the bot applied was removed: a false positive) or
 * {@link ADDED_KIND} (a label the model predicts was added by a person: a miss).
 */
export const LABEL_FEEDBACK = {
  name: 'labelbot_front_label_feedback_total',
  labelNames: ['path', 'repo', 'label', 'kind'],
} as const;

export const REMOVED_KIND = 'bot-label-removed';
export const ADDED_KIND = 'label-added-by-person';

/** Every counter of labels applied, on both paths. */
export const APPLIED_METRICS: readonly string[] = [FRONT_LABELS_APPLIED.name, WORKER_LABELS_APPLIED.name];

/**
 * PromQL selectors of the feedback series, used by `labelbot rollout` and (with a `repo` matcher
 * added) by the Grafana dashboard: labels applied on both paths except dry runs (they never
 * reached GitHub), bot labels a person removed, and model labels a person added.
 */
export const APPLIED_SELECTOR = `{__name__=~"(${APPLIED_METRICS.join('|')})", dry_run!="true"}`;
export const REMOVED_SELECTOR = `${LABEL_FEEDBACK.name}{kind="${REMOVED_KIND}"}`;
export const ADDED_SELECTOR = `${LABEL_FEEDBACK.name}{kind="${ADDED_KIND}"}`;

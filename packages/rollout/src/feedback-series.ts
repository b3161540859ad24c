/**
 * THE names and labels of the feedback counters, declared by the front and the worker from these
 * objects and read by `labelbot rollout`, the status page and the Grafana dashboard. `repo` is
 * `owner/name` for repositories named in forwarded_repo.yaml and `other` for the rest; `model` is
 * the model that labelled (see `modelMetricLabel`); `label` is bounded the same way (`labelMetricLabel`).
 */
export const FRONT_LABELS_APPLIED = {
  name: 'labelbot_front_labels_applied_total',
  labelNames: ['path', 'label', 'repo', 'dry_run', 'model'],
} as const;

/** Labels the worker applied: `path` `forwarded`, or `generic` for the front's generic retries (the generic model's labels). */
export const WORKER_LABELS_APPLIED = {
  name: 'labelbot_worker_labels_applied_total',
  labelNames: ['path', 'repo', 'label', 'dry_run', 'model'],
} as const;

/**
 * A person's reaction to the model, seen by the front's webhook: `kind` is {@link REMOVED_KIND} (a
 * label the bot applied was removed: a false positive) or {@link ADDED_KIND} (a label the model
 * predicts was added by a person: a miss). The front counts the generic path here with the generic
 * model's `model`; forwarded issues are counted by the worker ({@link WORKER_LABEL_FEEDBACK}), and
 * here only when handing the feedback to the worker failed (`model` = {@link UNKNOWN_MODEL}).
 */
export const LABEL_FEEDBACK = {
  name: 'labelbot_front_label_feedback_total',
  labelNames: ['path', 'repo', 'label', 'kind', 'model'],
} as const;

/**
 * Feedback on forwarded issues, counted by the worker (the front publishes it as a
 * `labelbot.label-feedback/v1` message) with the version of the model it serves for the repository.
 */
export const WORKER_LABEL_FEEDBACK = {
  name: 'labelbot_worker_label_feedback_total',
  labelNames: ['path', 'repo', 'label', 'kind', 'model'],
} as const;

export const REMOVED_KIND = 'bot-label-removed';
export const ADDED_KIND = 'label-added-by-person';
/** `model` of feedback whose model could not be learnt (the front could not hand it to the worker). */
export const UNKNOWN_MODEL = 'unknown';

/** Every counter of labels applied, on both paths. */
export const APPLIED_METRICS: readonly string[] = [FRONT_LABELS_APPLIED.name, WORKER_LABELS_APPLIED.name];
/** Every counter of people's feedback, on both paths. */
export const FEEDBACK_METRICS: readonly string[] = [LABEL_FEEDBACK.name, WORKER_LABEL_FEEDBACK.name];

/**
 * PromQL selectors of the feedback series, used by `labelbot rollout` and (with a `repo` matcher
 * added) by the Grafana dashboard: labels applied on both paths except dry runs (they never
 * reached GitHub), bot labels a person removed, and model labels a person added.
 */
export const APPLIED_SELECTOR = `{__name__=~"(${APPLIED_METRICS.join('|')})", dry_run!="true"}`;
export const REMOVED_SELECTOR = `{__name__=~"(${FEEDBACK_METRICS.join('|')})", kind="${REMOVED_KIND}"}`;
export const ADDED_SELECTOR = `{__name__=~"(${FEEDBACK_METRICS.join('|')})", kind="${ADDED_KIND}"}`;

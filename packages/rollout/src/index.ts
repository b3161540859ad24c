/** Routing: the forwarding file, the sticky draw and hot reload. Rollout operations: `./operations`. */
export {
  decideRoute,
  lookupProbability,
  type RouteDecision,
  type RouteSubject,
  repoMetricLabel,
} from './decide-route.js';
export {
  ADDED_KIND,
  ADDED_SELECTOR,
  APPLIED_METRICS,
  APPLIED_SELECTOR,
  FEEDBACK_METRICS,
  FRONT_LABELS_APPLIED,
  LABEL_FEEDBACK,
  REMOVED_KIND,
  REMOVED_SELECTOR,
  UNKNOWN_MODEL,
  WORKER_LABEL_FEEDBACK,
  WORKER_LABELS_APPLIED,
} from './feedback-series.js';
export { emptyForwardingConfig, type ForwardingConfig } from './forwarding-config.js';
export { ForwardingConfigError } from './forwarding-config-error.js';
export { ORG_NAME_PATTERN, REPO_NAME_PATTERN } from './forwarding-schema.js';
export { labelMetricLabel, type ModelIdentity, modelMetricLabel } from './model-metric-label.js';
export {
  addFeedback,
  type ObservedFeedback,
  observedPrecision,
  type PathFeedback,
  type PathFeedbackByModel,
} from './observed-feedback.js';
export { parseForwardingConfig } from './parse-forwarding-config.js';
// No Kubernetes client behind it: the front's status page reads Prometheus through it too.
export { queryObservedFeedback } from './query-observed-precision.js';
export { DEFAULT_FEEDBACK_WINDOW } from './rollout-defaults.js';
export { stickyDraw } from './sticky-draw.js';
export {
  type ForwardingConfigWatch,
  type WatchForwardingConfigOptions,
  watchForwardingConfig,
} from './watch-forwarding-config.js';

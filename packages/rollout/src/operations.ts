/** Rollout operations (ConfigMap and file editing, Prometheus feedback, ramp): kept out of the
 * main entry so the front does not load the Kubernetes client. */

export { applyForwardingChange, entryOf, type ForwardingChange } from './apply-forwarding-change.js';
export {
  type ConfigMapLocation,
  configMapForwardingSource,
} from './configmap-forwarding-source.js';
export {
  decideRamp,
  parseSteps,
  type RampDecision,
  type RampInput,
} from './decide-ramp.js';
export { diffLines } from './diff-lines.js';
export { ADDED_SELECTOR, APPLIED_SELECTOR, REMOVED_SELECTOR } from './feedback-series.js';
export { fileForwardingSource } from './file-forwarding-source.js';
export { formatFeedbackTable } from './format-feedback-table.js';
export { formatForwardingChange } from './format-forwarding-change.js';
export {
  ForwardingConflictError,
  type ForwardingSnapshot,
  type ForwardingSource,
} from './forwarding-source.js';
export { type KubeConnectOptions, loadKubeConfig, resolveNamespace } from './load-kube-config.js';
export { type OpenForwardingSourceOptions, openForwardingSource } from './open-forwarding-source.js';
export { parseProbability, parseRolloutTarget, type RolloutTarget } from './parse-rollout-target.js';
export { queryObservedFeedback } from './query-observed-precision.js';
export * from './rollout-defaults.js';
export { type ForwardingEdit, setForwardingProbability } from './set-forwarding-probability.js';

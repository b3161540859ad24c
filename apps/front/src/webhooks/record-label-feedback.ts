import { type ADDED_KIND, decideRoute, type REMOVED_KIND, repoMetricLabel } from '@labelbot/rollout';
import type { FrontRuntime } from '../front-runtime.js';

/** The issue and label a person's feedback is about. */
export interface LabelFeedback {
  owner: string;
  repo: string;
  number: number;
  label: string;
  kind: typeof REMOVED_KIND | typeof ADDED_KIND;
}

/**
 * Counts a person's feedback on the path that labels the issue. The timeline does not say which
 * path applied a label, so the path is re-derived with the sticky routing draw against the
 * forwarding file in force now: the same answer as when the issue was routed unless the
 * probability changed since (a raised p moves some issues, and their later feedback, to
 * forwarded) or publishing failed and the issue fell back to the generic path.
 */
export function recordLabelFeedback(front: FrontRuntime, feedback: LabelFeedback): 'forwarded' | 'generic' {
  const forwarding = front.forwarding.current();
  const { owner, repo, number, label, kind } = feedback;
  const { path } = decideRoute(forwarding, { owner, repo, number });
  front.metrics.labelFeedback.inc({ path, repo: repoMetricLabel(forwarding, owner, repo), label, kind });
  return path;
}

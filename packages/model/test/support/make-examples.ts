import { DEFAULT_FEATURIZER_PARAMS, featurize, prepareExamples, targetsOf } from '../../src/index.js';
import { makeIssues } from './make-issues.js';

/** Featurizer settings of the small synthetic tests (4,096 buckets). */
export const SMALL_PARAMS = { ...DEFAULT_FEATURIZER_PARAMS, buckets: 1 << 12 };
export const GENERIC_LABELS = ['bug', 'feature', 'question'];

/** `makeIssues(perLabel)` as featurized multiclass training examples (`enhancement` counted as `feature`). */
export function makeExamples(perLabel: number) {
  const { issues } = prepareExamples(makeIssues(perLabel), 'multiclass', GENERIC_LABELS, { enhancement: 'feature' });
  return issues.map((issue) => ({
    features: featurize(issue, SMALL_PARAMS),
    targets: targetsOf(GENERIC_LABELS, issue.gold),
  }));
}

import {
  DEFAULT_FEATURIZER_PARAMS,
  DEFAULT_TRAIN_OPTIONS,
  featurize,
  prepareExamples,
  targetsOf,
} from '../../src/index.js';
import { makeIssues } from './make-issues.js';

/** Featurizer settings of the small synthetic tests (4,096 buckets). */
export const SMALL_PARAMS = { ...DEFAULT_FEATURIZER_PARAMS, buckets: 1 << 12 };
export const GENERIC_LABELS = ['bug', 'feature', 'question'];

/** `fitWeights` options for those examples: the default trainer with a linear view at share 0.5, seed 1. */
export const SMALL_FIT_OPTIONS = {
  ...DEFAULT_TRAIN_OPTIONS,
  linearShare: 0.5,
  task: 'multiclass' as const,
  labelCount: 3,
  buckets: SMALL_PARAMS.buckets,
  seed: 1,
};

/** `makeIssues(perLabel)` as featurized multiclass training examples (`enhancement` counted as `feature`). */
export function makeExamples(perLabel: number) {
  const { issues } = prepareExamples(makeIssues(perLabel), 'multiclass', GENERIC_LABELS, { enhancement: 'feature' });
  return issues.map((issue) => ({
    features: featurize(issue, SMALL_PARAMS),
    targets: targetsOf(GENERIC_LABELS, issue.gold),
  }));
}

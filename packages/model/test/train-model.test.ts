import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURIZER_PARAMS,
  DEFAULT_TRAIN_OPTIONS,
  exportOnnx,
  featurize,
  forwardPass,
  prepareExamples,
  targetsOf,
  trainModel,
} from '../src/index.js';
import { makeIssues } from './support/make-issues.js';

const params = { ...DEFAULT_FEATURIZER_PARAMS, buckets: 1 << 14 };
const labels = ['bug', 'feature', 'question'];

function examples(seedOffset: number) {
  const { issues } = prepareExamples(makeIssues(12 + seedOffset), 'multiclass', labels, { enhancement: 'feature' });
  return issues.map((issue) => ({ features: featurize(issue, params), targets: targetsOf(labels, issue.gold) }));
}

function train(seed: number) {
  const data = examples(0);
  return trainModel(data.slice(0, 60), {
    ...DEFAULT_TRAIN_OPTIONS,
    task: 'multiclass',
    labelCount: 3,
    buckets: params.buckets,
    seed,
    validation: data.slice(60),
  });
}

describe('trainModel', () => {
  it('is deterministic: same data and seed, bit-identical weights', () => {
    const digest = (seed: number) =>
      createHash('sha256')
        .update(exportOnnx(train(seed).weights))
        .digest('hex');
    expect(digest(3)).toBe(digest(3));
    expect(digest(3)).not.toBe(digest(4));
  });

  it('learns the synthetic classes', () => {
    const { weights } = train(1);
    const test = examples(5).slice(-30);
    const correct = test.filter((e) => {
      const p = forwardPass(weights, e.features);
      return e.targets[p.indexOf(Math.max(...p))] === 1;
    }).length;
    expect(correct / test.length).toBeGreaterThan(0.8);
  });

  it('stops early when the validation loss stops improving', () => {
    const result = train(1);
    expect(result.history.length).toBe(result.epochsRun);
    expect(result.bestEpoch).toBeGreaterThan(0);
    const best = result.history[result.bestEpoch - 1] as number;
    expect(Math.min(...result.history)).toBe(best);
  });
});

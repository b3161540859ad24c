import { describe, expect, it } from 'vitest';
import { combineModels, DEFAULT_TRAIN_OPTIONS, forwardPass, trainLinear, trainModel } from '../src/index.js';
import { makeExamples as examples, SMALL_PARAMS as params } from './support/make-examples.js';

const options = {
  task: 'multiclass' as const,
  labelCount: 3,
  buckets: params.buckets,
  l2: DEFAULT_TRAIN_OPTIONS.linearL2,
  iterations: 60,
  learningRate: DEFAULT_TRAIN_OPTIONS.linearLearningRate,
  classWeights: true,
};

const logits = (probs: Float64Array) => Array.from(probs, (p) => Math.log(p));

describe('trainLinear', () => {
  it('is deterministic and learns the synthetic classes', () => {
    const data = examples(12);
    const a = trainLinear(data.slice(0, 60), options);
    const b = trainLinear(data.slice(0, 60), options);
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(b.embedding.buffer))).toBe(true);
    expect(a.dim).toBe(3);
    const test = examples(17).slice(-30);
    const correct = test.filter((e) => {
      const p = forwardPass(a, e.features);
      return e.targets[p.indexOf(Math.max(...p))] === 1;
    }).length;
    expect(correct / test.length).toBeGreaterThan(0.8);
  });

  it('folds into an embedding-bag model with the given share of the logits', () => {
    const data = examples(8);
    const linear = trainLinear(data, options);
    const bag = trainModel(data, {
      ...DEFAULT_TRAIN_OPTIONS,
      dim: 4,
      task: 'multiclass',
      labelCount: 3,
      buckets: params.buckets,
      seed: 1,
      validation: [],
    }).weights;
    const mixed = combineModels([bag, linear], [0.3, 0.7]);
    expect(mixed.dim).toBe(7);
    for (const example of data.slice(0, 5)) {
      const expected = logits(forwardPass(bag, example.features)).map(
        (x, j) => 0.3 * x + 0.7 * (logits(forwardPass(linear, example.features))[j] as number),
      );
      const got = logits(forwardPass(mixed, example.features));
      // Softmax is shift-invariant: compare logit differences.
      for (let j = 1; j < 3; j++)
        expect((got[j] as number) - (got[0] as number)).toBeCloseTo(
          (expected[j] as number) - (expected[0] as number),
          4,
        );
    }
  });
});

import { describe, expect, it } from 'vitest';
import { fitWeights } from '../src/fit-weights.js';
import { DEFAULT_TRAIN_OPTIONS, forwardPass, hashToken, type ModelWeights } from '../src/index.js';
import { labelLogCountRatios, logCountRatioFactors } from '../src/log-count-ratio-factors.js';
import { trainLinear } from '../src/train-linear.js';
import { makeExamples as examples, SMALL_FIT_OPTIONS as fit, SMALL_PARAMS as params } from './support/make-examples.js';

const accuracy = (weights: ModelWeights, test: ReturnType<typeof examples>) =>
  test.filter((e) => {
    const p = forwardPass(weights, e.features);
    return e.targets[p.indexOf(Math.max(...p))] === 1;
  }).length / test.length;

describe('logCountRatioFactors', () => {
  it('weighs a word of one label above a word every label has, with mean 1 over the occurrences', () => {
    const data = examples(10);
    const factors = logCountRatioFactors(data, params.buckets, 3, 1);
    let sum = 0;
    let count = 0;
    for (const { features } of data) {
      for (const id of features.ids) sum += factors[id] as number;
      count += features.ids.length;
    }
    expect(sum / count).toBeCloseTo(1, 10);
    // Title words: `how` only in questions; the nouns fill every label's templates.
    const id = (word: string) => (hashToken(`t ${word}`) >>> 0) % params.buckets;
    expect(factors[id('how')] as number).toBeGreaterThan(2 * (factors[id('tabs')] as number));
  });

  it('at mix 0 is all ones, and mixes linearly in between', () => {
    const data = examples(6);
    const none = logCountRatioFactors(data, params.buckets, 3, 0);
    const full = logCountRatioFactors(data, params.buckets, 3, 1);
    const half = logCountRatioFactors(data, params.buckets, 3, 0.5);
    expect(none.every((f) => f === 1)).toBe(true);
    for (const id of data[0]!.features.ids) {
      expect(half[id] as number).toBeCloseTo(0.5 + 0.5 * (full[id] as number), 12);
    }
  });
});

describe('labelLogCountRatios in trainLinear', () => {
  const linear = {
    task: 'multiclass' as const,
    labelCount: 3,
    buckets: params.buckets,
    l2: DEFAULT_TRAIN_OPTIONS.linearL2,
    iterations: 40,
    learningRate: DEFAULT_TRAIN_OPTIONS.linearLearningRate,
    classWeights: true,
  };

  it('with factors all 1 gives the plain weights to the bit', () => {
    const data = examples(6);
    const plain = trainLinear(data, linear);
    const ones = trainLinear(data, { ...linear, labelFactors: new Float64Array(params.buckets * 3).fill(1) });
    expect(Buffer.from(ones.embedding.buffer).equals(Buffer.from(plain.embedding.buffer))).toBe(true);
  });

  it('weighs a question word highest for question, and the model still learns', () => {
    const data = examples(12);
    const ratios = labelLogCountRatios(data, params.buckets, 3, 1);
    const id = (hashToken('t how') >>> 0) % params.buckets;
    const tabs = (hashToken('t tabs') >>> 0) % params.buckets;
    expect(ratios[id * 3 + 2] as number).toBeGreaterThan(2 * (ratios[tabs * 3 + 2] as number));
    const model = trainLinear(data.slice(0, 60), { ...linear, labelFactors: ratios });
    expect(accuracy(model, data.slice(60))).toBeGreaterThan(0.8);
  });
});

describe('fitWeights with naive-Bayes factors and bagging', () => {
  it('is deterministic, differs from the plain fit and still learns', () => {
    const data = examples(12);
    const options = { ...fit, idf: true, nbLinear: 1, nbBag: 1, nbLabels: 1, bagging: true, ensemble: 2 };
    const a = fitWeights(data.slice(0, 50), data.slice(50, 62), options);
    const b = fitWeights(data.slice(0, 50), data.slice(50, 62), options);
    const plain = fitWeights(data.slice(0, 50), data.slice(50, 62), { ...fit, idf: true, ensemble: 2 });
    expect(Buffer.from(a.weights.embedding.buffer).equals(Buffer.from(b.weights.embedding.buffer))).toBe(true);
    expect(Buffer.from(a.weights.embedding.buffer).equals(Buffer.from(plain.weights.embedding.buffer))).toBe(false);
    expect(accuracy(a.weights, data.slice(62))).toBeGreaterThan(0.8);
  });
});

import { describe, expect, it } from 'vitest';
import { fitWeights } from '../src/fit-weights.js';
import { forwardPass, prepareExamples, trainBundle } from '../src/index.js';
import { foldFactors, inverseDocumentFrequency, scaleExamples } from '../src/inverse-document-frequency.js';
import {
  makeExamples as examples,
  SMALL_FIT_OPTIONS as fit,
  GENERIC_LABELS as labels,
  SMALL_PARAMS as params,
} from './support/make-examples.js';
import { makeIssues } from './support/make-issues.js';

describe('IDF scaling', () => {
  it('weighs rare features above common ones, with mean 1 over the feature occurrences', () => {
    const data = examples(10);
    const idf = inverseDocumentFrequency(data, params.buckets);
    let sum = 0;
    let count = 0;
    for (const { features } of data) {
      for (const id of features.ids) sum += idf[id] as number;
      count += features.ids.length;
    }
    expect(sum / count).toBeCloseTo(1, 10);
    const df = new Map<number, number>();
    for (const { features } of data) for (const id of features.ids) df.set(id, (df.get(id) ?? 0) + 1);
    const [common] = [...df].sort((a, b) => b[1] - a[1]);
    const [rare] = [...df].sort((a, b) => a[1] - b[1]);
    expect(idf[rare![0]] as number).toBeGreaterThan(idf[common![0]] as number);
  });

  it('folded into the embedding, scores raw features as the unfolded model scores scaled ones', () => {
    const data = examples(8);
    const idf = inverseDocumentFrequency(data, params.buckets);
    const scaled = scaleExamples(data, idf);
    const { weights } = fitWeights(scaled.slice(0, 40), scaled.slice(40), fit);
    const folded = foldFactors(weights, idf);
    for (let i = 0; i < data.length; i++) {
      const a = forwardPass(folded, data[i]!.features);
      const b = forwardPass(weights, scaled[i]!.features);
      for (let j = 0; j < 3; j++) expect(Math.abs((a[j] as number) - (b[j] as number))).toBeLessThan(1e-5);
    }
  });

  it('fitWeights with idf returns models that read the featurizer output and still learn', () => {
    const data = examples(12);
    const result = fitWeights(data.slice(0, 50), data.slice(50, 62), { ...fit, idf: true });
    const plain = fitWeights(data.slice(0, 50), data.slice(50, 62), fit);
    expect(Array.from(result.weights.embedding)).not.toEqual(Array.from(plain.weights.embedding));
    const test = data.slice(62);
    const correct = test.filter((e) => {
      const p = forwardPass(result.weights, e.features);
      return e.targets[p.indexOf(Math.max(...p))] === 1;
    }).length;
    expect(correct / test.length).toBeGreaterThan(0.8);
  });
});

/** A quick multiclass trainBundle on synthetic issues (tests of what the splits and counts become). */
const SMALL_BUNDLE_OPTIONS = {
  task: 'multiclass' as const,
  labels,
  seed: 1,
  holdoutFraction: 0.2,
  validationFraction: 0.15,
  featurizer: { buckets: params.buckets },
  trainer: { epochs: 3, linearShare: 0.5, linearIterations: 20 },
  sources: [],
  createdAt: '2026-01-01T00:00:00Z',
};

describe('trainBundle with down-weighted inputs', () => {
  it('trains on them but holds out and validates on full-weight issues only', () => {
    const main = makeIssues(10);
    const auxiliary = makeIssues(10, ['other/mixed']).map((issue) => ({ ...issue, weight: 0.1 }));
    const options = { ...SMALL_BUNDLE_OPTIONS, name: 'aux' };
    const withAux = trainBundle([...main, ...auxiliary], options);
    const alone = trainBundle(main, options);
    const counts = (m: typeof alone) => m.manifest.training.counts as Record<string, Record<string, number>>;
    expect(counts(withAux).heldOut).toEqual(counts(alone).heldOut);
    expect(counts(withAux).validation).toEqual(counts(alone).validation);
    expect(counts(withAux).train!.bug).toBe((counts(alone).train!.bug as number) + 10);
    expect(Object.keys(withAux.heldOut?.atThresholds.perRepo ?? {})).not.toContain('other/mixed');
    expect(withAux.manifest.sha256).not.toBe(alone.manifest.sha256);
  });
});

describe('trainBundle with trainOnHeldOut', () => {
  it('reports the metrics of a model that never saw the held-out part, and ships one trained on it too', () => {
    const options = { ...SMALL_BUNDLE_OPTIONS, name: 'final' };
    const issues = makeIssues(10);
    const measured = trainBundle(issues, options);
    const final = trainBundle(issues, { ...options, trainOnHeldOut: true });
    const counts = (m: typeof final) => m.manifest.training.counts as Record<string, Record<string, number>>;
    expect(final.heldOut).toEqual(measured.heldOut);
    expect(final.manifest.metrics).toEqual(measured.manifest.metrics);
    expect(counts(final).heldOut).toEqual(counts(measured).heldOut);
    expect(counts(final).validation).toEqual(counts(measured).validation);
    for (const label of labels)
      expect(counts(final).train![label]).toBe(counts(measured).train![label]! + counts(measured).heldOut![label]!);
    expect(final.manifest.training.heldOutTrainedOn).toBe(true);
    expect(measured.manifest.training.heldOutTrainedOn).toBeUndefined();
    expect(final.manifest.sha256).not.toBe(measured.manifest.sha256);
  });
});

describe('trainBundle with splits given by the caller', () => {
  it('trains on the splits (cross-validation passes its folds there and no issues of its own)', () => {
    const prepared = prepareExamples(makeIssues(10), 'multiclass', labels).issues;
    const splits = () => ({
      train: prepared.slice(0, 20),
      validation: prepared.slice(20, 25),
      test: prepared.slice(25),
    });
    const result = trainBundle([], { ...SMALL_BUNDLE_OPTIONS, name: 'folds', splits });
    const counts = result.manifest.training.counts as Record<string, Record<string, number>>;
    const total = (part: Record<string, number> | undefined) => Object.values(part ?? {}).reduce((a, b) => a + b, 0);
    expect(total(counts.train)).toBe(20);
    expect(result.heldOut?.top1?.perRepoMacroF1).toBeGreaterThan(0);
  });

  it('refuses splits whose training part carries no label', () => {
    const prepared = prepareExamples(makeIssues(10), 'multiclass', labels).issues;
    const unlabelled = prepared.map((issue) => ({ ...issue, gold: [] }));
    const splits = () => ({ train: unlabelled, validation: prepared.slice(0, 5), test: prepared.slice(5, 10) });
    expect(() => trainBundle([], { ...SMALL_BUNDLE_OPTIONS, name: 'none', splits })).toThrow(
      new RegExp(`no issue carries a label to learn: ${unlabelled.length} training issues`),
    );
  });
});

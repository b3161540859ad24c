import { describe, expect, it } from 'vitest';
import { chooseThresholds, pickLabels } from '../src/index.js';

const options = { precisionTarget: 0.75, minRecall: 0.2, minSupport: 2 };

describe('chooseThresholds', () => {
  it('multilabel: the lowest threshold reaching the precision target', () => {
    // scores for one label, sorted: positives at .9 .8 .6 .3, negatives at .7 .5 .4
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3].map((s) => [s]);
    const targets = [1, 1, 0, 1, 0, 0, 1].map((t) => [t]);
    // precision by cut: .9→1, .8→1, .7→.67, .6→.75, .5→.6, .4→.5, .3→.57
    expect(chooseThresholds('multilabel', ['a'], scores, targets, options)).toEqual({ a: 0.6 });
  });

  it('gives 0 when every candidate already reaches the target, null when recall is useless or support too small', () => {
    const scores = [
      [0.9, 0.2],
      [0.8, 0.1],
      [0.7, 0.95],
      [0.6, 0.3],
    ];
    const targets = [
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 1],
    ];
    const t = chooseThresholds('multilabel', ['all', 'rare'], scores, targets, options);
    expect(t.all).toBe(0);
    expect(t.rare).toBeNull(); // one positive < minSupport
    const noisy = chooseThresholds('multilabel', ['x'], [[0.9], [0.8], [0.7]], [[0], [0], [1]], options);
    expect(noisy.x).toBeNull();
  });

  it('multiclass: candidates are the rows where the label is on top', () => {
    const scores = [
      [0.7, 0.2, 0.1],
      [0.6, 0.3, 0.1],
      [0.5, 0.4, 0.1],
      [0.2, 0.7, 0.1],
      [0.1, 0.2, 0.7],
      [0.1, 0.3, 0.6],
    ];
    const targets = [
      [1, 0, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
    ];
    const t = chooseThresholds('multiclass', ['a', 'b', 'c'], scores, targets, options);
    expect(t).toEqual({ a: 0.7, b: 0, c: 0.7 });
    const manifest = { task: 'multiclass' as const, labels: ['a', 'b', 'c'], thresholds: t };
    expect(pickLabels(manifest, [0.7, 0.2, 0.1])).toEqual(['a']);
    expect(pickLabels(manifest, [0.6, 0.3, 0.1])).toEqual([]);
    expect(pickLabels(manifest, [0.1, 0.2, 0.7])).toEqual(['c']);
    expect(pickLabels(manifest, [0.1, 0.3, 0.6])).toEqual([]);
    expect(pickLabels({ ...manifest, thresholds: { ...t, c: null } }, [0.1, 0.2, 0.7], 0.1)).toEqual([]);
    expect(pickLabels(manifest, [0.6, 0.3, 0.1], 0.5)).toEqual(['a']);
  });
});

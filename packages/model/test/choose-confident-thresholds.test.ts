import { describe, expect, it } from 'vitest';
import { chooseConfidentThresholds, wilsonLowerBound } from '../src/choose-confident-thresholds.js';

describe('chooseConfidentThresholds', () => {
  it('picks the lowest cut that is precise enough with enough evidence', () => {
    const scores = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1].map((s) => [s]);
    const gold = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0].map((g) => (g ? ['bug'] : []));
    const { bug } = chooseConfidentThresholds(['bug'], scores, gold);
    expect(bug?.threshold).toBe(0.3);
    expect(bug).toMatchObject({ predicted: 10, support: 9 });
    expect(bug?.precision).toBeCloseTo(0.9);
  });

  it('gives no threshold on too little evidence, even at perfect precision', () => {
    const scores = [[0.9], [0.8], [0.2], [0.1]];
    const gold = [['docs'], ['docs'], [], []];
    expect(chooseConfidentThresholds(['docs'], scores, gold).docs?.threshold).toBeNull();
    expect(wilsonLowerBound(2, 2, 1)).toBeLessThan(0.7);
    expect(wilsonLowerBound(10, 10, 1)).toBeGreaterThan(0.9);
  });

  it('gives no threshold when the target precision is out of reach', () => {
    const scores = Array.from({ length: 40 }, (_, i) => [i / 40]);
    const gold = scores.map((_, i) => (i % 2 ? ['x'] : []));
    expect(chooseConfidentThresholds(['x'], scores, gold).x?.threshold).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { chooseConfidentThresholds, lowestSliceShare, wilsonLowerBound } from '../src/choose-confident-thresholds.js';

/**
 * Validation issues in time order: `share(i)` of them carry `label`; positives score in
 * [0.4, 1), negatives in [0, 0.6), evenly spread (so the two overlap in [0.4, 0.6)).
 */
function validation(n: number, label: string, share: (i: number) => number) {
  const scores: number[][] = [];
  const gold: string[][] = [];
  let carried = 0;
  for (let i = 0; i < n; i++) {
    // Accumulate the local share, so a change of share shows at once in the next issues.
    carried += share(i);
    const positive = carried >= 1;
    if (positive) carried -= 1;
    const spread = ((i * 37) % n) / n;
    scores.push([positive ? 0.4 + 0.6 * spread : 0.6 * spread]);
    gold.push(positive ? [label] : []);
  }
  return { scores, gold };
}

describe('chooseConfidentThresholds', () => {
  it('picks the lowest cut that is precise enough with enough evidence', () => {
    const { scores, gold } = validation(400, 'bug', () => 0.3);
    const { bug } = chooseConfidentThresholds(['bug'], scores, gold, { shareDrop: 1 });
    expect(bug?.threshold).not.toBeNull();
    expect(bug?.precision).toBeGreaterThanOrEqual(0.8);
    // One step lower would no longer be precise enough: the cut is the lowest that qualifies.
    const t = bug?.threshold as number;
    const below = scores.map((s, i) => ({ s: s[0] as number, p: gold[i]?.length === 1 })).filter((r) => r.s < t);
    const next = Math.max(...below.map((r) => r.s));
    const at = scores.map((s, i) => ({ s: s[0] as number, p: gold[i]?.length === 1 })).filter((r) => r.s >= next);
    expect(at.filter((r) => r.p).length / at.length).toBeLessThan(0.8);
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

  it('demands more of a label whose share of issues falls: a higher cut, or none', () => {
    const steady = validation(400, 'area', () => 0.3);
    const fading = validation(400, 'area', (i) => (i < 200 ? 0.3 : 0.06));
    const atSteady = chooseConfidentThresholds(['area'], steady.scores, steady.gold).area;
    const atFading = chooseConfidentThresholds(['area'], fading.scores, fading.gold).area;
    expect(atSteady?.threshold).not.toBeNull();
    expect(atFading?.driftShare).toBeCloseTo(0.03, 2);
    expect(atFading?.threshold ?? Number.POSITIVE_INFINITY).toBeGreaterThan(atSteady?.threshold as number);
    // Without the margin (shareDrop 1, one slice) the fading label looks as good as a steady one.
    const plain = chooseConfidentThresholds(['area'], fading.scores, fading.gold, { shareDrop: 1, slices: 1 }).area;
    expect(plain?.threshold).not.toBeNull();
    expect(plain?.threshold as number).toBeLessThan(atFading?.threshold ?? Number.POSITIVE_INFINITY);
  });

  it('reports the precision it assumed under drift, and keeps it above the floor', () => {
    const { scores, gold } = validation(400, 'bug', () => 0.3);
    const { bug } = chooseConfidentThresholds(['bug'], scores, gold);
    expect(bug?.driftShare).toBeCloseTo(0.15, 2);
    expect(bug?.driftPrecision).toBeGreaterThanOrEqual(0.7);
    expect(bug?.driftPrecision).toBeLessThanOrEqual(bug?.precision as number);
  });
});

describe('lowestSliceShare', () => {
  it('is the smallest share among consecutive slices, oldest first', () => {
    const gold = [['a'], ['a'], ['a'], [], ['a'], [], [], []];
    expect(lowestSliceShare(gold, 'a', 1)).toBe(0.5);
    expect(lowestSliceShare(gold, 'a', 2)).toBe(0.25);
    expect(lowestSliceShare(gold, 'a', 4)).toBe(0);
    expect(lowestSliceShare([], 'a', 2)).toBe(0);
  });
});

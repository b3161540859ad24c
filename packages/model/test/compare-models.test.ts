import { describe, expect, it } from 'vitest';
import { compareModels } from '../src/compare-models.js';
import { evaluatePredictions } from '../src/evaluate-predictions.js';

const labels = ['bug', 'docs'];
const gold = [['bug'], ['bug'], ['docs'], [], ['bug', 'docs'], ['bug'], ['docs'], ['bug'], [], ['bug']];
const thresholds = { bug: 0.5, docs: 0.5 };

describe('compareModels', () => {
  it('calls a model with the same predictions the same', () => {
    const report = evaluatePredictions(labels, gold, gold);
    const c = compareModels({ version: 'b', report, thresholds }, { version: 'a', report, thresholds });
    expect(c.verdict).toBe('same');
    expect(c.regressions).toEqual([]);
  });

  it('refuses a candidate whose macro-F1 or a kept label precision drops beyond the margin', () => {
    const live = evaluatePredictions(labels, gold, gold);
    const sloppy = gold.map((g) => [...new Set([...g, 'bug'])]);
    const c = compareModels(
      { version: 'b', report: evaluatePredictions(labels, gold, sloppy), thresholds },
      { version: 'a', report: live, thresholds },
    );
    expect(c.verdict).toBe('worse');
    expect(c.regressions.some((r) => r.startsWith("precision of 'bug'"))).toBe(true);
    expect(c.regressions.some((r) => r.startsWith('macro-F1'))).toBe(true);
  });

  it('does not judge the precision of a label the live model never predicted', () => {
    const live = evaluatePredictions(
      labels,
      gold,
      gold.map((g) => g.filter((l) => l === 'bug')),
    );
    const candidate = evaluatePredictions(labels, gold, gold);
    const c = compareModels(
      { version: 'b', report: candidate, thresholds },
      { version: 'a', report: live, thresholds: { bug: 0.5, docs: null } },
    );
    expect(c.precision.map((p) => p.label)).toEqual(['bug']);
    expect(c.verdict).toBe('better');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from '../src/index.js';

describe('evaluatePredictions', () => {
  it('computes per-label, micro, macro and per-repo scores', () => {
    const gold = [['bug'], ['bug'], ['feature'], ['question'], ['bug'], ['feature']];
    const predicted = [['bug'], ['feature'], ['feature'], ['bug'], ['bug'], []];
    const repos = ['r/a', 'r/a', 'r/a', 'r/b', 'r/b', 'r/b'];
    const report = evaluatePredictions(['bug', 'feature', 'question'], gold, predicted, repos);
    // bug: tp 2, fp 1, fn 1 → P 2/3 R 2/3 F1 2/3; feature: tp 1 fp 1 fn 1 → 1/2; question: tp 0 fn 1 → 0
    expect(report.perLabel.bug).toMatchObject({ support: 3, predicted: 3 });
    expect(report.perLabel.bug?.f1).toBeCloseTo(2 / 3, 10);
    expect(report.perLabel.feature?.precision).toBeCloseTo(0.5, 10);
    expect(report.perLabel.question?.f1).toBe(0);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 10);
    // micro: tp 3, fp 2, fn 3 → 6 / (6 + 5)
    expect(report.microF1).toBeCloseTo(6 / 11, 10);
    // r/a: bug P 1 R .5 F1 2/3; feature P .5 R 1 F1 2/3 → 2/3. r/b: bug P .5 R 1 → 2/3; question 0; feature 0 → 2/9
    expect(report.perRepo['r/a']?.macroF1).toBeCloseTo(2 / 3, 10);
    expect(report.perRepo['r/b']?.macroF1).toBeCloseTo(2 / 9, 10);
    expect(report.perRepoMacroF1).toBeCloseTo((2 / 3 + 2 / 9) / 2, 10);
    expect(report.count).toBe(6);
  });

  it('leaves out of the macro average labels absent from both gold and predictions', () => {
    const report = evaluatePredictions(['a', 'b'], [['a'], ['a']], [['a'], ['a']]);
    expect(report.macroF1).toBe(1);
    expect(report.perLabel.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('leaves out of the per-repo mean a repository where no label is present (nothing to score)', () => {
    const report = evaluatePredictions(['a'], [['a'], [], []], [['a'], [], []], ['r/a', 'r/none', 'r/none']);
    expect(report.perRepo['r/none']?.count).toBe(2);
    expect(report.perRepoMacroF1).toBe(1);
    expect(evaluatePredictions(['a'], [[]], [[]], ['r/none']).perRepoMacroF1).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { observedPrecision } from '../src/index.js';
import { decideRamp, parseSteps, type RampInput } from '../src/operations.js';

const base: RampInput = {
  current: 0.25,
  steps: [0.1, 0.25, 0.5, 1],
  forwarded: { applied: 300, removed: 30 },
  generic: { applied: 1000, removed: 120 },
  minSamples: 200,
  margin: 0.02,
};

describe('decideRamp', () => {
  it('advances one step when the forwarded path is no worse than generic by the margin', () => {
    expect(decideRamp(base)).toMatchObject({ action: 'advance', from: 0.25, to: 0.5 });
    const slightlyWorse = { ...base, forwarded: { applied: 300, removed: 40 } };
    expect(observedPrecision(slightlyWorse.forwarded)).toBeCloseTo(0.8667, 3);
    expect(decideRamp(slightlyWorse)).toMatchObject({ action: 'advance', to: 0.5 });
    expect(decideRamp({ ...base, current: 0.3 })).toMatchObject({ action: 'advance', to: 0.5 });
  });

  it('rolls back to 0 when the forwarded path is worse by more than the margin', () => {
    const worse = decideRamp({ ...base, forwarded: { applied: 300, removed: 60 } });
    expect(worse).toMatchObject({ action: 'rollback', from: 0.25, to: 0 });
    expect(worse.reason).toContain('forwarded 0.800 vs generic 0.880');
  });

  it('holds while either path lacks samples, at the last step, and at 0 without --start', () => {
    expect(decideRamp({ ...base, forwarded: { applied: 150, removed: 90 } })).toMatchObject({
      action: 'hold',
      to: 0.25,
      reason: 'not enough samples: forwarded has 150 of 200 applied labels needed',
    });
    expect(decideRamp({ ...base, generic: { applied: 0, removed: 0 } }).action).toBe('hold');
    expect(decideRamp({ ...base, current: 1 })).toMatchObject({ action: 'hold', to: 1 });
    expect(decideRamp({ ...base, current: 1, forwarded: { applied: 300, removed: 90 } }).action).toBe('rollback');
    expect(decideRamp({ ...base, current: 0 })).toMatchObject({ action: 'hold', to: 0 });
    expect(decideRamp({ ...base, current: 0, start: true })).toMatchObject({ action: 'advance', to: 0.1 });
  });
});

describe('parseSteps', () => {
  it('reads ascending probabilities and refuses anything else', () => {
    expect(parseSteps('0.1,0.25, 0.5,1')).toEqual([0.1, 0.25, 0.5, 1]);
    for (const bad of ['0.5,0.25', '0,0.5', '0.5,2', 'a', '']) expect(() => parseSteps(bad)).toThrow('--steps');
  });
});

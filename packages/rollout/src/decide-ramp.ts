import { observedPrecision, type PathFeedback } from './observed-feedback.js';

/** Everything a ramp decision looks at. */
export interface RampInput {
  /** The target's probability now. */
  current: number;
  /** The ladder, ascending, each in (0, 1]. */
  steps: readonly number[];
  forwarded: PathFeedback;
  generic: PathFeedback;
  /** Applied labels each path needs before its precision counts. */
  minSamples: number;
  /** How far below the generic path's precision the forwarded path may be and still advance. */
  margin: number;
  /** Take the first step from 0 (there are no forwarded samples before it). */
  start?: boolean;
}

/** What to do, the probability to set, and why. */
export interface RampDecision {
  action: 'advance' | 'hold' | 'rollback';
  from: number;
  to: number;
  reason: string;
}

/**
 * One step of a gradual rollout. From 0 the first step is taken only with `start` (so a rollback
 * is not undone by the next run). Otherwise, once both paths have at least `minSamples` applied
 * labels: advance to the next step when the forwarded precision ≥ generic − margin, roll back to 0
 * when it is below that; hold while samples are short or at the last step.
 */
export function decideRamp(input: RampInput): RampDecision {
  const { current: from, steps } = input;
  const hold = (reason: string): RampDecision => ({ action: 'hold', from, to: from, reason });
  const next = steps.find((step) => step > from);
  if (from === 0) {
    if (next === undefined) return hold('no step above 0');
    return input.start
      ? { action: 'advance', from, to: next, reason: 'start: first step, before any forwarded samples' }
      : hold('not started (p = 0): pass --start to take the first step');
  }
  const forwarded = observedPrecision(input.forwarded);
  const generic = observedPrecision(input.generic);
  const short = [
    input.forwarded.applied < input.minSamples ? `forwarded has ${input.forwarded.applied}` : '',
    input.generic.applied < input.minSamples ? `generic has ${input.generic.applied}` : '',
  ].filter(Boolean);
  if (short.length > 0 || forwarded === null || generic === null) {
    return hold(`not enough samples: ${short.join(', ')} of ${input.minSamples} applied labels needed`);
  }
  const compared = `forwarded ${fmt(forwarded)} vs generic ${fmt(generic)} (margin ${input.margin})`;
  if (forwarded < generic - input.margin) return { action: 'rollback', from, to: 0, reason: `worse: ${compared}` };
  if (next === undefined) return hold(`at the last step; ${compared}`);
  return { action: 'advance', from, to: next, reason: `no worse: ${compared}` };
}

/** Reads `--steps 0.1,0.25,0.5,1`: ascending probabilities in (0, 1]. */
export function parseSteps(text: string): number[] {
  const steps = text.split(',').map((part) => Number(part.trim()));
  const valid = steps.every(
    (step, i) => Number.isFinite(step) && step > 0 && step <= 1 && (i === 0 || step > (steps[i - 1] ?? 0)),
  );
  if (!valid || steps.length === 0)
    throw new Error(`--steps '${text}' must be ascending numbers in (0, 1], e.g. 0.1,0.25,0.5,1`);
  return steps;
}

function fmt(value: number): string {
  return value.toFixed(3);
}

import type { TrainingExample } from './train-model.js';
import type { Task } from './types.js';

/**
 * Class weighting for unbalanced data, per label `[weight of a positive, weight of a negative]`:
 * a positive weighs N / (L · n_label), clipped to [0.05, 20]; all 1 when `balanced` is false.
 */
export function computeLabelWeights(examples: TrainingExample[], L: number, balanced: boolean): Float64Array {
  const positives = new Float64Array(L);
  for (const example of examples)
    for (let j = 0; j < L; j++) positives[j] = (positives[j] as number) + (example.targets[j] as number);
  const out = new Float64Array(2 * L).fill(1);
  if (!balanced) return out;
  const n = examples.length;
  for (let j = 0; j < L; j++) {
    const pos = Math.max(1, positives[j] as number);
    // Multiclass: N / (L · n_j). Multilabel uses the same per-label positive weight, clipped.
    out[2 * j] = Math.min(20, Math.max(0.05, n / (L * pos)));
  }
  return out;
}

/** An example's weight: its label's (multiclass) or its rarest positive label's (multilabel). */
export function exampleWeight(task: Task, targets: Float32Array, labelWeights: Float64Array): number {
  if (task === 'multiclass') {
    for (let j = 0; j < targets.length; j++) if (targets[j] === 1) return labelWeights[2 * j] as number;
    return 1;
  }
  let w = 1;
  for (let j = 0; j < targets.length; j++) if (targets[j] === 1) w = Math.max(w, labelWeights[2 * j] as number);
  return w;
}

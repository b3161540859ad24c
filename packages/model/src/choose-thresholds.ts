import type { Task } from './types.js';

export interface ThresholdOptions {
  /** Precision each label must reach on the validation split. */
  precisionTarget: number;
  /** Below this recall at the target precision, a label is not worth predicting (threshold null). */
  minRecall: number;
  /** Labels with fewer validation positives get no threshold. */
  minSupport: number;
}

export const DEFAULT_THRESHOLD_OPTIONS: ThresholdOptions = { precisionTarget: 0.8, minRecall: 0.1, minSupport: 3 };

/**
 * Per label, the lowest score threshold whose precision on the validation split reaches the
 * target (so recall is as high as it can be at that precision). Multiclass candidates are the rows
 * where the label is the top score; multilabel candidates are all rows. A label whose whole
 * candidate set already reaches the target gets threshold 0.
 */
export function chooseThresholds(
  task: Task,
  labels: string[],
  probabilities: ArrayLike<number>[],
  targets: ArrayLike<number>[],
  options: ThresholdOptions,
): Record<string, number | null> {
  const thresholds: Record<string, number | null> = {};
  labels.forEach((label, j) => {
    const candidates: { score: number; positive: boolean }[] = [];
    let support = 0;
    probabilities.forEach((probs, i) => {
      const positive = (targets[i] as ArrayLike<number>)[j] === 1;
      if (positive) support++;
      if (task === 'multiclass' && argmax(probs) !== j) return;
      candidates.push({ score: probs[j] as number, positive });
    });
    if (support < options.minSupport) {
      thresholds[label] = null;
      return;
    }
    candidates.sort((a, b) => b.score - a.score);
    let tp = 0;
    let best = -1;
    candidates.forEach((c, k) => {
      if (c.positive) tp++;
      const next = candidates[k + 1];
      // Only cut between distinct scores: a threshold cannot split ties.
      if (next && next.score === c.score) return;
      if (tp / (k + 1) >= options.precisionTarget) best = k;
    });
    const recallAtBest = best < 0 ? 0 : candidates.slice(0, best + 1).filter((c) => c.positive).length / support;
    if (best < 0 || recallAtBest < options.minRecall) thresholds[label] = null;
    else thresholds[label] = best === candidates.length - 1 ? 0 : (candidates[best] as { score: number }).score;
  });
  return thresholds;
}

function argmax(values: ArrayLike<number>): number {
  let top = 0;
  for (let j = 1; j < values.length; j++) if ((values[j] as number) > (values[top] as number)) top = j;
  return top;
}

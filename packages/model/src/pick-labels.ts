import type { ModelManifest } from './types.js';

/**
 * The labels a prediction applies. Multiclass: the top label, if it clears its threshold.
 * Multilabel: every label that clears its threshold. A `null` threshold is never predicted;
 * `minConfidence`, when given, replaces every non-null threshold.
 */
export function pickLabels(
  manifest: Pick<ModelManifest, 'task' | 'labels' | 'thresholds'>,
  probabilities: ArrayLike<number>,
  minConfidence?: number,
): string[] {
  const clears = (label: string, score: number): boolean => {
    const threshold = manifest.thresholds[label];
    if (threshold === null || threshold === undefined) return false;
    return score >= (minConfidence ?? threshold);
  };
  if (manifest.task === 'multiclass') {
    let top = 0;
    for (let j = 1; j < manifest.labels.length; j++)
      if ((probabilities[j] as number) > (probabilities[top] as number)) top = j;
    const label = manifest.labels[top] as string;
    return clears(label, probabilities[top] as number) ? [label] : [];
  }
  return manifest.labels.filter((label, j) => clears(label, probabilities[j] as number));
}

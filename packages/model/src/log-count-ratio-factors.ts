import { meanOverOccurrences } from './inverse-document-frequency.js';
import type { TrainingExample } from './train-model.js';

/**
 * Naive-Bayes feature factors (NB-SVM's log-count ratios, made label-agnostic so they scale an
 * input and fold into an embedding row like IDF): per label j, the Bernoulli log-ratio of the
 * feature's document rate among label-j examples to its rate among the others (add-`alpha`
 * smoothed, example weights counted); the factor is the mean |ratio| over labels, divided by its
 * mean over the examples' feature occurrences, then mixed `1 - mix + mix * factor`. Features
 * that separate the labels get larger inputs, so the linear view moves their weights sooner.
 */
export function logCountRatioFactors(
  examples: TrainingExample[],
  buckets: number,
  labelCount: number,
  mix: number,
  alpha = 1,
): Float64Array {
  const L = labelCount;
  const ratios = absoluteLogRatios(examples, buckets, L, alpha);
  const factors = new Float64Array(buckets);
  for (let id = 0; id < buckets; id++) {
    let sum = 0;
    for (let j = 0; j < L; j++) sum += ratios[id * L + j] as number;
    factors[id] = sum / L;
  }
  const mean = meanOverOccurrences(examples, factors) || 1;
  for (let id = 0; id < buckets; id++) factors[id] = 1 - mix + (mix * (factors[id] as number)) / mean;
  return factors;
}

/**
 * NB-SVM's per-label factors, `[buckets, labelCount]`: |log-ratio| of the feature's document rate
 * among label-j examples to its rate among the others (add-`alpha`), divided by the mean over
 * all (occurrence, label) pairs and mixed `1 - mix + mix * factor` — for `trainLinear`'s labelFactors.
 */
export function labelLogCountRatios(
  examples: TrainingExample[],
  buckets: number,
  labelCount: number,
  mix: number,
  alpha = 1,
): Float64Array {
  const L = labelCount;
  const ratios = absoluteLogRatios(examples, buckets, L, alpha);
  let sum = 0;
  let count = 0;
  for (const { features } of examples) {
    for (const id of features.ids) for (let j = 0; j < L; j++) sum += ratios[id * L + j] as number;
    count += features.ids.length * L;
  }
  const mean = count > 0 && sum > 0 ? sum / count : 1;
  for (let k = 0; k < ratios.length; k++) ratios[k] = 1 - mix + (mix * (ratios[k] as number)) / mean;
  return ratios;
}

/** Per (feature, label): |log| of the feature's add-`alpha` document rate among label-j examples over its rate among the others. */
function absoluteLogRatios(examples: TrainingExample[], buckets: number, L: number, alpha: number): Float64Array {
  const counts = new Float64Array(buckets * L);
  const totals = new Float64Array(L);
  for (const { features, targets, weight = 1 } of examples) {
    for (let j = 0; j < L; j++) {
      if (targets[j] !== 1) continue;
      totals[j] = (totals[j] as number) + weight;
      for (const id of features.ids) counts[id * L + j] = (counts[id * L + j] as number) + weight;
    }
  }
  const all = totals.reduce((a, b) => a + b, 0);
  const ratios = new Float64Array(buckets * L);
  for (let id = 0; id < buckets; id++) {
    let rowTotal = 0;
    for (let j = 0; j < L; j++) rowTotal += counts[id * L + j] as number;
    for (let j = 0; j < L; j++) {
      const inside = counts[id * L + j] as number;
      const n = totals[j] as number;
      const rate = (inside + alpha) / (n + 2 * alpha);
      const rest = (rowTotal - inside + alpha) / (all - n + 2 * alpha);
      ratios[id * L + j] = Math.abs(Math.log(rate / rest));
    }
  }
  return ratios;
}

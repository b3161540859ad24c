import type { Features } from './featurize.js';
import type { ModelWeights } from './model-weights.js';
import type { TrainingExample } from './train-model.js';

/**
 * Inverse document frequency per feature id over training examples, `1 + ln((N + 1) / (df + 1))`,
 * divided by its mean over the examples' feature occurrences (so the inputs keep their scale and
 * the trainers' step sizes and L2 penalty mean what they meant). Ids no example has get the
 * largest value, as an unseen word would.
 */
export function inverseDocumentFrequency(examples: TrainingExample[], buckets: number): Float64Array {
  const df = new Float64Array(buckets);
  for (const { features } of examples) for (const id of features.ids) df[id] = (df[id] as number) + 1;
  const n = examples.length;
  const idf = new Float64Array(buckets);
  for (let id = 0; id < buckets; id++) idf[id] = 1 + Math.log((n + 1) / ((df[id] as number) + 1));
  const mean = meanOverOccurrences(examples, idf) || 1;
  for (let id = 0; id < buckets; id++) idf[id] = (idf[id] as number) / mean;
  return idf;
}

/** Mean of a per-id factor over every feature occurrence of the examples (0 when there are none). */
export function meanOverOccurrences(examples: TrainingExample[], factors: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (const { features } of examples) {
    for (const id of features.ids) sum += factors[id] as number;
    count += features.ids.length;
  }
  return count > 0 ? sum / count : 0;
}

/** The examples with each feature weight multiplied by its id's factor (what the trainers see). */
export function scaleExamples(examples: TrainingExample[], factors: Float64Array): TrainingExample[] {
  const scale = ({ ids, weights }: Features): Features => ({
    ids,
    weights: Float32Array.from(weights, (w, k) => w * (factors[ids[k] as number] as number)),
  });
  return examples.map((example) => ({ ...example, features: scale(example.features) }));
}

/**
 * A model trained on scaled features as one that takes the featurizer's output as is: each
 * embedding row multiplied by its id's factor (the hidden vector is linear in the weights), so
 * serving needs neither the factors nor a new featurizer.
 */
export function foldFactors(weights: ModelWeights, factors: Float64Array): ModelWeights {
  const { dim } = weights;
  const embedding = weights.embedding.slice();
  for (let row = 0; row < weights.buckets; row++) {
    const f = factors[row] as number;
    for (let k = row * dim; k < (row + 1) * dim; k++) embedding[k] = (embedding[k] as number) * f;
  }
  return { ...weights, embedding };
}

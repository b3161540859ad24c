import type { ModelWeights } from './model-weights.js';

/**
 * Folds models over the same features and labels into one whose logits are the weighted sum of
 * theirs (`shares`, default 1/K each): embeddings are concatenated per row (width Σ dims), the
 * output layers stacked and scaled by their share, biases summed likewise. The result is an
 * ordinary model (same graph), so an ensemble costs one Gather at serving time.
 */
export function combineModels(models: ModelWeights[], shares?: number[]): ModelWeights {
  const first = models[0];
  if (!first) throw new Error('combineModels needs at least one model');
  if (models.length === 1 && !shares) return first;
  const { buckets, labelCount: L } = first;
  const width = models.reduce((sum, m) => sum + m.dim, 0);
  const embedding = new Float32Array(buckets * width);
  const output = new Float32Array(width * L);
  const bias = new Float32Array(L);
  // Without shares: divide by K (as ensembles always have, so their bytes stay the same).
  const scale = (x: number, k: number): number => (shares ? x * (shares[k] ?? 0) : x / models.length);
  let offset = 0;
  models.forEach((model, k) => {
    if (model.buckets !== buckets || model.labelCount !== L || model.task !== first.task) {
      throw new Error('combineModels: models differ in shape or task');
    }
    const { dim } = model;
    for (let row = 0; row < buckets; row++) {
      embedding.set(model.embedding.subarray(row * dim, (row + 1) * dim), row * width + offset);
    }
    for (let i = 0; i < dim * L; i++) output[offset * L + i] = scale(model.output[i] as number, k);
    for (let j = 0; j < L; j++) bias[j] = (bias[j] as number) + scale(model.bias[j] as number, k);
    offset += dim;
  });
  return { task: first.task, buckets, dim: width, labelCount: L, embedding, output, bias };
}

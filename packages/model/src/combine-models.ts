import type { ModelWeights } from './model-weights.js';

/**
 * Folds K models of the same shape into one whose logits are the mean of theirs: embeddings are
 * concatenated per row (dim K·d), the output layers stacked and scaled by 1/K, biases averaged.
 * The result is an ordinary model (same graph), so an ensemble costs one Gather at serving time.
 */
export function combineModels(models: ModelWeights[]): ModelWeights {
  const first = models[0];
  if (!first) throw new Error('combineModels needs at least one model');
  if (models.length === 1) return first;
  const K = models.length;
  const { buckets, dim, labelCount: L } = first;
  const width = K * dim;
  const embedding = new Float32Array(buckets * width);
  const output = new Float32Array(width * L);
  const bias = new Float32Array(L);
  models.forEach((model, k) => {
    if (model.buckets !== buckets || model.dim !== dim || model.labelCount !== L || model.task !== first.task) {
      throw new Error('combineModels: models differ in shape or task');
    }
    for (let row = 0; row < buckets; row++) {
      embedding.set(model.embedding.subarray(row * dim, (row + 1) * dim), row * width + k * dim);
    }
    for (let i = 0; i < dim * L; i++) output[k * dim * L + i] = (model.output[i] as number) / K;
    for (let j = 0; j < L; j++) bias[j] = (bias[j] as number) + (model.bias[j] as number) / K;
  });
  return { task: first.task, buckets, dim: width, labelCount: L, embedding, output, bias };
}

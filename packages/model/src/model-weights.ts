import type { Features } from './featurize.js';
import type { Task } from './types.js';

/** The parameters of the hashed embedding-bag model. Row-major `float32` arrays. */
export interface ModelWeights {
  task: Task;
  buckets: number;
  dim: number;
  labelCount: number;
  /** `[buckets, dim]` */
  embedding: Float32Array;
  /** `[dim, labelCount]` */
  output: Float32Array;
  /** `[labelCount]` */
  bias: Float32Array;
}

/** Hidden vector: weighted sum of the embedding rows of the features (float64 accumulation). */
export function embedFeatures(weights: ModelWeights, features: Features, hidden: Float64Array): Float64Array {
  const { dim, embedding } = weights;
  hidden.fill(0);
  for (let i = 0; i < features.ids.length; i++) {
    const row = (features.ids[i] as number) * dim;
    const w = features.weights[i] as number;
    for (let k = 0; k < dim; k++) hidden[k] = (hidden[k] as number) + w * (embedding[row + k] as number);
  }
  return hidden;
}

/** Logits → probabilities in place: softmax (multiclass) or element-wise sigmoid (multilabel). */
export function activate(task: Task, logits: Float64Array): Float64Array {
  if (task === 'multilabel') {
    for (let j = 0; j < logits.length; j++) logits[j] = 1 / (1 + Math.exp(-(logits[j] as number)));
    return logits;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let j = 0; j < logits.length; j++) {
    const e = Math.exp((logits[j] as number) - max);
    logits[j] = e;
    sum += e;
  }
  for (let j = 0; j < logits.length; j++) logits[j] = (logits[j] as number) / sum;
  return logits;
}

/** Output layer: `hidden · output + bias`. */
export function computeLogits(weights: ModelWeights, hidden: Float64Array, logits: Float64Array): Float64Array {
  const { dim, labelCount, output, bias } = weights;
  for (let j = 0; j < labelCount; j++) logits[j] = bias[j] as number;
  for (let k = 0; k < dim; k++) {
    const h = hidden[k] as number;
    const row = k * labelCount;
    for (let j = 0; j < labelCount; j++) logits[j] = (logits[j] as number) + h * (output[row + j] as number);
  }
  return logits;
}

/** The plain TypeScript forward pass (what the ONNX graph computes): probabilities per label. */
export function forwardPass(weights: ModelWeights, features: Features): Float64Array {
  const hidden = embedFeatures(weights, features, new Float64Array(weights.dim));
  return activate(weights.task, computeLogits(weights, hidden, new Float64Array(weights.labelCount)));
}

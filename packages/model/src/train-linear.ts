import { computeLabelWeights, exampleWeight } from './compute-label-weights.js';
import type { ModelWeights } from './model-weights.js';
import { activate } from './model-weights.js';
import type { TrainingExample } from './train-model.js';
import type { Task } from './types.js';

export interface LinearOptions {
  task: Task;
  labelCount: number;
  buckets: number;
  /** L2 penalty on the weights (the only regulariser: there is no early stopping). */
  l2: number;
  /** Full-batch Adam steps. */
  iterations: number;
  learningRate: number;
  classWeights: boolean;
  /**
   * Optional per-(feature id, label) input factors, `[buckets, labelCount]` (naive-Bayes ratios):
   * the logit of label j reads `x · factor · w`, and the returned rows hold `factor · w`.
   */
  labelFactors?: Float64Array;
}

/**
 * A second, full-rank linear view of the same hashed features: multinomial (or per-label
 * sigmoid) logistic regression with an L2 penalty, fitted by full-batch Adam — no shuffling,
 * so the result depends on the data alone. Returned as an ordinary model whose embedding row of
 * a feature is its weight per label and whose output layer is the identity (width = labels), so
 * `combineModels` can fold it into the embedding-bag model at no serving cost.
 */
export function trainLinear(examples: TrainingExample[], options: LinearOptions): ModelWeights {
  const { task, labelCount: L, buckets, l2, learningRate } = options;
  // Only rows some example touches ever move (the rest stay zero): the parameters live in a
  // compact row space, most frequent rows first, so the hot ones share cache lines. The sums are
  // taken in the same order as over the full space, so the result is the same to the bit.
  const { bucketOf, local } = compactRows(examples, buckets);
  const size = bucketOf.length * L;
  const weights = new Float64Array(size);
  // What the logits read: the weights themselves, or factor · weight with labelFactors.
  const factors = options.labelFactors ? new Float64Array(size) : undefined;
  if (factors && options.labelFactors) {
    for (let row = 0; row < bucketOf.length; row++) {
      for (let j = 0; j < L; j++)
        factors[row * L + j] = options.labelFactors[(bucketOf[row] as number) * L + j] as number;
    }
  }
  const effective = factors ? new Float64Array(size) : weights;
  const gradient = new Float64Array(size);
  const moment1 = new Float64Array(size + L);
  const moment2 = new Float64Array(size + L);
  const bias = new Float64Array(L);
  const biasGradient = new Float64Array(L);
  const labelWeights = computeLabelWeights(examples, L, options.classWeights);
  const exampleWeights = examples.map((e) => (e.weight ?? 1) * exampleWeight(task, e.targets, labelWeights));
  const mass = exampleWeights.reduce((a, b) => a + b, 0) || 1;
  const logits = new Float64Array(L);
  let correction1 = 1;
  let correction2 = 1;
  const adam = (index: number, g: number): number => {
    const m = 0.9 * (moment1[index] as number) + 0.1 * g;
    const v = 0.999 * (moment2[index] as number) + 0.001 * g * g;
    moment1[index] = m;
    moment2[index] = v;
    return (learningRate * (m / correction1)) / (Math.sqrt(v / correction2) + 1e-8);
  };
  for (let t = 1; t <= options.iterations; t++) {
    correction1 = 1 - 0.9 ** t;
    correction2 = 1 - 0.999 ** t;
    gradient.fill(0);
    biasGradient.fill(0);
    for (let n = 0; n < examples.length; n++) {
      const example = examples[n] as TrainingExample;
      const ids = local[n] as Int32Array;
      const values = example.features.weights;
      logits.set(bias);
      for (let i = 0; i < ids.length; i++) {
        const row = (ids[i] as number) * L;
        const x = values[i] as number;
        for (let j = 0; j < L; j++) logits[j] = (logits[j] as number) + x * (effective[row + j] as number);
      }
      activate(task, logits);
      const scale = (exampleWeights[n] as number) / mass;
      for (let j = 0; j < L; j++) logits[j] = ((logits[j] as number) - (example.targets[j] as number)) * scale;
      for (let j = 0; j < L; j++) biasGradient[j] = (biasGradient[j] as number) + (logits[j] as number);
      for (let i = 0; i < ids.length; i++) {
        const row = (ids[i] as number) * L;
        const x = values[i] as number;
        for (let j = 0; j < L; j++) gradient[row + j] = (gradient[row + j] as number) + x * (logits[j] as number);
      }
    }
    if (factors) {
      for (let k = 0; k < size; k++) {
        const w = weights[k] as number;
        const f = factors[k] as number;
        weights[k] = w - adam(k, (gradient[k] as number) * f + l2 * w);
        effective[k] = (weights[k] as number) * f;
      }
    } else {
      for (let k = 0; k < size; k++) {
        const w = weights[k] as number;
        if (w === 0 && gradient[k] === 0) continue;
        weights[k] = w - adam(k, (gradient[k] as number) + l2 * w);
      }
    }
    for (let j = 0; j < L; j++) bias[j] = (bias[j] as number) - adam(size + j, biasGradient[j] as number);
  }
  const embedding = new Float32Array(buckets * L);
  for (let row = 0; row < bucketOf.length; row++) {
    for (let j = 0; j < L; j++) embedding[(bucketOf[row] as number) * L + j] = effective[row * L + j] as number;
  }
  const output = new Float32Array(L * L);
  for (let j = 0; j < L; j++) output[j * L + j] = 1;
  return { task, buckets, dim: L, labelCount: L, embedding, output, bias: Float32Array.from(bias) };
}

/** Every feature id some example has, by descending frequency, and the examples' ids in that row space. */
function compactRows(examples: TrainingExample[], buckets: number) {
  const frequency = new Int32Array(buckets);
  for (const { features } of examples) for (const id of features.ids) frequency[id] = (frequency[id] as number) + 1;
  const used: number[] = [];
  for (let id = 0; id < buckets; id++) if ((frequency[id] as number) > 0) used.push(id);
  used.sort((a, b) => (frequency[b] as number) - (frequency[a] as number) || a - b);
  const rowOf = new Int32Array(buckets);
  used.forEach((id, row) => {
    rowOf[id] = row;
  });
  const local = examples.map(({ features }) => Int32Array.from(features.ids, (id) => rowOf[id] as number));
  return { bucketOf: Int32Array.from(used), local };
}

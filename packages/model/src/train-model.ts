import { computeLabelWeights, exampleWeight } from './compute-label-weights.js';
import { createRandom, shuffleInPlace } from './create-random.js';
import type { Features } from './featurize.js';
import { activate, computeLogits, embedFeatures, type ModelWeights } from './model-weights.js';
import type { Task } from './types.js';

/** One training example: features, a 0/1 target per label, and an optional example weight. */
export interface TrainingExample {
  features: Features;
  targets: Float32Array;
  weight?: number;
}

export interface TrainOptions {
  task: Task;
  labelCount: number;
  buckets: number;
  /** Embedding width. */
  dim: number;
  /** Maximum passes over the data. */
  epochs: number;
  /** Initial SGD step, decayed linearly to 0 over `epochs`. */
  learningRate: number;
  seed: number;
  /** Weight examples so every label counts as if it were as frequent as the average one. */
  classWeights: boolean;
  /** Examples used for early stopping (never trained on). */
  validation: TrainingExample[];
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
  /** Stop after this epoch whatever the validation says (refitting with a known best epoch). */
  stopAfterEpoch?: number;
  /** Start from these weights (e.g. a model trained on related data) instead of a random embedding. */
  initial?: ModelWeights;
}

/**
 * Trainer defaults; `ensemble` is how many seeds trainBundle trains and folds into one model;
 * `linearShare` > 0 adds the logistic-regression view (`trainLinear`) with that share of the logits.
 */
export const DEFAULT_TRAIN_OPTIONS = {
  dim: 32,
  epochs: 20,
  learningRate: 0.1,
  classWeights: true,
  patience: 3,
  ensemble: 1,
  linearShare: 0,
  linearL2: 1e-4,
  linearIterations: 200,
  linearLearningRate: 0.05,
};

export interface TrainResult {
  weights: ModelWeights;
  bestEpoch: number;
  epochsRun: number;
  /** Validation loss after each epoch. */
  history: number[];
}

/**
 * Trains the hashed embedding-bag model with plain SGD, fastText-style: the embedding is
 * initialised uniformly in ±1/dim from `seed`, the output layer at zero, examples are shuffled
 * with the same seeded PRNG, so equal inputs give bit-identical weights.
 */
export function trainModel(examples: TrainingExample[], options: TrainOptions): TrainResult {
  const { task, labelCount: L, buckets, dim } = options;
  const random = createRandom(options.seed);
  const embedding = new Float32Array(buckets * dim);
  for (let i = 0; i < embedding.length; i++) embedding[i] = (random() * 2 - 1) / dim;
  const weights: ModelWeights = options.initial
    ? cloneWeights(options.initial)
    : { task, buckets, dim, labelCount: L, embedding, output: new Float32Array(dim * L), bias: new Float32Array(L) };
  const labelWeights = computeLabelWeights(examples, L, options.classWeights);
  let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: cloneWeights(weights) };
  const history: number[] = [];
  const order = examples.map((_, i) => i);
  const total = Math.max(1, options.epochs * examples.length);
  const hidden = new Float64Array(dim);
  const probs = new Float64Array(L);
  const gradHidden = new Float64Array(dim);
  const grad = new Float64Array(L);
  let step = 0;
  let epoch = 0;
  while (epoch < Math.min(options.epochs, options.stopAfterEpoch ?? options.epochs)) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const example = examples[index] as TrainingExample;
      const lr = options.learningRate * (1 - step++ / total);
      embedFeatures(weights, example.features, hidden);
      activate(task, computeLogits(weights, hidden, probs));
      const scale = (example.weight ?? 1) * exampleWeight(task, example.targets, labelWeights);
      for (let j = 0; j < L; j++) grad[j] = ((probs[j] as number) - (example.targets[j] as number)) * scale;
      sgdStep(weights, example.features, hidden, grad, gradHidden, lr);
    }
    epoch++;
    const loss = validationLoss(weights, options.validation, labelWeights);
    history.push(loss);
    if (loss < best.loss || options.validation.length === 0) {
      best = { loss, epoch, weights: cloneWeights(weights) };
    } else if (epoch - best.epoch >= options.patience) {
      break;
    }
  }
  return { weights: best.weights, bestEpoch: best.epoch, epochsRun: epoch, history };
}

function sgdStep(
  weights: ModelWeights,
  features: Features,
  hidden: Float64Array,
  grad: Float64Array,
  gradHidden: Float64Array,
  lr: number,
): void {
  const { dim, labelCount: L, output, bias, embedding } = weights;
  for (let k = 0; k < dim; k++) {
    let g = 0;
    const row = k * L;
    for (let j = 0; j < L; j++) {
      g += (grad[j] as number) * (output[row + j] as number);
      output[row + j] = (output[row + j] as number) - lr * (grad[j] as number) * (hidden[k] as number);
    }
    gradHidden[k] = g;
  }
  for (let j = 0; j < L; j++) bias[j] = (bias[j] as number) - lr * (grad[j] as number);
  for (let i = 0; i < features.ids.length; i++) {
    const row = (features.ids[i] as number) * dim;
    const step = lr * (features.weights[i] as number);
    for (let k = 0; k < dim; k++)
      embedding[row + k] = (embedding[row + k] as number) - step * (gradHidden[k] as number);
  }
}

function validationLoss(weights: ModelWeights, validation: TrainingExample[], labelWeights: Float64Array): number {
  if (validation.length === 0) return 0;
  const hidden = new Float64Array(weights.dim);
  const probs = new Float64Array(weights.labelCount);
  let loss = 0;
  let mass = 0;
  for (const example of validation) {
    embedFeatures(weights, example.features, hidden);
    activate(weights.task, computeLogits(weights, hidden, probs));
    const w = (example.weight ?? 1) * exampleWeight(weights.task, example.targets, labelWeights);
    for (let j = 0; j < weights.labelCount; j++) {
      const p = Math.min(1 - 1e-7, Math.max(1e-7, probs[j] as number));
      const t = example.targets[j] as number;
      loss -= w * (weights.task === 'multiclass' ? t * Math.log(p) : t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }
    mass += w;
  }
  return loss / mass;
}

function cloneWeights(weights: ModelWeights): ModelWeights {
  return {
    ...weights,
    embedding: weights.embedding.slice(),
    output: weights.output.slice(),
    bias: weights.bias.slice(),
  };
}

import { combineModels } from './combine-models.js';
import { foldFactors, inverseDocumentFrequency, scaleExamples } from './inverse-document-frequency.js';
import type { ModelWeights } from './model-weights.js';
import { trainLinear } from './train-linear.js';
import { type DEFAULT_TRAIN_OPTIONS, type TrainingExample, type TrainOptions, trainModel } from './train-model.js';

/**
 * What trainBundle asks of the trainer: the defaults plus ensemble size and refitting; `idf`
 * trains on IDF-scaled features (from the training examples) and folds the factors into the
 * embedding rows, so the shipped model reads the featurizer's output unchanged.
 */
export type FitOptions = typeof DEFAULT_TRAIN_OPTIONS &
  Pick<TrainOptions, 'task' | 'labelCount' | 'buckets' | 'seed'> & { refit?: boolean; idf?: boolean };

export interface FitResult {
  /** The model to ship. */
  weights: ModelWeights;
  /** A model that never saw the validation split (for thresholds); same as `weights` without refit. */
  validationWeights: ModelWeights;
  bestEpoch: number[];
  epochsRun: number[];
}

/**
 * Trains `ensemble` models (seeds seed, seed+1, …) with early stopping on `validation` and folds
 * them into one. With `refit`, each member is then retrained from scratch on train + validation
 * for the number of epochs early stopping chose (more data for small sets); thresholds must then
 * come from `validationWeights`, the only model whose validation scores are honest.
 */
export function fitWeights(
  rawTrain: TrainingExample[],
  rawValidation: TrainingExample[],
  options: FitOptions,
): FitResult {
  const { refit, idf, ensemble, linearShare, linearL2, linearIterations, linearLearningRate, ...base } = options;
  const factors = idf ? inverseDocumentFrequency(rawTrain, base.buckets) : undefined;
  const train = factors ? scaleExamples(rawTrain, factors) : rawTrain;
  const validation = factors ? scaleExamples(rawValidation, factors) : rawValidation;
  const unscaled = (weights: ModelWeights): ModelWeights => (factors ? foldFactors(weights, factors) : weights);
  const members = Array.from({ length: Math.max(1, ensemble) }, (_, k) =>
    trainModel(train, { ...base, seed: base.seed + k, validation }),
  );
  // The linear view needs no early stopping (L2 and a fixed step count), only the examples.
  const linear = { ...base, l2: linearL2, iterations: linearIterations, learningRate: linearLearningRate };
  const withLinear = (models: ModelWeights[], examples: TrainingExample[]): ModelWeights => {
    const bag = combineModels(models);
    if (!(linearShare > 0)) return bag;
    return combineModels([bag, trainLinear(examples, linear)], [1 - linearShare, linearShare]);
  };
  const validationWeights = unscaled(
    withLinear(
      members.map((m) => m.weights),
      train,
    ),
  );
  const bestEpoch = members.map((m) => m.bestEpoch);
  const epochsRun = members.map((m) => m.epochsRun);
  if (!refit || validation.length === 0) return { weights: validationWeights, validationWeights, bestEpoch, epochsRun };
  const all = [...train, ...validation];
  const refitted = members.map((m, k) =>
    trainModel(all, { ...base, seed: base.seed + k, validation: [], stopAfterEpoch: Math.max(1, m.bestEpoch) }),
  );
  return {
    weights: unscaled(
      withLinear(
        refitted.map((m) => m.weights),
        all,
      ),
    ),
    validationWeights,
    bestEpoch,
    epochsRun,
  };
}

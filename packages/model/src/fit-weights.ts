import { combineModels } from './combine-models.js';
import { createRandom } from './create-random.js';
import { foldFactors, inverseDocumentFrequency, scaleExamples } from './inverse-document-frequency.js';
import { labelLogCountRatios, logCountRatioFactors } from './log-count-ratio-factors.js';
import type { ModelWeights } from './model-weights.js';
import { trainLinear } from './train-linear.js';
import { type DEFAULT_TRAIN_OPTIONS, type TrainingExample, type TrainOptions, trainModel } from './train-model.js';

/**
 * What trainBundle asks of the trainer: the defaults plus ensemble size and refitting; `idf`
 * trains on IDF-scaled features (from the training examples) and folds the factors into the
 * embedding rows, so the shipped model reads the featurizer's output unchanged.
 */
export type FitOptions = typeof DEFAULT_TRAIN_OPTIONS &
  Pick<TrainOptions, 'task' | 'labelCount' | 'buckets' | 'seed'> & {
    refit?: boolean;
    idf?: boolean;
    /** Each bag member trains on its own bootstrap sample of the training examples (seeded). */
    bagging?: boolean;
    /** > 0: the linear view's inputs get naive-Bayes factors (`logCountRatioFactors`) at this mix. */
    nbLinear?: number;
    /** > 0: the bag members' inputs get naive-Bayes factors too (from the training examples). */
    nbBag?: number;
    /** > 0: the linear view gets NB-SVM's per-label factors (`labelLogCountRatios`) at this mix. */
    nbLabels?: number;
  };

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
  const {
    refit,
    idf,
    bagging,
    nbLinear,
    nbBag,
    nbLabels,
    ensemble,
    linearShare,
    linearL2,
    linearIterations,
    linearLearningRate,
    ...base
  } = options;
  const factors = idf ? inverseDocumentFrequency(rawTrain, base.buckets) : undefined;
  const train = factors ? scaleExamples(rawTrain, factors) : rawTrain;
  const validation = factors ? scaleExamples(rawValidation, factors) : rawValidation;
  const unscaled = (weights: ModelWeights): ModelWeights => (factors ? foldFactors(weights, factors) : weights);
  const bagFactors = nbBag ? logCountRatioFactors(train, base.buckets, base.labelCount, nbBag) : undefined;
  const forBag = (examples: TrainingExample[]) => (bagFactors ? scaleExamples(examples, bagFactors) : examples);
  const sample = (examples: TrainingExample[], k: number): TrainingExample[] =>
    forBag(bagging ? bootstrapSample(examples, base.seed + 7919 * (k + 1)) : examples);
  const bagValidation = forBag(validation);
  const members = Array.from({ length: Math.max(1, ensemble) }, (_, k) =>
    trainModel(sample(train, k), { ...base, seed: base.seed + k, validation: bagValidation }),
  );
  // The linear view needs no early stopping (L2 and a fixed step count), only the examples.
  const linear = { ...base, l2: linearL2, iterations: linearIterations, learningRate: linearLearningRate };
  const withLinear = (models: ModelWeights[], examples: TrainingExample[]): ModelWeights => {
    const bag = combineModels(bagFactors ? models.map((m) => foldFactors(m, bagFactors)) : models);
    if (!(linearShare > 0)) return bag;
    const nb = nbLinear ? logCountRatioFactors(examples, base.buckets, base.labelCount, nbLinear) : undefined;
    const labelFactors = nbLabels
      ? { labelFactors: labelLogCountRatios(examples, base.buckets, base.labelCount, nbLabels) }
      : {};
    const view = nb
      ? foldFactors(trainLinear(scaleExamples(examples, nb), { ...linear, ...labelFactors }), nb)
      : trainLinear(examples, { ...linear, ...labelFactors });
    return combineModels([bag, view], [1 - linearShare, linearShare]);
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
    trainModel(sample(all, k), {
      ...base,
      seed: base.seed + k,
      validation: [],
      stopAfterEpoch: Math.max(1, m.bestEpoch),
    }),
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

/** n draws with replacement (a bootstrap sample), seeded. */
function bootstrapSample(examples: TrainingExample[], seed: number): TrainingExample[] {
  const random = createRandom(seed);
  return examples.map(() => examples[Math.floor(random() * examples.length)] as TrainingExample);
}

import { combineModels } from './combine-models.js';
import type { ModelWeights } from './model-weights.js';
import { type DEFAULT_TRAIN_OPTIONS, type TrainingExample, type TrainOptions, trainModel } from './train-model.js';

/** What trainBundle asks of the trainer: the defaults plus ensemble size and refitting. */
export type FitOptions = typeof DEFAULT_TRAIN_OPTIONS &
  Pick<TrainOptions, 'task' | 'labelCount' | 'buckets' | 'seed'> & { refit?: boolean };

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
export function fitWeights(train: TrainingExample[], validation: TrainingExample[], options: FitOptions): FitResult {
  const { refit, ensemble, ...base } = options;
  const members = Array.from({ length: Math.max(1, ensemble) }, (_, k) =>
    trainModel(train, { ...base, seed: base.seed + k, validation }),
  );
  const validationWeights = combineModels(members.map((m) => m.weights));
  const bestEpoch = members.map((m) => m.bestEpoch);
  const epochsRun = members.map((m) => m.epochsRun);
  if (!refit || validation.length === 0) return { weights: validationWeights, validationWeights, bestEpoch, epochsRun };
  const all = [...train, ...validation];
  const refitted = members.map((m, k) =>
    trainModel(all, { ...base, seed: base.seed + k, validation: [], stopAfterEpoch: Math.max(1, m.bestEpoch) }),
  );
  return { weights: combineModels(refitted.map((m) => m.weights)), validationWeights, bestEpoch, epochsRun };
}

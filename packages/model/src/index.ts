/**
 * Public surface of @labelbot/model. CONTRACT used by front, worker, store and cli:
 * keep these names and shapes; add freely.
 */

export {
  type ConfidentThresholdOptions,
  chooseConfidentThresholds,
  DEFAULT_CONFIDENT_THRESHOLD_OPTIONS,
  type LabelThreshold,
  lowestSliceShare,
  wilsonLowerBound,
} from './choose-confident-thresholds.js';
export { chooseThresholds, DEFAULT_THRESHOLD_OPTIONS, type ThresholdOptions } from './choose-thresholds.js';
export { combineModels } from './combine-models.js';
export { compareCodeUnits } from './compare-code-units.js';
export {
  compareModels,
  DEFAULT_REGRESSION_MARGIN,
  MIN_PREDICTIONS_TO_COMPARE,
  type ModelComparison,
} from './compare-models.js';
export { type EvaluationReport, evaluatePredictions, type LabelScores } from './evaluate-predictions.js';
export { exportOnnx, ONNX_OPSET } from './export-onnx.js';
export { type Features, featurize } from './featurize.js';
export {
  DEFAULT_FEATURIZER_PARAMS,
  FEATURIZER_NAME,
  FEATURIZER_VERSION,
  type FeaturizerParams,
} from './featurizer-params.js';
export { hashToken } from './hash-token.js';
export { loadModelFromBytes, loadModelFromDirectory } from './load-model.js';
export { mapLabel } from './map-label.js';
export { type CardEvaluation, type ModelCardInput, renderModelCard } from './model-card.js';
export { forwardPass, type ModelWeights } from './model-weights.js';
export { pickLabels } from './pick-labels.js';
export { prepareExamples, targetsOf } from './prepare-examples.js';
export { readBundleFiles } from './read-bundle-files.js';
export { DatasetError, type DatasetIssue, parseDataset, readDataset } from './read-dataset.js';
export {
  DEFAULT_EXCLUDE_PATTERNS,
  DEFAULT_MIN_COUNT,
  type LabelSelection,
  type SelectLabelsOptions,
  selectLabels,
  workflowLabelMatcher,
} from './select-labels.js';
export { splitJoinedTitle } from './split-joined-title.js';
export { stratifiedSplit } from './stratified-split.js';
export {
  DEFAULT_TIME_HOLDOUT,
  DEFAULT_TIME_VALIDATION,
  parseIssueTime,
  type TimeSplit,
  timeSplit,
} from './time-split.js';
export { type SplitMetrics, type TrainBundleOptions, type TrainBundleResult, trainBundle } from './train-bundle.js';
export { type LinearOptions, trainLinear } from './train-linear.js';
export { DEFAULT_TRAIN_OPTIONS, type TrainingExample, type TrainOptions, trainModel } from './train-model.js';
export {
  type IssueText,
  type LoadedModel,
  ModelBundleError,
  type ModelManifest,
  type Prediction,
  type Task,
} from './types.js';
export { validateManifest } from './validate-manifest.js';
export { type ModelBundle, serializeManifest, writeBundle } from './write-bundle.js';

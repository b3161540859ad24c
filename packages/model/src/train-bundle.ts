import { createHash } from 'node:crypto';
import { chooseThresholds, DEFAULT_THRESHOLD_OPTIONS, type ThresholdOptions } from './choose-thresholds.js';
import { type EvaluationReport, evaluatePredictions } from './evaluate-predictions.js';
import { exportOnnx } from './export-onnx.js';
import { featurize } from './featurize.js';
import {
  DEFAULT_FEATURIZER_PARAMS,
  FEATURIZER_NAME,
  FEATURIZER_VERSION,
  type FeaturizerParams,
} from './featurizer-params.js';
import { type FitOptions, fitWeights } from './fit-weights.js';
import { forwardPass } from './model-weights.js';
import { pickLabels } from './pick-labels.js';
import { prepareExamples, targetsOf } from './prepare-examples.js';
import type { DatasetIssue } from './read-dataset.js';
import { splitJoinedTitle } from './split-joined-title.js';
import { stratifiedSplit } from './stratified-split.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainingExample } from './train-model.js';
import type { ModelManifest, Task } from './types.js';
import type { ModelBundle } from './write-bundle.js';

type Labelled = DatasetIssue & { gold: string[] };

export interface TrainBundleOptions {
  name: string;
  task: Task;
  /** Label set in output order; default: every (mapped) label seen, sorted. */
  labels?: string[];
  labelMap?: Record<string, string>;
  seed: number;
  /**
   * Part of the data held out for the manifest's metrics (stratified by repo and label). Issues
   * with 0 < weight < 1 are auxiliary: they only join the training split.
   */
  holdoutFraction: number;
  /** Part of the rest used for early stopping and thresholds. */
  validationFraction: number;
  thresholds?: Partial<ThresholdOptions>;
  featurizer?: Partial<FeaturizerParams>;
  trainer?: Partial<typeof DEFAULT_TRAIN_OPTIONS> &
    Pick<FitOptions, 'refit' | 'idf' | 'bagging' | 'nbLinear' | 'nbBag' | 'nbLabels'>;
  /** Where the data came from (recorded as is). */
  sources: { file: string; rows: number; sha256: string; weight?: number }[];
  /** ISO time recorded as createdAt; the version is derived from it. */
  createdAt: string;
  /** Use these splits instead of the stratified ones (e.g. a split by time). */
  splits?: (issues: Labelled[]) => Splits;
  /**
   * Measure, then ship a model that also learned from the held-out part: the manifest's held-out
   * metrics come from a first model trained without it; the bundle's model is trained again with
   * the held-out issues added to its training split (same validation split, so the same early
   * stopping and thresholds apply), recorded as `training.heldOutTrainedOn: true`.
   */
  trainOnHeldOut?: boolean;
  /**
   * > 0: issues with an empty title (a source that joined title and body) have their body's first
   * this many words read as the title (`splitJoinedTitle`); recorded in the manifest.
   */
  joinedTitleWords?: number;
}

interface Splits {
  train: Labelled[];
  validation: Labelled[];
  test: Labelled[];
}

/** Metrics of one split: at the chosen thresholds, and (multiclass) of the top label alone. */
export interface SplitMetrics {
  atThresholds: EvaluationReport;
  top1?: EvaluationReport;
}

export interface TrainBundleResult extends ModelBundle {
  heldOut: SplitMetrics | null;
  trainingSeconds: number;
}

/** Trains, thresholds, evaluates and exports: the whole `labelbot train`, as a library call. */
export function trainBundle(issues: DatasetIssue[], options: TrainBundleOptions): TrainBundleResult {
  const { trainOnHeldOut, ...once } = options;
  const measured = trainOnce(issues, once);
  if (!trainOnHeldOut || measured.heldOut === null) return measured;
  const final = trainOnce(issues, {
    ...once,
    splits: (all) => {
      const { train, validation, test } = once.splits?.(all) ?? stratifiedSplits(all, once);
      return { train: [...train, ...test], validation, test: [] };
    },
  });
  const training = final.manifest.training as { counts: Record<string, unknown> };
  const { counts } = measured.manifest.training as { counts: { heldOut: unknown } };
  return {
    ...final,
    heldOut: measured.heldOut,
    trainingSeconds: measured.trainingSeconds + final.trainingSeconds,
    manifest: {
      ...final.manifest,
      training: { ...training, counts: { ...training.counts, heldOut: counts.heldOut }, heldOutTrainedOn: true },
      metrics: measured.manifest.metrics,
    },
  };
}

const stratum = (issue: Labelled) => `${issue.repo}|${issue.gold.join(',')}`;

/**
 * Down-weighted issues (0 < weight < 1) are auxiliary data: trained on, never held out or
 * validated on, so the metrics and the thresholds speak of the full-weight data alone.
 */
function stratifiedSplits(issues: Labelled[], options: TrainBundleOptions): Splits {
  const auxiliary = issues.filter((issue) => (issue.weight ?? 1) < 1);
  const main = auxiliary.length === 0 ? issues : issues.filter((issue) => (issue.weight ?? 1) >= 1);
  const outer = stratifiedSplit(main, stratum, options.holdoutFraction, options.seed);
  const inner = stratifiedSplit(outer.rest, stratum, options.validationFraction, options.seed + 1);
  return { train: [...inner.rest, ...auxiliary], validation: inner.part, test: outer.part };
}

function trainOnce(issues: DatasetIssue[], options: TrainBundleOptions): TrainBundleResult {
  const used = issues.filter((issue) => (issue.weight ?? 1) > 0);
  const prepared = prepareExamples(used, options.task, options.labels, options.labelMap);
  const { labels } = prepared;
  const splits = options.splits?.(prepared.issues) ?? stratifiedSplits(prepared.issues, options);
  if (!splits.train.some((issue) => issue.gold.length > 0)) {
    // A bundle without labels or positives would be written, then refused on load or useless.
    throw new Error(
      `no issue carries a label to learn: ${splits.train.length} training issues of ${used.length} with weight > 0, ` +
        `label set [${labels.join(', ')}], ` +
        `dropped ${JSON.stringify(prepared.dropped)}`,
    );
  }
  const params: FeaturizerParams = { ...DEFAULT_FEATURIZER_PARAMS, ...options.featurizer };
  const trainer = { ...DEFAULT_TRAIN_OPTIONS, ...options.trainer };
  const words = options.joinedTitleWords ?? 0;
  const toExamples = (rows: Labelled[]): TrainingExample[] =>
    rows.map((issue) => ({
      features: featurize(words > 0 ? splitJoinedTitle(issue, words) : issue, params),
      targets: targetsOf(labels, issue.gold),
      weight: issue.weight ?? 1,
    }));
  const validation = toExamples(splits.validation);
  const started = Date.now();
  const result = fitWeights(toExamples(splits.train), validation, {
    ...trainer,
    task: options.task,
    labelCount: labels.length,
    buckets: params.buckets,
    seed: options.seed,
  });
  const trainingSeconds = (Date.now() - started) / 1000;
  const score = (examples: TrainingExample[], weights = result.weights) =>
    examples.map((e) => forwardPass(weights, e.features));
  const thresholds = chooseThresholds(
    options.task,
    labels,
    score(validation, result.validationWeights),
    validation.map((e) => e.targets),
    { ...DEFAULT_THRESHOLD_OPTIONS, ...options.thresholds },
  );
  const evaluate = (rows: Labelled[]): SplitMetrics | null => {
    if (rows.length === 0) return null;
    const probs = score(toExamples(rows));
    const gold = rows.map((r) => r.gold);
    const repos = rows.map((r) => r.repo);
    const atThresholds = evaluatePredictions(
      labels,
      gold,
      probs.map((p) => pickLabels({ task: options.task, labels, thresholds }, p)),
      repos,
    );
    if (options.task !== 'multiclass') return { atThresholds };
    const top1 = probs.map((p) =>
      pickLabels({ task: 'multiclass', labels, thresholds: Object.fromEntries(labels.map((l) => [l, 0])) }, p),
    );
    return { atThresholds, top1: evaluatePredictions(labels, gold, top1, repos) };
  };
  const onnx = exportOnnx(result.weights, `labelbot ${options.name}`);
  const count = (rows: Labelled[]) =>
    Object.fromEntries(labels.map((l) => [l, rows.filter((r) => r.gold.includes(l)).length]));
  const contentHash = createHash('sha256');
  for (const source of options.sources) contentHash.update(source.sha256);
  const heldOut = evaluate(splits.test);
  const manifest: ModelManifest = {
    schemaVersion: 1,
    name: options.name,
    version: options.createdAt.replace(/[-:]/g, '').replace(/\.\d+/, ''),
    task: options.task,
    labels,
    thresholds,
    featurizer: { name: FEATURIZER_NAME, version: FEATURIZER_VERSION, params: { ...params } },
    training: {
      sources: options.sources,
      contentSha256: contentHash.digest('hex'),
      counts: { train: count(splits.train), validation: count(splits.validation), heldOut: count(splits.test) },
      dropped: prepared.dropped,
      labelMap: options.labelMap ?? {},
      seed: options.seed,
      holdoutFraction: options.holdoutFraction,
      validationFraction: options.validationFraction,
      ...(words > 0 ? { joinedTitleWords: words } : {}),
      trainer: { ...trainer, bestEpoch: result.bestEpoch, epochsRun: result.epochsRun },
      thresholdOptions: { ...DEFAULT_THRESHOLD_OPTIONS, ...options.thresholds },
    },
    metrics: { heldOut },
    createdAt: options.createdAt,
    sha256: createHash('sha256').update(onnx).digest('hex'),
  };
  return { onnx, manifest, heldOut, trainingSeconds };
}

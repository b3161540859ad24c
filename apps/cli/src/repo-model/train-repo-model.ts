import {
  type CardEvaluation,
  chooseConfidentThresholds,
  type DatasetIssue,
  DEFAULT_CONFIDENT_THRESHOLD_OPTIONS,
  DEFAULT_TIME_HOLDOUT,
  DEFAULT_TIME_VALIDATION,
  evaluatePredictions,
  type LabelSelection,
  loadModelFromBytes,
  pickLabels,
  renderModelCard,
  type SelectLabelsOptions,
  selectLabels,
  serializeManifest,
  type TrainBundleOptions,
  type TrainBundleResult,
  timeSplit,
  trainBundle,
} from '@labelbot/model';
import { labelSetAccuracy } from './label-set-accuracy.js';

/**
 * Trainer settings for repository models (the one place for them): a wider embedding and no class
 * weighting measured better on time splits of small, noisy repository sets than the generic defaults.
 */
export const REPO_TRAINER_DEFAULTS = { learningRate: 0.1, dim: 32, classWeights: false, epochs: 20, patience: 4 };

export interface RepoModelOptions
  extends Omit<TrainBundleOptions, 'task' | 'labels' | 'splits' | 'holdoutFraction' | 'validationFraction'> {
  selection: SelectLabelsOptions;
  holdoutFraction?: number;
  validationFraction?: number;
  /** Keep issues that carry no label at all (by default they count as untriaged and are left out). */
  keepUnlabelled?: boolean;
}

export interface RepoModelResult {
  bundle: TrainBundleResult;
  selection: LabelSelection;
  /** The latest issues, held out: what `publish` compares models on (written as holdout.jsonl). */
  holdout: DatasetIssue[];
  evaluation: CardEvaluation | null;
  /** README.md of the bundle. */
  card: string;
}

/**
 * Multi-label training for one repository: select the labels worth predicting, split by time
 * (latest issues held out), train, threshold each label for the precision target, and write the card.
 */
export async function trainRepoModel(issues: DatasetIssue[], options: RepoModelOptions): Promise<RepoModelResult> {
  const usable = options.keepUnlabelled ? issues : issues.filter((issue) => issue.labels.length > 0);
  const untriaged = issues.length - usable.length;
  const selection = selectLabels(usable, { ...options.selection, map: options.labelMap ?? {} });
  const holdoutFraction = options.holdoutFraction ?? DEFAULT_TIME_HOLDOUT;
  const validationFraction = options.validationFraction ?? DEFAULT_TIME_VALIDATION;
  const split = timeSplit(usable, holdoutFraction, validationFraction);
  const bundle = trainBundle(usable, {
    ...options,
    task: 'multilabel',
    trainer: { ...REPO_TRAINER_DEFAULTS, ...options.trainer },
    labels: selection.labels,
    holdoutFraction,
    validationFraction,
    splits: (rows) => timeSplit(rows, holdoutFraction, validationFraction),
  });
  const { manifest } = bundle;
  const description =
    `time split by ${split.orderedBy}: latest ${Math.round(holdoutFraction * 100)}% held out` +
    `${split.testFrom ? ` (from ${split.testFrom})` : ''}, validation the ${Math.round(validationFraction * 100)}% before` +
    (untriaged > 0 ? `; ${untriaged} issues without any label left out as untriaged` : '');
  manifest.training.split = {
    kind: 'time',
    orderedBy: split.orderedBy,
    testFrom: split.testFrom,
    untriaged,
    description,
  };
  manifest.training.selection = {
    minCount: options.selection.minCount ?? null,
    exclude: options.selection.exclude ?? null,
    excluded: selection.excluded,
  };
  // Thresholds and held-out scores come from the exported ONNX graph, exactly as serving will score.
  const model = await loadModelFromBytes({ onnx: bundle.onnx, manifest: serializeManifest(manifest) });
  const map = options.labelMap ?? {};
  const goldOf = (rows: DatasetIssue[]) => rows.map((issue) => [...new Set(issue.labels.map((l) => map[l] ?? l))]);
  let validationScores: number[][];
  let testScores: number[][];
  try {
    const scoresOf = async (rows: DatasetIssue[]) =>
      (await model.predict(rows)).map((p) => manifest.labels.map((label) => p.scores[label] ?? 0));
    validationScores = await scoresOf(split.validation);
    testScores = await scoresOf(split.test);
  } finally {
    await model.release();
  }
  const thresholdOptions = { ...DEFAULT_CONFIDENT_THRESHOLD_OPTIONS, ...pickDefined(options.thresholds) };
  const chosen = chooseConfidentThresholds(
    manifest.labels,
    validationScores,
    goldOf(split.validation),
    thresholdOptions,
  );
  manifest.thresholds = Object.fromEntries(manifest.labels.map((label) => [label, chosen[label]?.threshold ?? null]));
  manifest.training.thresholdOptions = thresholdOptions;
  let evaluation: CardEvaluation | null = null;
  if (split.test.length > 0) {
    const gold = goldOf(split.test);
    const predicted = testScores.map((scores) => pickLabels(manifest, scores));
    const report = evaluatePredictions(
      manifest.labels,
      gold,
      predicted,
      split.test.map((issue) => issue.repo),
    );
    evaluation = {
      report,
      labelSetAccuracy: labelSetAccuracy(manifest.labels, gold, predicted),
      description: `the held-out issues (latest ${Math.round(holdoutFraction * 100)}%)`,
    };
  }
  manifest.metrics = {
    heldOut: evaluation && { atThresholds: evaluation.report, labelSetAccuracy: evaluation.labelSetAccuracy },
    validation: { perLabel: chosen },
  };
  const card = renderModelCard({ manifest, evaluation, counts: selection.counts, excluded: selection.excluded });
  return { bundle, selection, holdout: split.test, evaluation, card };
}

function pickDefined(thresholds: RepoModelOptions['thresholds']): { precisionTarget?: number; minRecall?: number } {
  const out: { precisionTarget?: number; minRecall?: number } = {};
  if (thresholds?.precisionTarget !== undefined) out.precisionTarget = thresholds.precisionTarget;
  if (thresholds?.minRecall !== undefined) out.minRecall = thresholds.minRecall;
  return out;
}

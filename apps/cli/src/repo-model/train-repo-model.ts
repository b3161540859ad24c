import {
  type CardEvaluation,
  type ConfidentThresholdOptions,
  chooseConfidentThresholds,
  type DatasetIssue,
  DEFAULT_CONFIDENT_THRESHOLD_OPTIONS,
  DEFAULT_TIME_HOLDOUT,
  DEFAULT_TIME_VALIDATION,
  evaluatePredictions,
  type LabelSelection,
  mapLabel,
  pickLabels,
  renderModelCard,
  type SelectLabelsOptions,
  selectLabels,
  type TrainBundleOptions,
  type TrainBundleResult,
  timeSplit,
  trainBundle,
  workflowLabelMatcher,
} from '@labelbot/model';
import { labelSetAccuracy } from './label-set-accuracy.js';
import { scoreIssues } from './score-issues.js';

/**
 * Trainer settings for repository models (the one place for them): a wider embedding and no class
 * weighting measured better on time splits of small, noisy repository sets than the generic defaults;
 * IDF-scaled features rank every label better on the time split of the training part alone
 * (`node bench/repos.mjs --inner`: mean average precision of the labels with >= 50 examples up on all three sets).
 */
export const REPO_TRAINER_DEFAULTS = {
  learningRate: 0.1,
  dim: 32,
  classWeights: false,
  epochs: 20,
  patience: 4,
  idf: true,
};

export interface RepoModelOptions
  extends Omit<TrainBundleOptions, 'task' | 'labels' | 'splits' | 'holdoutFraction' | 'validationFraction'> {
  selection: SelectLabelsOptions;
  holdoutFraction?: number;
  validationFraction?: number;
  /**
   * Keep issues that carry no label, or only workflow labels (by default they count as untriaged
   * and are left out: nobody said what they are about, so they are no negative examples).
   */
  keepUnlabelled?: boolean;
  /** Drift margin of the thresholds (DEFAULT_CONFIDENT_THRESHOLD_OPTIONS.shareDrop when absent). */
  shareDrop?: number;
  /** `false`: ship the model trained without the validation period (default: learn it too). */
  refit?: boolean;
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
  const isWorkflow = workflowLabelMatcher(options.selection.exclude);
  const triaged = (issue: DatasetIssue) => issue.labels.some((l) => !isWorkflow(mapLabel(options.labelMap ?? {}, l)));
  const usable = options.keepUnlabelled ? issues : issues.filter(triaged);
  const untriaged = issues.length - usable.length;
  const selection = selectLabels(usable, { ...options.selection, map: options.labelMap ?? {} });
  const holdoutFraction = options.holdoutFraction ?? DEFAULT_TIME_HOLDOUT;
  const validationFraction = options.validationFraction ?? DEFAULT_TIME_VALIDATION;
  const split = timeSplit(usable, holdoutFraction, validationFraction);
  const common = {
    ...options,
    task: 'multilabel' as const,
    labels: selection.labels,
    holdoutFraction,
    validationFraction,
  };
  const trainer = { ...REPO_TRAINER_DEFAULTS, ...options.trainer };
  const first = trainBundle(usable, {
    ...common,
    trainer,
    splits: (rows) => timeSplit(rows, holdoutFraction, validationFraction),
  });
  const goldOf = (rows: DatasetIssue[]) =>
    rows.map((issue) => [...new Set(issue.labels.map((l) => mapLabel(options.labelMap ?? {}, l)))]);
  const [validationScores = []] = await scoreIssues(first, [split.validation]);
  const thresholdOptions = thresholdOptionsOf(options);
  const chosen = chooseConfidentThresholds(
    first.manifest.labels,
    validationScores,
    goldOf(split.validation),
    thresholdOptions,
  );
  // Labels drift: the shipped model also learns the validation period (the newest issues before the
  // held-out ones), refitted for as many epochs as early stopping chose; it keeps the thresholds above.
  const bundle =
    options.refit === false || split.validation.length === 0
      ? first
      : trainBundle(usable, {
          ...common,
          trainer: { ...trainer, refit: true },
          splits: (rows) => timeSplit(rows, holdoutFraction, validationFraction),
        });
  const stoppedAt = (first.manifest.training.trainer as { bestEpoch?: number[] }).bestEpoch ?? [];
  const { manifest } = bundle;
  const description =
    `time split by ${split.orderedBy}: latest ${Math.round(holdoutFraction * 100)}% held out` +
    `${split.testFrom ? ` (from ${split.testFrom})` : ''}, thresholds chosen on the ${Math.round(validationFraction * 100)}% before` +
    (bundle !== first ? ` (then learnt too, ${stoppedAt.join('/')} epochs)` : '') +
    (untriaged > 0 ? `; ${untriaged} issues without a label other than workflow labels left out as untriaged` : '');
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
  manifest.thresholds = Object.fromEntries(manifest.labels.map((label) => [label, chosen[label]?.threshold ?? null]));
  manifest.training.thresholdOptions = thresholdOptions;
  const [testScores = []] = await scoreIssues(bundle, [split.test]);
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

function thresholdOptionsOf(options: RepoModelOptions): ConfidentThresholdOptions {
  const o = { ...DEFAULT_CONFIDENT_THRESHOLD_OPTIONS };
  if (options.thresholds?.precisionTarget !== undefined) o.precisionTarget = options.thresholds.precisionTarget;
  if (options.thresholds?.minRecall !== undefined) o.minRecall = options.thresholds.minRecall;
  if (options.shareDrop !== undefined) o.shareDrop = options.shareDrop;
  return o;
}

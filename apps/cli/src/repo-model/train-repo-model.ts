import {
  type CardEvaluation,
  type DatasetIssue,
  DEFAULT_TIME_HOLDOUT,
  DEFAULT_TIME_VALIDATION,
  type LabelSelection,
  loadModelFromBytes,
  renderModelCard,
  type SelectLabelsOptions,
  selectLabels,
  serializeManifest,
  type TrainBundleOptions,
  type TrainBundleResult,
  timeSplit,
  trainBundle,
} from '@labelbot/model';
import { evaluateLoadedModel } from './evaluate-loaded-model.js';

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
  let evaluation: CardEvaluation | null = null;
  if (split.test.length > 0) {
    // Scored through the exported ONNX graph, exactly as serving will score.
    const model = await loadModelFromBytes({ onnx: bundle.onnx, manifest: serializeManifest(manifest) });
    try {
      evaluation = await evaluateLoadedModel(model, split.test, {
        description: `the held-out issues (${description})`,
      });
    } finally {
      await model.release();
    }
  }
  const card = renderModelCard({ manifest, evaluation, counts: selection.counts, excluded: selection.excluded });
  return { bundle, selection, holdout: split.test, evaluation, card };
}

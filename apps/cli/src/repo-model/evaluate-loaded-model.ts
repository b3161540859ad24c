import type { CardEvaluation, DatasetIssue, LoadedModel } from '@labelbot/model';
import { evaluatePredictions, mapLabel } from '@labelbot/model';
import { labelSetAccuracy } from './label-set-accuracy.js';

/**
 * Runs a loaded bundle over labelled issues and scores it at its own thresholds. Gold labels are
 * mapped with the bundle's recorded `--map` (or `labelMap`); `labels` (default: the bundle's) fixes what is scored,
 * so two models compared on the same issues are scored over the same label set.
 */
export async function evaluateLoadedModel(
  model: LoadedModel,
  issues: DatasetIssue[],
  options: { labels?: string[]; labelMap?: Record<string, string>; description: string },
): Promise<CardEvaluation> {
  const map = options.labelMap ?? ((model.manifest.training.labelMap ?? {}) as Record<string, string>);
  const labels = options.labels ?? model.manifest.labels;
  const gold = issues.map((issue) =>
    [...new Set(issue.labels.map((l) => mapLabel(map, l)))].filter((l) => labels.includes(l)),
  );
  const predicted = (await model.predict(issues)).map((p) => p.labels);
  const repos = issues.map((issue) => issue.repo);
  return {
    report: evaluatePredictions(labels, gold, predicted, repos),
    labelSetAccuracy: labelSetAccuracy(labels, gold, predicted),
    description: options.description,
  };
}

import {
  type CardEvaluation,
  compareModels,
  type DatasetIssue,
  type LoadedModel,
  type ModelComparison,
} from '@labelbot/model';
import { evaluateLoadedModel } from '../repo-model/evaluate-loaded-model.js';

/**
 * Scores the candidate and the live model on the same held-out issues, over the union of their
 * labels (a label the candidate stops predicting counts against it), and compares them.
 */
export async function compareWithLive(
  candidate: LoadedModel,
  live: LoadedModel,
  holdout: DatasetIssue[],
  margin: number | undefined,
): Promise<{ comparison: ModelComparison; candidateEvaluation: CardEvaluation }> {
  const labels = [...new Set([...candidate.manifest.labels, ...live.manifest.labels])];
  const description = `${holdout.length} held-out issues`;
  const labelMap = (candidate.manifest.training.labelMap ?? {}) as Record<string, string>;
  const candidateEvaluation = await evaluateLoadedModel(candidate, holdout, { labels, labelMap, description });
  const liveEvaluation = await evaluateLoadedModel(live, holdout, { labels, labelMap, description });
  const comparison = compareModels(
    {
      version: candidate.manifest.version,
      report: candidateEvaluation.report,
      thresholds: candidate.manifest.thresholds,
    },
    { version: live.manifest.version, report: liveEvaluation.report, thresholds: live.manifest.thresholds },
    margin,
  );
  return { comparison, candidateEvaluation };
}

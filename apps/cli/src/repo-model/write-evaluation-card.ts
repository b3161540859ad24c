import { writeFile } from 'node:fs/promises';
import { type EvaluationReport, type ModelManifest, renderModelCard } from '@labelbot/model';
import { labelSetAccuracy } from './label-set-accuracy.js';

/**
 * `labelbot evaluate --card FILE`: the model card (as training writes it) for any test file, plus the
 * label-set accuracy the JSON report also carries. Returns that accuracy.
 */
export async function writeEvaluationCard(
  file: string | undefined,
  manifest: ModelManifest,
  input: string,
  report: EvaluationReport,
  gold: string[][],
  predicted: string[][],
): Promise<number> {
  const accuracy = labelSetAccuracy(manifest.labels, gold, predicted);
  if (file) {
    const selection = manifest.training.selection as
      | { excluded?: { label: string; count: number; reason: string }[] }
      | undefined;
    const evaluation = { report, labelSetAccuracy: accuracy, description: input };
    await writeFile(file, renderModelCard({ manifest, evaluation, excluded: selection?.excluded ?? [] }));
  }
  return accuracy;
}

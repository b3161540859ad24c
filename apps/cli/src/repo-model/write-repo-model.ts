import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '@labelbot/model';
import { toDatasetLine } from '../dataset/dataset-issue.js';
import type { RepoModelResult } from './train-repo-model.js';

/**
 * Writes a repository model's directory: model.onnx + manifest.json, README.md (the model card) and
 * holdout.jsonl (the held-out issues `labelbot publish` compares the live model on; never uploaded).
 */
export async function writeRepoModel(dir: string, result: RepoModelResult): Promise<void> {
  await writeBundle(dir, result.bundle);
  await writeFile(join(dir, 'README.md'), result.card);
  const lines = result.holdout.map((issue) => toDatasetLine({ ...issue, created_at: issue.created_at ?? '' }));
  await writeFile(join(dir, 'holdout.jsonl'), lines.join(''));
}

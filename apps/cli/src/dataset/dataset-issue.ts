import type { DatasetIssue as ReadDatasetIssue } from '@labelbot/model';

/**
 * One line of a dataset file, as `dataset build` writes it: the model's dataset line (DESIGN.md),
 * except that a downloaded issue always has its `created_at`.
 */
export type DatasetIssue = Omit<ReadDatasetIssue, 'created_at'> & { created_at: string };

/** Serialises an issue as one JSONL line, keys in the documented order. */
export function toDatasetLine(issue: DatasetIssue): string {
  const { repo, number, title, body, labels, created_at } = issue;
  return `${JSON.stringify({ repo, number, title, body, labels, created_at })}\n`;
}

import { mapLabel } from './map-label.js';
import type { DatasetIssue } from './read-dataset.js';
import type { Task } from './types.js';

export interface PreparedIssues {
  labels: string[];
  /** Issues kept, with their mapped gold labels (restricted to `labels`). */
  issues: (DatasetIssue & { gold: string[] })[];
  /** Why issues were left out, with counts. */
  dropped: Record<string, number>;
}

/**
 * Maps label names (`--map enhancement=feature`), fixes the label set (given, or every label
 * seen, sorted) and keeps the usable issues: multiclass needs exactly one label of the set;
 * multilabel keeps every issue (one with none of the labels is a negative for all).
 */
export function prepareExamples(
  issues: DatasetIssue[],
  task: Task,
  labels: string[] | undefined,
  labelMap: Record<string, string> = {},
): PreparedIssues {
  const mapped = issues.map((issue) => ({
    ...issue,
    gold: [...new Set(issue.labels.map((l) => mapLabel(labelMap, l)))],
  }));
  const set = labels ?? [...new Set(mapped.flatMap((i) => i.gold))].sort();
  const dropped: Record<string, number> = {};
  const kept: PreparedIssues['issues'] = [];
  for (const issue of mapped) {
    const gold = issue.gold.filter((l) => set.includes(l));
    if (task === 'multiclass' && gold.length !== 1) {
      const reason = gold.length === 0 ? 'noLabelOfTheSet' : 'severalLabelsOfTheSet';
      dropped[reason] = (dropped[reason] ?? 0) + 1;
      continue;
    }
    kept.push({ ...issue, gold });
  }
  return { labels: set, issues: kept, dropped };
}

/** The 0/1 target vector of an issue over `labels`. */
export function targetsOf(labels: string[], gold: string[]): Float32Array {
  return Float32Array.from(labels, (label) => (gold.includes(label) ? 1 : 0));
}

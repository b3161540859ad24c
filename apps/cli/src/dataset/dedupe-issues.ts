import { compareCodeUnits } from '@labelbot/model';
import type { DatasetIssue } from './dataset-issue.js';

/** Later lines win: a page fetched twice (REST fallback restarts at page 1) keeps one copy. */
export function dedupeIssues(text: string): DatasetIssue[] {
  const byNumber = new Map<number, DatasetIssue>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const issue = JSON.parse(line) as DatasetIssue;
    byNumber.delete(issue.number);
    byNumber.set(issue.number, issue);
  }
  return [...byNumber.values()].sort((a, b) => compareCodeUnits(a.created_at, b.created_at) || a.number - b.number);
}

/** One line of a dataset file (the schema in DESIGN.md). */
export interface DatasetIssue {
  repo: string;
  number: number;
  title: string;
  body: string;
  labels: string[];
  created_at: string;
}

/** Serialises an issue as one JSONL line, keys in the documented order. */
export function toDatasetLine(issue: DatasetIssue): string {
  const { repo, number, title, body, labels, created_at } = issue;
  return `${JSON.stringify({ repo, number, title, body, labels, created_at })}\n`;
}

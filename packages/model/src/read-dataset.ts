import { readFile } from 'node:fs/promises';

/** One dataset line (DESIGN.md): an issue with its labels. */
export interface DatasetIssue {
  repo: string;
  number: number;
  title: string;
  body: string;
  labels: string[];
  created_at: string | null;
  /** Training weight (1 when absent); set by the trainer's caller, never read from a file. */
  weight?: number;
}

/** A dataset line that cannot be used; the message starts with `file:line:`. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/**
 * Reads a JSONL dataset completely before returning, so a bad line anywhere fails the whole
 * read (callers write nothing). `body` may be null (GitHub's empty body); blank lines are skipped.
 */
export async function readDataset(file: string, mode: 'labelled' | 'unlabelled' = 'labelled'): Promise<DatasetIssue[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DatasetError(`${file}: cannot read (${error.code ?? error.message})`);
  });
  return parseDataset(text, file, mode);
}

/**
 * Parses JSONL text; `file` is used in error messages. `unlabelled` (what predict reads) only
 * requires title and body: repo, number and labels default to '', 0 and [].
 */
export function parseDataset(text: string, file: string, mode: 'labelled' | 'unlabelled' = 'labelled'): DatasetIssue[] {
  const issues: DatasetIssue[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError(`${where}: invalid JSON (${(error as Error).message})`);
    }
    issues.push(checkIssue(mode === 'labelled' ? value : withDefaults(value), where, mode));
  }
  return issues;
}

function withDefaults(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { repo: '', number: 0, labels: [], ...value };
}

function checkIssue(value: unknown, where: string, mode: 'labelled' | 'unlabelled'): DatasetIssue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DatasetError(`${where}: expected a JSON object`);
  }
  const v = value as Record<string, unknown>;
  const bad = (field: string, expected: string): never => {
    throw new DatasetError(
      `${where}: field "${field}" ${field in v ? `must be ${expected}` : `is missing (expected ${expected})`}`,
    );
  };
  if (typeof v.repo !== 'string' || (v.repo === '' && mode === 'labelled'))
    bad('repo', 'a non-empty "owner/name" string');
  if (typeof v.number !== 'number' || !Number.isFinite(v.number)) bad('number', 'a number');
  if (typeof v.title !== 'string') bad('title', 'a string');
  if (!(typeof v.body === 'string' || v.body === null)) bad('body', 'a string or null');
  if (!Array.isArray(v.labels) || !v.labels.every((l) => typeof l === 'string')) bad('labels', 'an array of strings');
  if (!(v.created_at === undefined || v.created_at === null || typeof v.created_at === 'string')) {
    bad('created_at', 'a string or null');
  }
  return {
    repo: v.repo as string,
    number: v.number as number,
    title: v.title as string,
    body: (v.body as string | null) ?? '',
    labels: v.labels as string[],
    created_at: (v.created_at as string | null | undefined) ?? null,
  };
}

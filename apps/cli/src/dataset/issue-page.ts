import type { PageCursor } from './checkpoint.js';
import type { DatasetIssue } from './dataset-issue.js';

/** One page of issues and where the next one starts (`null` after the last page). */
export interface IssuePage {
  issues: DatasetIssue[];
  next: PageCursor | null;
  /** Total issues the API reports (exact for GraphQL, an estimate from the last page for REST). */
  total: number | null;
}

export type FetchIssuePage = (cursor: PageCursor) => Promise<IssuePage>;

const OWNER_NAME = /^([\w.-]+)\/([\w.-]+)$/;

/** What is wrong with `repo` as `owner/name`, or `null`: lets a command refuse it before creating any file. */
export function repoProblem(repo: string): string | null {
  return OWNER_NAME.test(repo) ? null : `--repo must be owner/name, got '${repo}'`;
}

/** `owner/name` → its two parts, with an error that says what is expected. */
export function splitRepo(repo: string): { owner: string; name: string } {
  const match = OWNER_NAME.exec(repo);
  if (!match) throw new Error(repoProblem(repo)!);
  return { owner: match[1]!, name: match[2]! };
}

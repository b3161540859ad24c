import { mkdir, readFile, rm, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Octokit } from '@octokit/core';
import { appendDurably } from './append-durably.js';
import { type PageCursor, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { toDatasetLine } from './dataset-issue.js';
import { dedupeIssues } from './dedupe-issues.js';
import { createGraphqlPageFetcher } from './fetch-graphql-page.js';
import { createRestPageFetcher } from './fetch-rest-page.js';
import { GraphqlFailedError } from './graphql-failed-error.js';
import type { Progress } from './progress-bar.js';
import { type Waiter, withRateLimit } from './with-rate-limit.js';
import { writeFileAtomic } from './write-file-atomic.js';

export type ApiChoice = 'auto' | 'graphql' | 'rest';

export interface BuildDatasetOptions {
  octokit: Octokit;
  baseUrl: string;
  repo: string;
  out: string;
  /** Only issues created at or after this instant (ISO 8601). */
  since: string | null;
  api: ApiChoice;
  waiter: Waiter;
  /** Issues per request (1–100); a resumed build keeps its checkpoint's when this is not given. */
  pageSize?: number;
  progress?: Progress;
  notice?: (message: string) => void;
}

export interface BuildDatasetResult {
  issues: number;
  resumed: boolean;
  api: 'graphql' | 'rest';
  pages: number;
}

/** Paths of the files a build keeps beside its output until it finishes. */
export function buildFiles(out: string): { checkpoint: string; part: string } {
  return { checkpoint: `${out}.checkpoint.json`, part: `${out}.part` };
}

/**
 * Downloads a repository's issues into a dataset file, page by page. Each page is appended to
 * `OUT.part` and then recorded in `OUT.checkpoint.json`, so a rerun after a crash resumes at the
 * first page not recorded; the output file appears (atomically) only when the last page is in.
 */
export async function buildDataset(options: BuildDatasetOptions): Promise<BuildDatasetResult> {
  const { repo, since, waiter } = options;
  const files = buildFiles(options.out);
  const checkpoint = await readCheckpoint(files, { repo, since, pageSize: options.pageSize, api: options.api });
  const pageSize = checkpoint?.pageSize ?? options.pageSize ?? DEFAULT_PAGE_SIZE;
  let cursor: PageCursor;
  let partBytes = 0;
  let count = 0;
  let total: number | null = null;
  if (checkpoint) {
    const size = await stat(files.part).then(
      (s) => s.size,
      () => -1,
    );
    if (size < checkpoint.partBytes)
      throw new Error(`${files.part} is shorter than its checkpoint says; delete both to start over`);
    // Bytes past the checkpoint belong to a page whose checkpoint never got written: drop them.
    await truncate(files.part, checkpoint.partBytes);
    ({ next: cursor, partBytes, issues: count, total } = checkpoint);
    options.notice?.(`resuming ${repo} after ${count} issues (${files.checkpoint})`);
  } else {
    await mkdir(dirname(options.out), { recursive: true });
    await truncate(files.part, 0).catch(() => appendDurably(files.part, ''));
    cursor = options.api === 'rest' ? { api: 'rest', page: 1 } : { api: 'graphql', after: null };
  }
  const fetchersFor = (pageSize: number) => ({
    graphql: createGraphqlPageFetcher(options.octokit, repo, { since, pageSize, baseUrl: options.baseUrl }),
    rest: createRestPageFetcher(options.octokit, repo, { since, pageSize }),
  });
  let graphqlPageSize = pageSize;
  let fetchers = fetchersFor(pageSize);
  const retry = {
    waiter,
    onWait: (ms: number, why: string) => options.notice?.(`${why}; waiting ${Math.ceil(ms / 1000)} s`),
  };
  let pages = 0;
  let resumable = checkpoint !== null;
  try {
    for (;;) {
      const current = cursor;
      let page: Awaited<ReturnType<typeof fetchers.rest>>;
      try {
        page = await withRateLimit(() => fetchers[current.api](current), retry);
      } catch (error) {
        // GitHub's GraphQL times out (502) on pages of long issues: smaller pages first, then REST.
        if (current.api === 'graphql' && isServerError(error) && graphqlPageSize > MIN_GRAPHQL_PAGE) {
          graphqlPageSize = Math.max(MIN_GRAPHQL_PAGE, Math.floor(graphqlPageSize / 2));
          options.notice?.(
            `GraphQL failed (${(error as Error).message}); retrying with ${graphqlPageSize} issues a page`,
          );
          fetchers = { ...fetchersFor(pageSize), graphql: fetchersFor(graphqlPageSize).graphql };
          continue;
        }
        if (current.api !== 'graphql' || options.api !== 'auto' || !isFallbackReason(error)) throw error;
        options.notice?.(`GraphQL failed (${(error as Error).message}); falling back to REST`);
        cursor = { api: 'rest', page: 1 };
        continue;
      }
      pages += 1;
      const from = since ? Date.parse(since) : null;
      const kept = from === null ? page.issues : page.issues.filter((issue) => Date.parse(issue.created_at) >= from);
      partBytes += await appendDurably(files.part, kept.map(toDatasetLine).join(''));
      count += kept.length;
      total = page.total ?? total;
      options.progress?.(count, total);
      if (!page.next) break;
      cursor = page.next;
      await writeCheckpoint(files.checkpoint, {
        version: 1,
        repo,
        since,
        pageSize,
        api: options.api,
        next: cursor,
        partBytes,
        issues: count,
        total,
      });
      resumable = true;
    }
  } catch (error) {
    // Nothing to resume from: leave no empty partial file behind.
    if (!resumable) await rm(files.part, { force: true });
    throw error;
  }
  const issues = dedupeIssues(await readFile(files.part, 'utf8'));
  await writeFileAtomic(options.out, issues.map(toDatasetLine).join(''));
  await rm(files.checkpoint, { force: true });
  await rm(files.part, { force: true });
  return { issues: issues.length, resumed: checkpoint !== null, api: cursor.api, pages };
}

/** Issues per request when neither `--page-size` nor a checkpoint says (GitHub's maximum). */
export const DEFAULT_PAGE_SIZE = 100;

const MIN_GRAPHQL_PAGE = 10;

function isServerError(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status !== undefined && status >= 500;
}

function isFallbackReason(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return error instanceof GraphqlFailedError || status === 404 || (status !== undefined && status >= 500);
}

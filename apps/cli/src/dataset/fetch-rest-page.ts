import type { Octokit } from '@octokit/core';
import type { PageCursor } from './checkpoint.js';
import type { FetchIssuePage, IssuePage } from './issue-page.js';
import { splitRepo } from './issue-page.js';
import { RepositoryNotFoundError } from './repository-not-found-error.js';

interface RestIssue {
  number: number;
  title: string;
  body: string | null;
  created_at: string;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
}

/** Page number of `rel` in a Link header, or `null`. */
export function linkPage(link: string | undefined, rel: string): number | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part);
    if (match?.[2] === rel) {
      const page = new URL(match[1]!).searchParams.get('page');
      return page === null ? null : Number(page);
    }
  }
  return null;
}

/** Fetches issues oldest first through REST, dropping the pull requests that endpoint also returns. */
export function createRestPageFetcher(
  octokit: Octokit,
  repo: string,
  options: { since: string | null; pageSize: number },
): FetchIssuePage {
  const { owner, name } = splitRepo(repo);
  return async (cursor: PageCursor): Promise<IssuePage> => {
    if (cursor.api !== 'rest') throw new Error('REST fetcher given a GraphQL cursor');
    const response = await octokit
      .request('GET /repos/{owner}/{repo}/issues', {
        owner,
        repo: name,
        state: 'all',
        sort: 'created',
        direction: 'asc',
        per_page: options.pageSize,
        page: cursor.page,
        ...(options.since ? { since: options.since } : {}),
      })
      .catch((error: unknown) => {
        throw (error as { status?: number }).status === 404 ? new RepositoryNotFoundError(repo) : error;
      });
    const items = response.data as unknown as RestIssue[];
    const link = response.headers.link;
    const next = linkPage(link, 'next');
    const last = linkPage(link, 'last');
    return {
      issues: items
        .filter((item) => item.pull_request === undefined)
        .map((item) => ({
          repo,
          number: item.number,
          title: item.title,
          body: item.body ?? '',
          labels: item.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
          created_at: item.created_at,
        })),
      next: next === null ? null : { api: 'rest', page: next },
      total: last === null ? null : last * options.pageSize,
    };
  };
}

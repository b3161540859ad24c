import type { Octokit } from '@octokit/core';
import type { PageCursor } from './checkpoint.js';
import { GraphqlFailedError } from './graphql-failed-error.js';
import type { FetchIssuePage, IssuePage } from './issue-page.js';
import { splitRepo } from './issue-page.js';
import { RepositoryNotFoundError } from './repository-not-found-error.js';
import { RateLimitedError } from './with-rate-limit.js';

export const ISSUES_QUERY = `query($owner: String!, $name: String!, $first: Int!, $after: String, $since: DateTime) {
  repository(owner: $owner, name: $name) {
    issues(first: $first, after: $after, orderBy: {field: CREATED_AT, direction: ASC}, filterBy: {since: $since}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { number title body createdAt labels(first: 100) { nodes { name } } }
    }
  }
  rateLimit { remaining resetAt }
}`;

interface IssueNode {
  number: number;
  title: string;
  body: string | null;
  createdAt: string;
  labels: { nodes: { name: string }[] } | null;
}

interface IssuesResponse {
  data?: {
    repository: {
      issues: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: IssueNode[] };
    } | null;
  };
  errors?: { type?: string; message: string }[];
}

/** GraphQL lives at `/graphql` on api.github.com and at `/api/graphql` on GHES (`/api/v3` for REST). */
export function graphqlUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/api\/v3\/?$/, '/api').replace(/\/$/, '')}/graphql`;
}

/** Fetches issues (GraphQL returns no pull requests) oldest first, `pageSize` at a time. */
export function createGraphqlPageFetcher(
  octokit: Octokit,
  repo: string,
  options: { since: string | null; pageSize: number; baseUrl: string },
): FetchIssuePage {
  const { owner, name } = splitRepo(repo);
  return async (cursor: PageCursor): Promise<IssuePage> => {
    if (cursor.api !== 'graphql') throw new Error('GraphQL fetcher given a REST cursor');
    const variables = { owner, name, first: options.pageSize, after: cursor.after, since: options.since };
    const response = await octokit.request('POST /graphql', {
      url: graphqlUrl(options.baseUrl),
      query: ISSUES_QUERY,
      variables,
    });
    const body = response.data as IssuesResponse;
    const errors = body.errors ?? [];
    if (errors.some((error) => error.type === 'RATE_LIMITED')) {
      throw new RateLimitedError(errors[0]!.message, response.headers as Record<string, string>);
    }
    if (errors.some((error) => error.type === 'NOT_FOUND')) {
      throw new RepositoryNotFoundError(repo);
    }
    const issues = body.data?.repository?.issues;
    if (errors.length > 0 || !issues) {
      throw new GraphqlFailedError(`GraphQL: ${errors.map((error) => error.message).join('; ') || 'no data'}`);
    }
    return {
      issues: issues.nodes.map((node) => ({
        repo,
        number: node.number,
        title: node.title,
        body: node.body ?? '',
        labels: (node.labels?.nodes ?? []).map((label) => label.name),
        created_at: node.createdAt,
      })),
      next: issues.pageInfo.hasNextPage ? { api: 'graphql', after: issues.pageInfo.endCursor } : null,
      total: issues.totalCount,
    };
  };
}

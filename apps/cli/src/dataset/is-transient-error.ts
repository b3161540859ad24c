import { GraphqlFailedError } from './graphql-failed-error.js';

/**
 * Whether repeating a failed GitHub request may succeed: server errors and dropped connections
 * (Octokit reports both as 5xx) and GraphQL errors. Other 4xx answers (bad credentials, a missing
 * repository, a bad request) and local errors are final.
 */
export function isTransientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return status >= 500;
  return error instanceof GraphqlFailedError;
}

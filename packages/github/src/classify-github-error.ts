/** What the worker does with a failed GitHub call: dead-letter (`permanent`, retrying cannot help) or nack (`transient`). */
export type GitHubErrorClass = 'permanent' | 'transient';

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

const messageOf = (error: ErrorLike): string => {
  const data = error.response?.data;
  const fromBody = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  return `${typeof fromBody === 'string' ? fromBody : ''} ${typeof error.message === 'string' ? error.message : ''}`;
};

/**
 * Sorts an Octokit error (or any thrown value) into permanent vs transient.
 * Permanent: repository gone (404, 410), archived or suspended installation (403), installation removed
 * (404 on the token request), validation failures (422), bad request (400). Transient: 5xx, 429, secondary
 * and primary rate limits, 401 right after token issue, network errors, and anything unrecognised
 * (a nack is redelivered and ends in the dead-letter topic if it never succeeds, so nothing is lost).
 */
export function classifyGitHubError(error: unknown): GitHubErrorClass {
  if (typeof error !== 'object' || error === null) return 'transient';
  const e = error as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : 0;
  const message = messageOf(e);
  if (status === 429 || status >= 500 || status === 0) return 'transient';
  if (status === 403) {
    if (/secondary rate limit|rate limit exceeded|abuse/i.test(message)) return 'transient';
    if (e.response?.headers?.['x-ratelimit-remaining'] === '0') return 'transient';
    return 'permanent';
  }
  if (status === 400 || status === 404 || status === 410 || status === 422 || status === 451) return 'permanent';
  return 'transient';
}

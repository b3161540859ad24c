import { isTransientError } from './is-transient-error.js';

/** The edges a waiting loop needs; tests pass a fake clock whose sleep advances time instantly. */
export interface Waiter {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realWaiter: Waiter = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Thrown by a page fetcher when a 200 response still says the rate limit was hit (GraphQL `RATE_LIMITED`). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly headers: Record<string, string | number | undefined>,
  ) {
    super(message);
  }
}

export interface RateLimitOptions {
  waiter: Waiter;
  /** Attempts for server errors and dropped connections (rate-limit waits do not count). */
  maxAttempts?: number;
  onWait?: (ms: number, reason: string) => void;
}

type Headers = Record<string, string | number | undefined>;

const SECONDARY_DEFAULT_MS = 60_000;

/** How long to wait before retrying, or `null` when the error is not a rate limit. */
export function rateLimitDelay(
  status: number | undefined,
  headers: Headers,
  message: string,
  now: number,
): number | null {
  const limited = status === 403 || status === 429 || status === 200;
  if (!limited) return null;
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
    // One extra second: the reset time is whole seconds and clocks drift.
    return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) + 1000;
  }
  if (/secondary rate limit|abuse/i.test(message)) return SECONDARY_DEFAULT_MS;
  if (status === 429) return SECONDARY_DEFAULT_MS;
  return null;
}

function describe(error: unknown): { status: number | undefined; headers: Headers; message: string } {
  const e = error as { status?: number; response?: { headers?: Headers }; headers?: Headers; message?: string };
  return {
    status: error instanceof RateLimitedError ? 200 : e.status,
    headers: e.response?.headers ?? e.headers ?? {},
    message: String(e.message ?? error),
  };
}

/**
 * Runs `call`, waiting out GitHub's primary limit (until `x-ratelimit-reset`) and secondary limits
 * (`retry-after`), and retrying transient errors (`isTransientError`) with exponential backoff; any
 * other error is thrown at once.
 */
export async function withRateLimit<T>(call: () => Promise<T>, options: RateLimitOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  let failures = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const { status, headers, message } = describe(error);
      const delay = rateLimitDelay(status, headers, message, options.waiter.now());
      if (delay !== null) {
        options.onWait?.(delay, `rate limited (${status ?? 'graphql'}): ${message}`);
        await options.waiter.sleep(delay);
        continue;
      }
      failures += 1;
      if (!isTransientError(error) || failures >= maxAttempts) throw error;
      const backoff = 1000 * 2 ** (failures - 1);
      options.onWait?.(backoff, `${status === undefined ? 'GraphQL error' : `server error (${status})`}: ${message}`);
      await options.waiter.sleep(backoff);
    }
  }
}

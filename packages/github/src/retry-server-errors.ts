import type { Octokit } from '@octokit/core';
import { RequestError } from '@octokit/request-error';

/**
 * Statuses this plugin does not repeat: those a repeat cannot fix, and 403/429, which the throttling plugin
 * outside it owns (it waits the `retry-after` / `x-ratelimit-reset` GitHub gave; repeating a rate-limited call
 * sooner only prolongs the limit and can get an integration banned).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export interface RetryOptions {
  [option: string]: unknown;
  retry?: {
    enabled?: boolean;
    /** Repeats after the first attempt; default 3. */
    retries?: number;
    /** Unit of the backoff, ms: the n-th repeat waits n² units; default 1000. */
    retryAfterBaseValue?: number;
    doNotRetry?: number[];
  };
}

type RequestOptions = { request?: { retries?: number; retryCount?: number } } & Record<string, unknown>;

/**
 * Octokit plugin: repeats a request that failed with a network error or a retryable status (5xx; rate limits,
 * 403 and 429, are left to the throttling plugin outside it), waiting 1, 4, 9 … × `retryAfterBaseValue`,
 * as `@octokit/plugin-retry` does. That plugin schedules every request through a new Bottleneck
 * limiter whose queue yields to the event loop with timers: 5–6 ms added to each GitHub call
 * (0.5 → 5.6 ms p50 on loopback, `npm run bench:front` halves its p99 without it). A GraphQL
 * "Something went wrong" error is repeated as the plugin does.
 */
export function retryServerErrors(octokit: Octokit, options: RetryOptions): Record<string, never> {
  const state = {
    enabled: true,
    retries: 3,
    retryAfterBaseValue: 1000,
    doNotRetry: DO_NOT_RETRY,
    ...options.retry,
  };
  if (!state.enabled) return {};
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const perRequest = (requestOptions as RequestOptions).request;
    const retries = perRequest?.retries ?? state.retries;
    for (let retryCount = 0; ; retryCount++) {
      try {
        const response = await request(requestOptions);
        const errors = (response.data as { errors?: { message?: string }[] } | undefined)?.errors;
        if (errors?.[0]?.message && /Something went wrong while executing your query/.test(errors[0].message)) {
          throw new RequestError(errors[0].message, 500, { request: requestOptions as never, response });
        }
        return response;
      } catch (error) {
        const status = (error as { status?: number }).status;
        const isRequestError = (error as { request?: unknown }).request !== undefined;
        const retryable = isRequestError && typeof status === 'number' && status >= 400;
        if (!retryable || state.doNotRetry.includes(status) || retryCount >= retries) throw error;
        if (perRequest) perRequest.retryCount = retryCount + 1;
        await new Promise((resolve) => setTimeout(resolve, (retryCount + 1) ** 2 * state.retryAfterBaseValue));
      }
    }
  });
  return {};
}

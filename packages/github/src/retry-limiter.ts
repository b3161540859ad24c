type FailedHandler = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/** The part of a Bottleneck limiter the throttling plugin uses to repeat a rate-limited request. */
export interface RetryLimiter {
  on(event: string, handler: FailedHandler): void;
  schedule(job: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<unknown>;
}

/**
 * Bottleneck's retry contract without its queue: a job that fails is handed to the `failed` handlers, and when
 * one answers a number of milliseconds (the plugin does so for 403/429 rate limits whose callback wants a retry)
 * the job runs again after that wait. One per Octokit instance, like the plugin's own default.
 */
export function createRetryLimiter(): RetryLimiter {
  const handlers: FailedHandler[] = [];
  return {
    on(event, handler) {
      if (event === 'failed') handlers.push(handler);
    },
    async schedule(job: (...args: unknown[]) => unknown, ...args: unknown[]) {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await job(...args);
        } catch (error) {
          let wait: unknown;
          for (const handler of handlers) wait = (await handler(error, { args, retryCount })) ?? wait;
          if (typeof wait !== 'number') throw error;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    },
  };
}

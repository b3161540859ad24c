/** The part of a Bottleneck group the throttling plugin uses: `group.key(id).schedule(options, job, ...args)`. */
export interface ConcurrencyGroup {
  key(id: string): {
    schedule(options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<unknown>;
  };
}

/** GitHub's documented secondary limit: no more than 100 concurrent requests. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 100;

/**
 * A counting semaphore shaped like the Bottleneck group the throttling plugin puts every request through.
 * The plugin's own group allows 10 concurrent requests per process and schedules each one through Bottleneck's
 * queue, timers and locks (~5–10 ms each on loopback); this one costs a counter while under the limit.
 */
export function createConcurrencyGroup(maxConcurrent = DEFAULT_MAX_CONCURRENT_REQUESTS): ConcurrencyGroup {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const limiter = {
    async schedule(_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) {
      // A released slot passes straight to the next waiter, so `running` never overshoots.
      if (running < maxConcurrent) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await job(...args);
      } finally {
        release();
      }
    },
  };
  return { key: () => limiter };
}

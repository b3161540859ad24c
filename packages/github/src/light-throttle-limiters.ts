import type { Octokit } from '@octokit/core';
import { type ConcurrencyGroup, createConcurrencyGroup } from './concurrency-group.js';
import { createRetryLimiter } from './retry-limiter.js';

interface ThrottleOptions {
  throttle?: { global?: ConcurrencyGroup; retryLimiter?: unknown; [key: string]: unknown };
}

const processGroup = createConcurrencyGroup();

/**
 * Octokit plugin, placed before the throttling plugin: gives it a fresh retry limiter per instance and, unless the
 * options bring one, a per-process concurrency group, both without Bottleneck's scheduling. Rate-limit handling
 * (403/429, `retry-after`, `x-ratelimit-reset`, the onRateLimit callbacks) stays the plugin's own.
 */
export function lightThrottleLimiters(_octokit: Octokit, options: ThrottleOptions): Record<string, never> {
  // The throttling plugin reads these same options right after this plugin runs.
  options.throttle = {
    ...options.throttle,
    global: options.throttle?.global ?? processGroup,
    retryLimiter: options.throttle?.retryLimiter ?? createRetryLimiter(),
  };
  return {};
}

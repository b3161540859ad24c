import type { Octokit } from '@octokit/core';
import { WRITE_METHODS } from './space-writes.js';

/** Per-request option: once this signal is aborted, the request is not sent if it is a write. */
export interface StopWritesOption {
  stopWrites?: AbortSignal;
}

/**
 * Octokit plugin: a write whose `request.stopWrites` signal has been aborted is not sent; the call fails with
 * the signal's reason. It is the innermost hook (the first plugin), so the check runs right before each attempt
 * goes out: after the per-installation write spacing, after a rate-limit wait, and before every retry of a 5xx.
 * A write already sent is not cut off — GitHub may have applied it — so what the signal stops is exactly what
 * has not happened yet (the front's late generic path once the worker has taken the issue over).
 */
export function stopWrites(octokit: Octokit): Record<string, never> {
  octokit.hook.wrap('request', async (request, options) => {
    const signal = (options.request as StopWritesOption | undefined)?.stopWrites;
    if (signal && WRITE_METHODS.has(options.method)) signal.throwIfAborted();
    return request(options);
  });
  return {};
}

import type { Octokit } from '@octokit/core';

/** The HTTP methods that change something on GitHub. */
export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

interface SpacingOptions {
  writeIntervalMs?: number;
  auth?: { installationId?: number | string };
}

/**
 * Octokit plugin: spaces content writes per installation (GitHub asks for at least a second between
 * writes by one actor). The throttling plugin does this per process for all installations together,
 * which would make one busy repository slow every other one; its write groups are switched off in favour of this.
 */
export function spaceWrites(octokit: Octokit, options: SpacingOptions): Record<string, never> {
  const interval = options.writeIntervalMs ?? 0;
  if (interval <= 0) return {};
  let nextAt = 0;
  octokit.hook.before('request', async (request) => {
    if (!WRITE_METHODS.has(request.method) || request.url.includes('/access_tokens')) return;
    const now = Date.now();
    const wait = Math.max(0, nextAt - now);
    nextAt = Math.max(now, nextAt) + interval;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  });
  return {};
}

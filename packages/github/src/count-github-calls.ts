import type { Registry } from '@labelbot/telemetry';
import { getCounter } from './get-metric.js';

/** Wraps fetch so every HTTP attempt to GitHub (retries and token requests included) is counted by status. */
export function countGitHubCalls(fetchImpl: typeof fetch, registry: Registry | undefined): typeof fetch {
  if (!registry) return fetchImpl;
  const calls = getCounter(
    registry,
    'labelbot_github_requests_total',
    'HTTP requests sent to GitHub, by method and status',
    ['method', 'status'],
  );
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    try {
      const response = await fetchImpl(input, init);
      calls.inc({ method, status: String(response.status) });
      return response;
    } catch (error) {
      calls.inc({ method, status: 'network-error' });
      throw error;
    }
  };
}

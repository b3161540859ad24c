import type { PathFeedback } from './decide-ramp.js';

/**
 * The PromQL selectors for applied labels and labels a person removed. Names are matched by regex
 * so the front's (`labelbot_front_…`) and the worker's (`labelbot_worker_…`) counters both count;
 * dry-run applications are left out (nobody can remove a label that was never written).
 */
export const APPLIED_SELECTOR = '{__name__=~"labelbot_(front_|worker_)?labels_applied_total", dry_run!="true"}';
export const REMOVED_SELECTOR =
  '{__name__=~"labelbot_(front_|worker_)?label_feedback_total", kind="bot-label-removed"}';

/** Per repository (`owner/name` or `other`) and path, the feedback over the window. */
export type ObservedFeedback = Map<string, { forwarded: PathFeedback; generic: PathFeedback }>;

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Asks Prometheus (`GET /api/v1/query`) for applied and removed labels per repository and path
 * over `window` (a PromQL duration such as `7d`).
 */
export async function queryObservedFeedback(options: {
  prometheusUrl: string;
  window: string;
  fetch?: typeof fetch;
}): Promise<ObservedFeedback> {
  const get = options.fetch ?? fetch;
  const query = async (selector: string) => {
    const promql = `sum by (repo, path) (increase(${selector}[${options.window}]))`;
    const url = new URL(
      'api/v1/query',
      options.prometheusUrl.endsWith('/') ? options.prometheusUrl : `${options.prometheusUrl}/`,
    );
    url.searchParams.set('query', promql);
    const response = await get(url, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as {
      status?: string;
      error?: string;
      data?: { resultType?: string; result?: VectorSample[] };
    } | null;
    if (!response.ok || body?.status !== 'success' || body.data?.resultType !== 'vector') {
      throw new Error(
        `Prometheus ${url.origin} refused the query (${response.status}): ${body?.error ?? 'unexpected answer'}`,
      );
    }
    return body.data.result ?? [];
  };
  const [applied, removed] = await Promise.all([query(APPLIED_SELECTOR), query(REMOVED_SELECTOR)]);
  const feedback: ObservedFeedback = new Map();
  const add = (samples: VectorSample[], field: keyof PathFeedback) => {
    for (const sample of samples) {
      const path = sample.metric.path;
      if (path !== 'forwarded' && path !== 'generic') continue;
      const repo = sample.metric.repo ?? 'other';
      const entry = feedback.get(repo) ?? {
        forwarded: { applied: 0, removed: 0 },
        generic: { applied: 0, removed: 0 },
      };
      entry[path][field] += Math.round(Number(sample.value[1]));
      feedback.set(repo, entry);
    }
  };
  add(applied, 'applied');
  add(removed, 'removed');
  return feedback;
}

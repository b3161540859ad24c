import { APPLIED_SELECTOR, REMOVED_SELECTOR, UNKNOWN_MODEL } from './feedback-series.js';
import { addFeedback, type ObservedFeedback, type PathFeedback } from './observed-feedback.js';

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Asks Prometheus (`GET /api/v1/query`) for applied and removed labels per repository and path
 * over `window` (a PromQL duration such as `7d`), summed over model versions; with `byModel` also
 * per `model` label (series from before the label existed count as `unknown`).
 */
export async function queryObservedFeedback(options: {
  prometheusUrl: string;
  window: string;
  byModel?: boolean;
  fetch?: typeof fetch;
}): Promise<ObservedFeedback> {
  const by = options.byModel ? 'repo, path, model' : 'repo, path';
  const get = options.fetch ?? fetch;
  const base = options.prometheusUrl.endsWith('/') ? options.prometheusUrl : `${options.prometheusUrl}/`;
  const query = async (selector: string) => {
    const url = new URL('api/v1/query', base);
    url.searchParams.set('query', `sum by (${by}) (increase(${selector}[${options.window}]))`);
    const response = await get(url, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as {
      status?: string;
      error?: string;
      data?: { resultType?: string; result?: VectorSample[] };
    } | null;
    if (!response.ok || body?.status !== 'success' || body.data?.resultType !== 'vector') {
      const why = body?.error ?? 'unexpected answer';
      throw new Error(`Prometheus ${url.origin} refused the query (${response.status}): ${why}`);
    }
    return body.data.result ?? [];
  };
  const [applied, removed] = await Promise.all([query(APPLIED_SELECTOR), query(REMOVED_SELECTOR)]);
  const feedback: ObservedFeedback = new Map();
  const add = (samples: VectorSample[], field: keyof PathFeedback) => {
    for (const { metric, value } of samples) {
      const model = options.byModel ? (metric.model ?? UNKNOWN_MODEL) : undefined;
      addFeedback(feedback, metric.repo ?? 'other', metric.path, field, Math.round(Number(value[1])), model);
    }
  };
  add(applied, 'applied');
  add(removed, 'removed');
  return feedback;
}

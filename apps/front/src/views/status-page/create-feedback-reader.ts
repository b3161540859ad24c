import { DEFAULT_FEEDBACK_WINDOW, type ObservedFeedback, queryObservedFeedback } from '@labelbot/rollout';
import type { Logger, Registry } from '@labelbot/telemetry';
import { collectObservedFeedback } from './collect-observed-precision.js';

// The page is public: however often it is loaded, Prometheus sees one query pair per interval,
// and a slow Prometheus delays the page by at most the timeout.
const REUSE_MS = 30_000;
const TIMEOUT_MS = 2_000;

/** Feedback for the page, and where it came from (shown under the rollout table). */
export interface FeedbackReading {
  feedback: ObservedFeedback;
  source: string;
}

export interface FeedbackReaderOptions {
  registry: Registry;
  /** Prometheus scraping both services; null: this process's counters only. */
  prometheusUrl: string | null;
  logger: Logger;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Where the status page's observed precision comes from. With Prometheus: both services'
 * counters over the rollout window, by model (as `labelbot rollout show --by-model`), reused for
 * 30 s; when Prometheus fails, this process's counters with the reason. Without it: this
 * process's counters — in the cluster only the front's (the generic path and forwarded removals
 * it could not hand over); under `labelbot dev` the worker's too.
 */
export function createFeedbackReader(options: FeedbackReaderOptions): { read(): Promise<FeedbackReading> } {
  const now = options.now ?? Date.now;
  const local = async (why = ''): Promise<FeedbackReading> => ({
    feedback: await collectObservedFeedback(options.registry),
    source: `this process's counters since it started${why}`,
  });
  let last: { at: number; reading: Promise<FeedbackReading> } | null = null;

  async function fromPrometheus(prometheusUrl: string): Promise<FeedbackReading> {
    try {
      const feedback = await queryObservedFeedback({
        prometheusUrl,
        window: DEFAULT_FEEDBACK_WINDOW,
        byModel: true,
        fetch: (input, init) => (options.fetch ?? fetch)(input, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }),
      });
      return { feedback, source: `Prometheus, both services, last ${DEFAULT_FEEDBACK_WINDOW}` };
    } catch (error) {
      options.logger.warn(
        { err: error, prometheusUrl },
        'status page: Prometheus query failed; showing local counters',
      );
      return local(' (Prometheus did not answer)');
    }
  }

  return {
    read(): Promise<FeedbackReading> {
      const { prometheusUrl } = options;
      if (!prometheusUrl) return local();
      if (!last || now() - last.at >= REUSE_MS) last = { at: now(), reading: fromPrometheus(prometheusUrl) };
      return last.reading;
    },
  };
}

import type { Disposition } from '@labelbot/queue';
import type { MessageOutcome, WorkerMetrics } from './create-worker-metrics.js';

/**
 * Starts the bookkeeping of one message (in flight, then outcome and processing time); the returned
 * `done` records how it ended and hands back the disposition for the subscriber.
 */
export function trackMessage(
  metrics: WorkerMetrics,
  clock: () => number,
): (outcome: MessageOutcome, disposition: Disposition) => Disposition {
  const started = clock();
  metrics.inFlight.inc();
  return (outcome, disposition) => {
    metrics.inFlight.dec();
    metrics.messages.inc({ outcome });
    metrics.processingSeconds.observe({ outcome }, (clock() - started) / 1000);
    return disposition;
  };
}

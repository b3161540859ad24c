/** One routed issue as the status page shows it; private repositories are never named. */
export interface DecisionRecord {
  at: string;
  deliveryId: string;
  event: string;
  /** `owner/name#number`, or null for a private repository. */
  issue: string | null;
  path: 'forwarded' | 'generic';
  fallback: boolean;
  /** The generic path failed and the issue went to the queue for a retry. */
  queuedForRetry?: boolean;
  model: string | null;
  predicted: string[];
  applied: string[];
  dryRun: boolean;
}

/** The last N decisions, newest first. */
export interface DecisionLog {
  record(decision: DecisionRecord): void;
  list(): DecisionRecord[];
}

export function createDecisionLog(max: number): DecisionLog {
  const ring: DecisionRecord[] = [];
  return {
    record(decision) {
      ring.unshift(decision);
      if (ring.length > max) ring.length = max;
    },
    list: () => [...ring],
  };
}

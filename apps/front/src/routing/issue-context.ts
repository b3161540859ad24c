import type { Logger } from '@labelbot/telemetry';

/** One issue event the front routes, with a logger carrying delivery id, repo and issue. */
export interface IssueContext {
  deliveryId: string;
  event: string;
  action: string;
  installationId: number;
  repository: { owner: string; name: string; id: number; private: boolean };
  issue: { number: number; title: string; body: string; labels: string[]; author: string; createdAt?: string };
  sender: string;
  receivedAt: Date;
  log: Logger;
}

/** What happened to a routed issue: returned to GitHub, logged, and shown on the status page. */
export interface IssueDecision {
  path: 'forwarded' | 'generic';
  matched: 'repo' | 'org' | 'none';
  probability: number;
  /** True when the issue was meant for the forwarded path but publishing failed. */
  fallback: boolean;
  model: string | null;
  /** Labels the model predicted (generic path). */
  predicted: string[];
  applied: string[];
  skipped: { label: string; reason: string }[];
  dryRun: boolean;
  messageId: string | null;
  /** True when the generic path failed and the issue went to the queue, for the worker to retry with the generic model. */
  queuedForRetry?: boolean;
}

/**
 * The one place for the front's defaults; the env schema and the CLI read them from here.
 * (The topic and the GitHub API URL are the queue's and the GitHub client's defaults.)
 */
export const FRONT_DEFAULTS = {
  port: 3000,
  host: '0.0.0.0',
  /** `labelbot dev` listens on loopback only: it may run with the public development secret. */
  devHost: '127.0.0.1',
  logLevel: 'info',
  appSlug: 'labelbot',
  genericModelDir: 'models/generic',
  /** GitHub's own cap on a webhook payload. */
  bodyLimitBytes: 25 * 1024 * 1024,
  /** `POST /api/predict` requests per client address per minute. */
  predictRateLimitPerMinute: 60,
  /** Recent X-GitHub-Delivery ids remembered for de-duplication. */
  deliveryMemory: 10_000,
  /** Recent decisions kept for the status page. */
  recentDecisions: 50,
  /**
   * How long the generic path may take before the issue is handed to the queue for the worker to label
   * (GitHub gives up on a webhook after 10 s; publishing takes the rest). Only with a queue configured.
   */
  genericPathBudgetMs: 6_000,
  /** Fastify's connection timeouts; GitHub gives up after 10 s. */
  requestTimeoutMs: 15_000,
  /** What graceful shutdown waits for in-flight requests (Kubernetes gives 30 s). */
  closeGraceMs: 10_000,
} as const;

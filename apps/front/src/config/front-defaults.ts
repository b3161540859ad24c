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
  /** `POST /api/predict` requests per client address per minute (per replica: each counts its own). */
  predictRateLimitPerMinute: 60,
  /**
   * Proxies in front of the process whose `X-Forwarded-For` entries are trusted: 0 = the socket's address is the
   * client's. Behind a Google Cloud load balancer (the GKE Ingress), 2: it appends `<client>, <load balancer>`,
   * and anything to the left of that the client may have written itself.
   */
  trustedProxyHops: 0,
  /**
   * Idle keep-alive connections are kept this long: longer than the load balancer keeps its end (Google's keep
   * backend connections up to 600 s and ask backends for more), so it never reuses a socket the front just closed.
   */
  keepAliveTimeoutMs: 620_000,
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

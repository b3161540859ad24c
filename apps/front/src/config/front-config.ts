/** The front's validated configuration (what `loadFrontConfig` returns and the app reads). */
export interface FrontConfig {
  port: number;
  host: string;
  logLevel: string;
  webhookSecret: string;
  /** True when the secret is the public development one (`labelbot dev` without GITHUB_WEBHOOK_SECRET). */
  developmentSecret: boolean;
  github: {
    appId: number | null;
    /** The App's slug when GET /app cannot tell it (dry run without credentials): its events come from `<slug>[bot]`. */
    appSlug: string;
    privateKey: string | null;
    apiUrl: string;
  };
  /** Decide and record only; write nothing to GitHub. */
  dryRun: boolean;
  forwardingConfigPath: string | null;
  genericModelDir: string;
  pubsub: { projectId: string | null; topic: string; emulatorHost: string | null };
  metricsToken: string | null;
  /** Where the status page reads observed precision (the front's and the worker's counters); null: this process's counters. */
  prometheusUrl: string | null;
  predictRateLimitPerMinute: number;
  /** X-Forwarded-For hops trusted to name the client (the rate limit's key); 0: the socket's address. */
  trustedProxyHops: number;
}

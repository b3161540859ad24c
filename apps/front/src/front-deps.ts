import type { GitHubClient, IssueLabeler } from '@labelbot/github';
import type { LoadedModel } from '@labelbot/model';
import type { IssueEventPublisher } from '@labelbot/queue';
import type { ForwardingConfig } from '@labelbot/rollout';
import type { Logger, Registry } from '@labelbot/telemetry';
import type { FrontConfig } from './config/front-config.js';
import type { FrontMetrics } from './metrics/create-front-metrics.js';

/** Everything the front's app is built from; `buildApp` performs no I/O of its own. */
export interface FrontDeps {
  config: FrontConfig;
  logger: Logger;
  registry: Registry;
  /** Pass when something outside the app (the forwarding watcher) counts into the same metrics. */
  metrics?: FrontMetrics;
  /** The generic model, loaded and warmed. */
  model: LoadedModel;
  /** The forwarding file in force (a watcher in production, a constant in tests). */
  forwarding: { current(): ForwardingConfig };
  /** Null when nothing is forwarded (no PUBSUB_PROJECT); forwarded issues then fall back to generic. */
  publisher: IssueEventPublisher | null;
  labeler: IssueLabeler;
  /** The App client (null without credentials): attributes label removals through the issue timeline. */
  github: GitHubClient | null;
  /** The App's bot user (`slug[bot]`, from `GET /app`): events it sends are ignored. */
  botLogin: string;
  /** Shown on `/`, `/readyz` and in the logs. */
  version: string;
  clock?: () => Date;
  /** FRONT_DEFAULTS.genericPathBudgetMs unless given (tests shorten it). */
  genericPathBudgetMs?: number;
}

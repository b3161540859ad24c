import { resolve } from 'node:path';
import type { IssueLabeler } from '@labelbot/github';
import type { IssueEventPublisher } from '@labelbot/queue';
import { createLogger, createRegistry, MemoryLog, type Registry } from '@labelbot/telemetry';
import {
  type GitHubStandIn,
  type InstallationSeed,
  startGitHubStandIn,
} from '../../../../test/support/github-stand-in.js';
import { standInAppEnv } from '../../../../test/support/stand-in-app-env.js';
import { standInGitHubClient } from '../../../../test/support/stand-in-github-client.js';
import { buildApp, type FrontApp } from '../../src/app.js';
import { loadFrontConfig } from '../../src/config/load-front-config.js';
import type { FrontDeps } from '../../src/front-deps.js';
import { composeFront } from '../../src/start/compose-front.js';
import { TEST_SECRET } from './signed-delivery.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const GENERIC_MODEL_DIR = resolve(REPO_ROOT, 'models/generic');
export const INSTALLATION = 31;
export const OWNER = 'octo-org';

export const DEFAULT_INSTALLATIONS: InstallationSeed[] = [
  {
    id: INSTALLATION,
    account: OWNER,
    repos: [
      {
        name: 'app',
        labels: ['bug', 'feature', 'question'],
        issues: [1, 2, 3, 4, 5, 6, 7, 8].map((number) => ({ number })),
      },
    ],
  },
];

export interface FrontHarnessOptions {
  installations?: InstallationSeed[];
  env?: Record<string, string>;
  publisher?: IssueEventPublisher;
  /** Shortens the generic path's budget (FRONT_DEFAULTS.genericPathBudgetMs). */
  genericPathBudgetMs?: number;
  /** Wraps the labeler the front composed (e.g. to make GitHub writes slow). */
  wrapLabeler?: (labeler: IssueLabeler) => IssueLabeler;
}

export interface FrontHarness {
  app: FrontApp;
  /** What the app was built from (to start a listening server from the same deps). */
  deps: FrontDeps;
  standIn: GitHubStandIn;
  log: MemoryLog;
  registry: Registry;
  /** Sum of a metric's samples whose labels match. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** The front as `labelbot front` composes it, against the GitHub stand-in, with an in-memory log. */
export async function startFrontHarness(options: FrontHarnessOptions = {}): Promise<FrontHarness> {
  const standIn = await startGitHubStandIn({ installations: options.installations ?? DEFAULT_INSTALLATIONS });
  const log = new MemoryLog();
  const logger = createLogger({ name: 'front', destination: log, level: 'debug' });
  const registry = createRegistry();
  const config = loadFrontConfig(
    {
      GITHUB_WEBHOOK_SECRET: TEST_SECRET,
      ...standInAppEnv(standIn),
      GENERIC_MODEL_DIR,
      ...options.env,
    },
    { mode: 'dev' },
  );
  const github = standInGitHubClient(standIn, { logger, registry, retryBaseMs: 10 });
  const composed = await composeFront({
    config,
    logger,
    registry,
    github,
    ...(options.publisher ? { publisher: options.publisher } : {}),
  });
  if (options.genericPathBudgetMs !== undefined) composed.deps.genericPathBudgetMs = options.genericPathBudgetMs;
  if (options.wrapLabeler) composed.deps.labeler = options.wrapLabeler(composed.deps.labeler);
  const app = await buildApp(composed.deps);
  return {
    app,
    deps: composed.deps,
    standIn,
    log,
    registry,
    async metric(name, labels = {}) {
      const metric = registry.getSingleMetric(name);
      if (!metric) throw new Error(`no metric ${name}`);
      const { values } = await metric.get();
      return values
        .filter((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
        .reduce((total, value) => total + value.value, 0);
    },
    async close() {
      await app.close();
      await composed.close();
      await standIn.close();
    },
  };
}

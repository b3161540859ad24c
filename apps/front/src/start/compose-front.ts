import { createGitHubClient, type GitHubClient, type IssueLabeler } from '@labelbot/github';
import { createPubSubPublisher, type IssueEventPublisher } from '@labelbot/queue';
import { createRegistry, type Logger, type Registry } from '@labelbot/telemetry';
import type { FrontConfig } from '../config/front-config.js';
import type { FrontDeps } from '../front-deps.js';
import { createFrontMetrics } from '../metrics/create-front-metrics.js';
import { createFrontLabeler } from './create-front-labeler.js';
import { loadGenericModel } from './load-generic-model.js';
import { openForwarding } from './open-forwarding.js';
import { readFrontVersion } from './read-front-version.js';

export interface ComposeFrontOptions {
  config: FrontConfig;
  logger: Logger;
  registry?: Registry;
  /** Replaces the Pub/Sub publisher (`labelbot dev` passes its in-process queue). */
  publisher?: IssueEventPublisher;
  /** Replaces the labeler (`labelbot dev` shares one with its worker). */
  labeler?: IssueLabeler;
  /** The GitHub client, when the caller built one already. */
  github?: GitHubClient | null;
}

export interface ComposedFront {
  deps: FrontDeps;
  github: GitHubClient | null;
  /** Stops the watcher and closes the publisher and the model. */
  close(): Promise<void>;
}

/** Builds the front's real deps from its configuration: the I/O `buildApp` leaves out. */
export async function composeFront(options: ComposeFrontOptions): Promise<ComposedFront> {
  const { config, logger } = options;
  const registry = options.registry ?? createRegistry();
  const metrics = createFrontMetrics(registry);
  const model = await loadGenericModel(config.genericModelDir);
  let forwarding: ReturnType<typeof openForwarding>;
  try {
    forwarding = openForwarding(config.forwardingConfigPath, logger, metrics);
  } catch (error) {
    await model.release();
    throw error;
  }
  const github = options.github !== undefined ? options.github : createGitHub(config, logger, registry);
  const publisher =
    options.publisher ??
    (config.pubsub.projectId
      ? createPubSubPublisher({
          projectId: config.pubsub.projectId,
          topic: config.pubsub.topic,
          logger,
          ...(config.pubsub.emulatorHost ? { emulatorHost: config.pubsub.emulatorHost } : {}),
        })
      : null);
  const botLogin = await resolveBotLogin(github, config, logger);
  const labeler = options.labeler ?? createFrontLabeler({ github, config, logger, registry, botLogin });
  logger.info(
    {
      model: `${model.manifest.name}@${model.manifest.version}`,
      dryRun: config.dryRun,
      botLogin,
      publisher: publisher ? 'configured' : 'none (forwarded issues fall back to generic)',
    },
    'front composed',
  );
  return {
    deps: {
      config,
      logger,
      registry,
      metrics,
      model,
      forwarding,
      publisher,
      labeler,
      github,
      botLogin,
      version: readFrontVersion(),
    },
    github,
    async close() {
      forwarding.close();
      await publisher?.close();
      await model.release();
    },
  };
}

function createGitHub(config: FrontConfig, logger: Logger, registry: Registry): GitHubClient | null {
  const { appId, privateKey, apiUrl } = config.github;
  if (appId === null || privateKey === null) return null;
  return createGitHubClient({ appId, privateKey, baseUrl: apiUrl, logger, registry });
}

async function resolveBotLogin(github: GitHubClient | null, config: FrontConfig, logger: Logger): Promise<string> {
  const fallback = `${config.github.appSlug}[bot]`;
  if (!github) return fallback;
  try {
    return await github.botLogin();
  } catch (error) {
    logger.warn({ err: error, fallback }, 'GET /app failed; recognising the bot by GITHUB_APP_SLUG');
    return fallback;
  }
}

import { createGitHubClient, createIssueLabeler } from '@labelbot/github';
import { loadModelFromDirectory } from '@labelbot/model';
import { createPubSubSubscriber } from '@labelbot/queue';
import { watchForwardingConfig } from '@labelbot/rollout';
import { createModelStore, createStoreBackend } from '@labelbot/store';
import { createRegistry, type Logger } from '@labelbot/telemetry';
import type { FastifyInstance } from 'fastify';
import { buildHealthApp } from './build-health-app.js';
import { createWorker, type Worker } from './create-worker.js';
import type { WorkerConfig } from './load-worker-config.js';

export interface RunningWorker {
  worker: Worker;
  app: FastifyInstance;
  /** Stops pulling, drains within the grace period, closes the health server. */
  close(): Promise<void>;
}

/** The composition root of `labelbot worker`: real Pub/Sub, store, GitHub; listens on PORT. */
export async function startWorker(config: WorkerConfig, logger: Logger): Promise<RunningWorker> {
  const { env } = config;
  const registry = createRegistry();
  // Only for bounding the `repo` metric label; an invalid file at start throws, as in the front.
  const forwarding = env.FORWARDING_CONFIG
    ? watchForwardingConfig({ path: env.FORWARDING_CONFIG, logger: logger.child({ component: 'forwarding' }) })
    : null;
  const generic = await loadModelFromDirectory(env.GENERIC_MODEL_DIR);
  const store = createModelStore({
    backend: createStoreBackend(env.MODEL_STORE_URL),
    logger: logger.child({ component: 'store' }),
    generic,
    registry,
    maxBytes: env.MODEL_CACHE_MAX_BYTES,
    refreshIntervalMs: env.MODEL_REFRESH_INTERVAL_MS,
  });
  const client = config.github
    ? createGitHubClient({ ...config.github, baseUrl: env.GITHUB_API_URL, logger, registry })
    : null;
  const labeler = createIssueLabeler({ client, dryRun: env.LABELBOT_DRY_RUN, logger, registry });
  const subscriber = createPubSubSubscriber({
    projectId: config.projectId,
    subscription: env.PUBSUB_SUBSCRIPTION,
    deadLetterTopic: config.deadLetterTopic,
    maxMessages: env.WORKER_MAX_MESSAGES,
    maxBytes: env.WORKER_MAX_BYTES,
    graceMs: env.WORKER_SHUTDOWN_GRACE_MS,
    logger,
    ...(env.PUBSUB_EMULATOR_HOST && { emulatorHost: env.PUBSUB_EMULATOR_HOST }),
  });
  const worker = createWorker({
    generic,
    subscriber,
    store,
    labeler,
    logger,
    registry,
    maxDeliveryAttempts: env.WORKER_MAX_DELIVERY_ATTEMPTS,
    ...(forwarding && { forwarding }),
  });
  const app = buildHealthApp({ registry, ready: worker.ready });
  await app.listen({ port: env.PORT, host: env.HOST });
  await worker.start();
  logger.info(
    { port: env.PORT, subscription: env.PUBSUB_SUBSCRIPTION, store: env.MODEL_STORE_URL, dryRun: env.LABELBOT_DRY_RUN },
    'labelbot worker ready',
  );
  return {
    worker,
    app,
    async close() {
      await worker.stop();
      await app.close();
      forwarding?.close();
      await generic.release();
    },
  };
}

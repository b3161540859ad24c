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
  /** Resolves with the cause if the worker stops pulling for good (then /healthz and /readyz fail); never otherwise. */
  failed: Promise<Error>;
  /** Stops pulling, drains within the grace period, closes the health server. */
  close(): Promise<void>;
}

/**
 * The composition root of `labelbot worker`: real Pub/Sub, store, GitHub; listens on PORT. When the
 * start fails (subscription missing, Pub/Sub unreachable) it closes what it opened and throws.
 */
export async function startWorker(config: WorkerConfig, logger: Logger): Promise<RunningWorker> {
  const { env } = config;
  const registry = createRegistry();
  const generic = await loadModelFromDirectory(env.GENERIC_MODEL_DIR);
  // Only for bounding the `repo` metric label; an invalid file at start throws, as in the front.
  const forwarding = env.FORWARDING_CONFIG
    ? watchForwardingConfig({ path: env.FORWARDING_CONFIG, logger: logger.child({ component: 'forwarding' }) })
    : null;
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
    maxDeliveryAttempts: env.WORKER_MAX_DELIVERY_ATTEMPTS,
    maxMessages: env.WORKER_MAX_MESSAGES,
    maxBytes: env.WORKER_MAX_BYTES,
    graceMs: env.WORKER_SHUTDOWN_GRACE_MS,
    logger,
    ...(env.PUBSUB_EMULATOR_HOST && { emulatorHost: env.PUBSUB_EMULATOR_HOST }),
  });
  let reportFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    reportFailure = resolve;
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
    onFailed: (error) => reportFailure(error),
  });
  const app = buildHealthApp({ registry, ready: worker.ready, alive: worker.alive });
  async function close(): Promise<void> {
    await worker.stop();
    await app.close();
    forwarding?.close();
    await generic.release();
  }
  try {
    await app.listen({ port: env.PORT, host: env.HOST });
    await worker.start();
  } catch (error) {
    // Nothing may keep the process alive (and /healthz answering) after a failed start.
    await close().catch((closeError: unknown) =>
      logger.warn({ err: closeError }, 'closing after a failed start failed'),
    );
    throw error;
  }
  logger.info(
    { port: env.PORT, subscription: env.PUBSUB_SUBSCRIPTION, store: env.MODEL_STORE_URL, dryRun: env.LABELBOT_DRY_RUN },
    'labelbot worker ready',
  );
  return { worker, app, failed, close };
}

import { createLogger } from '@labelbot/telemetry';
import closeWithGrace from 'close-with-grace';
import { loadWorkerConfig, WorkerConfigError } from './load-worker-config.js';
import { type RunningWorker, startWorker } from './start-worker.js';

/**
 * `labelbot worker`: reads the environment, starts pulling, and on SIGTERM/SIGINT stops pulling,
 * finishes what is in flight within WORKER_SHUTDOWN_GRACE_MS and exits. Returns 2 on a configuration
 * error, 1 when the start fails or the subscriber later stops pulling for good (after closing, so
 * Kubernetes restarts the pod); otherwise runs until signalled.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: ReturnType<typeof loadWorkerConfig>;
  try {
    config = loadWorkerConfig(env);
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const logger = createLogger({ name: 'worker', level: config.env.LOG_LEVEL });
  let running: RunningWorker;
  try {
    running = await startWorker(config, logger);
  } catch (error) {
    logger.error({ err: error }, `worker could not start; exiting: ${(error as Error).message}`);
    return 1;
  }
  // A little over the drain grace, so close-with-grace does not cut the drain short.
  const shutdown = closeWithGrace({ delay: config.env.WORKER_SHUTDOWN_GRACE_MS + 5_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'worker crashed; shutting down');
    else logger.info({ signal }, 'shutting down');
    await running.close();
  });
  const cause = await running.failed;
  shutdown.uninstall();
  logger.error({ err: cause }, 'worker cannot pull messages any more; shutting down with exit code 1');
  await running.close();
  return 1;
}

import { createLogger } from '@labelbot/telemetry';
import closeWithGrace from 'close-with-grace';
import { loadWorkerConfig, WorkerConfigError } from './load-worker-config.js';
import { startWorker } from './start-worker.js';

/**
 * `labelbot worker`: reads the environment, starts pulling, and on SIGTERM/SIGINT stops pulling,
 * finishes what is in flight within WORKER_SHUTDOWN_GRACE_MS and exits. Returns the exit code on
 * a configuration error; otherwise runs until signalled.
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
  const running = await startWorker(config, logger);
  // A little over the drain grace, so close-with-grace does not cut the drain short.
  closeWithGrace({ delay: config.env.WORKER_SHUTDOWN_GRACE_MS + 5_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'worker crashed; shutting down');
    else logger.info({ signal }, 'shutting down');
    await running.close();
  });
  return new Promise<number>(() => {});
}

import { performance } from 'node:perf_hooks';
import { composeFront, startServer } from '@labelbot/front';
import { createInProcessQueue } from '@labelbot/queue';
import { createModelStore, createStoreBackend } from '@labelbot/store';
import { createLogger, createRegistry } from '@labelbot/telemetry';
import { createWorker, WORKER_DEFAULTS } from '@labelbot/worker';
import { exitOnConfigError, frontCommandConfig } from './front-command-config.js';

const USAGE = `usage: labelbot dev   (what \`npm start\` runs)

The front and a worker in one process: an in-process queue instead of Pub/Sub, the file model
store (MODEL_STORE_URL, default ${WORKER_DEFAULTS.modelStoreUrl}), and a dry run (decisions logged and shown
on http://127.0.0.1:3000/, nothing written to GitHub) unless GITHUB_APP_ID and GITHUB_PRIVATE_KEY are set.
Without GITHUB_WEBHOOK_SECRET it accepts deliveries signed with the development secret, which
\`labelbot replay\` uses by default. Then, in another terminal:

  npx labelbot replay apps/front/examples/issues-opened.json
`;

/** `labelbot dev`: the whole stack in one process for a laptop. Stays up until Ctrl-C. */
export async function run(args: string[]): Promise<number> {
  const started = performance.now();
  const config = frontCommandConfig(args, USAGE, 'dev');
  if (typeof config === 'number') return config;
  const logger = createLogger({ name: 'dev', level: config.logLevel });
  const registry = createRegistry();
  const queue = createInProcessQueue({ logger });
  let composed: Awaited<ReturnType<typeof composeFront>>;
  try {
    composed = await composeFront({ config, logger, registry, publisher: queue.publisher });
  } catch (error) {
    return exitOnConfigError(error);
  }
  const storeUrl = process.env.MODEL_STORE_URL || WORKER_DEFAULTS.modelStoreUrl;
  const store = createModelStore({
    backend: createStoreBackend(storeUrl),
    logger: logger.child({ component: 'store' }),
    generic: composed.deps.model,
    registry,
  });
  const worker = createWorker({
    generic: composed.deps.model,
    subscriber: queue.subscriber,
    store,
    labeler: composed.deps.labeler,
    logger,
    registry,
    // The front's file names the repositories the worker's metrics are labelled with, as in the cluster.
    forwarding: composed.deps.forwarding,
  });
  await worker.start();
  const server = await startServer(composed.deps, {
    port: config.port,
    host: config.host,
    onClose: async () => {
      await worker.stop();
      await composed.close();
    },
  });
  logger.info({ url: server.url, startupMs: Math.round(performance.now() - started), storeUrl }, 'labelbot dev ready');
  process.stderr.write(
    `\nlabelbot dev: front + worker on ${server.url} (status page: ${server.url}/)\n` +
      `  ${config.dryRun ? 'dry run: decisions are logged and shown on the status page, nothing is written to GitHub' : `writing labels through the GitHub App ${config.github.appId}`}\n` +
      `  ${config.developmentSecret ? 'webhook secret: the development secret (set GITHUB_WEBHOOK_SECRET to use your own)' : 'webhook secret: GITHUB_WEBHOOK_SECRET'}\n` +
      `  try, in another terminal: npx labelbot replay apps/front/examples/issues-opened.json\n\n`,
  );
  return 0;
}

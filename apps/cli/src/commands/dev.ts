import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { composeFront, FrontConfigError, loadFrontConfig, startServer } from '@labelbot/front';
import { createInProcessQueue } from '@labelbot/queue';
import { createModelStore, createStoreBackend } from '@labelbot/store';
import { createLogger, createRegistry } from '@labelbot/telemetry';
import { createWorker, WORKER_DEFAULTS } from '@labelbot/worker';

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
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = performance.now();
  let config: ReturnType<typeof loadFrontConfig>;
  try {
    config = loadFrontConfig(process.env, { mode: 'dev' });
  } catch (error) {
    if (!(error instanceof FrontConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const logger = createLogger({ name: 'dev', level: config.logLevel });
  const registry = createRegistry();
  const queue = createInProcessQueue({ logger });
  let composed: Awaited<ReturnType<typeof composeFront>>;
  try {
    composed = await composeFront({ config, logger, registry, publisher: queue.publisher });
  } catch (error) {
    if (!(error instanceof FrontConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const storeUrl = process.env.MODEL_STORE_URL || WORKER_DEFAULTS.modelStoreUrl;
  const store = createModelStore({
    backend: createStoreBackend(storeUrl),
    logger: logger.child({ component: 'store' }),
    generic: composed.deps.model,
    registry,
  });
  const worker = createWorker({
    subscriber: queue.subscriber,
    store,
    labeler: composed.deps.labeler,
    logger,
    registry,
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

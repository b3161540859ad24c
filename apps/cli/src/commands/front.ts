import { performance } from 'node:perf_hooks';
import { composeFront, startServer } from '@labelbot/front';
import { createLogger } from '@labelbot/telemetry';
import { exitOnConfigError, frontCommandConfig } from './front-command-config.js';

const USAGE = `usage: labelbot front

Runs the webhook service (what the front image runs). Configuration comes from the environment:
GITHUB_WEBHOOK_SECRET, GITHUB_APP_ID, GITHUB_PRIVATE_KEY[_PATH], PORT, FORWARDING_CONFIG,
PUBSUB_PROJECT, … (see the README's configuration table).
`;

/** `labelbot front`: the webhook service alone. Stays up until SIGTERM/SIGINT (graceful shutdown). */
export async function run(args: string[]): Promise<number> {
  const started = performance.now();
  const config = frontCommandConfig(args, USAGE, 'front');
  if (typeof config === 'number') return config;
  const logger = createLogger({ name: 'front', level: config.logLevel });
  try {
    const composed = await composeFront({ config, logger });
    const server = await startServer(composed.deps, { port: config.port, host: config.host, onClose: composed.close });
    const cpu = process.cpuUsage();
    logger.info(
      {
        url: server.url,
        startupMs: Math.round(performance.now() - started),
        startupCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      },
      'front ready',
    );
    return 0;
  } catch (error) {
    return exitOnConfigError(error);
  }
}

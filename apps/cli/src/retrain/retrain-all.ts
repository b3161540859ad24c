import type { CommandIo } from '../commands/write-output.js';
import { realWaiter } from '../dataset/with-rate-limit.js';
import { PublishRefusedError } from '../publish/publish-bundle.js';
import { readRetrainConfig } from './read-retrain-config.js';
import { retrainRepository } from './retrain-repository.js';

/**
 * `labelbot models retrain`: every repository of the config in turn, one JSON line each on stdout.
 * A failure is reported and the next repository still runs. A refused publish (the new model is
 * worse, or another publish won) is an outcome, not an error: the live model stays and the run
 * succeeds. Anything else (GitHub, the store) makes the exit code 1, so the CronJob retries.
 */
export async function retrainAll(
  configFile: string,
  storeUrl: string,
  workDir: string,
  io: CommandIo & { env: NodeJS.ProcessEnv },
): Promise<number> {
  let config: Awaited<ReturnType<typeof readRetrainConfig>>;
  try {
    config = await readRetrainConfig(configFile);
  } catch (error) {
    io.stderr.write(`labelbot models retrain: ${(error as Error).message}\n`);
    return 1;
  }
  let failed = 0;
  for (const entry of config.repositories) {
    const notice = (message: string) => io.stderr.write(`labelbot models retrain: ${entry.repo}: ${message}\n`);
    try {
      const result = await retrainRepository(entry, {
        env: io.env,
        storeUrl,
        workDir,
        waiter: realWaiter,
        now: () => new Date(),
        notice,
      });
      io.stdout.write(`${JSON.stringify({ repo: entry.repo, ok: true, ...result })}\n`);
    } catch (error) {
      const refused = error instanceof PublishRefusedError;
      if (!refused) failed += 1;
      notice((error as Error).message);
      io.stdout.write(`${JSON.stringify({ repo: entry.repo, ok: false, refused, error: (error as Error).message })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

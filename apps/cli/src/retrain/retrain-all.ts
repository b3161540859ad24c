import { realWaiter } from '../dataset/with-rate-limit.js';
import { readRetrainConfig } from './read-retrain-config.js';
import { retrainRepository } from './retrain-repository.js';

/**
 * `labelbot models retrain`: every repository of the config in turn, one JSON line each on stdout.
 * A failure (GitHub, a refused regression, the store) is reported and the next repository still
 * runs; the exit code is 1 when any failed, so the CronJob's run shows as failed.
 */
export async function retrainAll(configFile: string, storeUrl: string, workDir: string): Promise<number> {
  let config: Awaited<ReturnType<typeof readRetrainConfig>>;
  try {
    config = await readRetrainConfig(configFile);
  } catch (error) {
    process.stderr.write(`labelbot models retrain: ${(error as Error).message}\n`);
    return 1;
  }
  let failed = 0;
  for (const entry of config.repositories) {
    const notice = (message: string) => process.stderr.write(`labelbot models retrain: ${entry.repo}: ${message}\n`);
    try {
      const result = await retrainRepository(entry, {
        env: process.env,
        storeUrl,
        workDir,
        waiter: realWaiter,
        now: () => new Date(),
        notice,
      });
      process.stdout.write(`${JSON.stringify({ repo: entry.repo, ok: true, ...result })}\n`);
    } catch (error) {
      failed += 1;
      notice((error as Error).message);
      process.stdout.write(`${JSON.stringify({ repo: entry.repo, ok: false, error: (error as Error).message })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset } from '@labelbot/model';
import { buildDataset } from '../dataset/build-dataset.js';
import { createGitHubClient } from '../dataset/create-github-client.js';
import type { Waiter } from '../dataset/with-rate-limit.js';
import { openStore } from '../publish/open-store.js';
import { parseRepoTarget } from '../publish/parse-publish-target.js';
import { type PublishResult, publishBundle } from '../publish/publish-bundle.js';
import { trainRepoModel } from '../repo-model/train-repo-model.js';
import { writeRepoModel } from '../repo-model/write-repo-model.js';
import type { RetrainConfig } from './read-retrain-config.js';

export interface RetrainContext {
  env: Record<string, string | undefined>;
  storeUrl: string;
  /** Scratch directory (an emptyDir in the CronJob); a rerun resumes an interrupted download here. */
  workDir: string;
  waiter: Waiter;
  now: () => Date;
  notice: (message: string) => void;
  fetch?: typeof fetch;
}

/** build → train → publish for one repository of the config; a regression refusal throws (LATEST stays). */
export async function retrainRepository(
  entry: RetrainConfig['repositories'][number],
  context: RetrainContext,
): Promise<PublishResult & { issues: number; trainingSeconds: number }> {
  const slug = entry.repo.replace('/', '__');
  const dataset = join(context.workDir, `${slug}.jsonl`);
  const { octokit, baseUrl } = await createGitHubClient({
    repo: entry.repo,
    env: context.env,
    ...(context.fetch ? { fetch: context.fetch } : {}),
  });
  const since = entry.since ? new Date(entry.since).toISOString().replace('.000Z', 'Z') : null;
  await buildDataset({
    octokit,
    baseUrl,
    repo: entry.repo,
    out: dataset,
    since,
    api: 'auto',
    waiter: context.waiter,
    notice: context.notice,
  });
  const issues = await readDataset(dataset);
  const sha256 = createHash('sha256')
    .update(await readFile(dataset))
    .digest('hex');
  const result = await trainRepoModel(issues, {
    name: entry.repo,
    seed: 1,
    selection: {
      ...(entry.minCount ? { minCount: entry.minCount } : {}),
      ...(entry.exclude ? { exclude: entry.exclude } : {}),
      ...(entry.labels ? { labels: entry.labels } : {}),
    },
    labelMap: entry.map ?? {},
    ...(entry.precisionTarget ? { thresholds: { precisionTarget: entry.precisionTarget } } : {}),
    sources: [{ file: `github:${entry.repo}`, rows: issues.length, sha256 }],
    createdAt: context
      .now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'),
  });
  const modelDir = join(context.workDir, `${slug}-model`);
  await writeRepoModel(modelDir, result);
  const backend = openStore(context.storeUrl, context.env);
  const published = await publishBundle({
    backend,
    target: parseRepoTarget(entry.repo),
    dir: modelDir,
    notice: context.notice,
  });
  return { ...published, issues: issues.length, trainingSeconds: result.bundle.trainingSeconds };
}

/**
 * Child process of bench/worker.ts (run with --expose-gc): loads REPOS repository models of
 * ~10 MB through a model store and reports the RSS with all of them cached; then serves the same
 * repositories round-robin through a store that holds only CHURN_CACHED of them (every lookup a load
 * and an eviction) and reports the highest RSS seen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createModelStore, createStoreBackend } from '@labelbot/store';
import { createLogger } from '@labelbot/telemetry';
import { benchBundle, publishBench } from './worker-bundle.js';

const repos = Number(process.env.BENCH_REPOS ?? 50);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const dir = await mkdtemp(join(tmpdir(), 'labelbot-bench-rss-'));
const backend = createStoreBackend(pathToFileURL(dir).href);
for (let i = 0; i < repos; i++)
  await publishBench(backend, 'bench-org', `repo-${i}`, benchBundle(`bench-org/repo-${i}`, 'v1', 'bug'));
gc();
const baseline = process.memoryUsage().rss;
const store = createModelStore({ backend, logger: createLogger({ level: 'silent' }), maxBytes: 1024 ** 3 });
for (let i = 0; i < repos; i++) {
  const { model } = await store.modelFor('bench-org', `repo-${i}`);
  await model.predict([{ title: 'warm up', body: 'one prediction per model' }]);
}
gc();
await new Promise((resolve) => setTimeout(resolve, 200));
const stats = store.stats();
const rss = process.memoryUsage().rss;
await store.close();
await new Promise((resolve) => setTimeout(resolve, 1_500));
gc();

const churnCached = Number(process.env.CHURN_CACHED ?? 10);
const churnRounds = 4;
const churn = createModelStore({
  backend,
  logger: createLogger({ level: 'silent' }),
  maxBytes: (churnCached * stats.bytes) / stats.models,
});
const churnStarted = performance.now();
let churnPeakRss = 0;
for (let round = 0; round < churnRounds; round++) {
  for (let i = 0; i < repos; i++) {
    const { model } = await churn.modelFor('bench-org', `repo-${i}`);
    await model.predict([{ title: 'churn', body: 'a model evicted for every lookup' }]);
    churnPeakRss = Math.max(churnPeakRss, process.memoryUsage().rss);
  }
}
const churnSeconds = (performance.now() - churnStarted) / 1000;
await churn.close();
process.send?.({
  repos,
  cachedModels: stats.models,
  cachedOnnxBytes: stats.bytes,
  rssBytes: rss,
  baselineRssBytes: baseline,
  churnCachedModels: churnCached,
  churnLookups: churnRounds * repos,
  churnSeconds,
  churnPeakRssBytes: churnPeakRss,
});
await rm(dir, { recursive: true, force: true });
process.exit(0);

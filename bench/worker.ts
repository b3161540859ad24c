/**
 * `npm run bench:worker` — the worker through the real Pub/Sub emulator, printing JSON:
 * - throughput: BENCH_MESSAGES events published first, then one worker process drains them
 *   (repository model of ~10 MB, GitHub stand-in in a child process, decisions logged at info);
 * - end-to-end latency: events published open-loop at BENCH_RATE/s, measured from each event's
 *   receivedAt to the moment its labels were written (the stand-in answered the POST);
 * - cold load of a ~10 MB bundle (fresh store each time) from file:// and from the gs:// stand-in;
 * - RSS of a process with 50 repository models of ~10 MB cached (child process, after gc).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createIssueLabeler, type IssueLabeler } from '@labelbot/github';
import {
  createPubSubPublisher,
  createPubSubSubscriber,
  ISSUE_EVENT_SCHEMA,
  type IssueEvent,
  setupPubSub,
} from '@labelbot/queue';
import { createModelStore, createStoreBackend, type StoreBackend } from '@labelbot/store';
import { createLogger, createRegistry } from '@labelbot/telemetry';
import { createWorker } from '@labelbot/worker';
import { pino } from 'pino';
import { standInGitHubClient } from '../test/support/stand-in-github-client.js';
import { startStorageStandIn } from '../test/support/storage-stand-in.js';
import { benchBundle, publishBench } from './worker-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const EMULATOR =
  process.env.PUBSUB_EMULATOR_BIN ?? '/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 6000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROJECT = 'labelbot-bench';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function startEmulator(): Promise<{ host: string; child: ChildProcess }> {
  if (!existsSync(EMULATOR)) throw new Error(`Pub/Sub emulator not found at ${EMULATOR} (set PUBSUB_EMULATOR_BIN)`);
  const port = await freePort();
  const child = spawn(EMULATOR, ['--host=127.0.0.1', `--port=${port}`], { stdio: 'ignore', detached: true });
  const host = `127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://${host}/v1/projects/probe/topics`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return { host, child };
    await sleep(200);
  }
  throw new Error('Pub/Sub emulator did not start');
}

function event(number: number, receivedAt: number): IssueEvent {
  return {
    schema: ISSUE_EVENT_SCHEMA,
    deliveryId: `bench-${number}`,
    event: 'issues',
    action: 'opened',
    installationId: 1,
    repository: { owner: 'bench-org', name: 'bench', id: 1, private: false },
    issue: {
      number,
      title: 'App crashes with a TypeError when saving settings',
      body: 'Steps to reproduce: open settings, click save. The app crashes with TypeError (stack trace attached).',
      labels: [],
      author: 'someone',
      // Opened just before GitHub sent the webhook, as a real `opened` event.
      createdAt: new Date(receivedAt).toISOString(),
    },
    sender: 'someone',
    receivedAt: new Date(receivedAt).toISOString(),
  };
}

async function coldLoads(backend: StoreBackend, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const store = createModelStore({ backend, logger: createLogger({ level: 'silent' }) });
    const started = performance.now();
    await store.modelFor('bench-org', 'bench');
    out.push(performance.now() - started);
    await store.close();
  }
  return out.sort((a, b) => a - b);
}

const progress = (what: string) => process.stderr.write(`[bench:worker] ${what}\n`);
progress('starting the Pub/Sub emulator');
const emulator = await startEmulator();
const cleanUp = () => {
  if (emulator.child.pid && emulator.child.exitCode === null) process.kill(-emulator.child.pid, 'SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
const dir = await mkdtemp(join(tmpdir(), 'labelbot-bench-worker-'));
const github = fork(join(here, 'front-stand-in.js'), {
  env: { ...process.env, BENCH_ISSUES: String(MESSAGES + RATE * SECONDS + 10) },
});
try {
  const gh = await new Promise<{ url: string; appId: number; privateKeyPem: string }>((resolve) =>
    github.once('message', (m) => resolve(m as never)),
  );
  const backend = createStoreBackend(pathToFileURL(dir).href);
  const bundle = benchBundle('bench-org/bench', 'v1', 'bug');
  await publishBench(backend, 'bench-org', 'bench', bundle);
  const queue = await setupPubSub({
    projectId: PROJECT,
    topic: 'events',
    subscription: 'worker',
    logger: createLogger({ level: 'silent' }),
    emulatorHost: emulator.host,
  });
  const publisher = createPubSubPublisher({
    projectId: PROJECT,
    topic: 'events',
    logger: createLogger({ level: 'silent' }),
    emulatorHost: emulator.host,
  });
  progress(`publishing ${MESSAGES} events`);
  for (let first = 1; first <= MESSAGES; first += 500) {
    const batch = Array.from({ length: Math.min(500, MESSAGES - first + 1) }, (_, i) => event(first + i, Date.now()));
    await Promise.all(batch.map((e) => publisher.publish(e)));
  }

  const logger = createLogger({ name: 'worker', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  const registry = createRegistry();
  const client = standInGitHubClient(gh, { logger, registry });
  const labeler = createIssueLabeler({ client, dryRun: false, logger, registry });
  const done = new Map<number, number>();
  let labelMs = 0;
  const recording: IssueLabeler = {
    getRepoConfig: (issue) => labeler.getRepoConfig(issue),
    labelIssue: async (request) => {
      const before = performance.now();
      const outcome = await labeler.labelIssue(request);
      labelMs += performance.now() - before;
      if (outcome.applied.length > 0) done.set(request.issue.issueNumber, Date.now());
      return outcome;
    },
  };
  const store = createModelStore({ backend, logger, registry });
  const subscriber = createPubSubSubscriber({
    projectId: PROJECT,
    subscription: queue.subscription,
    deadLetterTopic: queue.deadLetterTopic,
    logger,
    emulatorHost: emulator.host,
  });
  const worker = createWorker({ subscriber, store, labeler: recording, logger, registry });
  progress('draining them with one worker');
  const started = performance.now();
  await worker.start();
  while (done.size < MESSAGES) {
    await sleep(1000);
    progress(`labelled ${done.size}/${MESSAGES}`);
  }
  const throughputSeconds = (performance.now() - started) / 1000;
  const processing = (await registry.getMetricsAsJSON()).find((m) => m.name === 'labelbot_worker_processing_seconds');
  const sumOf = (suffix: string) =>
    (processing?.values ?? [])
      .filter((v) => (v as { metricName?: string }).metricName?.endsWith(suffix))
      .reduce((total, v) => total + v.value, 0);
  const handlerMeanMs = (sumOf('_sum') / Math.max(1, sumOf('_count'))) * 1000;
  const labelMeanMs = labelMs / MESSAGES;

  progress(`open-loop latency: ${RATE}/s for ${SECONDS} s`);
  const latencies: number[] = [];
  const scheduled = new Map<number, number>();
  const latencyStart = Date.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const at = latencyStart + (i * 1000) / RATE;
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    const number = MESSAGES + 1 + i;
    scheduled.set(number, at);
    void publisher.publish(event(number, at));
  }
  const deadline = Date.now() + 30_000;
  while ([...scheduled.keys()].some((n) => !done.has(n)) && Date.now() < deadline) await sleep(20);
  for (const [number, at] of scheduled) {
    const end = done.get(number);
    if (end !== undefined) latencies.push(end - at);
  }
  latencies.sort((a, b) => a - b);
  await worker.stop();
  await publisher.close();

  progress('cold loads and RSS');
  const fileLoads = await coldLoads(backend, 5);
  const storage = await startStorageStandIn({ buckets: ['bench'] });
  const gs = createStoreBackend('gs://bench/models', { apiEndpoint: storage.url });
  await publishBench(gs, 'bench-org', 'bench', bundle);
  const gsLoads = await coldLoads(gs, 5);
  await storage.close();

  const rssChild = fork(join(here, 'worker-rss.js'), { execArgv: ['--expose-gc'] });
  const rss = await new Promise<Record<string, number>>((resolve) =>
    rssChild.once('message', (m) => resolve(m as never)),
  );

  const result = {
    bench: 'worker',
    note: 'shared 2-core machine (other jobs running): numbers are noisy; emulator, GitHub stand-in and worker share the cores; writeIntervalMs 0 (the per-installation write spacing would cap one repository at 1 write/s)',
    modelOnnxBytes: bundle.onnx.length,
    throughput: {
      messages: MESSAGES,
      seconds: round(throughputSeconds),
      messagesPerSecond: round(MESSAGES / throughputSeconds),
      handlerMeanMs: round(handlerMeanMs),
      labelIssueMeanMs: round(labelMeanMs),
      target: '>= 300',
    },
    endToEnd: {
      ratePerSecond: RATE,
      sent: scheduled.size,
      labelled: latencies.length,
      p50Ms: round(quantile(latencies, 0.5)),
      p99Ms: round(quantile(latencies, 0.99)),
      maxMs: round(latencies.at(-1) ?? 0),
      target: 'p99 < 250 ms',
    },
    coldLoad10MB: {
      fileMedianMs: round(quantile(fileLoads, 0.5)),
      fileMaxMs: round(fileLoads.at(-1) ?? 0),
      gsStandInMedianMs: round(quantile(gsLoads, 0.5)),
      gsStandInMaxMs: round(gsLoads.at(-1) ?? 0),
      target: '< 300 ms',
    },
    rss50Models: {
      models: rss.cachedModels,
      cachedOnnxMiB: round((rss.cachedOnnxBytes ?? 0) / 2 ** 20),
      rssMiB: round((rss.rssBytes ?? 0) / 2 ** 20),
      baselineRssMiB: round((rss.baselineRssBytes ?? 0) / 2 ** 20),
      target: '< 1024 MiB',
    },
    rssChurn: {
      cachedModels: rss.churnCachedModels,
      lookups: rss.churnLookups,
      seconds: round(rss.churnSeconds ?? 0),
      peakRssMiB: round((rss.churnPeakRssBytes ?? 0) / 2 ** 20),
      note: 'every lookup loads a model and evicts one (50 repositories round-robin, cache of 10)',
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  github.send({ type: 'close' });
  cleanUp();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);

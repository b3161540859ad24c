/**
 * `npm run bench:front`: the front's generic path on loopback, printed as JSON. The process runs with the
 * front's production V8 flag (`--max-semi-space-size=32`, NODE_OPTIONS in k8s/base/front), passed by package.json.
 * - startup: `labelbot front` (App credentials, Pub/Sub publisher) spawned until /readyz answers 200 (median of 3)
 * - throughput: signed issues.opened deliveries → signature + prediction + label write to the GitHub
 *   stand-in (separate process), closed loop; beside it a bare Fastify route under the same load
 * - latency: 500 deliveries/s paced for 15 s (BENCH_LATENCY_SECONDS) after a 2 s warm-up and before the
 *   saturating phases, p50/p99 from each request's scheduled send time
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeFront, loadFrontConfig, startServer } from '@labelbot/front';
import { createLogger, createRegistry } from '@labelbot/telemetry';
import Fastify from 'fastify';
import { standInAppEnv } from '../test/support/stand-in-app-env.js';
import { standInGitHubClient } from '../test/support/stand-in-github-client.js';
import { measureStartup, onceMessage, repoRoot, round, runLoad, SECRET } from './front-support.js';

const here = dirname(fileURLToPath(import.meta.url));
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 15);
/** Issue numbers per phase; a paced phase also sends a one-second lead-in that is not recorded. */
const PACED_COUNT = 500 * (LATENCY_SECONDS + 1);
const POOL = {
  warm: [1, 3000],
  latency: [3001, PACED_COUNT],
  throughput: [3001 + PACED_COUNT, 15000],
} as const;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const standInProcess = fork(join(here, 'front-stand-in.js'), {
  env: { ...process.env, BENCH_ISSUES: String(POOL.throughput[0] + POOL.throughput[1]) },
});
const standIn = await onceMessage<{ url: string; appId: number; privateKeyPem: string; botLogin: string }>(
  standInProcess,
);

const startups: { wallMs: number; cpuMs: number }[] = [];
for (let i = 0; i < 3; i++) startups.push(await measureStartup(standIn));
startups.sort((a, b) => a.wallMs - b.wallMs);

const logger = createLogger({ name: 'front', level: 'warn' });
const registry = createRegistry();
const config = loadFrontConfig(
  {
    GITHUB_WEBHOOK_SECRET: SECRET,
    ...standInAppEnv(standIn),
    GENERIC_MODEL_DIR: join(repoRoot, 'models/generic'),
  },
  { mode: 'front' },
);
// Write spacing off (standInGitHubClient): this measures the front, not GitHub's pacing guidance.
const github = standInGitHubClient(standIn, { logger, registry });
const composed = await composeFront({ config, logger, registry, github });
const front = await startServer(composed.deps, { port: 0, host: '127.0.0.1', handleSignals: false });
const webhookUrl = `${front.url}/api/github/webhooks`;

// The same front without GitHub (dry run): what signature, parsing, prediction and routing cost alone.
const dryConfig = loadFrontConfig(
  { GITHUB_WEBHOOK_SECRET: SECRET, LABELBOT_DRY_RUN: 'true', GENERIC_MODEL_DIR: join(repoRoot, 'models/generic') },
  { mode: 'front' },
);
const dryComposed = await composeFront({ config: dryConfig, logger, registry: createRegistry(), github: null });
const dryFront = await startServer(dryComposed.deps, { port: 0, host: '127.0.0.1', handleSignals: false });

const bare = Fastify();
bare.post('/bare', async () => ({ ok: true }));
const bareUrl = `${await bare.listen({ port: 0, host: '127.0.0.1' })}/bare`;

/**
 * A load phase, and the CPU this process spent on it per completed request: the fronts under test run here
 * (the GitHub stand-in and the load generator are other processes), so this is the front's own cost, steadier
 * from run to run than a rate that depends on what else the two cores are doing.
 */
async function measured(job: Record<string, unknown>) {
  const before = process.cpuUsage();
  const result = await runLoad(job);
  const used = process.cpuUsage(before);
  // Every answered request, the paced phases' unrecorded lead-in included.
  const answered = Object.values(result.statuses).reduce((sum, n) => sum + n, 0);
  return { ...result, cpuUsPerRequest: (used.user + used.system) / Math.max(1, answered) };
}

const closed = { mode: 'closed', concurrency: CONCURRENCY, seconds: SECONDS, rate: 0 };
const paced = { mode: 'open', concurrency: 64, rate: 500, seconds: LATENCY_SECONDS, kind: 'webhook' };
// Latency first, on warmed fronts: a saturating phase (above all the bare route, 10,000 requests/s in this
// same process) leaves garbage whose collection would land in the paced window and be charged to the front.
await runLoad({ ...closed, url: webhookUrl, kind: 'webhook', seconds: 2, first: POOL.warm[0], count: POOL.warm[1] });
const latency = await measured({ ...paced, url: webhookUrl, first: POOL.latency[0], count: POOL.latency[1] });
const dryUrl = `${dryFront.url}/api/github/webhooks`;
await runLoad({ ...closed, url: dryUrl, kind: 'webhook', seconds: 2, first: 100_001, count: 10_000 });
const dryLatency = await measured({ ...paced, url: dryUrl, first: 40_001, count: POOL.latency[1] });
const throughput = await measured({
  ...closed,
  url: webhookUrl,
  kind: 'webhook',
  first: POOL.throughput[0],
  count: POOL.throughput[1],
});
const dryRun = await measured({ ...closed, url: dryUrl, kind: 'webhook', first: 1, count: 20_000 });
const bareResult = await measured({ ...closed, url: bareUrl, kind: 'bare', first: 1, count: 20_000 });

standInProcess.send({ type: 'stats' });
const stats = await onceMessage<{
  writes: number;
  requests: number;
  byRoute: Record<string, number>;
  failed: string[];
}>(standInProcess);
const applied =
  (await registry.getSingleMetric('labelbot_front_labels_applied_total')?.get())?.values.reduce(
    (t, v) => t + v.value,
    0,
  ) ?? 0;

await front.close();
await dryFront.close();
await dryComposed.close();
await bare.close();
standInProcess.send({ type: 'close' });

const startupMs = startups[1]?.wallMs ?? 0;
const result = {
  benchmark: 'front',
  machine: {
    cpus: (await import('node:os')).cpus().length,
    node: process.version,
    note: 'loopback; three processes (front, GitHub stand-in, load generator) share the machine',
  },
  startup_to_ready_ms: {
    median: round(startupMs, 0),
    runs: startups.map(({ wallMs }) => round(wallMs, 0)),
    cpu_ms_of_runs: startups.map(({ cpuMs }) => cpuMs),
    note: 'wall time from spawn to the first 200 on /readyz; cpu = user+system of the process until ready',
  },
  generic_path: {
    deliveries_per_s: round(throughput.perSecond, 0),
    concurrency: CONCURRENCY,
    seconds: round(throughput.seconds),
    completed: throughput.completed,
    errors: throughput.errors,
    statuses: throughput.statuses,
    p50_ms: round(throughput.p50Ms),
    p99_ms: round(throughput.p99Ms),
    cpu_us_per_delivery: round(throughput.cpuUsPerRequest, 0),
  },
  generic_path_dry_run: {
    note: 'same deliveries, LABELBOT_DRY_RUN (no GitHub calls): the front alone',
    deliveries_per_s: round(dryRun.perSecond, 0),
    errors: dryRun.errors,
    p99_ms: round(dryRun.p99Ms),
    cpu_us_per_delivery: round(dryRun.cpuUsPerRequest, 0),
  },
  bare_fastify: {
    requests_per_s: round(bareResult.perSecond, 0),
    p99_ms: round(bareResult.p99Ms),
    cpu_us_per_request: round(bareResult.cpuUsPerRequest, 0),
  },
  ratio_to_bare: round(throughput.perSecond / bareResult.perSecond, 3),
  ratio_to_bare_dry_run: round(dryRun.perSecond / bareResult.perSecond, 3),
  latency_at_500_per_s: {
    sent: latency.completed,
    errors: latency.errors,
    achieved_per_s: round(latency.perSecond, 0),
    p50_ms: round(latency.p50Ms),
    p99_ms: round(latency.p99Ms),
    max_ms: round(latency.maxMs),
    cpu_us_per_delivery: round(latency.cpuUsPerRequest, 0),
  },
  latency_at_500_per_s_dry_run: {
    sent: dryLatency.completed,
    errors: dryLatency.errors,
    achieved_per_s: round(dryLatency.perSecond, 0),
    p50_ms: round(dryLatency.p50Ms),
    p99_ms: round(dryLatency.p99Ms),
    max_ms: round(dryLatency.maxMs),
    cpu_us_per_delivery: round(dryLatency.cpuUsPerRequest, 0),
  },
  github_stand_in: {
    label_writes: stats.writes,
    requests: stats.requests,
    requests_by_route: stats.byRoute,
    failed: stats.failed,
    labels_applied_metric: applied,
  },
  targets: {
    deliveries_per_s: { target: 1500, met: throughput.perSecond >= 1500 },
    p99_ms_at_500_per_s: { target: 25, met: latency.p99Ms < 25 && latency.errors === 0 },
    startup_to_ready_ms: { target: 2000, met: startupMs < 2000 },
  },
};
console.log(JSON.stringify(result, null, 2));
await composed.close();
process.exit(0);

/** Process helpers of bench/front.ts: free ports, child messages, start-up timing, load runs. */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { standInAppEnv } from '../test/support/stand-in-app-env.js';

export const SECRET = 'bench-secret';
const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');

export interface LoadResult {
  completed: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export function onceMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((done, fail) => {
    child.once('message', (message) => done(message as T));
    child.once('exit', (code) => fail(new Error(`child exited with ${code} before answering`)));
  });
}

export async function measureStartup(github: {
  url: string;
  appId: number;
  privateKeyPem: string;
}): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  // With this process's V8 flags (package.json passes the front's production NODE_OPTIONS, k8s/base/front).
  const child = spawn(process.execPath, [...process.execArgv, join(repoRoot, 'apps/cli/bin/labelbot.js'), 'front'], {
    cwd: repoRoot,
    // Production-like: App credentials (GET /app at start-up, against the stand-in) and a Pub/Sub publisher.
    env: {
      ...process.env,
      GITHUB_WEBHOOK_SECRET: SECRET,
      ...standInAppEnv(github),
      PUBSUB_PROJECT: 'bench',
      PUBSUB_EMULATOR_HOST: '127.0.0.1:9',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`labelbot front exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) {
        const wallMs = performance.now() - started;
        await new Promise((done) => setTimeout(done, 50));
        const line = output.split('\n').find((text) => text.includes('"front ready"'));
        const cpuMs = line ? Number((JSON.parse(line) as { startupCpuMs?: number }).startupCpuMs) : Number.NaN;
        return { wallMs, cpuMs };
      }
      await new Promise((done) => setTimeout(done, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

export function runLoad(job: Record<string, unknown>): Promise<LoadResult> {
  const child = fork(join(here, 'front-load.js'), {
    env: { ...process.env, BENCH_JOB: JSON.stringify({ secret: SECRET, ...job }) },
  });
  return onceMessage<LoadResult>(child);
}

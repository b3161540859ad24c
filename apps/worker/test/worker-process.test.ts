import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createStoreBackend } from '@labelbot/store';
import { describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { event, freshQueue, modelPredicting, publishModel, until } from './worker-harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/labelbot.js');
const built = existsSync(join(root, 'apps/worker/dist/main.js')) && existsSync(join(root, 'apps/cli/dist/main.js'));
if (!built) console.warn('[skip] labelbot worker process test: run `npm run build` first (it spawns the built CLI)');

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe.skipIf(!pubsub.host || !built)('labelbot worker (the built CLI as a process)', () => {
  it('becomes ready, handles a message in dry run, and on SIGTERM drains, closes and exits 0', async () => {
    const projectId = uniqueProjectId('worker-process');
    const dir = await mkdtemp(join(tmpdir(), 'labelbot-worker-process-'));
    await publishModel(createStoreBackend(pathToFileURL(dir).href), 'v1', modelPredicting('area/ui', 'v1'));
    // Names the repository, so the worker's label counter carries it instead of `other`.
    await writeFile(join(dir, 'forwarded_repo.yaml'), 'orgs: {}\nrepos:\n  octo-org/widgets: 1\n');
    const queue = await freshQueue(projectId);
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'worker'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBSUB_PROJECT: projectId,
        PUBSUB_TOPIC: queue.topic,
        PUBSUB_SUBSCRIPTION: queue.subscription,
        PUBSUB_EMULATOR_HOST: pubsub.host,
        MODEL_STORE_URL: pathToFileURL(dir).href,
        LABELBOT_DRY_RUN: 'true',
        WORKER_SHUTDOWN_GRACE_MS: '3000',
        FORWARDING_CONFIG: join(dir, 'forwarded_repo.yaml'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await until(() => lines.some((line) => line.message === 'labelbot worker ready'), 30_000, `ready (${stderr})`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const e = event(9);
      await queue.publisher.publish(e);
      const handled = await until(() => lines.find((line) => line.message === 'issue event handled; acked'), 20_000);
      expect(handled).toMatchObject({ deliveryId: e.deliveryId, labels: ['area/ui'], dryRun: true, severity: 'INFO' });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('labelbot_worker_messages_total{outcome="labelled"} 1');
      expect(metrics).toContain(
        'labelbot_worker_labels_applied_total{path="forwarded",repo="octo-org/widgets",label="area/ui",dry_run="true"} 1',
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines.map((line) => line.message)).toEqual(expect.arrayContaining(['shutting down', 'worker stopped']));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await queue.publisher.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPubSubClient } from '@labelbot/queue';
import { createStoreBackend } from '@labelbot/store';
import { describe, expect, it } from 'vitest';
import { freePort, isBuilt, spawnLabelbot } from '../../../test/support/labelbot-process.js';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { event, freshQueue, modelPredicting, publishModel, until } from './worker-harness.js';

const built = isBuilt('worker');
if (!built) console.warn('[skip] labelbot worker process test: run `npm run build` first (it spawns the built CLI)');

describe.skipIf(!pubsub.host || !built)('labelbot worker (the built CLI as a process)', () => {
  it('becomes ready, handles a message in dry run, and on SIGTERM drains, closes and exits 0', async () => {
    const projectId = uniqueProjectId('worker-process');
    const dir = await mkdtemp(join(tmpdir(), 'labelbot-worker-process-'));
    await publishModel(createStoreBackend(pathToFileURL(dir).href), 'v1', modelPredicting('area/ui', 'v1'));
    // Names the repository, so the worker's label counter carries it instead of `other`.
    await writeFile(join(dir, 'forwarded_repo.yaml'), 'orgs: {}\nrepos:\n  octo-org/widgets: 1\n');
    const queue = await freshQueue(projectId);
    const port = await freePort();
    const { child, lines, stderr, exited } = spawnLabelbot(['worker'], {
      ...workerEnv(port, projectId, queue),
      MODEL_STORE_URL: pathToFileURL(dir).href,
      FORWARDING_CONFIG: join(dir, 'forwarded_repo.yaml'),
    });
    try {
      await until(() => lines.some((line) => line.message === 'labelbot worker ready'), 30_000, `ready (${stderr()})`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const e = event(9);
      await queue.publisher.publish(e);
      const handled = await until(() => lines.find((line) => line.message === 'issue event handled; acked'), 20_000);
      expect(handled).toMatchObject({ deliveryId: e.deliveryId, labels: ['area/ui'], dryRun: true, severity: 'INFO' });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('labelbot_worker_messages_total{outcome="labelled"} 1');
      expect(metrics).toContain(
        'labelbot_worker_labels_applied_total{path="forwarded",repo="octo-org/widgets",label="area/ui",dry_run="true",model="octo-org/widgets@v1"} 1',
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

  it('exits 1 with the reason, its health server closed, when the start fails (no subscription)', async () => {
    const port = await freePort();
    const { child, lines, exited } = spawnLabelbot(['worker'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBSUB_PROJECT: uniqueProjectId('worker-no-subscription'),
      PUBSUB_EMULATOR_HOST: pubsub.host as string,
      LABELBOT_DRY_RUN: 'true',
    });
    try {
      expect(await exited).toBe(1);
      const [line] = lines.filter((l) => String(l.message).startsWith('worker could not start'));
      expect(line?.message).toMatch(/subscription labelbot-worker does not exist .*labelbot pubsub setup/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 1 once its subscription is deleted under it, so Kubernetes restarts the pod', async () => {
    const projectId = uniqueProjectId('worker-process-lost');
    const queue = await freshQueue(projectId);
    const port = await freePort();
    const { child, lines, stderr, exited } = spawnLabelbot(['worker'], workerEnv(port, projectId, queue));
    const admin = createPubSubClient({ projectId, emulatorHost: pubsub.host as string });
    try {
      await until(() => lines.some((line) => line.message === 'labelbot worker ready'), 30_000, `ready (${stderr()})`);
      await admin.subscription(queue.subscription).delete();
      expect(await exited).toBe(1);
      expect(lines.map((line) => line.message)).toEqual(
        expect.arrayContaining([
          'subscriber stopped pulling for good',
          'worker cannot pull messages any more; shutting down with exit code 1',
          'worker stopped',
        ]),
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await admin.close();
      await queue.publisher.close();
    }
  }, 60_000);
});

/** `labelbot worker` in dry run on loopback, pulling `queue` on the emulator, with a short shutdown grace. */
function workerEnv(port: number, projectId: string, queue: { topic: string; subscription: string }) {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBSUB_PROJECT: projectId,
    PUBSUB_TOPIC: queue.topic,
    PUBSUB_SUBSCRIPTION: queue.subscription,
    PUBSUB_EMULATOR_HOST: pubsub.host as string,
    LABELBOT_DRY_RUN: 'true',
    WORKER_SHUTDOWN_GRACE_MS: '3000',
  };
}

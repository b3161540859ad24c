import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadModelFromBytes } from '@labelbot/model';
import { createStoreBackend, type StoreBackend } from '@labelbot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import {
  buildWorker,
  counter,
  event,
  freshQueue,
  modelPredicting,
  OWNER,
  publishModel,
  REPO,
  sleep,
  until,
  useWorkerFixture,
} from './worker-harness.js';

describe.skipIf(!pubsub.host)('worker and repository models', () => {
  const projectId = uniqueProjectId('worker-models');
  const fixture = useWorkerFixture('labelbot-worker-models-', 100);
  let storage: StorageStandIn;

  beforeAll(async () => {
    storage = await startStorageStandIn({ buckets: ['labelbot-models'] });
  });
  afterAll(async () => {
    await storage?.close();
  });

  const labelsOf = (issue: number) =>
    fixture.github.writes.flatMap((w) => (w.kind === 'labels-added' && w.issueNumber === issue ? [w.labels] : []));

  // v1 predicting `label` is live before the worker starts; it looks for new versions every 200 ms.
  const startOnV1 = async (
    backend: StoreBackend,
    label: string,
    extra: Partial<Parameters<typeof buildWorker>[0]> = {},
  ) => {
    await publishModel(backend, 'v1', modelPredicting(label, 'v1'));
    const queue = await freshQueue(projectId);
    const built = buildWorker({
      projectId,
      ...queue,
      backend,
      github: fixture.github,
      refreshIntervalMs: 200,
      ...extra,
    });
    await built.worker.start();
    return { queue, ...built };
  };

  it('swaps a new model version in while messages flow, each issue labelled once by one version', async () => {
    const backend = createStoreBackend(pathToFileURL(fixture.dir).href);
    const { queue, worker, log, registry } = await startOnV1(backend, 'area/ui');
    const issues = Array.from({ length: 30 }, (_, i) => 10 + i);
    for (const [i, number] of issues.entries()) {
      if (i === 10) await publishModel(backend, 'v2', modelPredicting('area/api', 'v2'));
      await queue.publisher.publish(event(number));
      await sleep(60);
    }
    await until(() => issues.every((n) => labelsOf(n).length === 1), 20_000, 'all issues labelled');
    const labels = issues.map((n) => labelsOf(n)[0]?.[0]);
    expect(labels[0]).toBe('area/ui');
    expect(labels.at(-1)).toBe('area/api');
    // one switch-over: never back to v1 once v2 served
    expect(labels.join(',')).toMatch(/^(area\/ui,)+(area\/api,?)+$/);
    expect(log.find('model swapped')).toHaveLength(1);
    await until(() => log.find('issue event handled').length === 30, 5_000, 'decision logs');
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'labelled' })).toBe(30);
    await worker.stop();
    await queue.publisher.close();
  }, 40_000);

  it("labels the front's generic retries with the generic model, never the repository's own", async () => {
    const backend = createStoreBackend(pathToFileURL(join(fixture.dir, 'generic-retries')).href);
    const generic = await loadModelFromBytes(modelPredicting('area/db', 'g1', { task: 'multiclass' }));
    const { queue, worker, registry, log } = await startOnV1(backend, 'area/ui', { generic });
    // Issue 72 got one of the generic model's classes after the event was sent: no second class.
    fixture.github.state.issue(`${OWNER}/${REPO}`, 72).labels.push('area/api');
    await queue.publisher.publish(event(70, { model: 'generic' }));
    await queue.publisher.publish(event(71));
    await queue.publisher.publish(event(72, { model: 'generic' }));
    await until(() => labelsOf(70).length === 1 && labelsOf(71).length === 1, 20_000, 'both issues labelled');
    expect(labelsOf(70)[0]).toEqual(['area/db']);
    expect(labelsOf(71)[0]).toEqual(['area/ui']);
    await until(() => log.find('issue event handled').length === 3, 10_000, 'issue 72 handled');
    expect(labelsOf(72)).toEqual([]);
    expect(fixture.github.state.issue(`${OWNER}/${REPO}`, 72).labels).toEqual(['area/api']);
    expect(await counter(registry, 'labelbot_worker_labels_applied_total', { path: 'generic', label: 'area/db' })).toBe(
      1,
    );
    expect(
      await counter(registry, 'labelbot_worker_labels_applied_total', { path: 'forwarded', label: 'area/ui' }),
    ).toBe(1);
    await worker.stop();
    await queue.publisher.close();
    await generic.release();
  }, 40_000);

  it('gs://: a tampered version is refused while v1 serves, and cached v1 serves while the store is down', async () => {
    const backend = createStoreBackend('gs://labelbot-models/prod', { apiEndpoint: storage.url, maxRetries: 0 });
    const { queue, worker, log, registry } = await startOnV1(backend, 'area/db');
    await queue.publisher.publish(event(60));
    await until(() => labelsOf(60).length === 1, 20_000, 'first label');

    const tampered = modelPredicting('area/ui', 'v2');
    tampered.onnx.writeUInt8(tampered.onnx.readUInt8(100) ^ 0x01, 100);
    await publishModel(backend, 'v2', tampered);
    await until(() => log.find('model refused').length === 1, 10_000, 'refusal');
    await queue.publisher.publish(event(61));
    await until(() => labelsOf(61).length === 1, 20_000, 'label with v1 after refusal');
    expect(labelsOf(61)[0]).toEqual(['area/db']);
    expect(JSON.stringify(log.find('model refused')[0])).toMatch(/sha256/);

    await storage.setState('refusing');
    await sleep(500);
    await queue.publisher.publish(event(62));
    await until(() => labelsOf(62).length === 1, 20_000, 'label while the store is down');
    expect(labelsOf(62)[0]).toEqual(['area/db']);
    expect(log.find('serving the cached model').length).toBeGreaterThan(0);
    await storage.setState('up');
    expect(storage.rejected).toEqual([]);
    expect(await counter(registry, 'labelbot_model_loads_total', { result: 'refused' })).toBe(1);
    await until(() => log.find('issue event handled').length === 3, 5_000, 'decision logs');
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'labelled' })).toBe(3);
    await worker.stop();
    await queue.publisher.close();
  }, 60_000);
});

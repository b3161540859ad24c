import { pathToFileURL } from 'node:url';
import type { IssueLabeler } from '@labelbot/github';
import { createPubSubClient } from '@labelbot/queue';
import { createStoreBackend, type StoreBackend, StoreUnavailableError } from '@labelbot/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { buildHealthApp } from '../src/index.js';
import {
  buildWorker,
  counter,
  event,
  freshQueue,
  modelPredicting,
  publishModel,
  until,
  useWorkerFixture,
} from './worker-harness.js';

describe.skipIf(!pubsub.host)('worker failures outside a handler', () => {
  const projectId = uniqueProjectId('worker-failures');
  const fixture = useWorkerFixture('labelbot-worker-failures-', 10);
  let backend: StoreBackend;

  beforeAll(async () => {
    backend = createStoreBackend(pathToFileURL(fixture.dir).href);
    await publishModel(backend, 'v1', modelPredicting('area/ui', 'v1'));
  });

  it('fails /healthz and /readyz, with a log line, once its subscription is deleted under it', async () => {
    const queue = await freshQueue(projectId);
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    const app = buildHealthApp({ registry, ready: worker.ready, alive: worker.alive });
    await worker.start();
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    const admin = createPubSubClient({ projectId, emulatorHost: pubsub.host });
    await admin.subscription(queue.subscription).delete();
    await until(() => log.find('subscriber stopped pulling for good').length === 1, 20_000, 'stream failure noticed');
    expect(log.find('worker not pulling messages any more')).toHaveLength(1);
    expect(worker.alive()).toBe(false);
    expect((await app.inject('/healthz')).statusCode).toBe(503);
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    await admin.close();
    await worker.stop();
    await app.close();
    await queue.publisher.close();
  }, 40_000);

  it('neither logs nor counts a message as dead-lettered when the dead-letter publish fails; it is nacked', async () => {
    const queue = await freshQueue(projectId);
    const { worker, log, registry } = buildWorker({
      projectId,
      ...queue,
      deadLetterTopic: queue.deadLetterTopic,
      backend,
      github: fixture.github,
      maxDeliveryAttempts: 1,
      wrapLabeler: (labeler): IssueLabeler => ({
        ...labeler,
        getRepoConfig: async () => {
          throw new StoreUnavailableError('store down');
        },
      }),
    });
    await worker.start();
    // The policy fits (start checks it); then the dead-letter topic goes away, so publishing there fails.
    const admin = createPubSubClient({ projectId, emulatorHost: pubsub.host });
    await admin.topic(queue.deadLetterTopic).delete();
    await admin.close();
    await queue.publisher.publish(event(2));
    await until(() => log.find('dead-letter publish failed; message nacked').length >= 1, 20_000, 'publish failure');
    expect(log.find('message dead-lettered')).toHaveLength(0);
    expect(await counter(registry, 'labelbot_worker_dead_lettered_total')).toBe(0);
    await worker.stop();
    await queue.publisher.close();
  }, 40_000);

  it('retries a store outage (transient): nacked, then labelled on the next attempt, never dead-lettered', async () => {
    const queue = await freshQueue(projectId);
    let outages = 1;
    const { worker, log, registry } = buildWorker({
      projectId,
      ...queue,
      backend,
      github: fixture.github,
      maxDeliveryAttempts: 5,
      wrapLabeler: (labeler): IssueLabeler => ({
        ...labeler,
        getRepoConfig: async (ref) => {
          if (outages-- > 0) throw new StoreUnavailableError('store down for a moment');
          return labeler.getRepoConfig(ref);
        },
      }),
    });
    await worker.start();
    await queue.publisher.publish(event(3));
    const handled = await until(() => log.find('issue event handled; acked')[0], 20_000, 'labelled after a retry');
    expect(handled).toMatchObject({ attempt: 2, issue: 3 });
    expect(fixture.github.writes.filter((w) => w.kind === 'labels-added' && w.issueNumber === 3)).toHaveLength(1);
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'retried' })).toBe(1);
    expect(await counter(registry, 'labelbot_worker_dead_lettered_total')).toBe(0);
    await worker.stop();
    await queue.publisher.close();
  }, 40_000);
});

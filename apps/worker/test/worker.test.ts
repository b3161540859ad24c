import { pathToFileURL } from 'node:url';
import { loadModelFromBytes } from '@labelbot/model';
import { createPubSubClient, createPubSubSubscriber } from '@labelbot/queue';
import { parseForwardingConfig } from '@labelbot/rollout';
import { createStoreBackend, type StoreBackend } from '@labelbot/store';
import { createLogger } from '@labelbot/telemetry';
import { beforeAll, describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import {
  buildWorker,
  counter,
  event,
  freshQueue,
  modelPredicting,
  publishModel,
  sleep,
  until,
  useWorkerFixture,
  watchDeadLetters,
} from './worker-harness.js';

const LABEL_ROUTE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels';

describe.skipIf(!pubsub.host)('worker against the Pub/Sub emulator and the GitHub stand-in', () => {
  const projectId = uniqueProjectId('worker');
  const fixture = useWorkerFixture('labelbot-worker-', 50);
  let backend: StoreBackend;

  beforeAll(async () => {
    backend = createStoreBackend(pathToFileURL(fixture.dir).href);
    await publishModel(backend, 'v1', modelPredicting('area/ui', 'v1'));
  });

  const labelWrites = (issue: number) =>
    fixture.github.writes.filter((write) => write.kind === 'labels-added' && write.issueNumber === issue);

  it('publish → worker → the repository model labels the issue, and the decision is logged', async () => {
    const queue = await freshQueue(projectId);
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    await worker.start();
    expect(worker.ready()).toBe(true);
    const e = event(1);
    await queue.publisher.publish(e);
    await until(() => labelWrites(1).length === 1, 20_000, 'label write');
    expect(labelWrites(1)[0]).toMatchObject({
      repo: 'octo-org/widgets',
      labels: ['area/ui'],
      deliveryId: e.deliveryId,
    });
    expect(fixture.github.state.issue('octo-org/widgets', 1).labels).toEqual(['area/ui']);
    const line = await until(() => log.find('issue event handled')[0], 5_000, 'decision log');
    expect(line).toMatchObject({
      deliveryId: e.deliveryId,
      repo: 'octo-org/widgets',
      issue: 1,
      modelVersion: 'v1',
      modelSource: 'repo',
      labels: ['area/ui'],
    });
    expect((line.scores as Record<string, number>)['area/ui']).toBeGreaterThan(0.9);
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'labelled' })).toBe(1);
    expect(await counter(registry, 'labelbot_model_cache_misses_total')).toBe(1);
    expect(await counter(registry, 'labelbot_worker_end_to_end_seconds')).toBeGreaterThan(0);
    // Without a forwarding file no repository is named: the label is counted under `other`.
    expect(
      await counter(registry, 'labelbot_worker_labels_applied_total', {
        path: 'forwarded',
        repo: 'other',
        label: 'area/ui',
        dry_run: 'false',
        // …and so is its own model: the versions of unnamed repositories would be unbounded.
        model: 'other',
      }),
    ).toBe(1);
    await worker.stop();
    expect(worker.ready()).toBe(false);
    await queue.publisher.close();
  });

  it('counts the labels it applied by repository (named in forwarded_repo.yaml) and label', async () => {
    const queue = await freshQueue(projectId);
    const forwarding = parseForwardingConfig('orgs: {}\nrepos:\n  Octo-Org/Widgets: 0.5\n');
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github, forwarding });
    await worker.start();
    await queue.publisher.publish(event(5));
    // The decision is logged after the labels are counted.
    await until(() => log.find('issue event handled')[0], 20_000, 'decision log');
    expect(labelWrites(5)).toHaveLength(1);
    const applied = (labels: Record<string, string>) =>
      counter(registry, 'labelbot_worker_labels_applied_total', labels);
    const expected = {
      path: 'forwarded',
      repo: 'octo-org/widgets',
      label: 'area/ui',
      dry_run: 'false',
      model: 'octo-org/widgets@v1',
    };
    expect(await applied(expected)).toBe(1);
    expect(await applied({})).toBe(1);
    expect(await applied({ repo: 'other' })).toBe(0);
    await worker.stop();
    await queue.publisher.close();
  });

  it("reads the issue's history unless the event shows the issue was just opened", async () => {
    const queue = await freshQueue(projectId);
    const { worker, log } = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    await worker.start();
    const historyReads = (issue: number) =>
      fixture.github.requests.filter((r) => r.path.endsWith(`/issues/${issue}/events`)).length;
    const fresh = event(6);
    await queue.publisher.publish({ ...fresh, issue: { ...fresh.issue, createdAt: new Date().toISOString() } });
    await queue.publisher.publish(event(7));
    await until(() => log.find('issue event handled').length === 2, 20_000, 'two decisions');
    expect([labelWrites(6).length, labelWrites(7).length]).toEqual([1, 1]);
    expect([historyReads(6), historyReads(7)]).toEqual([0, 1]);
    await worker.stop();
    await queue.publisher.close();
  });

  it('a transient GitHub failure is nacked, redelivered and applied exactly once', async () => {
    const queue = await freshQueue(projectId);
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    fixture.github.inject({ route: LABEL_ROUTE, fault: 502, times: 1 });
    await worker.start();
    await queue.publisher.publish(event(2));
    await until(() => labelWrites(2).length === 1, 20_000, 'label write');
    await until(() => log.find('issue event handled').length > 0, 5_000, 'decision log');
    await sleep(1_500);
    expect(labelWrites(2)).toHaveLength(1);
    expect(log.find('issue event handled')).toHaveLength(1);
    expect(log.find('transient failure; nacked')).toHaveLength(1);
    expect(log.find('issue event handled')[0]).toMatchObject({ issue: 2, attempt: 2 });
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'retried' })).toBe(1);
    expect(await counter(registry, 'labelbot_github_requests_total')).toBeGreaterThan(0);
    await worker.stop();
    // Acked once labelled: anything not acked is released when the worker stops, and would come back at once.
    const after = createPubSubSubscriber({
      projectId,
      subscription: queue.subscription,
      logger: createLogger({ level: 'silent' }),
      emulatorHost: pubsub.host,
    });
    const again: string[] = [];
    await after.start(async (message) => {
      again.push(message.attributes.issue_num ?? '');
      return 'ack';
    });
    await sleep(2_000);
    await after.stop();
    expect(again).toEqual([]);
    await queue.publisher.close();
  });

  it('a message that keeps failing is dead-lettered on its 5th attempt, logged and counted', async () => {
    const queue = await freshQueue(projectId);
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    const dead = watchDeadLetters(projectId, queue.deadLetterSubscription);
    fixture.github.inject({ route: LABEL_ROUTE, fault: 500, times: 5 });
    await worker.start();
    const e = event(3);
    await queue.publisher.publish(e);
    const letter = await until(() => dead.received[0], 25_000, 'dead letter');
    expect(letter.attributes).toMatchObject({
      delivery_id: e.deliveryId,
      issue_num: '3',
      dead_letter_delivery_attempt: '5',
    });
    expect(JSON.parse(letter.data)).toEqual(e);
    expect(log.find('failed on its last attempt; dead-lettering')[0]).toMatchObject({
      deliveryId: e.deliveryId,
      attempt: 5,
    });
    expect(log.find('message dead-lettered')).toHaveLength(1);
    expect(await counter(registry, 'labelbot_worker_dead_lettered_total')).toBe(1);
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'retried' })).toBe(4);
    expect(labelWrites(3)).toHaveLength(0);
    await worker.stop();
    await dead.close();
    await queue.publisher.close();
  }, 40_000);

  it('dead-letters an invalid message and an uninstalled App at once, each logged and counted', async () => {
    const queue = await freshQueue(projectId);
    const generic = await loadModelFromBytes(modelPredicting('area/db', 'g1'));
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github, generic });
    const dead = watchDeadLetters(projectId, queue.deadLetterSubscription);
    await worker.start();
    const raw = createPubSubClient({ projectId, emulatorHost: pubsub.host });
    await raw.topic(queue.topic).publishMessage({ data: Buffer.from('{"schema":"something else"}') });
    fixture.github.uninstall(77);
    const gone = event(1, {
      installationId: 77,
      repository: { owner: 'other-org', name: 'gone', id: 5, private: false },
    });
    await queue.publisher.publish(gone);
    await until(() => dead.received.length === 2, 20_000, 'both dead-lettered');
    expect(dead.received.find((letter) => letter.data === '{"schema":"something else"}')).toMatchObject({
      attributes: { dead_letter_delivery_attempt: '1' },
    });
    // It can never succeed, but it is kept where it can be replayed (the App reinstalled, a permission accepted).
    expect(dead.received.find((letter) => letter.attributes.delivery_id === gone.deliveryId)).toMatchObject({
      attributes: { dead_letter_delivery_attempt: '1' },
    });
    await sleep(12_000);
    expect(log.find('invalid issue event: it can never be handled; dead-lettering')).toHaveLength(1);
    expect(log.find('can never succeed')).toHaveLength(1);
    expect(dead.received).toHaveLength(2);
    expect(await counter(registry, 'labelbot_worker_dead_lettered_total')).toBe(2);
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'invalid' })).toBe(1);
    expect(await counter(registry, 'labelbot_worker_messages_total', { outcome: 'permanent' })).toBe(1);
    await raw.close();
    await dead.close();
    await worker.stop();
    await queue.publisher.close();
  }, 40_000);
});

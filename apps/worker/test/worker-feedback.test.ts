import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { loadModelFromBytes } from '@labelbot/model';
import { createPubSubClient, LABEL_FEEDBACK_SCHEMA, type LabelFeedbackEvent } from '@labelbot/queue';
import { createStoreBackend, putBundleVersion, type StoreBackend, setLatest } from '@labelbot/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import {
  buildWorker,
  counter,
  freshQueue,
  INSTALLATION,
  modelPredicting,
  OWNER,
  REPO,
  until,
  useWorkerFixture,
  watchDeadLetters,
} from './worker-harness.js';

const FEEDBACK = 'labelbot_worker_label_feedback_total';

function feedback(number: number, overrides: Partial<LabelFeedbackEvent> = {}): LabelFeedbackEvent {
  return {
    schema: LABEL_FEEDBACK_SCHEMA,
    deliveryId: randomUUID(),
    event: 'issues',
    action: 'unlabeled',
    installationId: INSTALLATION,
    repository: { owner: OWNER, name: REPO, id: 99, private: false },
    issue: { number },
    label: 'area/ui',
    kind: 'bot-label-removed',
    sender: 'octocat',
    receivedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe.skipIf(!pubsub.host)('worker: label feedback messages', () => {
  const projectId = uniqueProjectId('worker-feedback');
  const fixture = useWorkerFixture('labelbot-worker-feedback-', 10);
  let backend: StoreBackend;

  beforeAll(async () => {
    backend = createStoreBackend(pathToFileURL(fixture.dir).href);
    // No model of its own for octo-org/widgets: the org's model serves it.
    const org = { owner: OWNER, repo: '_org' };
    await putBundleVersion(backend, org, 'o1', modelPredicting('area/api', 'o1'));
    await setLatest(backend, org, 'o1');
  });

  it("counts with the org model's version when it serves the repository, and dead-letters an invalid feedback message", async () => {
    const queue = await freshQueue(projectId);
    const generic = await loadModelFromBytes(modelPredicting('area/db', 'g1'));
    const { worker, log, registry } = buildWorker({ projectId, ...queue, backend, github: fixture.github, generic });
    const dead = watchDeadLetters(projectId, queue.deadLetterSubscription);
    await worker.start();
    await queue.publisher.publish(feedback(1));
    await queue.publisher.publish(feedback(2, { action: 'labeled', kind: 'label-added-by-person', label: 'Area/API' }));
    await queue.publisher.publish(
      feedback(3, { action: 'labeled', kind: 'label-added-by-person', label: 'good first issue' }),
    );
    const raw = createPubSubClient({ projectId, emulatorHost: pubsub.host });
    await raw.topic(queue.topic).publishMessage({
      data: Buffer.from(JSON.stringify({ ...feedback(4), kind: 'something-else' })),
      attributes: { schema: LABEL_FEEDBACK_SCHEMA },
    });
    await until(() => log.find('label feedback counted').length === 2, 20_000, 'two counted');
    await until(
      () => log.find('invalid label feedback: it can never be counted').length === 1,
      20_000,
      'invalid logged',
    );
    const letter = await until(() => dead.received[0], 20_000, 'invalid feedback dead-lettered');
    expect(JSON.parse(letter.data)).toMatchObject({ kind: 'something-else' });
    await until(() => log.find('not a label the model predicts').length === 1, 20_000, 'not counted');
    // Not named in forwarded_repo.yaml: `other`, yet the org's model keeps its version (few orgs, bounded).
    const labels = { path: 'forwarded', repo: 'other', model: 'octo-org/_org@o1' };
    expect(await counter(registry, FEEDBACK, { ...labels, label: 'area/ui', kind: 'bot-label-removed' })).toBe(1);
    // The person wrote Area/API; for a repository counted as `other` the label is the model's own spelling.
    expect(await counter(registry, FEEDBACK, { ...labels, label: 'area/api', kind: 'label-added-by-person' })).toBe(1);
    expect(await counter(registry, FEEDBACK)).toBe(2);
    const outcomes = async (outcome: string) => counter(registry, 'labelbot_worker_messages_total', { outcome });
    expect([await outcomes('feedback'), await outcomes('not_counted'), await outcomes('invalid')]).toEqual([2, 1, 1]);
    // Feedback never labels: nothing was written to GitHub.
    expect(fixture.github.writes).toEqual([]);
    await raw.close();
    await dead.close();
    await worker.stop();
    await queue.publisher.close();
  }, 40_000);
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPubSubPublisher, createPubSubSubscriber, setupPubSub } from '@labelbot/queue';
import { createModelStore, createStoreBackend, type ModelStore, putBundleVersion, setLatest } from '@labelbot/store';
import { createLogger, MemoryLog } from '@labelbot/telemetry';
import { createWorker, type Worker } from '@labelbot/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FrontHarness,
  INSTALLATION,
  OWNER,
  startFrontHarness,
} from '../../apps/front/test/support/front-harness.js';
import { signedDelivery } from '../../apps/front/test/support/signed-delivery.js';
import { issuesPayload } from '../../apps/front/test/support/webhook-examples.js';
import { makeTestBundle } from '../../packages/store/test/make-test-bundle.js';
import { pubsub, uniqueProjectId } from '../support/pubsub-emulator.js';
import { until } from '../support/until.js';

const APPLIED = 'labelbot_worker_labels_applied_total';
const WORKER_FEEDBACK = 'labelbot_worker_label_feedback_total';
const FRONT_FEEDBACK = 'labelbot_front_label_feedback_total';
const REPO_LABELS = ['area/ui', 'area/api', 'area/db'];
const PERSON = { login: 'octocat', type: 'User' as const };
const REMOVED = 'bot-label-removed';
const ADDED = 'label-added-by-person';

const modelPredicting = (label: string, version: string) =>
  makeTestBundle({ version, scores: Object.fromEntries(REPO_LABELS.map((l) => [l, l === label ? 0.95 : 0.05])) });

describe.skipIf(!pubsub.host)('feedback on a forwarded issue, counted by the worker with its repository model', () => {
  const projectId = uniqueProjectId('forwarded-feedback');
  const dir = mkdtempSync(join(tmpdir(), 'labelbot-forwarded-feedback-'));
  const backend = createStoreBackend(pathToFileURL(join(dir, 'models')).href);
  const publish = async (version: string, label: string) => {
    await putBundleVersion(backend, { owner: OWNER, repo: 'app' }, version, modelPredicting(label, version));
    await setLatest(backend, { owner: OWNER, repo: 'app' }, version);
  };
  let front: FrontHarness;
  let store: ModelStore;
  let worker: Worker;
  const workerLog = new MemoryLog();
  let closePublisher: () => Promise<void>;

  beforeAll(async () => {
    // octo-org/app is forwarded for every issue and named; octo-org/lib stays on the generic path.
    const forwardingFile = join(dir, 'forwarded_repo.yaml');
    writeFileSync(forwardingFile, 'orgs: {}\nrepos:\n  octo-org/app: 1\n');
    await publish('v1', 'area/ui');
    const logger = createLogger({ level: 'silent' });
    const topic = `feedback-${randomUUID().slice(0, 8)}`;
    const queue = await setupPubSub({
      projectId,
      topic,
      subscription: `${topic}-worker`,
      logger,
      emulatorHost: pubsub.host,
      minimumBackoffSeconds: 0,
      maximumBackoffSeconds: 1,
    });
    const publisher = createPubSubPublisher({ projectId, topic, logger, emulatorHost: pubsub.host });
    closePublisher = () => publisher.close();
    const labels = [...REPO_LABELS, 'bug', 'feature', 'question', 'priority/high'];
    front = await startFrontHarness({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [
            { name: 'app', labels, issues: [11, 12, 13, 14].map((number) => ({ number })) },
            { name: 'lib', labels, issues: [21].map((number) => ({ number })) },
          ],
        },
      ],
      env: { FORWARDING_CONFIG: forwardingFile },
      publisher,
    });
    // As `labelbot dev` runs them: one registry (so the status page sees the worker's counters) and one labeler.
    const workerLogger = createLogger({ destination: workerLog, level: 'debug' });
    store = createModelStore({ backend, logger: workerLogger, generic: front.deps.model, registry: front.registry });
    worker = createWorker({
      subscriber: createPubSubSubscriber({
        projectId,
        subscription: queue.subscription,
        deadLetterTopic: queue.deadLetterTopic,
        logger: workerLogger,
        emulatorHost: pubsub.host,
      }),
      store,
      labeler: front.deps.labeler,
      logger: workerLogger,
      registry: front.registry,
      forwarding: front.deps.forwarding,
    });
    await worker.start();
  }, 30_000);

  afterAll(async () => {
    await worker?.stop();
    await closePublisher?.();
    await front?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deliver = async (action: string, repo: string, number: number, label?: string) => {
    const payload = issuesPayload(action, {
      owner: OWNER,
      repo,
      number,
      installationId: INSTALLATION,
      sender: PERSON,
      title: 'Crash on start: segmentation fault',
      body: 'The binary segfaults on start with a core dump.',
    });
    if (label) payload.label = { name: label };
    const response = await front.app.inject(signedDelivery(payload, { event: 'issues' }));
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const handled = (message: string, count: number) =>
    until(() => workerLog.find(message).length >= count, 20_000, `${count} × ${message}`);
  const removeAsPerson = (repo: string, number: number, label: string) =>
    front.standIn.state.unlabelByPerson(`${OWNER}/${repo}`, number, label, PERSON.login);

  it("counts a person's removal of the repository model's label with that model's version", async () => {
    expect(await deliver('opened', 'app', 11)).toMatchObject({ outcome: 'accepted', path: 'forwarded' });
    await handled('issue event handled', 1);
    const model = 'octo-org/app@v1';
    expect(await front.metric(APPLIED, { repo: 'octo-org/app', label: 'area/ui', model })).toBe(1);

    removeAsPerson('app', 11, 'area/ui');
    const result = await deliver('unlabeled', 'app', 11, 'area/ui');
    expect(result).toMatchObject({ outcome: 'accepted', reason: 'feedback', path: 'forwarded', model: null });
    expect(result.messageId).toEqual(expect.any(String));
    await handled('label feedback counted', 1);
    const labels = { path: 'forwarded', repo: 'octo-org/app', label: 'area/ui', kind: REMOVED, model };
    expect(await front.metric(WORKER_FEEDBACK, labels)).toBe(1);
    // Counted once, by the worker: the front only handed it over.
    expect(await front.metric(FRONT_FEEDBACK)).toBe(0);

    const page = (await front.app.inject({ method: 'GET', url: '/' })).body;
    const byModel = page.split('id="precision-by-model"')[1] ?? '';
    expect(byModel).toContain(
      '<th scope="row">octo-org/app</th><td>forwarded</td><td>octo-org/app@v1</td><td>0.000</td><td>1</td><td>1</td>',
    );
  }, 40_000);

  it("keeps only the labels the repository's model predicts when a person adds one", async () => {
    expect(await deliver('labeled', 'app', 12, 'area/db')).toMatchObject({ outcome: 'accepted', path: 'forwarded' });
    // The generic model never predicts priority/high, nor does the repository's: handed over, not counted.
    expect(await deliver('labeled', 'app', 12, 'priority/high')).toMatchObject({ outcome: 'accepted' });
    const labels = { path: 'forwarded', repo: 'octo-org/app', kind: ADDED, model: 'octo-org/app@v1' };
    // The subscription is unordered: either message may be handled first, so wait for both.
    await until(
      async () => (await front.metric('labelbot_worker_messages_total', { outcome: 'not_counted' })) === 1,
      20_000,
      'priority/high not counted',
    );
    await until(
      async () => (await front.metric(WORKER_FEEDBACK, { ...labels, label: 'area/db' })) === 1,
      20_000,
      'area/db counted',
    );
    expect(await front.metric(WORKER_FEEDBACK, { kind: ADDED })).toBe(1);
  }, 40_000);

  it('counts the generic path at the front with the generic bundle version', async () => {
    expect(await deliver('opened', 'lib', 21)).toMatchObject({ outcome: 'accepted', path: 'generic' });
    const [applied] = front.standIn.writes.flatMap((w) =>
      w.kind === 'labels-added' && w.repo === `${OWNER}/lib` && w.issueNumber === 21 ? w.labels : [],
    );
    expect(applied).toBeDefined();
    removeAsPerson('lib', 21, applied as string);
    const model = `generic@${front.deps.model.manifest.version}`;
    expect(await deliver('unlabeled', 'lib', 21, applied)).toMatchObject({ path: 'generic', model, messageId: null });
    expect(await front.metric(FRONT_FEEDBACK, { path: 'generic', repo: 'other', kind: REMOVED, model })).toBe(1);
  }, 40_000);

  it('attributes a removal to the version served when it arrives, once LATEST moved (the documented limit)', async () => {
    expect(await deliver('opened', 'app', 13)).toMatchObject({ path: 'forwarded' });
    await handled('issue event handled', 2);
    await publish('v2', 'area/api');
    await store.refresh();
    removeAsPerson('app', 13, 'area/ui');
    await deliver('unlabeled', 'app', 13, 'area/ui');
    await handled('label feedback counted', 3);
    const removed = (model: string) =>
      front.metric(WORKER_FEEDBACK, { repo: 'octo-org/app', label: 'area/ui', kind: REMOVED, model });
    // Applied by v1, removed while v2 serves.
    expect(await front.metric(APPLIED, { label: 'area/ui', model: 'octo-org/app@v1' })).toBe(2);
    expect([await removed('octo-org/app@v1'), await removed('octo-org/app@v2')]).toEqual([1, 1]);
  }, 40_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Message, PubSub } from '@google-cloud/pubsub';
import type { IssueLabeler } from '@labelbot/github';
import { createPubSubPublisher, ISSUE_EVENT_SCHEMA } from '@labelbot/queue';
import { createLogger, MemoryLog } from '@labelbot/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate } from '../../../test/support/gate.js';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { until } from '../../../test/support/until.js';
import { INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

describe.skipIf(!pubsub.host)('forwarded path through the Pub/Sub emulator', () => {
  const projectId = uniqueProjectId('front');
  let client: PubSub;
  let dir: string;
  beforeAll(async () => {
    client = new PubSub({ projectId, apiEndpoint: pubsub.host, emulatorMode: true });
    const [topic] = await client.createTopic('labelbot-issue-events');
    await topic.createSubscription('front-test', { enableMessageOrdering: true });
    dir = mkdtempSync(join(tmpdir(), 'front-forward-'));
    writeFileSync(join(dir, 'forwarded_repo.yaml'), `repos:\n  ${OWNER}/app: 1.0\n`);
  });
  const emulatorPublisher = () =>
    createPubSubPublisher({
      projectId,
      topic: 'labelbot-issue-events',
      emulatorHost: pubsub.host,
      logger: createLogger({ destination: new MemoryLog() }),
    });
  afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes labelbot.issue-event/v1 with its attributes and ordering key, and answers after the ack', async () => {
    const publisher = emulatorPublisher();
    const front = await startFrontHarness({
      env: { FORWARDING_CONFIG: join(dir, 'forwarded_repo.yaml'), PUBSUB_PROJECT: projectId },
      publisher,
    });
    try {
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number: 7,
        installationId: INSTALLATION,
        title: 'Add dark mode',
        body: 'Please.',
      });
      const response = await front.app.inject(signedDelivery(payload, { event: 'issues', delivery: 'forward-1' }));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ outcome: 'accepted', path: 'forwarded', fallback: false, applied: [] });
      expect(body.messageId).toEqual(expect.any(String));
      expect(front.standIn.writes).toHaveLength(0);

      const message = await receiveOne(client, 'front-test');
      expect(message.id).toBe(body.messageId);
      expect(message.orderingKey).toBe(`${OWNER}/app#7`);
      expect(message.attributes).toEqual({
        installation_id: String(INSTALLATION),
        repo_owner: OWNER,
        repo_name: 'app',
        issue_num: '7',
        event: 'issues',
        action: 'opened',
        delivery_id: 'forward-1',
        schema: ISSUE_EVENT_SCHEMA,
      });
      expect(JSON.parse(message.data.toString('utf8'))).toMatchObject({
        schema: ISSUE_EVENT_SCHEMA,
        deliveryId: 'forward-1',
        installationId: INSTALLATION,
        repository: { owner: OWNER, name: 'app', private: false },
        issue: { number: 7, title: 'Add dark mode', body: 'Please.', labels: [] },
      });
    } finally {
      await front.close();
    }
  });

  it('hands an issue to the queue for the worker to retry with the generic model when the generic path fails', async () => {
    const publisher = emulatorPublisher();
    // A subscription of its own: it sees only what is published from here on.
    await client.topic('labelbot-issue-events').createSubscription('front-retry-test');
    // No forwarding config: every issue is on the generic path; GitHub answers every call with a 502.
    const front = await startFrontHarness({ publisher });
    try {
      front.standIn.inject({ route: '*', fault: 502, times: 1000 });
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number: 5,
        installationId: INSTALLATION,
        title: 'Crash: TypeError on save',
        body: 'The app crashes when saving.',
      });
      const response = await front.app.inject(signedDelivery(payload, { event: 'issues', delivery: 'retry-1' }));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ outcome: 'accepted', path: 'generic', queuedForRetry: true, applied: [] });
      expect(body.messageId).toEqual(expect.any(String));
      expect(front.standIn.writes).toHaveLength(0);

      const message = await receiveOne(client, 'front-retry-test');
      expect(message.id).toBe(body.messageId);
      expect(JSON.parse(message.data.toString('utf8'))).toMatchObject({
        schema: ISSUE_EVENT_SCHEMA,
        deliveryId: 'retry-1',
        model: 'generic',
        issue: { number: 5, title: 'Crash: TypeError on save', labels: [] },
      });
      expect(await front.metric('labelbot_front_generic_retries_queued_total')).toBe(1);
      expect(front.log.find('handing the issue to the queue for a retry')).toHaveLength(1);
    } finally {
      await front.close();
    }
  });

  it('hands an issue to the queue when the generic path outlasts its budget, and the late attempt writes nothing', async () => {
    const publisher = emulatorPublisher();
    await client.topic('labelbot-issue-events').createSubscription('front-budget-test');
    const { held, release } = gate();
    // GitHub writes that hang until the test lets them go.
    const front = await startFrontHarness({
      publisher,
      genericPathBudgetMs: 200,
      wrapLabeler: labelAfter(held),
    });
    try {
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number: 6,
        installationId: INSTALLATION,
        title: 'Crash: TypeError on save',
        body: 'The app crashes when saving.',
      });
      const response = await front.app.inject(signedDelivery(payload, { event: 'issues', delivery: 'budget-1' }));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ outcome: 'accepted', path: 'generic', queuedForRetry: true });
      const message = await receiveOne(client, 'front-budget-test');
      expect(JSON.parse(message.data.toString('utf8'))).toMatchObject({ deliveryId: 'budget-1', model: 'generic' });
      const handed = front.log.find('handing the issue to the queue for a retry');
      expect(handed).toHaveLength(1);
      expect(JSON.stringify(handed[0])).toContain('the generic path took longer than');

      // The worker labels it now: the late attempt writes nothing (no second label or comment).
      release();
      await until(
        () => front.log.find('the generic path stopped after its budget').length === 1,
        5_000,
        'late outcome',
      );
      expect(front.standIn.writes).toHaveLength(0);
    } finally {
      release();
      await front.close();
    }
  });
});

function receiveOne(client: PubSub, name: string): Promise<Message> {
  const subscription = client.subscription(name);
  return new Promise<Message>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message on ${name} within 15 s`)), 15_000);
    subscription.once('error', reject);
    subscription.once('message', (message: Message) => {
      clearTimeout(timer);
      message.ack();
      void subscription.close();
      resolve(message);
    });
  });
}

/** GitHub writes that wait for `held`: a labelling slower than the generic path's budget. */
function labelAfter(held: Promise<void>) {
  return (labeler: IssueLabeler): IssueLabeler => ({
    ...labeler,
    getRepoConfig: (ref) => labeler.getRepoConfig(ref),
    labelIssue: async (request) => {
      await held;
      return labeler.labelIssue(request);
    },
  });
}

/** A publisher whose Pub/Sub is down (a port nothing listens on), giving up after `timeoutMs`. */
async function unreachablePublisher(timeoutMs: number) {
  return createPubSubPublisher({
    projectId: 'pubsub-down',
    topic: 'labelbot-issue-events',
    emulatorHost: `127.0.0.1:${await deadPort()}`,
    publishTimeoutMs: timeoutMs,
    logger: createLogger({ destination: new MemoryLog() }),
  });
}

/** A loopback port nothing listens on: Pub/Sub "down". */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Pub/Sub unavailable', () => {
  it('falls back to the generic path, labels the issue and counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-down-'));
    writeFileSync(join(dir, 'forwarded_repo.yaml'), `orgs:\n  ${OWNER}: 1\n`);
    const publisher = await unreachablePublisher(1500);
    const front = await startFrontHarness({
      env: { FORWARDING_CONFIG: join(dir, 'forwarded_repo.yaml'), PUBSUB_PROJECT: 'pubsub-down' },
      publisher,
    });
    try {
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number: 8,
        installationId: INSTALLATION,
        title: 'Crash: TypeError on save',
        body: 'The app crashes with a stack trace when saving.',
      });
      const response = await front.app.inject(signedDelivery(payload, { event: 'issues' }));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ outcome: 'accepted', path: 'generic', fallback: true });
      expect(await front.metric('labelbot_front_route_decisions_total', { path: 'forwarded', matched: 'org' })).toBe(1);
      expect(await front.metric('labelbot_front_publish_failures_total')).toBe(1);
      expect(await front.metric('labelbot_front_generic_fallbacks_total')).toBe(1);
      expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(8)?.labels).toEqual(body.applied);
      expect(front.log.find('falls back to the generic path')).toHaveLength(1);
    } finally {
      await front.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels an issue past its budget when the queue cannot take it over: not lost', async () => {
    const publisher = await unreachablePublisher(1000);
    const { held, release } = gate();
    // GitHub is slow (its writes hang until the test lets them go) and Pub/Sub is down.
    const front = await startFrontHarness({
      publisher,
      genericPathBudgetMs: 200,
      wrapLabeler: labelAfter(held),
    });
    try {
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number: 7,
        installationId: INSTALLATION,
        title: 'Crash: TypeError on save',
        body: 'The app crashes with a stack trace when saving.',
      });
      const answered = front.app.inject(signedDelivery(payload, { event: 'issues', delivery: 'budget-down-1' }));
      await until(() => front.log.find('the queue could not take the issue').length === 1, 10_000, 'hand-over failed');
      release();
      const response = await answered;
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ outcome: 'accepted', path: 'generic', messageId: null });
      expect(body.applied).toEqual(['bug']);
      expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(7)?.labels).toEqual(['bug']);
      // One label write: the stopped attempt wrote nothing.
      expect(front.standIn.writes).toHaveLength(1);
      expect(await front.metric('labelbot_front_publish_failures_total')).toBe(1);
    } finally {
      release();
      await front.close();
    }
  });

  it('answers 500 (GitHub redelivers on request) when both GitHub and the queue fail, on either path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-all-down-'));
    writeFileSync(join(dir, 'forwarded_repo.yaml'), `repos:\n  ${OWNER}/app: 1\n`);
    const publisher = await unreachablePublisher(1000);
    const front = await startFrontHarness({
      env: { FORWARDING_CONFIG: join(dir, 'forwarded_repo.yaml'), PUBSUB_PROJECT: 'pubsub-down' },
      publisher,
    });
    try {
      front.standIn.inject({ route: '*', fault: 502, times: 1000 });
      const opened = (repo: string, number: number) =>
        front.app.inject(
          signedDelivery(
            issuesPayload('opened', {
              owner: OWNER,
              repo,
              number,
              installationId: INSTALLATION,
              title: 'Crash on save',
            }),
            { event: 'issues', delivery: `all-down-${repo}-${number}` },
          ),
        );
      // Forwarded (app is at 1): the publish fails, then the generic fallback fails too.
      expect((await opened('app', 2)).statusCode).toBe(500);
      // Generic (lib is not forwarded): the labelling fails, then handing it to the queue fails too.
      expect((await opened('lib', 3)).statusCode).toBe(500);
      expect(front.standIn.writes).toHaveLength(0);
      expect(await front.metric('labelbot_front_publish_failures_total')).toBe(2);
    } finally {
      await front.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

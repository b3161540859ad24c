import { createLogger, MemoryLog } from '@labelbot/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import {
  createPubSubClient,
  createPubSubPublisher,
  createPubSubSubscriber,
  type IssueEvent,
  type ReceivedMessage,
  setupPubSub,
} from '../src/index.js';
import { makeIssueEvent } from './make-issue-event.js';

const projectId = uniqueProjectId('queue');
const log = new MemoryLog();
const logger = createLogger({ level: 'debug', destination: log });

function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = probe();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error('condition not met in time'));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe.skipIf(!pubsub.host)('Pub/Sub publisher, subscriber and setup (emulator)', () => {
  const client = () => createPubSubClient({ projectId, emulatorHost: pubsub.host });
  const admin = pubsub.host ? client() : undefined;

  const setupFast = (subscription: string) =>
    setupPubSub({
      projectId,
      topic: 'events',
      subscription,
      logger,
      emulatorHost: pubsub.host,
      minimumBackoffSeconds: 0,
      maximumBackoffSeconds: 1,
      ackDeadlineSeconds: 10,
    });

  beforeAll(async () => {
    await setupFast('worker');
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('creates topic, subscription (unordered by default) with retry and dead-letter policies, and a keeping subscription, idempotently', async () => {
    const again = await setupPubSub({
      projectId,
      topic: 'events',
      subscription: 'worker',
      logger,
      emulatorHost: pubsub.host,
    });
    expect(again.created).toEqual([]);
    expect(again.existing).toEqual([
      'topic events',
      'topic events-dead-letter',
      'subscription events-dead-letter-keep',
      'subscription worker',
    ]);
    const [metadata] = await admin!.subscription('worker').getMetadata();
    expect(metadata.enableMessageOrdering).toBe(false);
    expect(again.messageOrdering).toBe(false);
    expect(metadata.deadLetterPolicy?.maxDeliveryAttempts).toBe(5);
    expect(metadata.deadLetterPolicy?.deadLetterTopic).toBe(`projects/${projectId}/topics/events-dead-letter`);
    expect(Number(metadata.retryPolicy?.maximumBackoff?.seconds)).toBe(600);
  });

  it('creates an ordered subscription when asked; a re-run cannot switch it and says so', async () => {
    const first = await setupPubSub({
      projectId,
      topic: 'events',
      subscription: 'worker-ordered',
      messageOrdering: true,
      logger,
      emulatorHost: pubsub.host,
    });
    expect(first.created).toEqual(['subscription worker-ordered']);
    expect(first.messageOrdering).toBe(true);
    const [metadata] = await admin!.subscription('worker-ordered').getMetadata();
    expect(metadata.enableMessageOrdering).toBe(true);
    const again = await setupPubSub({
      projectId,
      topic: 'events',
      subscription: 'worker-ordered',
      logger,
      emulatorHost: pubsub.host,
    });
    expect(again.messageOrdering).toBe(true);
    expect(log.find('message ordering of an existing subscription cannot change')[0]).toMatchObject({
      subscription: 'worker-ordered',
      ordered: true,
      asked: false,
    });
  });

  it('publishes JSON with attributes and ordering key; the handler sees attempt 1 and an ack is final', async () => {
    const publisher = createPubSubPublisher({ projectId, topic: 'events', logger, emulatorHost: pubsub.host });
    const subscriber = createPubSubSubscriber({ projectId, subscription: 'worker', logger, emulatorHost: pubsub.host });
    const seen: ReceivedMessage[] = [];
    await subscriber.start(async (message) => {
      seen.push(message);
      return 'ack';
    });
    const event = makeIssueEvent({ number: 7 });
    const id = await publisher.publish(event);
    const received = await waitFor(() => seen.find((message) => message.id === id));
    expect(JSON.parse(received.data.toString('utf8')) as IssueEvent).toEqual(event);
    expect(received.attributes).toMatchObject({
      installation_id: '4242',
      repo_owner: 'octo-org',
      repo_name: 'widgets',
      issue_num: '7',
      delivery_id: event.deliveryId,
      schema: 'labelbot.issue-event/v1',
    });
    expect(received.deliveryAttempt).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen.filter((message) => message.id === id)).toHaveLength(1);
    // The lease would hide a missing ack while this subscriber runs: stopping releases what is not acked,
    // so a second subscriber would get the message again at once.
    await subscriber.stop();
    const second = createPubSubSubscriber({ projectId, subscription: 'worker', logger, emulatorHost: pubsub.host });
    const again: ReceivedMessage[] = [];
    await second.start(async (message) => {
      again.push(message);
      return 'ack';
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await second.stop();
    expect(again.filter((message) => message.id === id)).toHaveLength(0);
    await publisher.close();
  });

  it('redelivers a nacked message with a growing attempt and dead-letters it after 5 attempts', async () => {
    const publisher = createPubSubPublisher({ projectId, topic: 'events', logger, emulatorHost: pubsub.host });
    await setupFast('poison');
    const subscriber = createPubSubSubscriber({
      projectId,
      subscription: 'poison',
      logger,
      emulatorHost: pubsub.host,
      deadLetterTopic: 'events-dead-letter',
    });
    const attempts: number[] = [];
    const id = await publisher.publish(makeIssueEvent({ number: 8 }));
    await subscriber.start(async (message) => {
      if (message.id !== id) return 'ack';
      attempts.push(message.deliveryAttempt);
      return message.deliveryAttempt >= 5 ? 'dead-letter' : 'nack';
    });
    const dead = client();
    const kept: Record<string, string>[] = [];
    const keep = dead.subscription('events-dead-letter-keep');
    keep.on('message', (message) => {
      kept.push({ ...message.attributes });
      message.ack();
    });
    const dl = await waitFor(() => kept.find((attributes) => attributes.dead_letter_message_id === id), 25_000);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(dl).toMatchObject({
      issue_num: '8',
      dead_letter_source_subscription: 'poison',
      dead_letter_delivery_attempt: '5',
    });
    expect(log.find('message dead-lettered').length).toBe(1);
    await keep.close();
    await dead.close();
    await subscriber.stop();
    await publisher.close();
  }, 40_000);

  it('stop() lets an in-flight handler finish and ack, so the message is not delivered again', async () => {
    const publisher = createPubSubPublisher({ projectId, topic: 'events', logger, emulatorHost: pubsub.host });
    await setupFast('drain');
    const first = createPubSubSubscriber({
      projectId,
      subscription: 'drain',
      logger,
      emulatorHost: pubsub.host,
      graceMs: 5_000,
    });
    let started = false;
    let finished = false;
    const id = await publisher.publish(makeIssueEvent({ number: 9 }));
    await first.start(async (message) => {
      if (message.id !== id) return 'ack';
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
      return 'ack';
    });
    await waitFor(() => (started ? true : undefined));
    await first.stop();
    expect(finished).toBe(true);
    const second = createPubSubSubscriber({ projectId, subscription: 'drain', logger, emulatorHost: pubsub.host });
    const again: string[] = [];
    await second.start(async (message) => {
      again.push(message.id);
      return 'ack';
    });
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(again).not.toContain(id);
    await second.stop();
    await publisher.close();
  }, 40_000);

  it('rejects a publish that cannot succeed, then publishes the same ordering key once the topic exists', async () => {
    const publisher = createPubSubPublisher({
      projectId,
      topic: 'late-topic',
      logger,
      emulatorHost: pubsub.host,
      publishTimeoutMs: 3_000,
    });
    const event = makeIssueEvent({ number: 10 });
    await expect(publisher.publish(event)).rejects.toThrow();
    expect(log.find('issue event publish failed').length).toBeGreaterThan(0);
    await admin!.createTopic('late-topic');
    await expect(publisher.publish({ ...event, deliveryId: 'second' })).resolves.toMatch(/\S/);
    await publisher.close();
  }, 20_000);

  it('refuses to start on a missing subscription, saying how to fix it', async () => {
    const subscriber = createPubSubSubscriber({ projectId, subscription: 'nope', logger, emulatorHost: pubsub.host });
    await expect(subscriber.start(async () => 'ack')).rejects.toThrow(/labelbot pubsub setup/);
    await subscriber.stop();
  });

  it('refuses to start on a subscription without a dead-letter policy: Pub/Sub then counts no delivery attempts', async () => {
    // The service reports deliveryAttempt 0 there (the emulator counts anyway): attempt 1 forever, so a failing
    // message would never reach the worker's last attempt, be retried until its retention ran out, and vanish.
    await admin!.topic('events').createSubscription('no-dead-letter-policy');
    const subscriber = createPubSubSubscriber({
      projectId,
      subscription: 'no-dead-letter-policy',
      logger,
      emulatorHost: pubsub.host,
    });
    await expect(subscriber.start(async () => 'ack')).rejects.toThrow(/no dead-letter policy.*labelbot pubsub setup/);
    await subscriber.stop();
  });

  it("refuses to start on a dead-letter policy that does not fit the worker's dead-letter handling", async () => {
    // 'worker' dead-letters to events-dead-letter after 5 attempts (setupFast).
    const start = (options: { deadLetterTopic?: string; maxDeliveryAttempts?: number }) => {
      const subscriber = createPubSubSubscriber({
        projectId,
        subscription: 'worker',
        logger,
        emulatorHost: pubsub.host,
        ...options,
      });
      return subscriber.start(async () => 'ack').finally(() => subscriber.stop());
    };
    await expect(start({ deadLetterTopic: 'other-dead-letter' })).rejects.toThrow(
      `Pub/Sub subscription worker dead-letters to projects/${projectId}/topics/events-dead-letter, but the worker ` +
        `publishes its dead letters to projects/${projectId}/topics/other-dead-letter; run \`labelbot pubsub setup\``,
    );
    await expect(start({ deadLetterTopic: 'events-dead-letter', maxDeliveryAttempts: 10 })).rejects.toThrow(
      "dead-letters after 5 delivery attempts, before the worker's last attempt (10, WORKER_MAX_DELIVERY_ATTEMPTS)",
    );
    await expect(
      start({ deadLetterTopic: `projects/${projectId}/topics/events-dead-letter`, maxDeliveryAttempts: 5 }),
    ).resolves.toBeUndefined();
    await expect(start({ deadLetterTopic: 'events-dead-letter', maxDeliveryAttempts: 3 })).resolves.toBeUndefined();
  });
});

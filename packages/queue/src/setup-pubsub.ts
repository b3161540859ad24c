import type { PubSub } from '@google-cloud/pubsub';
import type { Logger } from '@labelbot/telemetry';
import { createPubSubClient } from './create-pubsub-client.js';
import { deadLetterTopicOf, QUEUE_DEFAULTS } from './queue-defaults.js';

export interface SetupPubSubOptions {
  projectId: string;
  topic?: string;
  subscription?: string;
  /** Defaults to `{topic}-dead-letter`; a subscription `{deadLetterTopic}-keep` keeps what lands there. */
  deadLetterTopic?: string;
  maxDeliveryAttempts?: number;
  ackDeadlineSeconds?: number;
  minimumBackoffSeconds?: number;
  maximumBackoffSeconds?: number;
  /** Ordered delivery on the worker subscription (only at creation); default QUEUE_DEFAULTS.messageOrdering. */
  messageOrdering?: boolean;
  logger: Logger;
  emulatorHost?: string;
  pubsub?: PubSub;
}

export interface SetupPubSubResult {
  topic: string;
  subscription: string;
  deadLetterTopic: string;
  deadLetterSubscription: string;
  /** Resource names created by this run (empty on a second run). */
  created: string[];
  /** Resources that existed; the main subscription's retry and dead-letter policies were re-applied. */
  existing: string[];
  /** Whether the worker subscription delivers each issue's messages in order (as it exists after the run). */
  messageOrdering: boolean;
}

const ALREADY_EXISTS = 6;

async function ensure(kind: string, name: string, create: () => Promise<unknown>, result: SetupPubSubResult) {
  try {
    await create();
    result.created.push(`${kind} ${name}`);
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    result.existing.push(`${kind} ${name}`);
  }
}

/**
 * Creates (idempotently) the topic, the worker subscription (ordered delivery if asked), a retry
 * policy with exponential backoff and a dead-letter policy, the dead-letter topic and a
 * subscription on it so dead letters are kept for inspection.
 */
export async function setupPubSub(options: SetupPubSubOptions): Promise<SetupPubSubResult> {
  const pubsub = options.pubsub ?? createPubSubClient(options);
  const topic = options.topic ?? QUEUE_DEFAULTS.topic;
  const deadLetterTopic = options.deadLetterTopic ?? deadLetterTopicOf(topic);
  const result: SetupPubSubResult = {
    topic,
    subscription: options.subscription ?? QUEUE_DEFAULTS.subscription,
    deadLetterTopic,
    deadLetterSubscription: `${deadLetterTopic}-keep`,
    created: [],
    existing: [],
    messageOrdering: options.messageOrdering ?? QUEUE_DEFAULTS.messageOrdering,
  };
  const policies = {
    ackDeadlineSeconds: options.ackDeadlineSeconds ?? 60,
    retryPolicy: {
      minimumBackoff: { seconds: options.minimumBackoffSeconds ?? 10 },
      maximumBackoff: { seconds: options.maximumBackoffSeconds ?? 600 },
    },
    deadLetterPolicy: {
      deadLetterTopic: `projects/${options.projectId}/topics/${deadLetterTopic}`,
      maxDeliveryAttempts: options.maxDeliveryAttempts ?? QUEUE_DEFAULTS.maxDeliveryAttempts,
    },
  };
  try {
    await ensure('topic', topic, () => pubsub.createTopic(topic), result);
    await ensure('topic', deadLetterTopic, () => pubsub.createTopic(deadLetterTopic), result);
    await ensure(
      'subscription',
      result.deadLetterSubscription,
      () => pubsub.topic(deadLetterTopic).createSubscription(result.deadLetterSubscription, { ackDeadlineSeconds: 60 }),
      result,
    );
    await ensure(
      'subscription',
      result.subscription,
      () =>
        pubsub
          .topic(topic)
          .createSubscription(result.subscription, { ...policies, enableMessageOrdering: result.messageOrdering }),
      result,
    );
    if (result.existing.includes(`subscription ${result.subscription}`)) {
      // Ordering cannot change after creation; the policies can, so a re-run converges them.
      const subscription = pubsub.subscription(result.subscription);
      await subscription.setMetadata(policies);
      const [metadata] = await subscription.getMetadata();
      const ordered = metadata.enableMessageOrdering === true;
      if (ordered !== result.messageOrdering) {
        options.logger.warn(
          { subscription: result.subscription, ordered, asked: result.messageOrdering },
          'message ordering of an existing subscription cannot change: delete and re-create it to switch',
        );
      }
      result.messageOrdering = ordered;
    }
    options.logger.info({ created: result.created, existing: result.existing }, 'pub/sub resources ready');
    return result;
  } finally {
    if (!options.pubsub) await pubsub.close();
  }
}

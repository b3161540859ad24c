import { Duration, type Message, type PubSub, type Subscription } from '@google-cloud/pubsub';
import type { Logger } from '@labelbot/telemetry';
import { createPubSubClient } from './create-pubsub-client.js';
import { deadLetterPolicyProblem } from './dead-letter-policy-problem.js';
import type { IssueEventSubscriber, MessageHandler, ReceivedMessage, SubscriberEvents } from './queue.js';
import { QUEUE_DEFAULTS } from './queue-defaults.js';

export interface PubSubSubscriberOptions {
  projectId: string;
  subscription: string;
  logger: Logger;
  /** Flow control: messages handed to handlers at once. */
  maxMessages?: number;
  /** Flow control: bytes of message data held at once. */
  maxBytes?: number;
  /** How long `stop()` waits for in-flight handlers; what is left is nacked. 0 = drop the leases at once. */
  graceMs?: number;
  emulatorHost?: string;
  /** An existing client to share; the subscriber then leaves closing it to the caller. */
  pubsub?: PubSub;
  /** Where a `dead-letter` disposition publishes the message (default: nack, leaving it to the broker). */
  deadLetterTopic?: string;
  /** The attempt on which the handler dead-letters a message; the subscription's policy must not give up sooner. */
  maxDeliveryAttempts?: number;
}

function toReceived(message: Message): ReceivedMessage {
  return {
    id: message.id,
    // 0 when the subscription has no dead-letter policy (the broker does not count then).
    deliveryAttempt: Math.max(1, message.deliveryAttempt ?? 0),
    attributes: { ...message.attributes },
    data: message.data,
    publishedAt: message.publishTime,
  };
}

/** Streaming pull with flow control; a handler's disposition becomes the ack or nack. */
export function createPubSubSubscriber(options: PubSubSubscriberOptions): IssueEventSubscriber {
  const ownsClient = !options.pubsub;
  const pubsub = options.pubsub ?? createPubSubClient(options);
  const graceMs = options.graceMs ?? QUEUE_DEFAULTS.graceMs;
  const log = options.logger.child({ subscription: options.subscription });
  const inFlight = new Set<Promise<void>>();
  let subscription: Subscription | undefined;
  let events: SubscriberEvents = {};
  let stopping = false;
  let failed = false;
  let lastStreamError: Error | undefined;

  function dispatch(handler: MessageHandler, message: Message): void {
    if (stopping) {
      message.nack();
      return;
    }
    const received = toReceived(message);
    const task = handler(received)
      .then(async (disposition) => {
        if (disposition === 'dead-letter') return deadLetter(message, received);
        if (disposition === 'ack') message.ack();
        else message.nack();
      })
      .catch((error: unknown) => {
        log.error({ messageId: message.id, err: error }, 'handler threw; message nacked');
        message.nack();
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }

  async function deadLetter(message: Message, received: ReceivedMessage): Promise<void> {
    const deadLetterTopic = options.deadLetterTopic;
    if (!deadLetterTopic) {
      message.nack();
      return;
    }
    // Published by us rather than left to the broker's policy: it is logged and counted where it happens.
    try {
      await pubsub.topic(deadLetterTopic).publishMessage({
        data: message.data,
        attributes: {
          ...message.attributes,
          dead_letter_source_subscription: options.subscription,
          dead_letter_delivery_attempt: String(received.deliveryAttempt),
          dead_letter_message_id: message.id,
        },
      });
    } catch (error) {
      // Not dead-lettered: redelivered, and the subscription's own dead-letter policy stays the backstop.
      log.error({ messageId: message.id, deadLetterTopic, err: error }, 'dead-letter publish failed; message nacked');
      message.nack();
      return;
    }
    message.ack();
    log.warn({ messageId: message.id, deadLetterTopic }, 'message dead-lettered');
    events.deadLettered?.(received);
  }

  /** The client closes its subscriber on a stream error it does not retry; only `stop()` may close it quietly. */
  function onClose(): void {
    if (stopping || failed) return;
    failed = true;
    const error = lastStreamError ?? new Error('the subscription stream closed');
    log.error({ err: error }, 'subscriber stopped pulling for good');
    events.failed?.(error);
  }

  return {
    async start(handler: MessageHandler, subscriberEvents: SubscriberEvents = {}): Promise<void> {
      if (subscription) throw new Error('subscriber already started');
      const candidate = pubsub.subscription(options.subscription, {
        flowControl: {
          maxMessages: options.maxMessages ?? QUEUE_DEFAULTS.maxMessages,
          maxBytes: options.maxBytes ?? QUEUE_DEFAULTS.maxBytes,
          allowExcessMessages: false,
        },
        closeOptions: {
          behavior: 'WAIT',
          timeout: Duration.from({ milliseconds: graceMs }),
        },
      });
      const [exists] = await candidate.exists();
      if (!exists) {
        throw new Error(
          `Pub/Sub subscription ${options.subscription} does not exist in project ${options.projectId}; run \`labelbot pubsub setup\``,
        );
      }
      // Without the policy Pub/Sub reports no delivery attempts: no message would ever reach its last one.
      const [metadata] = await candidate.getMetadata();
      const policy = metadata.deadLetterPolicy;
      if (!policy?.deadLetterTopic) {
        throw new Error(
          `Pub/Sub subscription ${options.subscription} has no dead-letter policy, so Pub/Sub counts no delivery attempts ` +
            'and a failing message would be retried until its retention ends; run `labelbot pubsub setup`',
        );
      }
      const problem = deadLetterPolicyProblem(policy, options);
      if (problem) {
        throw new Error(
          `Pub/Sub subscription ${options.subscription} ${problem}; run \`labelbot pubsub setup\` with the worker's ` +
            'PUBSUB_DEAD_LETTER_TOPIC and WORKER_MAX_DELIVERY_ATTEMPTS (it updates the policy), or set those to match',
        );
      }
      subscription = candidate;
      events = subscriberEvents;
      subscription.on('message', (message: Message) => dispatch(handler, message));
      subscription.on('error', (error: Error) => {
        lastStreamError = error;
        log.error({ err: error }, 'subscription stream error');
      });
      subscription.on('close', onClose);
      log.info({ maxMessages: options.maxMessages ?? QUEUE_DEFAULTS.maxMessages }, 'subscriber pulling');
    },

    async stop(): Promise<void> {
      if (stopping) return;
      stopping = true;
      const deadline = Date.now() + graceMs;
      // close() stops the stream at once, then waits (up to the grace) for handlers to ack or nack.
      if (subscription) await subscription.close();
      const remaining = deadline - Date.now();
      if (inFlight.size > 0 && remaining > 0) {
        await Promise.race([Promise.all(inFlight), new Promise((resolve) => setTimeout(resolve, remaining))]);
      }
      if (inFlight.size > 0) log.warn({ abandoned: inFlight.size }, 'handlers still running after the grace period');
      subscription?.removeAllListeners();
      if (ownsClient) await pubsub.close();
      log.info('subscriber stopped');
    },
  };
}

import type { PubSub, Topic } from '@google-cloud/pubsub';
import type { Logger } from '@labelbot/telemetry';
import { createPubSubClient } from './create-pubsub-client.js';
import { attributesOf, orderingKeyOf } from './issue-event.js';
import type { QueuedEvent } from './label-feedback-event.js';
import type { IssueEventPublisher } from './queue.js';

/** The front answers GitHub within 10 s, so a publish gives up (client retries included) before that. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 8_000;

export interface PubSubPublisherOptions {
  projectId: string;
  topic: string;
  logger: Logger;
  /** `host:port` of the emulator (else `PUBSUB_EMULATOR_HOST`, else Google). */
  emulatorHost?: string;
  /** An existing client to share; the publisher then leaves closing it to the caller. */
  pubsub?: PubSub;
  /** Upper bound for one publish including the client's retries. */
  publishTimeoutMs?: number;
}

/**
 * Publishes IssueEvents with message ordering (key `owner/name#number`). `publish` resolves with
 * the message id once the broker acknowledged it and rejects when the client's retries ran out.
 */
export function createPubSubPublisher(options: PubSubPublisherOptions): IssueEventPublisher {
  const ownsClient = !options.pubsub;
  const pubsub = options.pubsub ?? createPubSubClient(options);
  const timeoutMs = options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
  const topic: Topic = pubsub.topic(options.topic, {
    messageOrdering: true,
    // Small batches: a webhook waits for this publish, throughput comes from concurrency.
    batching: { maxMessages: 100, maxMilliseconds: 5 },
    gaxOpts: { timeout: timeoutMs },
  });
  const log = options.logger.child({ topic: options.topic });

  return {
    async publish(event: QueuedEvent): Promise<string> {
      const orderingKey = orderingKeyOf(event);
      const published = topic.publishMessage({
        data: Buffer.from(JSON.stringify(event)),
        attributes: attributesOf(event),
        orderingKey,
      });
      // A failed ordered publish pauses its key; resume it so the next event of the issue can go out.
      published.catch(() => topic.resumePublishing(orderingKey));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`publish to ${options.topic} not acknowledged within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const messageId = await Promise.race([published, timeout]);
        log.debug({ deliveryId: event.deliveryId, messageId, orderingKey }, 'issue event published');
        return messageId;
      } catch (error) {
        log.error({ deliveryId: event.deliveryId, orderingKey, err: error }, 'issue event publish failed');
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    async close(): Promise<void> {
      await topic.flush().catch((error: unknown) => log.warn({ err: error }, 'flush on close failed'));
      if (ownsClient) await pubsub.close();
    },
  };
}

import type { QueuedEvent } from './label-feedback-event.js';

/** Publishes issue events (and label feedback events); resolves only once the queue has acknowledged the message. */
export interface IssueEventPublisher {
  /** Resolves with the message id after the broker acknowledged it; rejects when it could not. */
  publish(event: QueuedEvent): Promise<string>;
  close(): Promise<void>;
}

/**
 * What a handler tells the queue to do with one message: `ack` (done, or can never succeed),
 * `nack` (redeliver with backoff), `dead-letter` (give up: publish it to the dead-letter topic
 * with a reason, then ack; without a dead-letter topic it is nacked for the broker's policy).
 */
export type Disposition = 'ack' | 'nack' | 'dead-letter';

export interface ReceivedMessage {
  id: string;
  /** 1 on first delivery; grows on each redelivery (Pub/Sub's delivery attempt). */
  deliveryAttempt: number;
  attributes: Record<string, string>;
  /** The raw message data; the handler validates it (a poison message must reach the handler to be counted). */
  data: Buffer;
  publishedAt: Date;
}

export type MessageHandler = (message: ReceivedMessage) => Promise<Disposition>;

/** What a subscriber reports besides handing messages to the handler. */
export interface SubscriberEvents {
  /** A `dead-letter` disposition reached the dead-letter topic (not called when that publish failed: the message is nacked). */
  deadLettered?(message: ReceivedMessage): void;
  /**
   * The subscriber stopped pulling for good without `stop()` being called: a stream error the client does
   * not retry (subscription deleted, permission revoked, …). Called at most once; nothing more is delivered.
   */
  failed?(error: Error): void;
}

/** Delivers messages to one handler with bounded concurrency until stopped. */
export interface IssueEventSubscriber {
  start(handler: MessageHandler, events?: SubscriberEvents): Promise<void>;
  /** Stops pulling, waits for in-flight handlers (up to the grace period), then closes. */
  stop(): Promise<void>;
}

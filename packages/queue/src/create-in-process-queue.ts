import { randomUUID } from 'node:crypto';
import type { Logger } from '@labelbot/telemetry';
import { attributesOf, orderingKeyOf } from './issue-event.js';
import type { QueuedEvent } from './label-feedback-event.js';
import type {
  Disposition,
  IssueEventPublisher,
  IssueEventSubscriber,
  MessageHandler,
  ReceivedMessage,
  SubscriberEvents,
} from './queue.js';
import { QUEUE_DEFAULTS } from './queue-defaults.js';

export interface InProcessQueueOptions {
  logger?: Logger;
  /** Handlers running at once. */
  maxMessages?: number;
  /** Attempts before a message lands in `deadLetters`. */
  maxDeliveryAttempts?: number;
  /** Redelivery delay after the n-th nack: `backoffMs * 2^(n-1)`, capped at 5 s. */
  backoffMs?: number;
  graceMs?: number;
}

export interface InProcessQueue {
  publisher: IssueEventPublisher;
  subscriber: IssueEventSubscriber;
  /** Messages nacked `maxDeliveryAttempts` times (what the dead-letter topic holds in Pub/Sub). */
  readonly deadLetters: ReceivedMessage[];
  /** Messages published and not yet acked or dead-lettered. */
  pending(): number;
}

interface Entry {
  message: ReceivedMessage;
  key: string;
}

/**
 * The queue of `labelbot dev`: same interfaces as Pub/Sub, in memory. Events of one issue are
 * handled one at a time and in order; a nack redelivers after a backoff; poison dead-letters.
 */
export function createInProcessQueue(options: InProcessQueueOptions = {}): InProcessQueue {
  const maxMessages = options.maxMessages ?? 10;
  const maxAttempts = options.maxDeliveryAttempts ?? QUEUE_DEFAULTS.maxDeliveryAttempts;
  const backoffMs = options.backoffMs ?? 100;
  const graceMs = options.graceMs ?? QUEUE_DEFAULTS.graceMs;
  const ready: Entry[] = [];
  const busyKeys = new Set<string>();
  const inFlight = new Map<Promise<void>, Entry>();
  const timers = new Map<NodeJS.Timeout, Entry>();
  const deadLetters: ReceivedMessage[] = [];
  let handler: MessageHandler | undefined;
  let events: SubscriberEvents = {};
  let stopped = false;
  let outstanding = 0;

  function pump(): void {
    if (!handler || stopped) return;
    for (let i = 0; i < ready.length && inFlight.size < maxMessages; ) {
      const entry = ready[i] as Entry;
      if (busyKeys.has(entry.key)) {
        i++;
        continue;
      }
      ready.splice(i, 1);
      deliver(handler, entry);
    }
  }

  function deliver(run: MessageHandler, entry: Entry): void {
    busyKeys.add(entry.key);
    const task = run({ ...entry.message })
      .catch((error: unknown) => {
        options.logger?.error({ messageId: entry.message.id, err: error }, 'handler threw; message nacked');
        return 'nack' as const;
      })
      .then((disposition) => settle(entry, disposition))
      .then((retrying) => {
        inFlight.delete(task);
        // A message waiting out its backoff still holds its issue's key, as Pub/Sub ordering does.
        if (!retrying) busyKeys.delete(entry.key);
        pump();
      });
    inFlight.set(task, entry);
  }

  /** Returns whether the message will be redelivered. */
  function settle(entry: Entry, disposition: Disposition): boolean {
    if (disposition === 'ack') {
      outstanding--;
      return false;
    }
    const attempt = entry.message.deliveryAttempt;
    if (disposition === 'dead-letter' || attempt >= maxAttempts) {
      outstanding--;
      deadLetters.push(entry.message);
      options.logger?.error({ messageId: entry.message.id, attempts: attempt }, 'message dead-lettered');
      events.deadLettered?.(entry.message);
      return false;
    }
    const next: Entry = { key: entry.key, message: { ...entry.message, deliveryAttempt: attempt + 1 } };
    if (stopped) {
      ready.unshift(next);
      return false;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        busyKeys.delete(next.key);
        ready.unshift(next);
        pump();
      },
      Math.min(5_000, backoffMs * 2 ** (attempt - 1)),
    );
    timers.set(timer, next);
    return true;
  }

  const publisher: IssueEventPublisher = {
    async publish(event: QueuedEvent): Promise<string> {
      if (stopped) throw new Error('in-process queue is stopped');
      const id = randomUUID();
      const message: ReceivedMessage = {
        id,
        deliveryAttempt: 1,
        attributes: attributesOf(event),
        data: Buffer.from(JSON.stringify(event)),
        publishedAt: new Date(),
      };
      outstanding++;
      ready.push({ key: orderingKeyOf(event), message });
      queueMicrotask(pump);
      return id;
    },
    async close(): Promise<void> {},
  };

  const subscriber: IssueEventSubscriber = {
    async start(run: MessageHandler, subscriberEvents: SubscriberEvents = {}): Promise<void> {
      if (handler) throw new Error('subscriber already started');
      handler = run;
      // In memory, nothing can make it stop pulling: `failed` is never called.
      events = subscriberEvents;
      pump();
    },
    async stop(): Promise<void> {
      stopped = true;
      // Messages waiting out a backoff stay queued (pending), as they would in Pub/Sub.
      for (const [timer, entry] of timers) {
        clearTimeout(timer);
        ready.unshift(entry);
      }
      timers.clear();
      if (inFlight.size > 0) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(inFlight.keys()),
          new Promise((resolve) => {
            grace = setTimeout(resolve, graceMs);
          }),
        ]);
        clearTimeout(grace);
      }
      // Nothing outlives this process: say what is lost (the front has already answered `accepted` for it),
      // handlers still running after the grace period included.
      const dropped = [...ready, ...inFlight.values()];
      if (dropped.length > 0) {
        options.logger?.warn(
          { dropped: dropped.length, messageIds: dropped.map((entry) => entry.message.id) },
          'in-process queue stopped; queued messages dropped',
        );
      }
    },
  };

  return { publisher, subscriber, deadLetters, pending: () => outstanding };
}

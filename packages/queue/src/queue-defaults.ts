/** The one place for the queue's defaults (env parsing in the apps falls back to these). */
export const QUEUE_DEFAULTS = {
  topic: 'labelbot-issue-events',
  subscription: 'labelbot-worker',
  /** Messages handed to handlers at once per worker process. */
  maxMessages: 100,
  /** Bytes of message data held at once per worker process. */
  maxBytes: 10 * 1024 * 1024,
  /** What `stop()` waits for in-flight handlers (Kubernetes gives 30 s before SIGKILL). */
  graceMs: 20_000,
  /** Delivery attempts before a message goes to the dead-letter topic. */
  maxDeliveryAttempts: 5,
} as const;

/** `labelbot-issue-events` → `labelbot-issue-events-dead-letter`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}-dead-letter`;
}

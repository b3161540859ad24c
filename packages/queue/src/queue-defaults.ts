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
  /**
   * Ordered delivery on the worker subscription. Off: every handler reads the current state
   * from GitHub before it writes, so no outcome depends on the order of one issue's events, while
   * ordered delivery holds an issue's later events behind a message waiting out its retry backoff
   * (and costs the emulator about 2.7× per message; see the worker README). Messages always carry the
   * ordering key, so `labelbot pubsub setup --ordered` turns it on without a code change.
   */
  messageOrdering: false,
} as const;

/** `labelbot-issue-events` → `labelbot-issue-events-dead-letter`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}-dead-letter`;
}

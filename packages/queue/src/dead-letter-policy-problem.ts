/** What the worker expects of its subscription's dead-letter policy (the settings it acts on itself). */
export interface ExpectedDeadLetterPolicy {
  projectId: string;
  /** Where the worker publishes dead letters: a topic name in `projectId`, or a full `projects/…/topics/…` name. */
  deadLetterTopic?: string;
  /** The attempt on which the worker dead-letters a message itself. */
  maxDeliveryAttempts?: number;
}

/** Pub/Sub's own default when a policy sets no `maxDeliveryAttempts`. */
const PUBSUB_DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;

/**
 * Why a subscription's dead-letter policy does not fit the worker, or null. Two drifts lose the worker's
 * dead-letter handling: a policy topic other than the one the worker publishes to (its dead letters land where
 * nobody keeps them), and a policy that gives up before the worker's last attempt (Pub/Sub then moves the
 * message itself, without the worker's log line, attributes or count). A policy allowing more attempts is fine.
 */
export function deadLetterPolicyProblem(
  policy: { deadLetterTopic?: string | null; maxDeliveryAttempts?: number | null },
  expected: ExpectedDeadLetterPolicy,
): string | null {
  const topic = policy.deadLetterTopic ?? '';
  if (expected.deadLetterTopic) {
    const wanted = expected.deadLetterTopic.startsWith('projects/')
      ? expected.deadLetterTopic
      : `projects/${expected.projectId}/topics/${expected.deadLetterTopic}`;
    if (topic !== wanted) return `dead-letters to ${topic}, but the worker publishes its dead letters to ${wanted}`;
  }
  const attempts = policy.maxDeliveryAttempts || PUBSUB_DEFAULT_MAX_DELIVERY_ATTEMPTS;
  if (expected.maxDeliveryAttempts !== undefined && attempts < expected.maxDeliveryAttempts) {
    return (
      `dead-letters after ${attempts} delivery attempts, before the worker's last attempt ` +
      `(${expected.maxDeliveryAttempts}, WORKER_MAX_DELIVERY_ATTEMPTS)`
    );
  }
  return null;
}

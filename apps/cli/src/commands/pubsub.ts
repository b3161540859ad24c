import { parseArgs } from 'node:util';
import { QUEUE_DEFAULTS, setupPubSub } from '@labelbot/queue';
import { createLogger } from '@labelbot/telemetry';

const USAGE = `usage: labelbot pubsub setup [--project ID] [--topic NAME] [--subscription NAME]
                             [--dead-letter-topic NAME] [--max-delivery-attempts N] [--ordered]
Creates the topic, the worker subscription (retry backoff, dead-letter policy; ordered delivery
with --ordered, fixed at creation), the dead-letter topic and a subscription that keeps dead
letters. Safe to run again.
Defaults: the variables the worker reads, so that the subscription agrees with it: PUBSUB_PROJECT,
PUBSUB_TOPIC (${QUEUE_DEFAULTS.topic}), PUBSUB_SUBSCRIPTION (${QUEUE_DEFAULTS.subscription}),
PUBSUB_DEAD_LETTER_TOPIC (PUBSUB_TOPIC + "-dead-letter"), WORKER_MAX_DELIVERY_ATTEMPTS (${QUEUE_DEFAULTS.maxDeliveryAttempts});
PUBSUB_EMULATOR_HOST points it at an emulator.
`;

/** `labelbot pubsub setup` — idempotent creation of the Pub/Sub resources; prints what it did as JSON. */
export async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      topic: { type: 'string' },
      subscription: { type: 'string' },
      'dead-letter-topic': { type: 'string' },
      'max-delivery-attempts': { type: 'string' },
      ordered: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'setup') {
    process.stderr.write(USAGE);
    return values.help ? 0 : 2;
  }
  const projectId = values.project ?? process.env.PUBSUB_PROJECT;
  if (!projectId) {
    process.stderr.write('labelbot pubsub setup: set PUBSUB_PROJECT or pass --project (the Google Cloud project id)\n');
    return 2;
  }
  // The worker's own variables are the defaults, so that the subscription dead-letters where and when it does.
  const attemptsFrom = values['max-delivery-attempts'] ? '--max-delivery-attempts' : 'WORKER_MAX_DELIVERY_ATTEMPTS';
  const rawAttempts = values['max-delivery-attempts'] || process.env.WORKER_MAX_DELIVERY_ATTEMPTS;
  const attempts = Number(rawAttempts ?? QUEUE_DEFAULTS.maxDeliveryAttempts);
  if (!Number.isInteger(attempts) || attempts < 5 || attempts > 100) {
    process.stderr.write(
      `labelbot pubsub setup: ${attemptsFrom} must be an integer from 5 to 100 (Pub/Sub's bounds), got '${rawAttempts}'\n`,
    );
    return 2;
  }
  const deadLetterTopic = values['dead-letter-topic'] || process.env.PUBSUB_DEAD_LETTER_TOPIC;
  const result = await setupPubSub({
    projectId,
    topic: values.topic ?? process.env.PUBSUB_TOPIC ?? QUEUE_DEFAULTS.topic,
    subscription: values.subscription ?? process.env.PUBSUB_SUBSCRIPTION ?? QUEUE_DEFAULTS.subscription,
    ...(deadLetterTopic && { deadLetterTopic }),
    maxDeliveryAttempts: attempts,
    ...(values.ordered && { messageOrdering: true }),
    ...(process.env.PUBSUB_EMULATOR_HOST && { emulatorHost: process.env.PUBSUB_EMULATOR_HOST }),
    logger: createLogger({ name: 'cli', level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

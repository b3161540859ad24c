import { createPubSubClient } from '@labelbot/queue';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import { run } from '../src/commands/pubsub.js';

const projectId = uniqueProjectId('cli-pubsub');

/** Runs `labelbot pubsub setup` with `env` added to the environment; returns its exit code and output. */
async function setup(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  for (const [name, value] of Object.entries({ PUBSUB_EMULATOR_HOST: pubsub.host, ...env })) vi.stubEnv(name, value);
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await run(['setup', ...args]), out, err };
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
}

describe.skipIf(!pubsub.host)('labelbot pubsub setup (emulator)', () => {
  const admin = pubsub.host ? createPubSubClient({ projectId, emulatorHost: pubsub.host }) : undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('dead-letters where and when the worker does: PUBSUB_DEAD_LETTER_TOPIC and WORKER_MAX_DELIVERY_ATTEMPTS', async () => {
    // The dev overlay's init container runs setup with the worker's environment (envFrom labelbot-config).
    const { code, out } = await setup([], {
      PUBSUB_PROJECT: projectId,
      PUBSUB_TOPIC: 'events',
      PUBSUB_SUBSCRIPTION: 'worker',
      PUBSUB_DEAD_LETTER_TOPIC: 'events-parked',
      WORKER_MAX_DELIVERY_ATTEMPTS: '7',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      topic: 'events',
      subscription: 'worker',
      deadLetterTopic: 'events-parked',
    });
    const [metadata] = await admin!.subscription('worker').getMetadata();
    expect(metadata.deadLetterPolicy?.deadLetterTopic).toBe(`projects/${projectId}/topics/events-parked`);
    expect(metadata.deadLetterPolicy?.maxDeliveryAttempts).toBe(7);
  });

  it('lets the flags win over the environment, and names where a bad attempt count came from', async () => {
    const env = { PUBSUB_PROJECT: projectId, PUBSUB_DEAD_LETTER_TOPIC: 'ignored', WORKER_MAX_DELIVERY_ATTEMPTS: '3' };
    const flags = await setup(
      [
        '--topic',
        'flags',
        '--subscription',
        'flags-worker',
        '--dead-letter-topic',
        'flags-dl',
        '--max-delivery-attempts',
        '6',
      ],
      env,
    );
    expect(flags.code).toBe(0);
    expect(JSON.parse(flags.out)).toMatchObject({ deadLetterTopic: 'flags-dl' });
    const [metadata] = await admin!.subscription('flags-worker').getMetadata();
    expect(metadata.deadLetterPolicy?.maxDeliveryAttempts).toBe(6);

    const refused = await setup([], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      "WORKER_MAX_DELIVERY_ATTEMPTS must be an integer from 5 to 100 (Pub/Sub's bounds), got '3'",
    );
  });
});

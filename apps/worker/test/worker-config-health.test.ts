import { createRegistry } from '@labelbot/telemetry';
import { describe, expect, it } from 'vitest';
import { startGitHubStandIn } from '../../../test/support/github-stand-in.js';
import { buildHealthApp, createWorkerMetrics, loadWorkerConfig, WorkerConfigError } from '../src/index.js';

describe('worker configuration', () => {
  it('applies the defaults of DESIGN.md and derives the dead-letter topic', () => {
    const config = loadWorkerConfig({ PUBSUB_PROJECT: 'proj', LABELBOT_DRY_RUN: 'true' });
    expect(config.env).toMatchObject({
      PORT: 9090,
      PUBSUB_TOPIC: 'labelbot-issue-events',
      PUBSUB_SUBSCRIPTION: 'labelbot-worker',
      MODEL_STORE_URL: 'file://./models',
      GENERIC_MODEL_DIR: 'models/generic',
      WORKER_MAX_DELIVERY_ATTEMPTS: 5,
    });
    expect(config.deadLetterTopic).toBe('labelbot-issue-events-dead-letter');
    expect(config.github).toBeNull();
  });

  it('lists every problem with how to fix it', () => {
    let error: unknown;
    try {
      loadWorkerConfig({ PORT: 'eighty', MODEL_STORE_URL: 's3://bucket' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkerConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/MODEL_STORE_URL/);
    const missing = (() => {
      try {
        loadWorkerConfig({});
        return '';
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    expect(missing).toMatch(/PUBSUB_PROJECT is not set/);
    expect(missing).toMatch(/GITHUB_APP_ID and GITHUB_PRIVATE_KEY .* LABELBOT_DRY_RUN=true/);
  });

  it('reads the App key from GITHUB_PRIVATE_KEY_PATH and says when it cannot', async () => {
    const github = await startGitHubStandIn();
    const config = loadWorkerConfig(
      { PUBSUB_PROJECT: 'p', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: '/keys/app.pem' },
      (path) => (path === '/keys/app.pem' ? github.privateKeyPem : ''),
    );
    expect(config.github?.appId).toBe(12);
    expect(() =>
      loadWorkerConfig({ PUBSUB_PROJECT: 'p', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: '/nope' }, () => {
        throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      }),
    ).toThrow(/GITHUB_PRIVATE_KEY_PATH \(\/nope\) cannot be read \(ENOENT\)/);
    await github.close();
  });
});

describe('worker health server', () => {
  it('answers /healthz always, /readyz by the worker state, and /metrics with the worker metrics', async () => {
    const registry = createRegistry();
    createWorkerMetrics(registry).messages.inc({ outcome: 'labelled' });
    let ready = false;
    const app = buildHealthApp({ registry, ready: () => ready });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    ready = true;
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toContain('labelbot_worker_messages_total{outcome="labelled"} 1');
    await app.close();
  });
});

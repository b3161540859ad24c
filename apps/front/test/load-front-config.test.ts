import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEV_WEBHOOK_SECRET } from '../src/config/dev-webhook-secret.js';
import { FrontConfigError } from '../src/config/front-config-error.js';
import { loadFrontConfig } from '../src/config/load-front-config.js';

const pem = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FrontConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a FrontConfigError');
};

describe('loadFrontConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadFrontConfig({ GITHUB_WEBHOOK_SECRET: 's3cret', LABELBOT_DRY_RUN: 'true' }, { mode: 'front' });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      webhookSecret: 's3cret',
      developmentSecret: false,
      dryRun: true,
      genericModelDir: 'models/generic',
      forwardingConfigPath: null,
      pubsub: { projectId: null, topic: 'labelbot-issue-events', emulatorHost: null },
      github: { appId: null, privateKey: null, apiUrl: 'https://api.github.com' },
      metricsToken: null,
      predictRateLimitPerMinute: 60,
    });
  });

  it('refuses to start the front without a webhook secret, saying how to fix it', () => {
    const problems = problemsOf(() => loadFrontConfig({ LABELBOT_DRY_RUN: 'true' }, { mode: 'front' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/GITHUB_WEBHOOK_SECRET is not set: set it to the webhook secret/);
  });

  it('uses the development secret and dry run in dev mode when nothing is set', () => {
    const config = loadFrontConfig({}, { mode: 'dev' });
    expect(config.webhookSecret).toBe(DEV_WEBHOOK_SECRET);
    expect(config.developmentSecret).toBe(true);
    expect(config.dryRun).toBe(true);
  });

  it('requires App credentials when not in dry run', () => {
    const problems = problemsOf(() => loadFrontConfig({ GITHUB_WEBHOOK_SECRET: 'x' }, { mode: 'front' }));
    expect(problems.join('\n')).toMatch(/GITHUB_APP_ID and GITHUB_PRIVATE_KEY .* or set LABELBOT_DRY_RUN=true/);
  });

  it('refuses a bad PEM with a fix-it message', () => {
    const env = { GITHUB_WEBHOOK_SECRET: 'x', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY: 'not a key' };
    const problems = problemsOf(() => loadFrontConfig(env, { mode: 'front' }));
    expect(problems.join('\n')).toMatch(/GITHUB_PRIVATE_KEY: .*not a PEM.*GITHUB_PRIVATE_KEY_PATH/);
  });

  it('accepts a PEM with escaped newlines and one read from GITHUB_PRIVATE_KEY_PATH', () => {
    const escaped = loadFrontConfig(
      { GITHUB_WEBHOOK_SECRET: 'x', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY: pem.replaceAll('\n', '\\n') },
      { mode: 'front' },
    );
    expect(escaped.github.privateKey).toContain('\n');
    expect(escaped.dryRun).toBe(false);
    const fromFile = loadFrontConfig(
      { GITHUB_WEBHOOK_SECRET: 'x', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: '/keys/app.pem' },
      { mode: 'front', readFile: (path) => (path === '/keys/app.pem' ? pem : '') },
    );
    expect(fromFile.github.appId).toBe(12);
    const missing = problemsOf(() =>
      loadFrontConfig(
        { GITHUB_WEBHOOK_SECRET: 'x', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: '/nope.pem' },
        {
          mode: 'front',
          readFile: () => {
            throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
          },
        },
      ),
    );
    expect(missing.join('\n')).toMatch(/GITHUB_PRIVATE_KEY_PATH \(\/nope.pem\) cannot be read \(ENOENT\)/);
  });

  it('names every malformed variable', () => {
    const problems = problemsOf(() =>
      loadFrontConfig({ PORT: 'eighty', LABELBOT_DRY_RUN: 'maybe', GITHUB_API_URL: 'ftp://x' }, { mode: 'dev' }),
    );
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/LABELBOT_DRY_RUN/);
    expect(problems.join('\n')).toMatch(/GITHUB_API_URL/);
  });

  it('requires PUBSUB_PROJECT when a forwarding file is configured', () => {
    const env = {
      GITHUB_WEBHOOK_SECRET: 'x',
      LABELBOT_DRY_RUN: '1',
      FORWARDING_CONFIG: '/etc/labelbot/forwarded_repo.yaml',
    };
    expect(problemsOf(() => loadFrontConfig(env, { mode: 'front' })).join('\n')).toMatch(/PUBSUB_PROJECT/);
  });
});

import { readFileSync } from 'node:fs';
import { validatePrivateKey } from '@labelbot/github';
import { Value } from 'typebox/value';
import { DEV_WEBHOOK_SECRET } from './dev-webhook-secret.js';
import type { FrontConfig } from './front-config.js';
import { FrontConfigError } from './front-config-error.js';
import { FRONT_DEFAULTS } from './front-defaults.js';
import { type FrontEnv, FrontEnvSchema } from './front-env-schema.js';

export interface LoadFrontConfigOptions {
  /** `dev` falls back to the development secret and to dry run when no App credentials are set. */
  mode: 'front' | 'dev';
  /** Reads GITHUB_PRIVATE_KEY_PATH; injected by tests. */
  readFile?: (path: string) => string;
}

/** Reads and validates the front's environment; throws a {@link FrontConfigError} listing every fix. */
export function loadFrontConfig(env: NodeJS.ProcessEnv, options: LoadFrontConfigOptions): FrontConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(FrontEnvSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(FrontEnvSchema, Value.Default(FrontEnvSchema, raw));
  if (!Value.Check(FrontEnvSchema, converted)) {
    const problems = [...Value.Errors(FrontEnvSchema, converted)].map(
      (error) =>
        `${error.instancePath.slice(1) || 'environment'}: ${error.message} (got '${raw[error.instancePath.slice(1)] ?? ''}')`,
    );
    throw new FrontConfigError(problems);
  }
  return toConfig(converted, options);
}

function toConfig(env: FrontEnv, options: LoadFrontConfigOptions): FrontConfig {
  const problems: string[] = [];
  const privateKey = readPrivateKey(env, options.readFile ?? ((path) => readFileSync(path, 'utf8')), problems);
  const hasCredentials = env.GITHUB_APP_ID !== undefined && privateKey !== null;
  const dryRun = env.LABELBOT_DRY_RUN ?? (options.mode === 'dev' && !hasCredentials);
  if (!env.GITHUB_WEBHOOK_SECRET && options.mode === 'front') {
    problems.push(
      'GITHUB_WEBHOOK_SECRET is not set: set it to the webhook secret of the GitHub App ' +
        '(App settings → Webhook → Secret); signatures are always checked.',
    );
  }
  if (!dryRun && !hasCredentials) {
    problems.push(
      'GITHUB_APP_ID and GITHUB_PRIVATE_KEY (or GITHUB_PRIVATE_KEY_PATH) are needed to write labels: ' +
        'set both from the App settings page, or set LABELBOT_DRY_RUN=true to decide without writing.',
    );
  }
  if (options.mode === 'front' && env.FORWARDING_CONFIG && !env.PUBSUB_PROJECT) {
    problems.push('FORWARDING_CONFIG is set but PUBSUB_PROJECT is not: set the project of the Pub/Sub topic.');
  }
  if (problems.length > 0) throw new FrontConfigError(problems);
  return {
    port: env.PORT,
    host: env.HOST ?? (options.mode === 'dev' ? FRONT_DEFAULTS.devHost : FRONT_DEFAULTS.host),
    logLevel: env.LOG_LEVEL,
    webhookSecret: env.GITHUB_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
    developmentSecret: !env.GITHUB_WEBHOOK_SECRET,
    github: { appId: env.GITHUB_APP_ID ?? null, appSlug: env.GITHUB_APP_SLUG, privateKey, apiUrl: env.GITHUB_API_URL },
    dryRun,
    forwardingConfigPath: env.FORWARDING_CONFIG ?? null,
    genericModelDir: env.GENERIC_MODEL_DIR,
    pubsub: {
      projectId: env.PUBSUB_PROJECT ?? null,
      topic: env.PUBSUB_TOPIC,
      emulatorHost: env.PUBSUB_EMULATOR_HOST ?? null,
    },
    metricsToken: env.METRICS_TOKEN ?? null,
    prometheusUrl: env.PROMETHEUS_URL ?? null,
    predictRateLimitPerMinute: env.PREDICT_RATE_LIMIT,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  };
}

function readPrivateKey(env: FrontEnv, readFile: (path: string) => string, problems: string[]): string | null {
  let pem: string | undefined = env.GITHUB_PRIVATE_KEY;
  let source = 'GITHUB_PRIVATE_KEY';
  if (!pem && env.GITHUB_PRIVATE_KEY_PATH) {
    source = `GITHUB_PRIVATE_KEY_PATH (${env.GITHUB_PRIVATE_KEY_PATH})`;
    try {
      pem = readFile(env.GITHUB_PRIVATE_KEY_PATH);
    } catch (error) {
      problems.push(`${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path.`);
      return null;
    }
  }
  if (!pem) return null;
  try {
    return validatePrivateKey(pem);
  } catch (error) {
    problems.push(`${source}: ${(error as Error).message}`);
    return null;
  }
}

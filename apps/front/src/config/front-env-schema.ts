import { DEFAULT_GITHUB_API_URL } from '@labelbot/github';
import { QUEUE_DEFAULTS } from '@labelbot/queue';
import { type Static, Type } from 'typebox';
import { FRONT_DEFAULTS } from './front-defaults.js';

const Optional = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

/** The environment the front reads (DESIGN.md names), with defaults; strings are converted before the check. */
export const FrontEnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: FRONT_DEFAULTS.port }),
  HOST: Optional('address to listen on'),
  LOG_LEVEL: Type.Union(
    ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map((level) => Type.Literal(level)),
    { default: FRONT_DEFAULTS.logLevel },
  ),
  GITHUB_APP_ID: Type.Optional(Type.Integer({ minimum: 1 })),
  GITHUB_APP_SLUG: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', default: FRONT_DEFAULTS.appSlug }),
  GITHUB_PRIVATE_KEY: Optional('the App private key (PEM)'),
  GITHUB_PRIVATE_KEY_PATH: Optional('path of the App private key file'),
  GITHUB_WEBHOOK_SECRET: Optional('the App webhook secret'),
  GITHUB_API_URL: Type.String({ pattern: '^https?://', default: DEFAULT_GITHUB_API_URL }),
  LABELBOT_DRY_RUN: Type.Optional(Type.Boolean()),
  FORWARDING_CONFIG: Optional('path of forwarded_repo.yaml'),
  GENERIC_MODEL_DIR: Type.String({ minLength: 1, default: FRONT_DEFAULTS.genericModelDir }),
  PUBSUB_PROJECT: Optional('Google Cloud project of the topic'),
  PUBSUB_TOPIC: Type.String({ minLength: 1, default: QUEUE_DEFAULTS.topic }),
  PUBSUB_EMULATOR_HOST: Optional('host:port of a Pub/Sub emulator'),
  METRICS_TOKEN: Optional('bearer token required on /metrics'),
  PROMETHEUS_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: "Prometheus the status page reads both services' feedback from",
    }),
  ),
  PREDICT_RATE_LIMIT: Type.Integer({ minimum: 1, default: FRONT_DEFAULTS.predictRateLimitPerMinute }),
  TRUSTED_PROXY_HOPS: Type.Integer({ minimum: 0, default: FRONT_DEFAULTS.trustedProxyHops }),
});

export type FrontEnv = Static<typeof FrontEnvSchema>;

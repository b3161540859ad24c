import { DEFAULT_GITHUB_API_URL } from '@labelbot/github';
import { QUEUE_DEFAULTS } from '@labelbot/queue';
import { STORE_DEFAULTS } from '@labelbot/store';
import { type Static, Type } from 'typebox';
import { WORKER_DEFAULTS } from './worker-defaults.js';

const Optional = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

/** The environment `labelbot worker` reads (DESIGN.md names first), with defaults; strings are converted first. */
export const WorkerEnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: WORKER_DEFAULTS.port }),
  HOST: Type.String({ minLength: 1, default: WORKER_DEFAULTS.host }),
  LOG_LEVEL: Type.Union(
    ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map((level) => Type.Literal(level)),
    { default: WORKER_DEFAULTS.logLevel },
  ),
  GITHUB_APP_ID: Type.Optional(Type.Integer({ minimum: 1 })),
  GITHUB_PRIVATE_KEY: Optional('the App private key (PEM)'),
  GITHUB_PRIVATE_KEY_PATH: Optional('path of the App private key file'),
  GITHUB_API_URL: Type.String({ pattern: '^https?://', default: DEFAULT_GITHUB_API_URL }),
  LABELBOT_DRY_RUN: Type.Boolean({ default: false }),
  GENERIC_MODEL_DIR: Type.String({ minLength: 1, default: WORKER_DEFAULTS.genericModelDir }),
  MODEL_STORE_URL: Type.String({ pattern: '^(gs|file)://', default: WORKER_DEFAULTS.modelStoreUrl }),
  MODEL_CACHE_MAX_BYTES: Type.Integer({ minimum: 1, default: STORE_DEFAULTS.maxBytes }),
  MODEL_REFRESH_INTERVAL_MS: Type.Integer({ minimum: 100, default: STORE_DEFAULTS.refreshIntervalMs }),
  PUBSUB_PROJECT: Optional('Google Cloud project of the subscription'),
  PUBSUB_TOPIC: Type.String({ minLength: 1, default: QUEUE_DEFAULTS.topic }),
  PUBSUB_SUBSCRIPTION: Type.String({ minLength: 1, default: QUEUE_DEFAULTS.subscription }),
  PUBSUB_DEAD_LETTER_TOPIC: Optional('dead-letter topic (default: PUBSUB_TOPIC + "-dead-letter")'),
  PUBSUB_EMULATOR_HOST: Optional('host:port of a Pub/Sub emulator'),
  WORKER_MAX_MESSAGES: Type.Integer({ minimum: 1, default: QUEUE_DEFAULTS.maxMessages }),
  WORKER_MAX_BYTES: Type.Integer({ minimum: 1024, default: QUEUE_DEFAULTS.maxBytes }),
  WORKER_MAX_DELIVERY_ATTEMPTS: Type.Integer({ minimum: 1, default: QUEUE_DEFAULTS.maxDeliveryAttempts }),
  WORKER_SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: QUEUE_DEFAULTS.graceMs }),
  FORWARDING_CONFIG: Optional('path of forwarded_repo.yaml: names the repositories metrics are labelled with'),
  STORAGE_EMULATOR_HOST: Optional('URL of a Cloud Storage emulator (read by @google-cloud/storage)'),
});

export type WorkerEnv = Static<typeof WorkerEnvSchema>;

import { readFileSync } from 'node:fs';
import { validatePrivateKey } from '@labelbot/github';
import { deadLetterTopicOf } from '@labelbot/queue';
import { parseStoreUrl } from '@labelbot/store';
import { Value } from 'typebox/value';
import { type WorkerEnv, WorkerEnvSchema } from './worker-env-schema.js';

/** Thrown at start-up with every problem in the environment and how to fix it. */
export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
  constructor(readonly problems: string[]) {
    super(`labelbot worker cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export interface WorkerConfig {
  env: WorkerEnv;
  projectId: string;
  deadLetterTopic: string;
  /** null in dry run without credentials. */
  github: { appId: number; privateKey: string } | null;
}

/** Reads and validates the worker's environment; throws a WorkerConfigError listing every fix. */
export function loadWorkerConfig(
  source: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): WorkerConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(WorkerEnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = Value.Convert(WorkerEnvSchema, Value.Default(WorkerEnvSchema, raw));
  if (!Value.Check(WorkerEnvSchema, env)) {
    throw new WorkerConfigError(
      [...Value.Errors(WorkerEnvSchema, env)].map(
        (error) =>
          `${error.instancePath.slice(1) || 'environment'}: ${error.message} (got '${raw[error.instancePath.slice(1)] ?? ''}')`,
      ),
    );
  }
  const problems: string[] = [];
  if (!env.PUBSUB_PROJECT)
    problems.push('PUBSUB_PROJECT is not set: set the Google Cloud project of the subscription.');
  try {
    parseStoreUrl(env.MODEL_STORE_URL);
  } catch (error) {
    problems.push((error as Error).message);
  }
  let privateKey = env.GITHUB_PRIVATE_KEY ?? null;
  if (!privateKey && env.GITHUB_PRIVATE_KEY_PATH) {
    try {
      privateKey = readFile(env.GITHUB_PRIVATE_KEY_PATH);
    } catch (error) {
      problems.push(
        `GITHUB_PRIVATE_KEY_PATH (${env.GITHUB_PRIVATE_KEY_PATH}) cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path.`,
      );
    }
  }
  if (privateKey) {
    try {
      validatePrivateKey(privateKey);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const hasCredentials = env.GITHUB_APP_ID !== undefined && privateKey !== null;
  if (!env.LABELBOT_DRY_RUN && !hasCredentials) {
    problems.push(
      'GITHUB_APP_ID and GITHUB_PRIVATE_KEY (or GITHUB_PRIVATE_KEY_PATH) are needed to write labels: ' +
        'set both from the App settings page, or set LABELBOT_DRY_RUN=true to decide without writing.',
    );
  }
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return {
    env,
    projectId: env.PUBSUB_PROJECT as string,
    deadLetterTopic: env.PUBSUB_DEAD_LETTER_TOPIC ?? deadLetterTopicOf(env.PUBSUB_TOPIC),
    github: hasCredentials ? { appId: env.GITHUB_APP_ID as number, privateKey: privateKey as string } : null,
  };
}

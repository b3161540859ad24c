import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssueLabeler, type IssueLabeler } from '@labelbot/github';
import type { LoadedModel } from '@labelbot/model';
import {
  createPubSubClient,
  createPubSubPublisher,
  createPubSubSubscriber,
  type IssueEvent,
  type IssueEventPublisher,
  type IssueEventSubscriber,
  setupPubSub,
} from '@labelbot/queue';
import type { ForwardingConfig } from '@labelbot/rollout';
import { type BundleFiles, createModelStore, putBundleVersion, type StoreBackend, setLatest } from '@labelbot/store';
import { createLogger, createRegistry, MemoryLog, type Registry } from '@labelbot/telemetry';
import { afterAll, beforeAll } from 'vitest';
import { makeIssueEvent } from '../../../packages/queue/test/make-issue-event.js';
import { makeTestBundle } from '../../../packages/store/test/make-test-bundle.js';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { startGitHubStandIn } from '../../../test/support/github-stand-in.js';
import { pubsub } from '../../../test/support/pubsub-emulator.js';
import { standInGitHubClient } from '../../../test/support/stand-in-github-client.js';
import { createWorker, type Worker } from '../src/index.js';

export const INSTALLATION = 4242;
export const OWNER = 'octo-org';
export const REPO = 'widgets';
export const LABELS = ['area/ui', 'area/api', 'area/db'];

/** The GitHub stand-in with octo-org/widgets (issues 1..count) and an `other-org` installation to uninstall. */
export function startSeededGitHub(count = 400): Promise<GitHubStandIn> {
  const issues = Array.from({ length: count }, (_, i) => ({ number: i + 1, title: `Issue ${i + 1}` }));
  return startGitHubStandIn({
    installations: [
      { id: INSTALLATION, account: OWNER, repos: [{ name: REPO, labels: LABELS, issues }] },
      { id: 77, account: 'other-org', repos: [{ name: 'gone', labels: LABELS, issues: issues.slice(0, 5) }] },
    ],
  });
}

/** The shared parts of a worker test file: the seeded GitHub stand-in and a temporary directory for a file store. */
export interface WorkerFixture {
  github: GitHubStandIn;
  dir: string;
}

/** Starts a `WorkerFixture` before the enclosing describe's tests and removes it after them. */
export function useWorkerFixture(dirPrefix: string, issueCount: number): WorkerFixture {
  const fixture = {} as WorkerFixture;
  beforeAll(async () => {
    fixture.github = await startSeededGitHub(issueCount);
    fixture.dir = await mkdtemp(join(tmpdir(), dirPrefix));
  });
  afterAll(async () => {
    await fixture.github?.close();
    if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** Version `v` of a repository model that predicts exactly `label`. */
export function modelPredicting(
  label: string,
  version: string,
  extra: { buckets?: number; dim?: number; task?: 'multiclass' | 'multilabel' } = {},
) {
  return makeTestBundle({
    version,
    scores: Object.fromEntries(LABELS.map((name) => [name, name === label ? 0.95 : 0.05])),
    ...extra,
  });
}

export async function publishModel(backend: StoreBackend, version: string, files: BundleFiles, repo = REPO) {
  await putBundleVersion(backend, { owner: OWNER, repo }, version, files);
  await setLatest(backend, { owner: OWNER, repo }, version);
}

/** A fresh topic + subscription as `labelbot pubsub setup` makes them (fast retry backoff, dead-letter topic kept) on the emulator. */
export async function freshQueue(projectId: string, logger = createLogger({ level: 'silent' })) {
  const name = `t-${randomUUID().slice(0, 8)}`;
  const setup = await setupPubSub({
    projectId,
    topic: name,
    subscription: `${name}-worker`,
    logger,
    emulatorHost: pubsub.host,
    minimumBackoffSeconds: 0,
    maximumBackoffSeconds: 1,
    ackDeadlineSeconds: 10,
  });
  const publisher = createPubSubPublisher({ projectId, topic: name, logger, emulatorHost: pubsub.host });
  return { ...setup, publisher };
}

export interface WorkerUnderTest {
  worker: Worker;
  log: MemoryLog;
  registry: Registry;
}

/** A worker wired like main.ts, against the emulator, the stand-in and the given store backend. */
export function buildWorker(options: {
  projectId: string;
  subscription: string;
  deadLetterTopic: string;
  backend: StoreBackend;
  github: GitHubStandIn;
  graceMs?: number;
  refreshIntervalMs?: number;
  wrapLabeler?: (labeler: IssueLabeler) => IssueLabeler;
  generic?: LoadedModel;
  forwarding?: ForwardingConfig;
  maxDeliveryAttempts?: number;
  wrapSubscriber?: (subscriber: IssueEventSubscriber) => IssueEventSubscriber;
}): WorkerUnderTest {
  const log = new MemoryLog();
  const logger = createLogger({ destination: log, level: 'debug' });
  const registry = createRegistry();
  const client = standInGitHubClient(options.github, { logger, registry, retries: 0, retryBaseMs: 10 });
  const labeler = createIssueLabeler({ client, dryRun: false, logger, registry });
  const store = createModelStore({
    backend: options.backend,
    logger,
    registry,
    refreshIntervalMs: options.refreshIntervalMs ?? 60_000,
    ...(options.generic && { generic: options.generic }),
  });
  const subscriber = createPubSubSubscriber({
    projectId: options.projectId,
    subscription: options.subscription,
    deadLetterTopic: options.deadLetterTopic,
    ...(options.maxDeliveryAttempts && { maxDeliveryAttempts: options.maxDeliveryAttempts }),
    logger,
    emulatorHost: pubsub.host,
    graceMs: options.graceMs ?? 5_000,
  });
  const worker = createWorker({
    ...(options.generic && { generic: options.generic }),
    subscriber: options.wrapSubscriber ? options.wrapSubscriber(subscriber) : subscriber,
    store,
    labeler: options.wrapLabeler ? options.wrapLabeler(labeler) : labeler,
    logger,
    registry,
    ...(options.forwarding && { forwarding: { current: () => options.forwarding as ForwardingConfig } }),
    ...(options.maxDeliveryAttempts && { maxDeliveryAttempts: options.maxDeliveryAttempts }),
  });
  return { worker, log, registry };
}

export function event(number: number, overrides: Partial<IssueEvent> = {}): IssueEvent {
  return makeIssueEvent({
    number,
    installationId: INSTALLATION,
    repository: { owner: OWNER, name: REPO, id: 99, private: false },
    ...overrides,
  });
}

export async function publishAll(publisher: IssueEventPublisher, events: IssueEvent[]): Promise<void> {
  await Promise.all(events.map((e) => publisher.publish(e)));
}

/** Collects what lands on the dead-letter topic's keeping subscription. */
export function watchDeadLetters(projectId: string, subscription: string) {
  const client = createPubSubClient({ projectId, emulatorHost: pubsub.host });
  const received: { attributes: Record<string, string>; data: string }[] = [];
  const sub = client.subscription(subscription);
  sub.on('message', (message) => {
    received.push({ attributes: { ...message.attributes }, data: message.data.toString('utf8') });
    message.ack();
  });
  return {
    received,
    async close() {
      await sub.close();
      await client.close();
    },
  };
}

export { until } from '../../../test/support/until.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function counter(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

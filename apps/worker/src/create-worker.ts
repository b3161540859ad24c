import { createKeySerialiser, type IssueLabeler } from '@labelbot/github';
import type { LoadedModel } from '@labelbot/model';
import {
  type IssueEventSubscriber,
  LABEL_FEEDBACK_SCHEMA,
  type MessageHandler,
  QUEUE_DEFAULTS,
  type ReceivedMessage,
  type SubscriberEvents,
} from '@labelbot/queue';
import { emptyForwardingConfig, type ForwardingConfig } from '@labelbot/rollout';
import type { ModelStore } from '@labelbot/store';
import type { Logger, Registry } from '@labelbot/telemetry';
import { createFeedbackHandler } from './create-feedback-handler.js';
import { createMessageHandler } from './create-message-handler.js';
import { createWorkerMetrics } from './create-worker-metrics.js';

export interface WorkerDeps {
  subscriber: IssueEventSubscriber;
  store: ModelStore;
  /** THE label rules (@labelbot/github), shared with the front's generic path. */
  labeler: IssueLabeler;
  logger: Logger;
  registry: Registry;
  clock?: () => number;
  /** The attempt at which a transient failure is dead-lettered (the subscription's policy says the same). */
  maxDeliveryAttempts?: number;
  /** forwarded_repo.yaml in force (FORWARDING_CONFIG): names the repositories metrics are labelled with; default none (`other`). */
  forwarding?: { current(): ForwardingConfig };
  /** The bundled generic model: what the front's generic retries (`model: generic`) are labelled with. */
  generic?: LoadedModel;
  /** Called once if the subscriber stops pulling for good (the worker is then neither ready nor alive). */
  onFailed?: (error: Error) => void;
}

export interface Worker {
  /** Starts the store's background LATEST checks and pulling messages. */
  start(): Promise<void>;
  /** Stops pulling, lets in-flight messages finish within the subscriber's grace period, closes. */
  stop(): Promise<void>;
  /** True between a successful start and stop: what /readyz reports. */
  ready(): boolean;
  /** False once the subscriber stopped pulling for good: what /healthz reports, so the pod is restarted. */
  alive(): boolean;
}

/** The worker: a subscriber feeding the message handler, with the model store behind it. */
export function createWorker(deps: WorkerDeps): Worker {
  const metrics = createWorkerMetrics(deps.registry);
  const handlerDeps = {
    store: deps.store,
    labeler: deps.labeler,
    logger: deps.logger,
    metrics,
    clock: deps.clock ?? Date.now,
    maxDeliveryAttempts: deps.maxDeliveryAttempts ?? QUEUE_DEFAULTS.maxDeliveryAttempts,
    forwarding: deps.forwarding ?? noForwarding(),
    ...(deps.generic && { generic: deps.generic }),
  };
  const issues = createMessageHandler(handlerDeps);
  const feedback = createFeedbackHandler(handlerDeps);
  // Both kinds share the topic (and each issue's ordering key); the `schema` attribute tells them apart.
  const route: MessageHandler = (message) =>
    message.attributes.schema === LABEL_FEEDBACK_SCHEMA ? feedback(message) : issues(message);
  // Without ordered delivery one issue's events (opened, then edited) can arrive together; handled at
  // once, each would read the issue before the other wrote, and both would comment. One at a time per
  // issue in this process; across processes the label rules' read-before-write is what remains.
  const perIssue = createKeySerialiser();
  const handler: MessageHandler = (message) => perIssue.run(issueKeyOf(message), () => route(message));
  let state: 'idle' | 'running' | 'failed' | 'stopped' = 'idle';
  const events: SubscriberEvents = {
    deadLettered: () => metrics.deadLettered.inc(),
    failed: (error) => {
      if (state === 'stopped') return;
      state = 'failed';
      deps.logger.error({ err: error }, 'worker not pulling messages any more: /healthz and /readyz now fail');
      deps.onFailed?.(error);
    },
  };

  return {
    async start(): Promise<void> {
      if (state !== 'idle') throw new Error(`worker cannot start: it is ${state}`);
      deps.store.start();
      await deps.subscriber.start(handler, events);
      // The stream may already have failed while start() was finishing.
      if (state === 'idle') state = 'running';
      deps.logger.info('worker started');
    },
    async stop(): Promise<void> {
      if (state === 'stopped') return;
      state = 'stopped';
      deps.logger.info('worker stopping: no new messages, finishing the ones in flight');
      await deps.subscriber.stop();
      await deps.store.close();
      deps.logger.info('worker stopped');
    },
    ready: () => state === 'running',
    alive: () => state !== 'failed',
  };
}

/** `owner/name#number` from the attributes every message carries; an unreadable message keys only itself. */
function issueKeyOf(message: ReceivedMessage): string {
  const { repo_owner: owner, repo_name: name, issue_num: number } = message.attributes;
  return owner && name && number ? `${owner}/${name}#${number}` : `message:${message.id}`;
}

function noForwarding(): { current(): ForwardingConfig } {
  const empty = emptyForwardingConfig();
  return { current: () => empty };
}

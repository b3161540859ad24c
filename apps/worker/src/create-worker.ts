import type { IssueLabeler } from '@labelbot/github';
import type { LoadedModel } from '@labelbot/model';
import { type IssueEventSubscriber, LABEL_FEEDBACK_SCHEMA, type MessageHandler, QUEUE_DEFAULTS } from '@labelbot/queue';
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
}

export interface Worker {
  /** Starts the store's background LATEST checks and pulling messages. */
  start(): Promise<void>;
  /** Stops pulling, lets in-flight messages finish within the subscriber's grace period, closes. */
  stop(): Promise<void>;
  /** True between a successful start and stop: what /readyz reports. */
  ready(): boolean;
}

/** The worker: a subscriber feeding the message handler, with the model store behind it. */
export function createWorker(deps: WorkerDeps): Worker {
  const handlerDeps = {
    store: deps.store,
    labeler: deps.labeler,
    logger: deps.logger,
    metrics: createWorkerMetrics(deps.registry),
    clock: deps.clock ?? Date.now,
    maxDeliveryAttempts: deps.maxDeliveryAttempts ?? QUEUE_DEFAULTS.maxDeliveryAttempts,
    forwarding: deps.forwarding ?? noForwarding(),
    ...(deps.generic && { generic: deps.generic }),
  };
  const issues = createMessageHandler(handlerDeps);
  const feedback = createFeedbackHandler(handlerDeps);
  // Both kinds share the topic (and each issue's ordering key); the `schema` attribute tells them apart.
  const handler: MessageHandler = (message) =>
    message.attributes.schema === LABEL_FEEDBACK_SCHEMA ? feedback(message) : issues(message);
  let state: 'idle' | 'running' | 'stopped' = 'idle';

  return {
    async start(): Promise<void> {
      if (state !== 'idle') throw new Error(`worker cannot start: it is ${state}`);
      deps.store.start();
      await deps.subscriber.start(handler);
      state = 'running';
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
  };
}

function noForwarding(): { current(): ForwardingConfig } {
  const empty = emptyForwardingConfig();
  return { current: () => empty };
}

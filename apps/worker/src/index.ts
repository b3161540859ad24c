export { buildHealthApp } from './build-health-app.js';
export { createMessageHandler, type MessageHandlerDeps } from './create-message-handler.js';
export { createWorker, type Worker, type WorkerDeps } from './create-worker.js';
export { createWorkerMetrics, type MessageOutcome, type WorkerMetrics } from './create-worker-metrics.js';
export { loadWorkerConfig, type WorkerConfig, WorkerConfigError } from './load-worker-config.js';
export { main } from './main.js';
export { type RunningWorker, startWorker } from './start-worker.js';
export { WORKER_DEFAULTS } from './worker-defaults.js';
export { type WorkerEnv, WorkerEnvSchema } from './worker-env-schema.js';

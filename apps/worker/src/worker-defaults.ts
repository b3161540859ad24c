/** The one place for the worker's own defaults (queue and store defaults live in their packages). */
export const WORKER_DEFAULTS = {
  port: 9090,
  host: '0.0.0.0',
  logLevel: 'info',
  genericModelDir: 'models/generic',
  modelStoreUrl: 'file://./models',
} as const;

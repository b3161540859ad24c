export { Counter, Gauge, Histogram, type Registry } from 'prom-client';
export { type CreateLoggerOptions, createLogger, type Logger } from './create-logger.js';
export { createRegistry } from './create-registry.js';
export { MemoryLog } from './memory-log.js';

import { collectDefaultMetrics, Registry } from 'prom-client';

/** A fresh prom-client registry with the process metrics, one per app instance (tests build many). */
export function createRegistry(prefix = 'labelbot_'): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  return registry;
}

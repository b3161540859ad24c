import { Counter, Gauge, Histogram, type Registry } from '@labelbot/telemetry';

export interface StoreMetrics {
  hits: Counter;
  misses: Counter;
  loads: Counter<'result'>;
  loadSeconds: Histogram;
  bytes: Gauge;
  swaps: Counter;
}

/** The model cache's metrics, registered on the app's registry (a private one when none is given). */
export function createStoreMetrics(registry?: Registry): StoreMetrics {
  const registers = registry ? [registry] : [];
  return {
    hits: new Counter({
      name: 'labelbot_model_cache_hits_total',
      help: 'Model lookups served from the cache',
      registers,
    }),
    misses: new Counter({
      name: 'labelbot_model_cache_misses_total',
      help: 'Model lookups that had to load',
      registers,
    }),
    loads: new Counter({
      name: 'labelbot_model_loads_total',
      help: 'Model loads by result (ok, refused = corrupt or incompatible, unavailable = store unreachable)',
      labelNames: ['result'],
      registers,
    }),
    loadSeconds: new Histogram({
      name: 'labelbot_model_load_seconds',
      help: 'Time to fetch and load one model bundle',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    bytes: new Gauge({ name: 'labelbot_model_cache_bytes', help: 'Bytes of model.onnx held in the cache', registers }),
    swaps: new Counter({
      name: 'labelbot_model_swaps_total',
      help: 'Live model versions replaced after a LATEST change',
      registers,
    }),
  };
}

import type { LoadedModel } from '@labelbot/model';
import { LRUCache } from 'lru-cache';
import type { StoreMetrics } from './create-store-metrics.js';

export interface ModelCache {
  /** The cached model for `key`, or the result of `load` (one load per key at a time). */
  get(key: string, load: () => Promise<LoadedModel>): Promise<LoadedModel>;
  /** The bound: a model bigger than this is never stored (the caller must refuse it). */
  readonly maxBytes: number;
  readonly size: number;
  readonly bytes: number;
  clear(): void;
}

/**
 * An LRU of loaded models bounded by the bytes of their model.onnx. An evicted model is released
 * only after `releaseDelayMs`, because a prediction may still be running on it.
 */
export function createModelCache(options: {
  maxBytes: number;
  releaseDelayMs: number;
  metrics: StoreMetrics;
}): ModelCache {
  const { metrics } = options;
  const pending = new Map<string, Promise<LoadedModel>>();
  const cache = new LRUCache<string, LoadedModel>({
    maxSize: options.maxBytes,
    sizeCalculation: (model) => Math.max(1, model.bytes),
    dispose: (model) => {
      setTimeout(() => void model.release().catch(() => {}), options.releaseDelayMs).unref();
    },
  });
  const track = () => metrics.bytes.set(cache.calculatedSize);

  return {
    async get(key: string, load: () => Promise<LoadedModel>): Promise<LoadedModel> {
      const cached = cache.get(key);
      if (cached) {
        metrics.hits.inc();
        return cached;
      }
      const inFlight = pending.get(key);
      if (inFlight) {
        metrics.hits.inc();
        return inFlight;
      }
      metrics.misses.inc();
      const loading = load()
        .then((model) => {
          cache.set(key, model);
          track();
          return model;
        })
        .finally(() => pending.delete(key));
      pending.set(key, loading);
      return loading;
    },
    maxBytes: options.maxBytes,
    get size() {
      return cache.size;
    },
    get bytes() {
      return cache.calculatedSize;
    },
    clear() {
      cache.clear();
      track();
    },
  };
}

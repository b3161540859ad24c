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

/** A loaded model that counts its running predictions, so an evicted one is released only once none runs. */
interface CountedModel extends LoadedModel {
  /** Calls `callback` now if no prediction runs, else when the last one running settles. */
  whenIdle(callback: () => void): void;
}

function countPredictions(model: LoadedModel): CountedModel {
  let running = 0;
  let idle: (() => void) | undefined;
  return {
    manifest: model.manifest,
    bytes: model.bytes,
    async predict(issues, options) {
      running++;
      try {
        return await model.predict(issues, options);
      } finally {
        running--;
        if (running === 0 && idle) {
          const callback = idle;
          idle = undefined;
          callback();
        }
      }
    },
    release: () => model.release(),
    whenIdle(callback) {
      if (running === 0) callback();
      else idle = callback;
    },
  };
}

/**
 * An LRU of loaded models bounded by the bytes of their model.onnx. An evicted model is released
 * `releaseDelayMs` after eviction (a caller that just got it calls `predict` within that time), or
 * later, once the predictions running on it have settled — never under a running prediction, and
 * never held longer than that, so what is loaded stays close to the bound when models churn.
 */
export function createModelCache(options: {
  maxBytes: number;
  releaseDelayMs: number;
  metrics: StoreMetrics;
}): ModelCache {
  const { metrics } = options;
  const pending = new Map<string, Promise<LoadedModel>>();
  const cache = new LRUCache<string, CountedModel>({
    maxSize: options.maxBytes,
    sizeCalculation: (model) => Math.max(1, model.bytes),
    dispose: (model) => {
      const release = () => void model.release().catch(() => {});
      setTimeout(() => model.whenIdle(release), options.releaseDelayMs).unref();
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
        .then((loaded) => {
          const model = countPredictions(loaded);
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

import { type LoadedModel, loadModelFromBytes } from '@labelbot/model';
import { describe, expect, it } from 'vitest';
import { createModelCache } from '../src/create-model-cache.js';
import { createStoreMetrics } from '../src/create-store-metrics.js';
import { makeTestBundle } from './make-test-bundle.js';

const issue = { title: 'The button is misaligned', body: 'In the settings page' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real loaded model whose releases are counted and whose predictions can be held until `let go`. */
async function watchedModel(version: string) {
  const model = await loadModelFromBytes(makeTestBundle({ version, scores: { a: 0.9 } }));
  let held: Promise<void> | undefined;
  const watched = {
    released: 0,
    hold() {
      let letGo = () => {};
      held = new Promise<void>((resolve) => {
        letGo = resolve;
      });
      return () => {
        held = undefined;
        letGo();
      };
    },
    model: {
      manifest: model.manifest,
      bytes: model.bytes,
      async predict(issues, options) {
        const result = await model.predict(issues, options);
        await held;
        return result;
      },
      release: async () => {
        watched.released++;
        await model.release();
      },
    } satisfies LoadedModel,
  };
  return watched;
}

describe('model cache', () => {
  it('releases an evicted model after the delay when no prediction runs on it', async () => {
    const [a, b] = await Promise.all([watchedModel('a'), watchedModel('b')]);
    const cache = createModelCache({ maxBytes: a.model.bytes, releaseDelayMs: 50, metrics: createStoreMetrics() });
    await cache.get('a', async () => a.model);
    await cache.get('b', async () => b.model);
    expect(cache.size).toBe(1);
    expect(a.released).toBe(0);
    await sleep(150);
    expect(a.released).toBe(1);
    cache.clear();
    await sleep(150);
    expect(b.released).toBe(1);
  });

  it('keeps an evicted model until the prediction running on it settles, then releases it', async () => {
    const [a, b] = await Promise.all([watchedModel('a'), watchedModel('b')]);
    const cache = createModelCache({ maxBytes: a.model.bytes, releaseDelayMs: 20, metrics: createStoreMetrics() });
    const served = await cache.get('a', async () => a.model);
    const letGo = a.hold();
    const prediction = served.predict([issue]);
    await cache.get('b', async () => b.model);
    await sleep(150);
    expect(a.released).toBe(0);
    letGo();
    const [result] = await prediction;
    expect(result?.labels).toEqual(['a']);
    expect(a.released).toBe(1);
    cache.clear();
  });

  it('a model got just before its eviction still predicts within the delay', async () => {
    const [a, b] = await Promise.all([watchedModel('a'), watchedModel('b')]);
    const cache = createModelCache({ maxBytes: a.model.bytes, releaseDelayMs: 100, metrics: createStoreMetrics() });
    const served = await cache.get('a', async () => a.model);
    await cache.get('b', async () => b.model);
    const [result] = await served.predict([issue]);
    expect(result?.labels).toEqual(['a']);
    await sleep(250);
    expect(a.released).toBe(1);
    cache.clear();
  });
});

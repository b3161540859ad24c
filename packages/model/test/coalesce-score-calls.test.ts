import { describe, expect, it } from 'vitest';
import { coalesceScoreCalls } from '../src/coalesce-score-calls.js';
import { createOnnxScorer } from '../src/create-onnx-scorer.js';
import { createRandom } from '../src/create-random.js';
import { exportOnnx, type Features, type ModelWeights } from '../src/index.js';

function weights(): ModelWeights {
  const random = createRandom(3);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
  return {
    task: 'multiclass',
    buckets: 503,
    dim: 8,
    labelCount: 3,
    embedding: fill(503 * 8),
    output: fill(8 * 3),
    bias: fill(3),
  };
}

const features = (random: () => number, width: number): Features => ({
  ids: Int32Array.from({ length: width }, () => Math.floor(random() * 503)),
  weights: Float32Array.from({ length: width }, () => random()),
});

describe('coalesceScoreCalls', () => {
  it('scores calls made in the same turn in shared runs, each caller getting its own rows in order', async () => {
    const scorer = await createOnnxScorer(exportOnnx(weights()), 3);
    const runs: number[] = [];
    const score = coalesceScoreCalls((batch) => {
      runs.push(batch.length);
      return scorer.score(batch);
    });
    const random = createRandom(9);
    // 20 callers (one issue each, as deliveries ask) and one caller with 5 issues of mixed width.
    const calls = [
      ...Array.from({ length: 20 }, () => [features(random, 1 + Math.floor(random() * 30))]),
      [5, 400, 2, 30, 1].map((width) => features(random, width)),
    ];
    const together = await Promise.all(calls.map((batch) => score(batch)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(25);
    expect(runs.length).toBeLessThan(25);
    for (const [c, batch] of calls.entries()) {
      const alone = await scorer.score(batch);
      expect(together[c]?.length).toBe(batch.length);
      // Padding a row to a wider run may change the summation order in the last bits, nothing more.
      alone.forEach((row, r) => {
        row.forEach((p, j) => {
          expect(together[c]?.[r]?.[j]).toBeCloseTo(p, 6);
        });
      });
    }
    await scorer.release();
  });

  it('keeps runs within 64 rows and 65,536 padded cells', async () => {
    const runs: Features[][] = [];
    const score = coalesceScoreCalls(async (batch) => {
      runs.push(batch);
      return batch.map(() => new Float32Array(3));
    });
    const random = createRandom(4);
    await Promise.all([
      ...Array.from({ length: 150 }, () => score([features(random, 10)])),
      score([features(random, 40_000), features(random, 30_000)]),
    ]);
    expect(runs.flat().length).toBe(152);
    for (const run of runs) {
      expect(run.length).toBeLessThanOrEqual(64);
      const widest = Math.max(...run.map((f) => f.ids.length));
      expect(run.length === 1 || run.length * widest <= 1 << 16).toBe(true);
    }
  });

  it('fails only the callers whose rows were in the failed run', async () => {
    const score = coalesceScoreCalls(async (batch) => {
      if (batch.some((f) => f.ids.length > 60_000)) throw new Error('session run failed');
      return batch.map((f) => Float32Array.of(f.ids.length));
    });
    const random = createRandom(5);
    const results = await Promise.allSettled([
      score([features(random, 3)]),
      score([features(random, 70_000)]),
      score([features(random, 4)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]?.status === 'fulfilled' && Array.from(results[0].value[0] ?? [])).toEqual([3]);
    expect(results[1]?.status === 'rejected' && (results[1].reason as Error).message).toBe('session run failed');
  });

  it('answers an empty call without a run', async () => {
    let runs = 0;
    const score = coalesceScoreCalls(async (batch) => {
      runs++;
      return batch.map(() => new Float32Array(1));
    });
    expect(await score([])).toEqual([]);
    expect(runs).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createOnnxScorer } from '../src/create-onnx-scorer.js';
import { createRandom } from '../src/create-random.js';
import { exportOnnx, type Features, forwardPass, type ModelWeights, type Task } from '../src/index.js';

function randomWeights(task: Task, buckets: number, dim: number, labelCount: number, seed: number): ModelWeights {
  const random = createRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random() * 4 - 2);
  return {
    task,
    buckets,
    dim,
    labelCount,
    embedding: fill(buckets * dim),
    output: fill(dim * labelCount),
    bias: fill(labelCount),
  };
}

function randomFeatures(buckets: number, random: () => number): Features {
  const n = 1 + Math.floor(random() * 40);
  return {
    ids: Int32Array.from({ length: n }, () => Math.floor(random() * buckets)),
    weights: Float32Array.from({ length: n }, () => random()),
  };
}

describe('ONNX export', () => {
  for (const [task, labelCount] of [
    ['multiclass', 3],
    ['multilabel', 7],
  ] as const) {
    it(`computes what the TypeScript forward pass computes (${task}, batched and padded)`, async () => {
      const weights = randomWeights(task, 997, 12, labelCount, 42);
      const scorer = await createOnnxScorer(exportOnnx(weights), labelCount);
      const random = createRandom(7);
      const batch = Array.from({ length: 64 }, () => randomFeatures(weights.buckets, random));
      const onnx = await scorer.score(batch);
      let maxDiff = 0;
      batch.forEach((features, i) => {
        const expected = forwardPass(weights, features);
        const got = onnx[i] as Float32Array;
        expect(got.length).toBe(labelCount);
        for (let j = 0; j < labelCount; j++)
          maxDiff = Math.max(maxDiff, Math.abs((got[j] as number) - (expected[j] as number)));
      });
      expect(maxDiff).toBeLessThanOrEqual(1e-5);
      const single = await scorer.score([batch[5] as Features]);
      expect(Array.from(single[0] as Float32Array)).toEqual(Array.from(onnx[5] as Float32Array));
      await scorer.release();
    });
  }

  it('encodes the same weights to the same bytes', () => {
    const weights = randomWeights('multiclass', 101, 4, 3, 1);
    expect(Buffer.from(exportOnnx(weights)).equals(Buffer.from(exportOnnx(weights)))).toBe(true);
  });
});

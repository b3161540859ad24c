import { createHash } from 'node:crypto';
import {
  DEFAULT_FEATURIZER_PARAMS,
  exportOnnx,
  FEATURIZER_NAME,
  FEATURIZER_VERSION,
  type ModelManifest,
  serializeManifest,
} from '@labelbot/model';
import type { BundleFiles } from '../src/index.js';

export interface TestBundleOptions {
  name?: string;
  version: string;
  /** label → constant probability (the embedding is zero, so the bias alone decides). */
  scores: Record<string, number>;
  threshold?: number;
  /** Hashed buckets; the model.onnx size is about buckets × dim × 4 bytes. */
  buckets?: number;
  dim?: number;
  /** `multiclass`: one class per issue (softmax), as the generic model; default `multilabel`. */
  task?: 'multiclass' | 'multilabel';
}

/** A real ONNX bundle whose scores are fixed per label, so tests can tell versions apart. */
export function makeTestBundle(options: TestBundleOptions): BundleFiles & { manifest: Buffer; parsed: ModelManifest } {
  const labels = Object.keys(options.scores);
  const task = options.task ?? 'multilabel';
  const buckets = options.buckets ?? 64;
  const dim = options.dim ?? 4;
  const bias = Float32Array.from(
    labels.map((label) => {
      const p = options.scores[label] as number;
      return task === 'multiclass' ? Math.log(p) : Math.log(p / (1 - p));
    }),
  );
  const onnx = exportOnnx({
    task,
    buckets,
    dim,
    labelCount: labels.length,
    embedding: new Float32Array(buckets * dim),
    output: new Float32Array(dim * labels.length),
    bias,
  });
  const parsed: ModelManifest = {
    schemaVersion: 1,
    name: options.name ?? 'octo-org/widgets',
    version: options.version,
    task,
    labels,
    thresholds: Object.fromEntries(labels.map((label) => [label, options.threshold ?? 0.5])),
    featurizer: {
      name: FEATURIZER_NAME,
      version: FEATURIZER_VERSION,
      params: { ...DEFAULT_FEATURIZER_PARAMS, buckets },
    },
    training: {},
    metrics: {},
    createdAt: '2026-11-22T15:00:00Z',
    sha256: createHash('sha256').update(onnx).digest('hex'),
  };
  return { onnx: Buffer.from(onnx), manifest: Buffer.from(serializeManifest(parsed)), parsed };
}

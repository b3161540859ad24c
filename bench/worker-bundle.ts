/** Bench helper: real ONNX bundles of a chosen size whose scores are fixed per label. */
import { createHash } from 'node:crypto';
import {
  DEFAULT_FEATURIZER_PARAMS,
  exportOnnx,
  FEATURIZER_NAME,
  FEATURIZER_VERSION,
  type ModelManifest,
  serializeManifest,
} from '@labelbot/model';
import { putBundleVersion, type StoreBackend, setLatest } from '@labelbot/store';

export const LABELS = ['bug', 'feature', 'question'];

/** ~`buckets × dim × 4` bytes of model.onnx; 65 536 × 40 ≈ 10.5 MB. */
export function benchBundle(name: string, version: string, winner: string, buckets = 65_536, dim = 40) {
  const embedding = new Float32Array(buckets * dim);
  // Non-zero weights so the file cannot be compressed away and the session holds real data.
  for (let i = 0; i < embedding.length; i++) embedding[i] = ((i * 2_654_435_761) % 1000) / 1e6;
  const onnx = exportOnnx({
    task: 'multilabel',
    buckets,
    dim,
    labelCount: LABELS.length,
    embedding,
    output: new Float32Array(dim * LABELS.length),
    bias: Float32Array.from(LABELS.map((label) => (label === winner ? 3 : -3))),
  });
  const manifest: ModelManifest = {
    schemaVersion: 1,
    name,
    version,
    task: 'multilabel',
    labels: LABELS,
    thresholds: Object.fromEntries(LABELS.map((label) => [label, 0.5])),
    featurizer: {
      name: FEATURIZER_NAME,
      version: FEATURIZER_VERSION,
      params: { ...DEFAULT_FEATURIZER_PARAMS, buckets },
    },
    training: {},
    metrics: {},
    createdAt: '2026-11-22T00:00:00Z',
    sha256: createHash('sha256').update(onnx).digest('hex'),
  };
  return { onnx: Buffer.from(onnx), manifest: Buffer.from(serializeManifest(manifest)) };
}

export async function publishBench(
  backend: StoreBackend,
  owner: string,
  repo: string,
  files: ReturnType<typeof benchBundle>,
) {
  await putBundleVersion(backend, { owner, repo }, 'v1', files);
  await setLatest(backend, { owner, repo }, 'v1');
}

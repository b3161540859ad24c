import ort from 'onnxruntime-node';
import { ONNX_INPUT_IDS, ONNX_INPUT_WEIGHTS, ONNX_OUTPUT } from './export-onnx.js';
import type { Features } from './featurize.js';

/** Runs one ONNX session: scores a batch of featurized issues in a single run. */
export interface OnnxScorer {
  readonly labelCount: number;
  score(batch: Features[]): Promise<Float32Array[]>;
  /** Whether the graph can look up feature id `id` (an id beyond its embedding rows is refused), without a log line. */
  hasFeatureRow(id: number): Promise<boolean>;
  release(): Promise<void>;
}

/** Creates the model's one session (single-threaded: the services scale by processes, not threads). */
export async function createOnnxScorer(bytes: Uint8Array, labelCount: number): Promise<OnnxScorer> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });
  const missing = [ONNX_INPUT_IDS, ONNX_INPUT_WEIGHTS].filter((name) => !session.inputNames.includes(name));
  if (missing.length > 0 || !session.outputNames.includes(ONNX_OUTPUT)) {
    await session.release();
    throw new Error(
      `graph must take inputs ${ONNX_INPUT_IDS}, ${ONNX_INPUT_WEIGHTS} and output ${ONNX_OUTPUT}; ` +
        `it has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}]`,
    );
  }
  return {
    labelCount,
    async score(batch) {
      if (batch.length === 0) return [];
      const width = Math.max(1, ...batch.map((f) => f.ids.length));
      const ids = new Int32Array(batch.length * width);
      const weights = new Float32Array(batch.length * width);
      batch.forEach((features, row) => {
        ids.set(features.ids, row * width);
        weights.set(features.weights, row * width);
      });
      const result = await session.run(feedsOf(ids, weights, [batch.length, width]));
      const output = result[ONNX_OUTPUT];
      if (output?.dims.length !== 2 || output.dims[1] !== labelCount) {
        throw new Error(
          `model output has shape [${output?.dims.join(', ')}], expected [${batch.length}, ${labelCount}]`,
        );
      }
      const data = output.data as Float32Array;
      return batch.map((_, row) => data.slice(row * labelCount, (row + 1) * labelCount));
    },
    async hasFeatureRow(id) {
      try {
        // Fatal-only logging for this run: the refusal expected of a fitting graph is not an error to log.
        await session.run(feedsOf(Int32Array.of(id), Float32Array.of(1), [1, 1]), { logSeverityLevel: 4 });
        return true;
      } catch {
        return false;
      }
    },
    release: () => session.release(),
  };
}

function feedsOf(ids: Int32Array, weights: Float32Array, dims: [number, number]) {
  return {
    [ONNX_INPUT_IDS]: new ort.Tensor('int32', ids, dims),
    [ONNX_INPUT_WEIGHTS]: new ort.Tensor('float32', weights, dims),
  };
}

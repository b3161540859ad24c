import { createRequire } from 'node:module';
import type OnnxProto from 'onnx-proto';
import type { ModelWeights } from './model-weights.js';

const { onnx } = loadOnnxProto();

/**
 * onnx-proto's protobufjs finds `long` through an eval'd `require`; under module-transforming
 * runners (vitest) that yields an ES namespace without `fromBits` and onnx-proto fails at import.
 * Hand it the `long` next to it before loading.
 */
function loadOnnxProto(): typeof OnnxProto {
  const path = createRequire(import.meta.url).resolve('onnx-proto');
  const local = createRequire(path);
  const minimal = local('protobufjs/minimal') as { util: { Long?: { fromBits?: unknown } }; configure(): void };
  if (typeof minimal.util.Long?.fromBits !== 'function') {
    minimal.util.Long = local('long');
    minimal.configure();
  }
  return local('onnx-proto') as typeof OnnxProto;
}

/** Opset the graph is written for. */
export const ONNX_OPSET = 17;
/** Names of the graph's inputs and output (the serving contract). */
export const ONNX_INPUT_IDS = 'ids';
export const ONNX_INPUT_WEIGHTS = 'weights';
export const ONNX_OUTPUT = 'probabilities';

/**
 * Writes the model as an ONNX graph. Inputs: `ids` int32 `[batch, n]` (feature ids, padded with
 * any id) and `weights` float32 `[batch, n]` (padding weight 0). Output: `probabilities` float32
 * `[batch, labels]`. The graph: Gather embedding rows → weighted sum (MatMul of `[b,1,n]` by
 * `[b,n,dim]`) → Gemm with the output layer → Softmax or Sigmoid. The encoding is deterministic.
 */
export function exportOnnx(weights: ModelWeights, docString = ''): Uint8Array {
  const { FLOAT, INT32, INT64 } = onnx.TensorProto.DataType;
  const tensor = (name: string, dims: number[], dataType: number, data: ArrayBufferView) => ({
    name,
    dims,
    dataType,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
  const node = (opType: string, input: string[], output: string[], attribute: object[] = []) => ({
    opType,
    input,
    output,
    name: output[0],
    attribute,
  });
  const valueInfo = (name: string, elemType: number, dims: (string | number)[]) => ({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
  const { INT } = onnx.AttributeProto.AttributeType;
  const graph = {
    name: 'labelbot_embedding_bag',
    input: [valueInfo(ONNX_INPUT_IDS, INT32, ['batch', 'n']), valueInfo(ONNX_INPUT_WEIGHTS, FLOAT, ['batch', 'n'])],
    output: [valueInfo(ONNX_OUTPUT, FLOAT, ['batch', weights.labelCount])],
    initializer: [
      tensor('embedding', [weights.buckets, weights.dim], FLOAT, weights.embedding),
      tensor('output_weight', [weights.dim, weights.labelCount], FLOAT, weights.output),
      tensor('output_bias', [weights.labelCount], FLOAT, weights.bias),
      tensor('axis_1', [1], INT64, new BigInt64Array([1n])),
    ],
    node: [
      node('Gather', ['embedding', ONNX_INPUT_IDS], ['rows'], [{ name: 'axis', type: INT, i: 0 }]),
      node('Unsqueeze', [ONNX_INPUT_WEIGHTS, 'axis_1'], ['weights_row']),
      node('MatMul', ['weights_row', 'rows'], ['hidden_3d']),
      node('Squeeze', ['hidden_3d', 'axis_1'], ['hidden']),
      node('Gemm', ['hidden', 'output_weight', 'output_bias'], ['logits']),
      weights.task === 'multiclass'
        ? node('Softmax', ['logits'], [ONNX_OUTPUT], [{ name: 'axis', type: INT, i: -1 }])
        : node('Sigmoid', ['logits'], [ONNX_OUTPUT]),
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'labelbot',
    producerVersion: '1',
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

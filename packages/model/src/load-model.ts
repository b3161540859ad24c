import { type LoadedModel, ModelBundleError } from './types.js';

/** Loads `model.onnx` + `manifest.json` from a directory, checking sha256 and featurizer version. */
export async function loadModelFromDirectory(dir: string): Promise<LoadedModel> {
  throw new ModelBundleError(`not implemented yet: ${dir}`);
}

/** Loads a bundle from its two files' bytes (what the store fetched), with the same checks. */
export async function loadModelFromBytes(files: { onnx: Uint8Array; manifest: Uint8Array | string }): Promise<LoadedModel> {
  throw new ModelBundleError(`not implemented yet: ${files.onnx.byteLength} bytes`);
}

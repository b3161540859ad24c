import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  type DatasetIssue,
  ModelBundleError,
  type ModelManifest,
  readBundleFiles,
  readDataset,
  validateManifest,
} from '@labelbot/model';

export interface LocalBundle {
  onnx: Buffer;
  manifestBytes: Buffer;
  manifest: ModelManifest;
  /** holdout.jsonl written by `labelbot train --task multilabel`, when present. */
  holdout: DatasetIssue[] | null;
}

/** Reads a bundle directory and checks model.onnx against the manifest's sha256 before anything is uploaded. */
export async function readLocalBundle(dir: string, holdoutFile?: string): Promise<LocalBundle> {
  const { onnx, manifest: manifestBytes } = await readBundleFiles(dir);
  const manifest = validateManifest(manifestBytes);
  const digest = createHash('sha256').update(onnx).digest('hex');
  if (digest !== manifest.sha256) {
    throw new ModelBundleError(`${dir}: model.onnx sha256 ${digest} does not match the manifest (${manifest.sha256})`);
  }
  const file = holdoutFile ?? join(dir, 'holdout.jsonl');
  const holdout = await readDataset(file).catch((error: Error) => {
    if (holdoutFile || !/cannot read \(ENOENT\)/.test(error.message)) throw error;
    return null;
  });
  return { onnx, manifestBytes, manifest, holdout };
}

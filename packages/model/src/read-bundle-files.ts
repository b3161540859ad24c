import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelBundleError } from './types.js';

/**
 * Reads a bundle directory's `manifest.json` and `model.onnx` (in parallel). When any cannot be
 * read, the ModelBundleError names every one that failed, in that fixed order — not whichever
 * read happened to fail first.
 */
export async function readBundleFiles(dir: string): Promise<{ manifest: Buffer; onnx: Buffer }> {
  const names = ['manifest.json', 'model.onnx'] as const;
  const results = await Promise.allSettled(names.map((name) => readFile(join(dir, name))));
  const failures = results.flatMap((result, i) =>
    result.status === 'rejected'
      ? [`cannot read ${names[i]} in ${dir}: ${(result.reason as NodeJS.ErrnoException).code ?? result.reason}`]
      : [],
  );
  if (failures.length > 0) throw new ModelBundleError(failures.join('; '));
  const [manifest, onnx] = results.map((result) => (result as PromiseFulfilledResult<Buffer>).value);
  return { manifest: manifest as Buffer, onnx: onnx as Buffer };
}

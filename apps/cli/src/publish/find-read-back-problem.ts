import { createHash } from 'node:crypto';
import { bundlePath, type ModelTarget, type StoreBackend } from '@labelbot/store';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads an uploaded version back and says what is wrong with it (a file missing, model.onnx not
 * matching the manifest's sha256, a manifest other than the local one), or null when it is intact.
 */
export async function findReadBackProblem(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  expected: { sha256: string; manifest: Buffer },
): Promise<string | null> {
  const [onnx, manifest] = await Promise.all([
    backend.read(bundlePath(target, version, 'model.onnx')),
    backend.read(bundlePath(target, version, 'manifest.json')),
  ]);
  const problems: string[] = [];
  if (!onnx) problems.push('model.onnx is missing');
  else if (sha256(onnx.bytes) !== expected.sha256) {
    problems.push(`model.onnx has sha256 ${sha256(onnx.bytes)}, the manifest says ${expected.sha256}`);
  }
  if (!manifest) problems.push('manifest.json is missing');
  else if (!manifest.bytes.equals(expected.manifest)) problems.push('manifest.json differs from the local one');
  return problems.length > 0 ? problems.join('; ') : null;
}

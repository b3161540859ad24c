import { bundlePath, latestPath, type ModelTarget, targetPrefix } from './bundle-layout.js';
import type { StoreBackend } from './store-backend.js';

export interface BundleFiles {
  onnx: Buffer;
  manifest: Buffer;
}

export interface LatestPointer {
  version: string;
  /** Pass to `setLatest` as `ifGenerationMatch` so a concurrent publish is not overwritten. */
  generation: string;
}

/**
 * Uploads `model.onnx`, then `manifest.json`, under `{owner}/{repo}/{version}/`. Refuses to
 * overwrite an existing version (versions are immutable; the cache keys on them).
 */
export async function putBundleVersion(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  files: BundleFiles,
): Promise<void> {
  await backend.write(bundlePath(target, version, 'model.onnx'), files.onnx, { ifGenerationMatch: '0' });
  await backend.write(bundlePath(target, version, 'manifest.json'), files.manifest, { ifGenerationMatch: '0' });
}

/** Reads a version's two files; null when either is missing. */
export async function readBundleVersion(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
): Promise<BundleFiles | null> {
  const [onnx, manifest] = await Promise.all([
    backend.read(bundlePath(target, version, 'model.onnx')),
    backend.read(bundlePath(target, version, 'manifest.json')),
  ]);
  if (!onnx || !manifest) return null;
  return { onnx: onnx.bytes, manifest: manifest.bytes };
}

/** The live version named by `LATEST` and that object's generation; null when there is none. */
export async function readLatest(backend: StoreBackend, target: ModelTarget): Promise<LatestPointer | null> {
  const latest = await backend.read(latestPath(target));
  if (!latest) return null;
  const version = latest.bytes.toString('utf8').trim();
  return version ? { version, generation: latest.generation } : null;
}

/**
 * Points `LATEST` at `version`. `ifGenerationMatch` (from `readLatest`, or `'0'` when there was
 * none) makes it a compare-and-swap: a concurrent change throws PreconditionFailedError.
 */
export async function setLatest(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  options: { ifGenerationMatch?: string } = {},
): Promise<{ generation: string }> {
  return backend.write(latestPath(target), Buffer.from(`${version}\n`), options);
}

/** Versions stored for a target, sorted ascending (version ids sort by time). */
export async function listVersions(backend: StoreBackend, target: ModelTarget): Promise<string[]> {
  const prefix = targetPrefix(target);
  const { prefixes } = await backend.list(prefix);
  return prefixes.map((p) => p.slice(prefix.length, -1)).sort();
}

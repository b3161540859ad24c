import { bundlePath, latestPath, type ModelTarget, previousPath, targetPrefix } from './bundle-layout.js';
import type { StoreBackend } from './store-backend.js';
import { PreconditionFailedError } from './store-errors.js';

export interface BundleFiles {
  onnx: Buffer;
  manifest: Buffer;
}

export interface LatestPointer {
  version: string;
  /** Pass to `setLatest` as `ifGenerationMatch` so a concurrent publish is not overwritten. */
  generation: string;
}

/** The two files of a bundle, in upload order. */
export type BundleFileName = 'model.onnx' | 'manifest.json';

/**
 * Writes `path` only if it does not exist yet. An existing object with the same bytes counts as
 * written (returns true): that is a rerun of an upload that was interrupted after this file.
 * Different bytes throw PreconditionFailedError: a version is never overwritten.
 */
async function writeOnce(backend: StoreBackend, path: string, bytes: Buffer): Promise<boolean> {
  try {
    await backend.write(path, bytes, { ifGenerationMatch: '0' });
    return false;
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const existing = await backend.read(path);
    if (existing?.bytes.equals(bytes)) return true;
    throw new PreconditionFailedError(
      `${path} already exists with different bytes; a stored version is never overwritten (train a new version)`,
    );
  }
}

/**
 * Uploads `model.onnx`, then `manifest.json`, under `{owner}/{repo}/{version}/`. Versions are
 * immutable (the cache keys on them): a file already stored with other bytes throws
 * PreconditionFailedError, while one stored with the same bytes is kept, so a rerun completes an
 * interrupted upload. Returns the files that were already there.
 */
export async function putBundleVersion(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  files: BundleFiles,
): Promise<{ alreadyStored: BundleFileName[] }> {
  const alreadyStored: BundleFileName[] = [];
  const uploads: [BundleFileName, Buffer][] = [
    ['model.onnx', files.onnx],
    ['manifest.json', files.manifest],
  ];
  for (const [file, bytes] of uploads) {
    if (await writeOnce(backend, bundlePath(target, version, file), bytes)) alreadyStored.push(file);
  }
  return { alreadyStored };
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

/** A move of `LATEST` that happened. */
export interface LatestMove {
  /** Generation of the new `LATEST` object. */
  generation: string;
  /**
   * Why `PREVIOUS` could not be written after the move (null when it was, or had nothing to
   * record): a new worker that refuses the new version then serves the org or generic model.
   */
  previousNotRecorded: string | null;
}

/**
 * Points `LATEST` at `version`. `ifGenerationMatch` (from `readLatest`, or `'0'` when there was
 * none) makes it a compare-and-swap: a concurrent change throws PreconditionFailedError.
 * `previous` (the version `LATEST` names now) is recorded in `PREVIOUS` once the move succeeded,
 * with the generation of `LATEST` it belongs to: what the running workers serve, for a new worker
 * to fall back to if it refuses the new version. A move that fails leaves `PREVIOUS` alone, and a
 * `PREVIOUS` written for another generation of `LATEST` (a later move, or a late write) is ignored.
 */
export async function setLatest(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  options: { ifGenerationMatch?: string; previous?: string } = {},
): Promise<LatestMove> {
  const { previous, ...write } = options;
  const { generation } = await backend.write(latestPath(target), Buffer.from(`${version}\n`), write);
  if (!previous || previous === version) return { generation, previousNotRecorded: null };
  try {
    await backend.write(previousPath(target), Buffer.from(`${previous}\n${generation}\n`));
    return { generation, previousNotRecorded: null };
  } catch (error) {
    // LATEST has moved: failing now would report a move that happened as one that did not.
    // Never an empty reason: callers warn only when there is one.
    return { generation, previousNotRecorded: (error instanceof Error && error.message) || String(error) };
  }
}

/**
 * How `publish` and `models rollback` move `LATEST` from `latest` (what `readLatest` returned; null
 * when there was none) to `version`: a compare-and-swap on its generation that records `latest` in
 * `PREVIOUS`.
 */
export function moveLatest(
  backend: StoreBackend,
  target: ModelTarget,
  version: string,
  latest: LatestPointer | null,
): Promise<LatestMove> {
  return setLatest(backend, target, version, {
    ifGenerationMatch: latest?.generation ?? '0',
    ...(latest ? { previous: latest.version } : {}),
  });
}

/**
 * The version `LATEST` named before its last move, when `setLatest` recorded one for the
 * generation `LATEST` is at now (`latest`, read when not given); null otherwise.
 */
export async function readPrevious(
  backend: StoreBackend,
  target: ModelTarget,
  latest?: LatestPointer | null,
): Promise<string | null> {
  const [previous, pointer] = await Promise.all([
    backend.read(previousPath(target)),
    latest === undefined ? readLatest(backend, target) : latest,
  ]);
  if (!previous || !pointer) return null;
  const [version, generation] = previous.bytes.toString('utf8').split('\n');
  return version?.trim() && generation?.trim() === pointer.generation ? version.trim() : null;
}

/** Versions stored for a target, sorted ascending (version ids sort by time). */
export async function listVersions(backend: StoreBackend, target: ModelTarget): Promise<string[]> {
  const prefix = targetPrefix(target);
  const { prefixes } = await backend.list(prefix);
  return prefixes.map((p) => p.slice(prefix.length, -1)).sort();
}

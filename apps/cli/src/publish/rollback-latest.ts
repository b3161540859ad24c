import { loadModelFromBytes } from '@labelbot/model';
import {
  listVersions,
  type ModelTarget,
  moveLatest,
  PreconditionFailedError,
  readBundleVersion,
  readLatest,
  type StoreBackend,
  targetName,
} from '@labelbot/store';
import { PublishRefusedError, previousNotRecordedNotice } from './publish-bundle.js';

/**
 * Points LATEST at `to` (default: the version before the live one). The version must load (sha256
 * and ONNX checked) before LATEST moves, and the move is a compare-and-swap on LATEST's generation.
 */
export async function rollbackLatest(
  backend: StoreBackend,
  target: ModelTarget,
  to?: string,
  notice?: (message: string) => void,
): Promise<{ target: string; from: string | null; to: string }> {
  const name = targetName(target);
  const [latest, versions] = await Promise.all([readLatest(backend, target), listVersions(backend, target)]);
  let version = to;
  if (!version) {
    const index = latest ? versions.indexOf(latest.version) : versions.length;
    version = index > 0 ? versions[index - 1] : undefined;
    if (!version)
      throw new PublishRefusedError(`${name}: no version before ${latest?.version ?? '(none)'} to roll back to`);
  }
  if (version === latest?.version) throw new PublishRefusedError(`${name}: ${version} is already live`);
  const files = await readBundleVersion(backend, target, version);
  if (!files)
    throw new PublishRefusedError(`${name}: no version ${version} (versions: ${versions.join(', ') || 'none'})`);
  const model = await loadModelFromBytes(files);
  await model.release();
  try {
    const move = await moveLatest(backend, target, version, latest);
    if (move.previousNotRecorded) notice?.(previousNotRecordedNotice(name, move.previousNotRecorded));
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    throw new PublishRefusedError(
      `LATEST of ${name} changed meanwhile (a publish or another rollback); nothing moved, rerun`,
    );
  }
  return { target: name, from: latest?.version ?? null, to: version };
}

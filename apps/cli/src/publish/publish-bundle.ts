import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CardEvaluation,
  type LoadedModel,
  loadModelFromBytes,
  type ModelComparison,
  renderModelCard,
} from '@labelbot/model';
import {
  type ModelTarget,
  moveLatest,
  PreconditionFailedError,
  putBundleVersion,
  readBundleVersion,
  readLatest,
  type StoreBackend,
  targetName,
  targetPrefix,
} from '@labelbot/store';
import { compareWithLive } from './compare-with-live.js';
import { findReadBackProblem } from './find-read-back-problem.js';
import { type LocalBundle, readLocalBundle } from './read-local-bundle.js';

export interface PublishOptions {
  backend: StoreBackend;
  target: ModelTarget;
  dir: string;
  holdoutFile?: string;
  dryRun?: boolean;
  force?: boolean;
  margin?: number;
  notice?: (message: string) => void;
}

export interface PublishResult {
  target: string;
  version: string;
  previous: string | null;
  /** LATEST now names `version`. */
  moved: boolean;
  dryRun: boolean;
  comparison: ModelComparison | null;
}

/** Publishing stopped on purpose (regression, lost race, bad bundle); the message says what to do. */
export class PublishRefusedError extends Error {
  override name = 'PublishRefusedError';
}

/**
 * Uploads a bundle as a new immutable version, reads it back to check its sha256, and moves LATEST
 * to it with a generation precondition, unless it scores worse than the live model on the same
 * held-out issues (then only with `force`). The comparison is written into the model card.
 */
export async function publishBundle(options: PublishOptions): Promise<PublishResult> {
  const { backend, target } = options;
  const local = await readLocalBundle(options.dir, options.holdoutFile);
  const { manifest } = local;
  const name = targetName(target);
  if (manifest.name.includes('/') && manifest.name.toLowerCase() !== name.toLowerCase()) {
    throw new PublishRefusedError(`the bundle is a model of ${manifest.name}, not ${name}`);
  }
  const latest = await readLatest(backend, target);
  const result: PublishResult = {
    target: name,
    version: manifest.version,
    previous: latest?.version ?? null,
    moved: false,
    dryRun: !!options.dryRun,
    comparison: null,
  };
  if (latest?.version === manifest.version) {
    options.notice?.(`${name}: ${manifest.version} is already live`);
    return result;
  }
  // The bundle must load as a worker loads it (graph fits manifest, trial prediction) before it can go live.
  const candidate = await loadModelFromBytes({ onnx: local.onnx, manifest: local.manifestBytes }).catch(
    (error: Error) => {
      throw new PublishRefusedError(`${options.dir} does not load, so it cannot go live: ${error.message}`);
    },
  );
  let evaluation: CardEvaluation | null = null;
  try {
    if (latest) {
      ({ comparison: result.comparison, evaluation } = await compareWithLatest(
        options,
        candidate,
        latest.version,
        local,
      ));
    }
  } finally {
    await candidate.release();
  }
  const selection = manifest.training.selection as
    | { excluded?: { label: string; count: number; reason: string }[] }
    | undefined;
  const card = renderModelCard({
    manifest,
    evaluation,
    excluded: selection?.excluded ?? [],
    ...(result.comparison
      ? { comparison: { ...result.comparison, forced: result.comparison.verdict === 'worse' } }
      : {}),
  });
  if (options.dryRun) return result;
  if (result.comparison) await writeFile(join(options.dir, 'README.md'), card);
  try {
    const { alreadyStored } = await putBundleVersion(backend, target, manifest.version, {
      onnx: local.onnx,
      manifest: local.manifestBytes,
    });
    if (alreadyStored.length > 0) {
      options.notice?.(
        `${manifest.version}: ${alreadyStored.join(' and ')} uploaded before with the same bytes; completing the upload`,
      );
    }
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    throw new PublishRefusedError(`${name}/${manifest.version}: ${error.message}; LATEST not moved`);
  }
  await backend.write(`${targetPrefix(target)}${manifest.version}/README.md`, Buffer.from(card));
  const problem = await findReadBackProblem(backend, target, manifest.version, {
    sha256: manifest.sha256,
    manifest: local.manifestBytes,
  });
  if (problem) {
    throw new PublishRefusedError(
      `${name}/${manifest.version} does not read back as uploaded (${problem}); LATEST not moved`,
    );
  }
  try {
    const move = await moveLatest(backend, target, manifest.version, latest);
    if (move.previousNotRecorded) options.notice?.(previousNotRecordedNotice(name, move.previousNotRecorded));
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const now = await readLatest(backend, target);
    throw new PublishRefusedError(
      `LATEST of ${name} changed while publishing (now ${now?.version ?? 'none'}, was ${latest?.version ?? 'none'}): another publish or rollback won; ` +
        `${manifest.version} is uploaded but not live. Rerun to compare against the new live model.`,
    );
  }
  result.moved = true;
  return result;
}

/** What publish and rollback say when LATEST moved but PREVIOUS could not be written. */
export function previousNotRecordedNotice(name: string, reason: string): string {
  return (
    `warning: LATEST of ${name} moved, but PREVIOUS could not be recorded (${reason}); ` +
    'a new worker that refuses the new version serves the org or generic model instead of the version before'
  );
}

/**
 * Scores the candidate and the live model on the same held-out issues; refuses a regression (unless `force`)
 * and a publish with nothing to compare on. A live model this build cannot load is not served by its workers
 * either (they fall back to PREVIOUS, the org's or the generic model), so there is nothing to regress from.
 */
async function compareWithLatest(
  options: PublishOptions,
  candidate: LoadedModel,
  liveVersion: string,
  local: LocalBundle,
): Promise<{ comparison: ModelComparison | null; evaluation: CardEvaluation | null }> {
  const none = { comparison: null, evaluation: null };
  const { version } = local.manifest;
  if (!local.holdout || local.holdout.length === 0) {
    if (options.force) return none;
    const why = local.holdout ? 'the held-out file has no issues' : 'no held-out issues';
    throw new PublishRefusedError(
      `${why} to compare ${version} with the live ${liveVersion}: pass --holdout FILE (or --force)`,
    );
  }
  const liveFiles = await readBundleVersion(options.backend, options.target, liveVersion);
  if (!liveFiles) {
    options.notice?.(`LATEST names ${liveVersion} but its files are missing; nothing to compare with`);
    return none;
  }
  let live: LoadedModel;
  try {
    live = await loadModelFromBytes(liveFiles);
  } catch (error) {
    options.notice?.(
      `the live ${liveVersion} does not load with this build (${(error as Error).message}); nothing to compare with`,
    );
    return none;
  }
  try {
    const { comparison, candidateEvaluation } = await compareWithLive(candidate, live, local.holdout, options.margin);
    if (comparison.verdict === 'worse' && !options.force) {
      throw new PublishRefusedError(
        `${version} is worse than the live ${liveVersion} on ${comparison.heldOutCount} held-out issues:\n  ${comparison.regressions.join('\n  ')}\nLATEST not moved (use --force to publish anyway)`,
      );
    }
    return { comparison, evaluation: candidateEvaluation };
  } finally {
    await live.release();
  }
}

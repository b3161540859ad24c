import type { DatasetIssue } from '@labelbot/model';
import { trainRepoModel } from './train-repo-model.js';
import { writeRepoModel } from './write-repo-model.js';

/** The flags `labelbot train --task multilabel` adds (merged into the command's parseArgs options). */
export const MULTILABEL_FLAGS = {
  'min-count': { type: 'string' },
  exclude: { type: 'string' },
  'keep-unlabelled': { type: 'boolean' },
  'share-drop': { type: 'string' },
} as const;

export interface MultilabelArgs {
  out: string;
  name: string;
  seed: number;
  labels?: string[];
  labelMap: Record<string, string>;
  precisionTarget?: number;
  holdoutFraction?: number;
  validationFraction?: number;
  /** `--min-count N`. */
  minCount?: string;
  /** `--exclude 'glob,glob'` replaces the default workflow patterns (`--exclude ''`: none). */
  exclude?: string;
  keepUnlabelled?: boolean;
  /** `--share-drop X` (>= 1): how far a label's share of issues may fall and its precision still hold. */
  shareDrop?: string;
  /**
   * Trainer flags as given; only numbers are used: `refit` and `idf` are on anyway (see trainRepoModel),
   * and the command refuses `--bagging` with --task multilabel.
   */
  trainer: Record<string, number | boolean | undefined>;
  buckets?: number;
  sources: { file: string; rows: number; sha256: string }[];
  createdAt: string;
}

/**
 * `labelbot train --task multilabel`: a repository model (label selection, time split, thresholds
 * that need evidence, model card) written to `--out` with README.md and holdout.jsonl.
 */
export async function trainMultilabel(
  issues: DatasetIssue[],
  args: MultilabelArgs,
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } },
): Promise<number> {
  const minCount = args.minCount === undefined ? undefined : Number(args.minCount);
  if (minCount !== undefined && !(Number.isInteger(minCount) && minCount >= 1)) {
    io.stderr.write(`labelbot train: --min-count must be a whole number >= 1, got "${args.minCount}"\n`);
    return 2;
  }
  const shareDrop = args.shareDrop === undefined ? undefined : Number(args.shareDrop);
  if (shareDrop !== undefined && !(shareDrop >= 1)) {
    io.stderr.write(
      `labelbot train: --share-drop must be a number >= 1 (1: no drift margin), got "${args.shareDrop}"\n`,
    );
    return 2;
  }
  const result = await trainRepoModel(issues, {
    name: args.name,
    seed: args.seed,
    selection: {
      ...(minCount !== undefined ? { minCount } : {}),
      ...(args.exclude !== undefined ? { exclude: args.exclude.split(',').map((p) => p.trim()) } : {}),
      ...(args.labels ? { labels: args.labels } : {}),
    },
    labelMap: args.labelMap,
    ...(args.precisionTarget !== undefined ? { thresholds: { precisionTarget: args.precisionTarget } } : {}),
    ...(args.holdoutFraction !== undefined ? { holdoutFraction: args.holdoutFraction } : {}),
    ...(args.validationFraction !== undefined ? { validationFraction: args.validationFraction } : {}),
    keepUnlabelled: args.keepUnlabelled ?? false,
    ...(shareDrop !== undefined ? { shareDrop } : {}),
    trainer: Object.fromEntries(
      Object.entries(args.trainer).filter(([key, value]) => key !== 'refit' && typeof value === 'number'),
    ),
    ...(args.buckets ? { featurizer: { buckets: args.buckets } } : {}),
    sources: args.sources,
    createdAt: args.createdAt,
  });
  await writeRepoModel(args.out, result);
  const { manifest } = result.bundle;
  const report = result.evaluation?.report;
  const summary = {
    out: args.out,
    version: manifest.version,
    labels: manifest.labels,
    thresholds: manifest.thresholds,
    neverPredicted: result.selection.excluded.map((e) => `${e.label}: ${e.reason}`),
    sha256: manifest.sha256,
    trainingSeconds: result.bundle.trainingSeconds,
    heldOut: report && {
      count: report.count,
      microF1: report.microF1,
      macroF1: report.macroF1,
      labelSetAccuracy: result.evaluation?.labelSetAccuracy,
    },
  };
  io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

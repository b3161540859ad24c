import {
  DEFAULT_FEATURIZER_PARAMS,
  FEATURIZER_NAME,
  FEATURIZER_VERSION,
  type FeaturizerParams,
} from './featurizer-params.js';
import { ModelBundleError, type ModelManifest } from './types.js';

/** Parses and checks manifest.json; every problem becomes a ModelBundleError that names it. */
export function validateManifest(
  source: Uint8Array | string,
): ModelManifest & { featurizer: { params: FeaturizerParams } } {
  const text = typeof source === 'string' ? source : new TextDecoder('utf-8', { fatal: false }).decode(source);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelBundleError(`manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  const fail = (what: string): never => {
    throw new ModelBundleError(`manifest.json: ${what}`);
  };
  if (!isObject(value)) fail('must be a JSON object');
  const m = value as Record<string, unknown>;
  if (m.schemaVersion !== 1) fail(`unsupported schemaVersion ${JSON.stringify(m.schemaVersion)} (this build reads 1)`);
  if (m.task !== 'multiclass' && m.task !== 'multilabel')
    fail(`task must be multiclass or multilabel, got ${JSON.stringify(m.task)}`);
  const labels = m.labels;
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l.length > 0)) {
    fail('labels must be a non-empty array of label names');
  }
  if (new Set(labels as string[]).size !== (labels as string[]).length) fail('labels contains duplicates');
  const thresholds = (m.thresholds ?? {}) as Record<string, unknown>;
  for (const label of labels as string[]) {
    const t = thresholds[label];
    if (!(t === null || (typeof t === 'number' && t >= 0 && t <= 1)))
      fail(`threshold of "${label}" must be null or in [0, 1]`);
  }
  // A threshold for another label means the manifest was mixed up or hand-edited.
  for (const key of Object.keys(thresholds))
    if (!(labels as string[]).includes(key)) fail(`thresholds names "${key}", which is not in labels`);
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) fail('sha256 must be 64 lower-case hex digits');
  const featurizer = m.featurizer as
    | { name?: unknown; version?: unknown; params?: Record<string, unknown> }
    | undefined;
  if (featurizer?.name !== FEATURIZER_NAME || featurizer.version !== FEATURIZER_VERSION) {
    fail(
      `featurizer ${JSON.stringify(featurizer?.name)} v${JSON.stringify(featurizer?.version)} is not what this build ` +
        `runs (${FEATURIZER_NAME} v${FEATURIZER_VERSION}); retrain the model or use a matching labelbot`,
    );
  }
  const p = featurizer?.params ?? {};
  // Serving must featurize as training did: a parameter this build would ignore is a difference.
  for (const key of Object.keys(p))
    if (!Object.hasOwn(DEFAULT_FEATURIZER_PARAMS, key))
      fail(`featurizer.params has "${key}", which this build does not know; use a matching labelbot`);
  const int = (key: string, min: number) => Number.isInteger(p[key]) && (p[key] as number) >= min;
  const grams = p.charNgrams;
  if (
    !int('buckets', 1) ||
    !int('maxTitleChars', 0) ||
    !int('maxBodyChars', 0) ||
    typeof p.wordBigrams !== 'boolean' ||
    !Array.isArray(grams) ||
    grams.length !== 2 ||
    !grams.every((g) => Number.isInteger(g) && g >= 0) ||
    !(typeof p.charNgramWeight === 'number' && p.charNgramWeight >= 0) ||
    // 0 would leave an issue with only a title a zero vector: NaN scores.
    !(typeof p.titleWeight === 'number' && p.titleWeight > 0)
  ) {
    fail(`featurizer.params is incomplete or has wrong types or values: ${JSON.stringify(p)}`);
  }
  for (const key of ['name', 'version', 'createdAt'] as const)
    if (typeof m[key] !== 'string') fail(`${key} must be a string`);
  for (const key of ['training', 'metrics'] as const) if (!isObject(m[key])) fail(`${key} must be a JSON object`);
  // evaluate maps gold labels with it.
  const labelMap = (m.training as Record<string, unknown>).labelMap;
  if (labelMap !== undefined && !(isObject(labelMap) && Object.values(labelMap).every((to) => typeof to === 'string')))
    fail('training.labelMap must map label names to label names');
  return value as ModelManifest & { featurizer: { params: FeaturizerParams } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

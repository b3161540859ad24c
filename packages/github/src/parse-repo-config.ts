import { load } from 'js-yaml';
import { Compile } from 'typebox/compile';
import { DEFAULT_REPO_CONFIG, type RepoConfigFile, RepoConfigFileSchema } from './repo-config-schema.js';
import type { RepoConfig } from './types.js';

/** Why a config file was not used; `reason` is a bounded metric label. */
export interface RepoConfigProblem {
  reason: 'empty' | 'too-large' | 'syntax' | 'unsafe-tag' | 'schema';
  message: string;
}

export type ParsedRepoConfig = { ok: true; config: RepoConfig } | { ok: false; problem: RepoConfigProblem };

// A config is a handful of keys; anything this big is a mistake or an attack on the parser.
const MAX_CONFIG_BYTES = 64 * 1024;
const checkFile = Compile(RepoConfigFileSchema);

/**
 * Parses `.github/issue_label_bot.yaml` with js-yaml's core schema (no custom tags, so `!!js/function`
 * and friends are refused rather than executed) and deep-merges it onto the defaults.
 */
export function parseRepoConfig(text: string): ParsedRepoConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    return { ok: false, problem: { reason: 'too-large', message: `larger than ${MAX_CONFIG_BYTES} bytes` } };
  }
  if (!text.replace(/#.*$/gm, '').trim())
    return { ok: false, problem: { reason: 'empty', message: 'the file is empty' } };
  let document: unknown;
  try {
    document = load(text, { maxDepth: 20 });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'unreadable YAML';
    return { ok: false, problem: { reason: /unknown .*tag/i.test(message) ? 'unsafe-tag' : 'syntax', message } };
  }
  if (document === null || document === undefined)
    return { ok: false, problem: { reason: 'empty', message: 'the file is empty' } };
  if (typeof document !== 'object' || Array.isArray(document) || !checkFile.Check(document)) {
    const errors = typeof document === 'object' && document !== null ? [...checkFile.Errors(document)] : [];
    const detail =
      errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ') || 'the file is not a mapping of keys';
    return { ok: false, problem: { reason: 'schema', message: detail } };
  }
  return { ok: true, config: mergeOntoDefaults(document) };
}

function mergeOntoDefaults(file: RepoConfigFile): RepoConfig {
  const alias = Object.entries(file['label-alias'] ?? {});
  // The original bot's files name the generic class `feature_request`; the generic model says `feature`.
  const legacy = alias.find(([from]) => from === 'feature_request');
  if (legacy && !alias.some(([from]) => from === 'feature')) alias.push(['feature', legacy[1]]);
  return {
    enabled: file.enabled ?? DEFAULT_REPO_CONFIG.enabled,
    // Object.fromEntries defines own properties, so a `__proto__` key cannot reach the prototype.
    labelAlias: { ...DEFAULT_REPO_CONFIG.labelAlias, ...Object.fromEntries(alias) },
    predictedLabels: file['predicted-labels'] ?? DEFAULT_REPO_CONFIG.predictedLabels,
    minConfidence: file['min-confidence'] ?? DEFAULT_REPO_CONFIG.minConfidence,
    comment: file.comment ?? DEFAULT_REPO_CONFIG.comment,
    createLabels: file['create-labels'] ?? DEFAULT_REPO_CONFIG.createLabels,
  };
}

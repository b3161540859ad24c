import { type Static, Type } from 'typebox';
import type { RepoConfig } from './types.js';

/** Where the repository's config lives (and, in the org's `.github` repository, the org-wide one). */
export const REPO_CONFIG_PATH = '.github/issue_label_bot.yaml';

/** The one place the repo config defaults are written. */
export const DEFAULT_REPO_CONFIG: Readonly<RepoConfig> = Object.freeze({
  enabled: true,
  labelAlias: {},
  predictedLabels: null,
  minConfidence: null,
  comment: false,
  createLabels: false,
});

/** `.github/issue_label_bot.yaml` as written: the original bot's keys first, then labelbot's. Unknown keys are ignored. */
export const RepoConfigFileSchema = Type.Object({
  'label-alias': Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  'predicted-labels': Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  enabled: Type.Optional(Type.Boolean()),
  'min-confidence': Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])),
  comment: Type.Optional(Type.Boolean()),
  'create-labels': Type.Optional(Type.Boolean()),
});

export type RepoConfigFile = Static<typeof RepoConfigFileSchema>;

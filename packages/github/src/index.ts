export { classifyGitHubError, type GitHubErrorClass } from './classify-github-error.js';
export { classifyLabelChange, type LabelChangeInput, type LabelChangeKind } from './classify-label-change.js';
export { type ConcurrencyGroup, createConcurrencyGroup, DEFAULT_MAX_CONCURRENT_REQUESTS } from './concurrency-group.js';
export {
  createGitHubClient,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_WRITE_INTERVAL_MS,
  type GitHubClient,
  type GitHubClientOptions,
} from './create-github-client.js';
export { createIssueLabeler, type IssueLabelerOptions } from './create-issue-labeler.js';
export { createKeySerialiser, type KeySerialiser } from './create-key-serialiser.js';
export {
  createRepoConfigReader,
  DEFAULT_CONFIG_TTL_MS,
  type RepoConfigReaderOptions,
} from './create-repo-config-reader.js';
export { createUndiciFetch, DEFAULT_GITHUB_TIMEOUT_MS, type UndiciFetchOptions } from './create-undici-fetch.js';
export { decideLabels, type LabelDecision, type LabelDecisionInput } from './decide-labels.js';
export { FRESH_ISSUE_MS, isFreshUnlabelledIssue } from './is-fresh-unlabelled-issue.js';
export { LabelbotOctokit } from './labelbot-octokit.js';
export { type ParsedRepoConfig, parseRepoConfig, type RepoConfigProblem } from './parse-repo-config.js';
export { COMMENT_MARKER } from './post-label-comment.js';
export {
  DEFAULT_REPO_CONFIG,
  REPO_CONFIG_PATH,
  type RepoConfigFile,
  RepoConfigFileSchema,
} from './repo-config-schema.js';
export type {
  IssueLabeler,
  IssueRef,
  LabelOutcome,
  LabelPath,
  LabelRequest,
  RepoConfig,
  SkipReason,
} from './types.js';
export { GitHubAppConfigError, validatePrivateKey } from './validate-private-key.js';

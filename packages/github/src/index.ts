export { classifyGitHubError, type GitHubErrorClass } from './classify-github-error.js';
export {
  createGitHubClient,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_WRITE_INTERVAL_MS,
  type GitHubClient,
  type GitHubClientOptions,
} from './create-github-client.js';
export { LabelbotOctokit } from './labelbot-octokit.js';
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

export type {
  IssueLabeler,
  IssueRef,
  LabelOutcome,
  LabelPath,
  LabelRequest,
  RepoConfig,
  SkipReason,
} from './types.js';

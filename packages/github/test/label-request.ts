import { DEFAULT_REPO_CONFIG, type LabelRequest, type RepoConfig } from '../src/index.js';
import { INSTALLATION, OWNER } from './support.js';

/** A generic-path request for octo-org/app#1 predicting the given labels. */
export function labelRequest(
  labels: string[],
  config: Partial<RepoConfig> = {},
  extra: Partial<LabelRequest> = {},
): LabelRequest {
  return {
    issue: { installationId: INSTALLATION, owner: OWNER, repo: 'app', issueNumber: 1, private: false },
    deliveryId: 'delivery-1',
    path: 'generic',
    model: { name: 'generic', version: '2024.1' },
    scores: { bug: 0.91, feature: 0.05, question: 0.04 },
    labels,
    currentLabels: [],
    config: { ...DEFAULT_REPO_CONFIG, ...config },
    ...extra,
  };
}

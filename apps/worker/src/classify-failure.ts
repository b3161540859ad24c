import { classifyGitHubError } from '@labelbot/github';
import { ModelBundleError } from '@labelbot/model';
import { StoreUnavailableError } from '@labelbot/store';

/** Why a failure is transient or not: the store's and the model's own errors first, then GitHub's rules. */
export function classifyFailure(error: unknown): 'transient' | 'permanent' {
  if (error instanceof StoreUnavailableError || error instanceof ModelBundleError) return 'transient';
  return classifyGitHubError(error);
}

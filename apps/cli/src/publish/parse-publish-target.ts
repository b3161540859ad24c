import type { ModelTarget } from '@labelbot/store';

/**
 * `gs://bucket/models/owner/repo` (or `file:///dir/owner/repo`) → the store base and the target:
 * the last two path segments name the repository (`_org` for an org-wide model).
 */
export function parsePublishTarget(url: string): { storeUrl: string; target: ModelTarget } {
  const match = /^((?:gs|file):\/\/.+?)\/([^/]+)\/([^/]+)\/?$/.exec(url);
  if (!match) throw new Error(`--to must be gs://bucket/prefix/owner/repo or file:///dir/owner/repo, got '${url}'`);
  return { storeUrl: match[1]!, target: { owner: match[2]!, repo: match[3]! } };
}

/** `owner/repo` (as `labelbot models` takes it) → a target. */
export function parseRepoTarget(repo: string): ModelTarget {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repo);
  if (!match) throw new Error(`expected owner/repo, got '${repo}'`);
  return { owner: match[1]!, repo: match[2]! };
}

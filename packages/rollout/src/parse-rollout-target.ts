import { ORG_NAME_PATTERN, REPO_NAME_PATTERN } from './forwarding-schema.js';

/** What `labelbot rollout set|ramp` changes: an `orgs` entry or a `repos` entry. */
export interface RolloutTarget {
  section: 'orgs' | 'repos';
  name: string;
}

/** Reads a TARGET argument: `owner/name` is a repository, a bare login an organisation. */
export function parseRolloutTarget(text: string): RolloutTarget {
  if (text.includes('/')) {
    if (!new RegExp(REPO_NAME_PATTERN).test(text)) throw new Error(`'${text}' is not a well-formed owner/name`);
    return { section: 'repos', name: text };
  }
  if (!new RegExp(ORG_NAME_PATTERN).test(text)) throw new Error(`'${text}' is not a well-formed organisation login`);
  return { section: 'orgs', name: text };
}

/** Reads a probability argument, refusing anything outside [0, 1]. */
export function parseProbability(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`probability '${text}' must be a number in [0, 1]`);
  }
  return value;
}

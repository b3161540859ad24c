import type { ForwardingConfig } from './forwarding-config.js';
import { stickyDraw } from './sticky-draw.js';

/** The issue a routing decision is made for. */
export interface RouteSubject {
  owner: string;
  repo: string;
  number: number;
}

/** Where an issue goes, and which entry of the file decided it. */
export interface RouteDecision {
  path: 'forwarded' | 'generic';
  /** The probability that applied (0 when no entry matched). */
  probability: number;
  matched: 'repo' | 'org' | 'none';
}

interface Index {
  orgs: Map<string, number>;
  repos: Map<string, number>;
}

// Configs are immutable once parsed; the lower-cased lookup is built once per config, not per event.
const indexes = new WeakMap<ForwardingConfig, Index>();

function indexOf(config: ForwardingConfig): Index {
  let index = indexes.get(config);
  if (!index) {
    const lower = (record: Readonly<Record<string, number>>) =>
      new Map(Object.entries(record).map(([name, p]) => [name.toLowerCase(), p]));
    index = { orgs: lower(config.orgs), repos: lower(config.repos) };
    indexes.set(config, index);
  }
  return index;
}

/** The probability entry for a repository: its `repos` entry, else its org's, else none (0). */
export function lookupProbability(
  config: ForwardingConfig,
  owner: string,
  repo: string,
): Pick<RouteDecision, 'probability' | 'matched'> {
  const index = indexOf(config);
  const byRepo = index.repos.get(`${owner}/${repo}`.toLowerCase());
  if (byRepo !== undefined) return { probability: byRepo, matched: 'repo' };
  const byOrg = index.orgs.get(owner.toLowerCase());
  if (byOrg !== undefined) return { probability: byOrg, matched: 'org' };
  return { probability: 0, matched: 'none' };
}

/**
 * Routes an issue: forwarded when its {@link stickyDraw} is below the probability that applies
 * (repo entry beats org entry), so raising p only ever moves more issues to the forwarded path.
 */
export function decideRoute(config: ForwardingConfig, subject: RouteSubject): RouteDecision {
  const { probability, matched } = lookupProbability(config, subject.owner, subject.repo);
  const forwarded = probability > 0 && stickyDraw(subject.owner, subject.repo, subject.number) < probability;
  return { path: forwarded ? 'forwarded' : 'generic', probability, matched };
}

/**
 * The value for a per-repository metric label: `owner/name` (lower-cased) for repositories
 * named in the file's `repos`, `other` for the rest, so label cardinality stays bounded.
 */
export function repoMetricLabel(config: ForwardingConfig, owner: string, repo: string): string {
  const name = `${owner}/${repo}`.toLowerCase();
  return indexOf(config).repos.has(name) ? name : 'other';
}

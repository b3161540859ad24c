import type { Logger, Registry } from '@labelbot/telemetry';
import type { GitHubClient } from './create-github-client.js';
import { getCounter } from './get-metric.js';
import { parseRepoConfig } from './parse-repo-config.js';
import { DEFAULT_REPO_CONFIG, REPO_CONFIG_PATH } from './repo-config-schema.js';
import type { IssueRef, RepoConfig } from './types.js';

/** How long a repository's config is served from memory before GitHub is asked again. */
export const DEFAULT_CONFIG_TTL_MS = 5 * 60_000;
/** Repositories whose config (and, in the labeler, whose label list) is kept in memory at most; the oldest goes first. */
export const MAX_CACHED_REPOS = 10_000;

export interface RepoConfigReaderOptions {
  client: GitHubClient | null;
  logger: Logger;
  registry?: Registry;
  ttlMs?: number;
  clock?: () => number;
}

type RepoKey = Pick<IssueRef, 'installationId' | 'owner' | 'repo'>;
interface Entry {
  config: RepoConfig;
  expiresAt: number;
  /** The last config parsed from a valid file, kept when the file later turns bad. */
  lastGood: RepoConfig | null;
}

/**
 * Reads `.github/issue_label_bot.yaml` from the repository's default branch, else from the org's `.github`
 * repository, else uses the defaults; caches per repository for `ttlMs`. A bad file is logged and counted and
 * the repository keeps its last good config (the defaults when it never had one).
 */
export function createRepoConfigReader(options: RepoConfigReaderOptions): (repo: RepoKey) => Promise<RepoConfig> {
  const { client, logger } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_CONFIG_TTL_MS;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<RepoConfig>>();
  const problems = options.registry
    ? getCounter(
        options.registry,
        'labelbot_repo_config_errors_total',
        'Repository configs that could not be used, by reason',
        ['reason'],
      )
    : null;

  const readFile = async (ref: RepoKey, repo: string): Promise<string | null> => {
    if (!client) return null;
    const octokit = await client.installation(ref.installationId);
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: ref.owner,
        repo,
        path: REPO_CONFIG_PATH,
        mediaType: { format: 'raw' },
      });
      return typeof data === 'string' ? data : String(data);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  };

  const load = async (ref: RepoKey, key: string): Promise<RepoConfig> => {
    const previous = cache.get(key);
    let text: string | null;
    let source: string;
    try {
      source = `${ref.owner}/${ref.repo}`;
      text = await readFile(ref, ref.repo);
      if (text === null && ref.repo !== '.github') {
        source = `${ref.owner}/.github`;
        text = await readFile(ref, '.github');
      }
    } catch (error) {
      if (!previous) throw error;
      logger.warn({ err: error, repo: key }, 'repo config unreachable; serving the cached one');
      return previous.config;
    }
    let config: RepoConfig = { ...DEFAULT_REPO_CONFIG };
    let lastGood = previous?.lastGood ?? null;
    if (text !== null) {
      const parsed = parseRepoConfig(text);
      if (parsed.ok) {
        config = parsed.config;
        lastGood = parsed.config;
      } else {
        config = lastGood ?? config;
        problems?.inc({ reason: parsed.problem.reason });
        logger.warn(
          {
            repo: key,
            source,
            path: REPO_CONFIG_PATH,
            reason: parsed.problem.reason,
            problem: parsed.problem.message,
            using: lastGood ? 'last-good' : 'defaults',
          },
          `repo config ${REPO_CONFIG_PATH} in ${source} is unusable (${parsed.problem.reason}); using ${lastGood ? 'the last good config' : 'the defaults'}`,
        );
      }
    }
    if (cache.size >= MAX_CACHED_REPOS && !cache.has(key)) cache.delete(cache.keys().next().value as string);
    cache.set(key, { config, expiresAt: clock() + ttlMs, lastGood });
    return config;
  };

  return (ref) => {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const entry = cache.get(key);
    if (entry && entry.expiresAt > clock()) return Promise.resolve(entry.config);
    let loading = pending.get(key);
    if (!loading) {
      loading = load(ref, key).finally(() => pending.delete(key));
      pending.set(key, loading);
    }
    return loading;
  };
}

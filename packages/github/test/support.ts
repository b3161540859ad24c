import { createLogger, createRegistry, MemoryLog } from '@labelbot/telemetry';
import {
  type GitHubStandIn,
  type GitHubStandInOptions,
  startGitHubStandIn,
} from '../../../test/support/github-stand-in.js';
import { standInGitHubClient } from '../../../test/support/stand-in-github-client.js';
import type { GitHubClientOptions } from '../src/index.js';

export const INSTALLATION = 11;
export const OWNER = 'octo-org';

/** A stand-in seeded with one installation owning `octo-org/app` (labels bug, feature, question) and issue #1. */
export function seededStandIn(extra: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  return startGitHubStandIn({
    installations: [
      {
        id: INSTALLATION,
        account: OWNER,
        repos: [{ name: 'app', labels: ['bug', 'feature', 'question'], issues: [{ number: 1, title: 'It crashes' }] }],
      },
    ],
    ...extra,
  });
}

export function clientFor(standIn: GitHubStandIn, options: Partial<GitHubClientOptions> = {}) {
  const log = new MemoryLog();
  const registry = createRegistry();
  const logger = createLogger({ destination: log, level: 'debug' });
  const client = standInGitHubClient(standIn, { logger, registry, retryBaseMs: 10, ...options });
  return { client, log, registry, logger };
}

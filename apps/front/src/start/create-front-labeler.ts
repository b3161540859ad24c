import { createIssueLabeler, type GitHubClient, type IssueLabeler } from '@labelbot/github';
import type { Logger, Registry } from '@labelbot/telemetry';
import type { FrontConfig } from '../config/front-config.js';

export interface CreateFrontLabelerOptions {
  github: GitHubClient | null;
  config: FrontConfig;
  logger: Logger;
  registry: Registry;
  botLogin: string;
}

/** The generic path's labeler: packages/github owns repo config and the label rules (no client = dry run). */
export function createFrontLabeler(options: CreateFrontLabelerOptions): IssueLabeler {
  return createIssueLabeler({
    client: options.github,
    dryRun: options.config.dryRun,
    logger: options.logger,
    registry: options.registry,
    botLogin: options.botLogin,
  });
}

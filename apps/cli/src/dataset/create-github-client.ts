import { readFileSync } from 'node:fs';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { splitRepo } from './issue-page.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  repo: string;
  env: Record<string, string | undefined>;
  /** `--token`; beats GITHUB_TOKEN and App credentials. */
  token?: string | undefined;
  fetch?: typeof fetch;
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function privateKeyFrom(env: Record<string, string | undefined>): string | null {
  if (env.GITHUB_PRIVATE_KEY) return env.GITHUB_PRIVATE_KEY.replace(/\\n/g, '\n');
  if (env.GITHUB_PRIVATE_KEY_PATH) {
    try {
      return readFileSync(env.GITHUB_PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      throw new Error(
        `GITHUB_PRIVATE_KEY_PATH: cannot read ${env.GITHUB_PRIVATE_KEY_PATH}: ${(error as Error).message}`,
      );
    }
  }
  return null;
}

/**
 * An Octokit for reading `repo`: with a personal token (`--token` or GITHUB_TOKEN), or as the App's
 * installation on that repository (GITHUB_APP_ID + GITHUB_PRIVATE_KEY[_PATH]; the installation is
 * looked up unless GITHUB_INSTALLATION_ID is set). Installation tokens are renewed by the auth strategy.
 */
export async function createGitHubClient(options: GitHubClientOptions): Promise<{ octokit: Octokit; baseUrl: string }> {
  const { env } = options;
  const baseUrl = (env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/$/, '');
  const common = { baseUrl, log: quiet, request: options.fetch ? { fetch: options.fetch } : {} };
  const token = options.token ?? env.GITHUB_TOKEN;
  if (token) return { octokit: new Octokit({ ...common, auth: token }), baseUrl };
  const privateKey = privateKeyFrom(env);
  if (!env.GITHUB_APP_ID || !privateKey) {
    throw new Error(
      'no GitHub credentials: set GITHUB_TOKEN (or pass --token), or GITHUB_APP_ID with GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH',
    );
  }
  const appId = Number(env.GITHUB_APP_ID);
  if (!Number.isInteger(appId)) throw new Error(`GITHUB_APP_ID must be a number, got '${env.GITHUB_APP_ID}'`);
  let installationId = env.GITHUB_INSTALLATION_ID ? Number(env.GITHUB_INSTALLATION_ID) : null;
  if (installationId === null) {
    const app = new Octokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey } });
    const { owner, name } = splitRepo(options.repo);
    try {
      const { data } = await app.request('GET /repos/{owner}/{repo}/installation', { owner, repo: name });
      installationId = data.id;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) throw new Error(`the App (id ${appId}) is not installed on ${options.repo}`);
      throw error;
    }
  }
  const octokit = new Octokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  return { octokit, baseUrl };
}

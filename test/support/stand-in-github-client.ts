import { createGitHubClient, type GitHubClientOptions } from '@labelbot/github';

/** Where a GitHub stand-in listens and the App identity it issues installation tokens to. */
export interface StandInApp {
  url: string;
  appId: number;
  privateKeyPem: string;
}

/**
 * The production GitHub client pointed at a stand-in, as its App, with write spacing off (tests
 * and benchmarks measure labelbot, not GitHub's pacing guidance). `options` adds the rest.
 */
export function standInGitHubClient(
  standIn: StandInApp,
  options: Omit<GitHubClientOptions, 'appId' | 'privateKey' | 'baseUrl'>,
): ReturnType<typeof createGitHubClient> {
  return createGitHubClient({
    appId: standIn.appId,
    privateKey: standIn.privateKeyPem,
    baseUrl: standIn.url,
    writeIntervalMs: 0,
    ...options,
  });
}

import type { StandInApp } from './stand-in-github-client.js';

/** The environment that makes `loadFrontConfig` (and `labelbot front`) act as the stand-in's App. */
export function standInAppEnv(standIn: StandInApp): Record<string, string> {
  return {
    GITHUB_APP_ID: String(standIn.appId),
    GITHUB_PRIVATE_KEY: standIn.privateKeyPem,
    GITHUB_API_URL: standIn.url,
  };
}

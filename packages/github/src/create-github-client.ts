import type { Logger, Registry } from '@labelbot/telemetry';
import { App } from '@octokit/app';
import { createConcurrencyGroup } from './concurrency-group.js';
import { countGitHubCalls } from './count-github-calls.js';
import { createUndiciFetch } from './create-undici-fetch.js';
import { LabelbotOctokit } from './labelbot-octokit.js';
import { refreshTokenOn401 } from './refresh-token-on-401.js';
import { validatePrivateKey } from './validate-private-key.js';

/** GitHub's public API; GHES and tests set GITHUB_API_URL instead. */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** Spacing between writes of one installation (GitHub's guidance for content-creating requests). */
export const DEFAULT_WRITE_INTERVAL_MS = 1000;

export interface GitHubClientOptions {
  appId: number | string;
  /** PEM (PKCS#1 as GitHub issues it, or PKCS#8); `\n`-escaped newlines are accepted. */
  privateKey: string;
  /** GITHUB_API_URL; defaults to https://api.github.com. */
  baseUrl?: string;
  logger: Logger;
  /** GitHub calls are counted by method and status on this registry. */
  registry?: Registry;
  /** Retries of 5xx/network failures per request (retry-server-errors.ts), default 3. */
  retries?: number;
  /** Unit of the retry and rate-limit backoff in ms (GitHub's `retry-after` is in seconds), default 1000. */
  retryBaseMs?: number;
  /** Longest rate-limit wait accepted before failing the call as transient, in seconds; default 60. */
  maxRateLimitWaitSeconds?: number;
  /** Spacing between writes of one installation; default {@link DEFAULT_WRITE_INTERVAL_MS}; 0 turns it off. */
  writeIntervalMs?: number;
  /** Requests in flight to GitHub at once from this client, all installations together; default 100 (GitHub's secondary limit). */
  maxConcurrentRequests?: number;
  /** Connect / response-headers / body-idle timeout of each GitHub call, ms; default `DEFAULT_GITHUB_TIMEOUT_MS` (5 s). */
  requestTimeoutMs?: number;
  /** The HTTP edge; defaults to {@link createUndiciFetch} (keep-alive pool, a fraction of WHATWG fetch's CPU per call). */
  fetch?: typeof fetch;
}

export interface GitHubClient {
  readonly app: App;
  readonly baseUrl: string;
  /** An Octokit for the installation, built once per installation; tokens are cached by @octokit/auth-app. */
  installation(installationId: number): Promise<LabelbotOctokit>;
  /** The App's bot login (`slug[bot]`), read once with `GET /app`. */
  botLogin(): Promise<string>;
}

const MAX_CACHED_INSTALLATIONS = 1000;

/** Builds the GitHub App client once at start-up; a bad private key fails here with how to fix it. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const privateKey = validatePrivateKey(options.privateKey);
  const baseUrl = (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const logger = options.logger.child({ component: 'github' });
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retrying = retryAfter <= maxWait && retryCount < 3;
      logger.warn({ method: request.method, url: request.url, retryAfter, retryCount, retrying }, `GitHub ${kind}`);
      return retrying;
    };
  // The plugin's shared group allows 10 requests at once per process, each scheduled through Bottleneck.
  const groups = { global: createConcurrencyGroup(options.maxConcurrentRequests) };
  const noGroup = { key: () => ({ schedule: (_options: unknown, job: () => unknown) => job() }) };
  const Octokit = LabelbotOctokit.defaults({
    baseUrl,
    request: {
      fetch: countGitHubCalls(
        options.fetch ??
          createUndiciFetch(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
        options.registry,
      ),
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: retryBaseMs },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: retryBaseMs,
      ...groups,
      // Per-process write groups replaced by per-installation spacing (space-writes.ts).
      write: noGroup as never,
      notifications: noGroup as never,
    },
    writeIntervalMs: options.writeIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS,
    log: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.info(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  });
  const app = new App({ appId: options.appId, privateKey, Octokit, log: logger });
  const installations = new Map<number, Promise<LabelbotOctokit>>();
  let botLogin: Promise<string> | undefined;

  return {
    app,
    baseUrl,
    installation(installationId) {
      let octokit = installations.get(installationId);
      if (!octokit) {
        if (installations.size >= MAX_CACHED_INSTALLATIONS)
          installations.delete(installations.keys().next().value as number);
        octokit = (app.getInstallationOctokit(installationId) as Promise<LabelbotOctokit>).then((created) => {
          refreshTokenOn401(created, installationId, logger);
          return created;
        });
        installations.set(installationId, octokit);
        octokit.catch(() => installations.delete(installationId));
      }
      return octokit;
    },
    botLogin() {
      botLogin ??= app.octokit.request('GET /app').then(({ data }) => `${data?.slug ?? 'labelbot'}[bot]`);
      botLogin.catch(() => {
        botLogin = undefined;
      });
      return botLogin;
    },
  };
}

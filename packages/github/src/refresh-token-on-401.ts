import type { Logger } from '@labelbot/telemetry';
import type { LabelbotOctokit } from './labelbot-octokit.js';

/**
 * A cached installation token refused with 401 (revoked, or the App was uninstalled) is replaced once and the
 * request repeated. If the installation is gone, the token request answers 404 and that error is thrown, so the
 * caller sees a permanent failure rather than an hour of 401s until the cached token would have expired.
 */
export function refreshTokenOn401(octokit: LabelbotOctokit, installationId: number, logger: Logger): void {
  octokit.hook.error('request', async (error, options) => {
    const retried = (options.request as { tokenRefreshed?: boolean } | undefined)?.tokenRefreshed;
    // App-level (JWT) requests, the token request among them, have nothing to refresh: a 401 there is final.
    const appRoute = /^(https?:\/\/[^/]+)?\/app(\/|$)/.test(options.url);
    if ((error as { status?: number }).status !== 401 || retried || appRoute) throw error;
    logger.warn({ installationId, url: options.url }, 'installation token refused (401); requesting a new one');
    await octokit.auth({ type: 'installation', refresh: true });
    return octokit.request({ ...options, request: { ...options.request, tokenRefreshed: true } } as never);
  });
}

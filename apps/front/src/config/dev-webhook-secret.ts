/**
 * The webhook secret `labelbot dev` uses when GITHUB_WEBHOOK_SECRET is unset, and the one
 * `labelbot replay` signs with by default. It is public, so it only ever signs local traffic;
 * `labelbot front` never falls back to it.
 */
export const DEV_WEBHOOK_SECRET = 'labelbot-development-secret';

/** The `event` label of a refused (unsigned or forged) delivery: its headers are the caller's text, never a label. */
export const UNVERIFIED_EVENT = 'unverified';

/** The `event` label of a verified delivery whose event is not in {@link KNOWN_WEBHOOK_EVENTS}. */
export const OTHER_EVENT = 'other';

/** Events an App like labelbot is sent or subscribes to; each may become its own metric series. */
export const KNOWN_WEBHOOK_EVENTS: ReadonlySet<string> = new Set([
  'ping',
  'issues',
  'issue_comment',
  'label',
  'installation',
  'installation_repositories',
  'installation_target',
  'github_app_authorization',
  'repository',
  'meta',
]);

/**
 * The bounded metric label for an `X-GitHub-Event` header: a known event name, else `other`, and
 * `unverified` for a delivery whose signature did not check out. Every value becomes a Prometheus series kept
 * for the life of the process, so a caller must not be able to choose it.
 */
export function webhookEventLabel(header: string | undefined, verified: boolean): string {
  if (!verified) return UNVERIFIED_EVENT;
  return header !== undefined && KNOWN_WEBHOOK_EVENTS.has(header) ? header : OTHER_EVENT;
}

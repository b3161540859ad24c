/** How young an `issues.opened` event's issue may be for its label history to be known empty without reading it. */
export const FRESH_ISSUE_MS = 10_000;

/**
 * True when the event itself proves the issue has no label history worth reading: it is the `opened` event,
 * its payload shows no labels, and the issue was created at most {@link FRESH_ISSUE_MS} before `now`.
 *
 * Why that is safe: a label someone removed must have been added after creation (the payload shows none) and
 * removed again before now, all within seconds of the issue being opened, before the bot has labelled it; a
 * redelivery (same payload) that comes after the window reads the events as always. What remains is a person
 * adding and removing a label, or removing the bot's first label, inside the window and a redelivery inside it
 * too. A creation time in the local clock's future is not called fresh, so a clock running ahead of GitHub's
 * only makes the check read more; one running behind widens the window by its lag.
 */
export function isFreshUnlabelledIssue(
  request: { action?: string; issueCreatedAt?: string; currentLabels: string[] },
  now: number,
): boolean {
  if (request.action !== 'opened' || request.currentLabels.length > 0 || !request.issueCreatedAt) return false;
  const age = now - Date.parse(request.issueCreatedAt);
  return age >= 0 && age <= FRESH_ISSUE_MS;
}

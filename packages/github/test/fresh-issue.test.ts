import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { createIssueLabeler, FRESH_ISSUE_MS, isFreshUnlabelledIssue } from '../src/index.js';
import { labelRequest } from './label-request.js';
import { clientFor, seededStandIn } from './support.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const EVENTS_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/events';
const openedAgo = (ms: number) => ({ action: 'opened', issueCreatedAt: new Date(NOW - ms).toISOString() });

describe('isFreshUnlabelledIssue', () => {
  it('is true only for an opened event without labels, created within the window and not in the future', () => {
    expect(isFreshUnlabelledIssue({ ...openedAgo(1000), currentLabels: [] }, NOW)).toBe(true);
    expect(isFreshUnlabelledIssue({ ...openedAgo(FRESH_ISSUE_MS), currentLabels: [] }, NOW)).toBe(true);
    expect(isFreshUnlabelledIssue({ ...openedAgo(FRESH_ISSUE_MS + 1), currentLabels: [] }, NOW)).toBe(false);
    expect(isFreshUnlabelledIssue({ ...openedAgo(-1000), currentLabels: [] }, NOW)).toBe(false);
    expect(isFreshUnlabelledIssue({ ...openedAgo(1000), currentLabels: ['bug'] }, NOW)).toBe(false);
    expect(isFreshUnlabelledIssue({ ...openedAgo(1000), action: 'reopened', currentLabels: [] }, NOW)).toBe(false);
    expect(isFreshUnlabelledIssue({ action: 'opened', currentLabels: [] }, NOW)).toBe(false);
    expect(isFreshUnlabelledIssue({ action: 'opened', issueCreatedAt: 'yesterday', currentLabels: [] }, NOW)).toBe(
      false,
    );
  });
});

describe('createIssueLabeler with the event payload of a just-opened issue', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
  });
  const labelerAt = async () => {
    standIn = await seededStandIn();
    const { client, logger } = clientFor(standIn);
    return createIssueLabeler({ client, dryRun: false, logger, clock: () => NOW });
  };
  const eventReads = () => standIn.requests.filter((r) => r.route === EVENTS_ROUTE).length;

  it('labels a fresh unlabelled issue without reading its events', async () => {
    const labeler = await labelerAt();
    const outcome = await labeler.labelIssue(labelRequest(['bug'], {}, openedAgo(2000)));
    expect(outcome.applied).toEqual(['bug']);
    expect(eventReads()).toBe(0);
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual(['bug']);
  });

  it('reads the events of a redelivery that comes after the window, and keeps a removed label off', async () => {
    const labeler = await labelerAt();
    await labeler.labelIssue(labelRequest(['bug'], {}, openedAgo(2000)));
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    const again = await labeler.labelIssue(
      labelRequest(['bug'], {}, { ...openedAgo(FRESH_ISSUE_MS + 5000), deliveryId: 'delivery-2' }),
    );
    expect(again).toMatchObject({ applied: [], skipped: [{ label: 'bug', reason: 'removed-by-human' }] });
    expect(eventReads()).toBe(1);
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual([]);
  });

  it('reads the events when the payload already shows labels, or the action is not opened', async () => {
    const labeler = await labelerAt();
    await labeler.labelIssue(labelRequest(['bug'], {}, { ...openedAgo(1000), currentLabels: ['question'] }));
    await labeler.labelIssue(labelRequest(['bug'], {}, { ...openedAgo(1000), action: 'reopened' }));
    expect(eventReads()).toBe(2);
  });
});

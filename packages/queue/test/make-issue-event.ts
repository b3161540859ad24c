import { randomUUID } from 'node:crypto';
import { ISSUE_EVENT_SCHEMA, type IssueEvent } from '../src/index.js';

/** A valid `labelbot.issue-event/v1` message for tests; override what the test is about. */
export function makeIssueEvent(overrides: Partial<IssueEvent> & { number?: number } = {}): IssueEvent {
  const { number = 1, ...rest } = overrides;
  return {
    schema: ISSUE_EVENT_SCHEMA,
    deliveryId: randomUUID(),
    event: 'issues',
    action: 'opened',
    installationId: 4242,
    repository: { owner: 'octo-org', name: 'widgets', id: 99, private: false },
    issue: { number, title: 'Crash when saving', body: 'Stack trace attached', labels: [], author: 'someone' },
    sender: 'someone',
    receivedAt: new Date().toISOString(),
    ...rest,
  };
}

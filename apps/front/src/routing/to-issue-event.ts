import { ISSUE_EVENT_SCHEMA, type IssueEvent } from '@labelbot/queue';
import type { IssueContext } from './issue-context.js';

/** The `labelbot.issue-event/v1` message for an issue the front forwards (or hands over for a generic retry). */
export function toIssueEvent(context: IssueContext, model?: 'generic'): IssueEvent {
  return {
    schema: ISSUE_EVENT_SCHEMA,
    deliveryId: context.deliveryId,
    event: context.event,
    action: context.action,
    installationId: context.installationId,
    repository: { ...context.repository },
    issue: { ...context.issue, labels: [...context.issue.labels] },
    sender: context.sender,
    receivedAt: context.receivedAt.toISOString(),
    ...(model ? { model } : {}),
  };
}

export {
  attributesOf,
  ISSUE_EVENT_SCHEMA,
  type IssueEvent,
  type IssueEventAttributes,
  IssueEventSchema,
  orderingKeyOf,
} from './issue-event.js';
export type {
  Disposition,
  IssueEventPublisher,
  IssueEventSubscriber,
  MessageHandler,
  ReceivedMessage,
} from './queue.js';

export { createInProcessQueue, type InProcessQueue, type InProcessQueueOptions } from './create-in-process-queue.js';
export { createPubSubClient, type PubSubClientOptions } from './create-pubsub-client.js';
export {
  createPubSubPublisher,
  DEFAULT_PUBLISH_TIMEOUT_MS,
  type PubSubPublisherOptions,
} from './create-pubsub-publisher.js';
export { createPubSubSubscriber, type PubSubSubscriberOptions } from './create-pubsub-subscriber.js';
export {
  attributesOf,
  ISSUE_EVENT_SCHEMA,
  type IssueEvent,
  type IssueEventAttributes,
  IssueEventSchema,
  orderingKeyOf,
} from './issue-event.js';
export {
  LABEL_FEEDBACK_SCHEMA,
  type LabelFeedbackEvent,
  LabelFeedbackEventSchema,
  type QueuedEvent,
} from './label-feedback-event.js';
export type {
  Disposition,
  IssueEventPublisher,
  IssueEventSubscriber,
  MessageHandler,
  ReceivedMessage,
  SubscriberEvents,
} from './queue.js';
export { deadLetterTopicOf, QUEUE_DEFAULTS } from './queue-defaults.js';
export { type SetupPubSubOptions, type SetupPubSubResult, setupPubSub } from './setup-pubsub.js';

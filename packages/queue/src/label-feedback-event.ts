import { type Static, Type } from 'typebox';
import { EventRepositorySchema, type IssueEvent } from './issue-event.js';

/** The schema id of a feedback message (also its `schema` attribute, which the worker dispatches on). */
export const LABEL_FEEDBACK_SCHEMA = 'labelbot.label-feedback/v1';

/**
 * `labelbot.label-feedback/v1`: a person's label change on a forwarded issue, already attributed by
 * the front against the issue's timeline (`kind`). It travels on the issue events' topic with the
 * issue's ordering key, and the worker counts it with the version of the model it serves for the
 * repository (a removal always follows the labelling that applied the label, whatever the delivery order). A worker that predates this schema acks it as
 * invalid (it never labels from it).
 */
export const LabelFeedbackEventSchema = Type.Object({
  schema: Type.Literal(LABEL_FEEDBACK_SCHEMA),
  deliveryId: Type.String({ minLength: 1 }),
  event: Type.Literal('issues'),
  action: Type.Union([Type.Literal('labeled'), Type.Literal('unlabeled')]),
  installationId: Type.Integer({ minimum: 1 }),
  repository: EventRepositorySchema,
  issue: Type.Object({ number: Type.Integer({ minimum: 1 }) }),
  label: Type.String({ minLength: 1 }),
  /** `bot-label-removed` (a false positive) or `label-added-by-person` (a candidate miss: the worker keeps it only for its model's labels). */
  kind: Type.Union([Type.Literal('bot-label-removed'), Type.Literal('label-added-by-person')]),
  sender: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
});

export type LabelFeedbackEvent = Static<typeof LabelFeedbackEventSchema>;

/** Everything published on the issue events' topic. */
export type QueuedEvent = IssueEvent | LabelFeedbackEvent;

import { type Static, Type } from 'typebox';

/** The schema id carried in the message and its `schema` attribute; bump the suffix on a breaking change. */
export const ISSUE_EVENT_SCHEMA = 'labelbot.issue-event/v1';

/** The repository an event is about, as every labelbot message carries it. */
export const EventRepositorySchema = Type.Object({
  owner: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  id: Type.Integer(),
  private: Type.Boolean(),
});

/** `labelbot.issue-event/v1`: what the front publishes and the worker consumes. */
export const IssueEventSchema = Type.Object({
  schema: Type.Literal(ISSUE_EVENT_SCHEMA),
  deliveryId: Type.String({ minLength: 1 }),
  event: Type.String({ minLength: 1 }),
  action: Type.String(),
  installationId: Type.Integer({ minimum: 1 }),
  repository: EventRepositorySchema,
  issue: Type.Object({
    number: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    body: Type.String(),
    labels: Type.Array(Type.String()),
    author: Type.String(),
    /** When the issue was created (GitHub's `created_at`); lets a just-opened issue skip its history read. */
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  }),
  sender: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  /**
   * `generic`: the front's generic path failed on this issue and hands it over for retry; the worker
   * labels it with the generic model (never the repository's own, which the rollout did not choose).
   */
  model: Type.Optional(Type.Literal('generic')),
});

export type IssueEvent = Static<typeof IssueEventSchema>;

/** Pub/Sub attributes: the names the original Label_Microservice worker read, plus ours. */
export interface IssueEventAttributes {
  installation_id: string;
  repo_owner: string;
  repo_name: string;
  issue_num: string;
  event: string;
  action: string;
  delivery_id: string;
  schema: string;
  [key: string]: string;
}

/** Every event of one issue shares an ordering key, so an ordered subscription (`pubsub setup --ordered`) delivers them in order. */
export function orderingKeyOf(event: {
  repository: { owner: string; name: string };
  issue: { number: number };
}): string {
  return `${event.repository.owner}/${event.repository.name}#${event.issue.number}`;
}

/** The attributes of any message on the topic (an issue event or a label feedback event). */
export function attributesOf(
  event: Pick<IssueEvent, 'installationId' | 'event' | 'action' | 'deliveryId'> &
    Parameters<typeof orderingKeyOf>[0] & { schema: string },
): IssueEventAttributes {
  return {
    installation_id: String(event.installationId),
    repo_owner: event.repository.owner,
    repo_name: event.repository.name,
    issue_num: String(event.issue.number),
    event: event.event,
    action: event.action,
    delivery_id: event.deliveryId,
    schema: event.schema,
  };
}

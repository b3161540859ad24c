import { type Static, Type } from 'typebox';

/** The webhook route's 200 body: what the front did with a delivery (also what `labelbot replay` prints). */
export const DeliveryResultSchema = Type.Object({
  delivery: Type.String(),
  event: Type.String(),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('ignored'), Type.Literal('duplicate')]),
  reason: Type.Optional(Type.String()),
  path: Type.Optional(Type.Union([Type.Literal('forwarded'), Type.Literal('generic')])),
  fallback: Type.Optional(Type.Boolean()),
  model: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  predicted: Type.Optional(Type.Array(Type.String())),
  applied: Type.Optional(Type.Array(Type.String())),
  skipped: Type.Optional(Type.Array(Type.Object({ label: Type.String(), reason: Type.String() }))),
  dryRun: Type.Optional(Type.Boolean()),
  messageId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The generic path failed; the issue is queued for the worker to retry with the generic model. */
  queuedForRetry: Type.Optional(Type.Boolean()),
});

export type DeliveryResult = Static<typeof DeliveryResultSchema>;

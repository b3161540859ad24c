import { LABEL_FEEDBACK_SCHEMA, type LabelFeedbackEvent } from '@labelbot/queue';
import {
  ADDED_KIND,
  labelMetricLabel,
  modelMetricLabel,
  type REMOVED_KIND,
  repoMetricLabel,
  UNKNOWN_MODEL,
} from '@labelbot/rollout';
import type { Logger } from '@labelbot/telemetry';
import type { FrontRuntime } from '../front-runtime.js';
import type { Delivery } from './delivery.js';
import type { IssuesPayload } from './issues-payload-schema.js';

/** A person's label change, attributed against the timeline, on the issue of a delivery. */
export interface LabelFeedback {
  delivery: Delivery;
  payload: IssuesPayload & { installation: { id: number } };
  label: string;
  kind: typeof REMOVED_KIND | typeof ADDED_KIND;
  path: 'forwarded' | 'generic';
  log: Logger;
}

/**
 * Where the feedback went: counted here (`model`), handed to the worker (`messageId`), or neither
 * (both null: a person's added label on a forwarded issue the worker could not be told about).
 */
export interface RecordedFeedback {
  model: string | null;
  messageId: string | null;
}

/**
 * Counts a person's feedback with the model that labels the issue's path. Generic: here, with the
 * generic bundle's version. Forwarded: published to the worker as `labelbot.label-feedback/v1`,
 * which counts it with the version of the repository's model it serves. When that publish fails, a
 * removed bot label is counted here with model `unknown` (it was the model's label, so the path's
 * precision never loses it); an added label is not counted (only the worker knows whether the
 * repository's model predicts it), and the log line says so.
 */
export async function recordLabelFeedback(front: FrontRuntime, feedback: LabelFeedback): Promise<RecordedFeedback> {
  const { payload, label, kind, path, log } = feedback;
  const owner = payload.repository.owner.login;
  const repo = repoMetricLabel(front.forwarding.current(), owner, payload.repository.name);
  // The forwarded path's model labels are the worker's to know: a removal counted here (model unknown) maps to
  // the generic model's labels, or `other`, in a repository not named in forwarded_repo.yaml.
  const labelValue = labelMetricLabel(repo, label, front.model.manifest.labels);
  const count = (model: string) => front.metrics.labelFeedback.inc({ path, repo, label: labelValue, kind, model });
  if (path === 'generic') {
    const model = modelMetricLabel(repo, {
      source: 'generic',
      target: 'generic',
      version: front.model.manifest.version,
    });
    count(model);
    return { model, messageId: null };
  }
  try {
    if (!front.publisher) throw new Error('no Pub/Sub publisher is configured');
    const messageId = await front.publisher.publish(toFeedbackEvent(feedback));
    return { model: null, messageId };
  } catch (error) {
    if (kind === ADDED_KIND) {
      log.warn({ err: error, label, kind }, 'label feedback not handed to the worker; not counted');
      return { model: null, messageId: null };
    }
    log.warn({ err: error, label, kind }, 'label feedback not handed to the worker; counted here with model unknown');
    count(UNKNOWN_MODEL);
    return { model: UNKNOWN_MODEL, messageId: null };
  }
}

function toFeedbackEvent({ delivery, payload, label, kind }: LabelFeedback): LabelFeedbackEvent {
  const { repository } = payload;
  return {
    schema: LABEL_FEEDBACK_SCHEMA,
    deliveryId: delivery.id,
    event: 'issues',
    action: payload.action === 'labeled' ? 'labeled' : 'unlabeled',
    installationId: payload.installation.id,
    repository: {
      owner: repository.owner.login,
      name: repository.name,
      id: repository.id,
      private: repository.private,
    },
    issue: { number: payload.issue.number },
    label,
    kind,
    sender: payload.sender.login,
    receivedAt: delivery.receivedAt.toISOString(),
  };
}

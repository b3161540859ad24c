import { classifyLabelChange } from '@labelbot/github';
import type { Logger } from '@labelbot/telemetry';
import type { FrontRuntime } from '../front-runtime.js';
import { issueKey } from '../routing/issue-key.js';
import type { Delivery } from './delivery.js';
import type { DeliveryResult } from './delivery-result.js';
import type { IssuesPayload } from './issues-payload-schema.js';
import { recordLabelFeedback } from './record-label-feedback.js';

/**
 * `issues.labeled`: when a person added one of the model's labels (after the repository's
 * `label-alias`) that the bot never applied to the issue, count it as feedback (a miss) on the
 * issue's path. The model's labels are the generic model's: the front does not load repository
 * models, so a label only a repository model predicts is not counted.
 */
export async function handleLabeled(
  front: FrontRuntime,
  delivery: Delivery,
  payload: IssuesPayload,
  log: Logger,
): Promise<DeliveryResult> {
  const head = { delivery: delivery.id, event: 'issues.labeled' };
  const label = payload.label?.name;
  if (!label || !payload.installation) return { ...head, outcome: 'ignored', reason: 'no-label' };
  // Other Apps (label syncers, dependabot) are not people giving feedback: spare the config read.
  if (payload.sender.type === 'Bot') return { ...head, outcome: 'ignored', reason: 'not-counted' };
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const number = payload.issue.number;
  const installationId = payload.installation.id;
  const config = await front.labeler.getRepoConfig({ installationId, owner, repo });
  const modelLabels = front.model.manifest.labels.map((name) => config.labelAlias[name] ?? name);
  const kind = front.github
    ? await classifyLabelChange({
        client: front.github,
        installationId,
        owner,
        repo,
        issueNumber: number,
        label,
        action: 'labeled',
        actor: payload.sender.login,
        botLogin: front.botLogin,
        modelLabels,
        deliveryId: delivery.id,
      })
    : modelLabels.some((name) => name.toLowerCase() === label.toLowerCase()) &&
        !front.labelled.hasLabel(issueKey(owner, repo, number), label)
      ? 'label-added-by-person'
      : 'not-counted';
  if (kind !== 'label-added-by-person') return { ...head, outcome: 'ignored', reason: kind };
  const path = recordLabelFeedback(front, { owner, repo, number, label, kind });
  log.info({ label, path, sender: payload.sender.login }, "a person added one of the model's labels");
  return { ...head, outcome: 'accepted', reason: 'feedback', path };
}

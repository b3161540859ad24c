import { classifyLabelChange } from '@labelbot/github';
import { decideRoute } from '@labelbot/rollout';
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
 * issue's path (re-derived as in `handleUnlabeled`). On the generic path the model's labels are
 * the generic model's; on the forwarded path only the worker knows the repository model's labels,
 * so every label the bot never applied is handed to it and it keeps those its model predicts.
 */
export async function handleLabeled(
  front: FrontRuntime,
  delivery: Delivery,
  payload: IssuesPayload,
  log: Logger,
): Promise<DeliveryResult> {
  const head = { delivery: delivery.id, event: 'issues.labeled' };
  const label = payload.label?.name;
  const { installation } = payload;
  if (!label || !installation) return { ...head, outcome: 'ignored', reason: 'no-label' };
  // Other Apps (label syncers, dependabot) are not people giving feedback: spare the config read.
  if (payload.sender.type === 'Bot') return { ...head, outcome: 'ignored', reason: 'not-counted' };
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const number = payload.issue.number;
  const { path } = decideRoute(front.forwarding.current(), { owner, repo, number });
  const modelLabels = path === 'generic' ? await genericModelLabels(front, installation.id, owner, repo) : undefined;
  const predicted = (name: string) => !modelLabels || modelLabels.some((l) => l.toLowerCase() === name.toLowerCase());
  const kind = front.github
    ? await classifyLabelChange({
        client: front.github,
        installationId: installation.id,
        owner,
        repo,
        issueNumber: number,
        label,
        action: 'labeled',
        actor: payload.sender.login,
        botLogin: front.botLogin,
        ...(modelLabels && { modelLabels }),
        deliveryId: delivery.id,
      })
    : predicted(label) && !front.labelled.hasLabel(issueKey(owner, repo, number), label)
      ? 'label-added-by-person'
      : 'not-counted';
  if (kind !== 'label-added-by-person') return { ...head, outcome: 'ignored', reason: kind };
  const recorded = await recordLabelFeedback(front, {
    delivery,
    payload: { ...payload, installation },
    label,
    kind,
    path,
    log,
  });
  if (recorded.model === null && recorded.messageId === null)
    return { ...head, outcome: 'ignored', reason: 'worker-unreachable', path };
  log.info({ label, path, ...recorded, sender: payload.sender.login }, 'a person added a label the bot did not apply');
  return { ...head, outcome: 'accepted', reason: 'feedback', path, ...recorded };
}

async function genericModelLabels(front: FrontRuntime, installationId: number, owner: string, repo: string) {
  const config = await front.labeler.getRepoConfig({ installationId, owner, repo });
  return front.model.manifest.labels.map((name) => config.labelAlias[name] ?? name);
}

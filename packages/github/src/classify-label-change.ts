import type { GitHubClient } from './create-github-client.js';
import { labelHistoryOf } from './read-label-history.js';

/**
 * How a label change counts as feedback on the model:
 * - `bot-label-removed`: a person removed a label the bot applied (a false positive);
 * - `label-added-by-person`: a person added a label the bot never applied (a miss);
 * - `not-counted`: a person removed their own label, re-added one the bot had applied, touched a label the
 *   model does not predict, or another App acted;
 * - `ignored`: the bot's own change.
 */
export type LabelChangeKind = 'bot-label-removed' | 'label-added-by-person' | 'not-counted' | 'ignored';

export interface LabelChangeInput {
  client: GitHubClient;
  installationId: number;
  owner: string;
  repo: string;
  issueNumber: number;
  label: string;
  action: 'labeled' | 'unlabeled';
  /** `sender.login` of the `issues.labeled` / `issues.unlabeled` event. */
  actor: string;
  botLogin: string;
  /** The labels the model can predict (after aliasing); others are `not-counted`. Omit to count every label. */
  modelLabels?: string[];
  deliveryId?: string;
}

/** Attributes an `issues.labeled`/`issues.unlabeled` event using the issue's timeline (who applied the label). */
export async function classifyLabelChange(change: LabelChangeInput): Promise<LabelChangeKind> {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (same(change.actor, change.botLogin)) return 'ignored';
  // Other Apps (dependabot[bot], label syncers) are not people giving feedback.
  if (change.actor.endsWith('[bot]')) return 'not-counted';
  if (change.modelLabels && !change.modelLabels.some((l) => same(l, change.label))) return 'not-counted';
  const octokit = await client(change);
  const items = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
    owner: change.owner,
    repo: change.repo,
    issue_number: change.issueNumber,
    per_page: 100,
    ...(change.deliveryId ? { headers: { 'x-github-delivery': change.deliveryId } } : {}),
  } as { owner: string; repo: string; issue_number: number; per_page: number });
  const changes = labelHistoryOf(items as Parameters<typeof labelHistoryOf>[0]).changes.filter((c) =>
    same(c.label, change.label),
  );
  if (change.action === 'unlabeled') {
    // The removal itself is normally on the timeline already; the label's applier is the last `labeled` before it.
    let end = changes.length;
    for (let i = changes.length - 1; i >= 0; i--) {
      const c = changes[i];
      if (c?.event === 'unlabeled' && same(c.actor, change.actor)) {
        end = i;
        break;
      }
    }
    const applied = changes.slice(0, end).findLast((c) => c.event === 'labeled');
    return applied && same(applied.actor, change.botLogin) ? 'bot-label-removed' : 'not-counted';
  }
  const botApplied = changes.some((c) => c.event === 'labeled' && same(c.actor, change.botLogin));
  return botApplied ? 'not-counted' : 'label-added-by-person';
}

function client(change: LabelChangeInput) {
  return change.client.installation(change.installationId);
}

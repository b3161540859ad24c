import type { LabelbotOctokit } from './labelbot-octokit.js';

/** One label change from the issue events API, reduced to what the label rules need. */
export interface LabelChange {
  event: 'labeled' | 'unlabeled';
  label: string;
  actor: string;
}

export interface LabelHistory {
  changes: LabelChange[];
  /** Lower-cased label names on the issue now: the event's labels, updated by every later change. */
  present(eventLabels: string[]): Set<string>;
  /** Lower-cased labels someone other than the bot removed at some point. */
  removedByOthers(botLogin: string): Set<string>;
  /** Lower-cased labels whose latest `labeled` event is the bot's. */
  appliedByBot(botLogin: string): Set<string>;
}

interface RawEvent {
  event?: string;
  actor?: { login?: string } | null;
  label?: { name?: string } | null;
}

/** Reads the issue's label events (all pages, oldest first). */
export async function readLabelHistory(
  octokit: LabelbotOctokit,
  issue: { owner: string; repo: string; issueNumber: number },
  headers: Record<string, string>,
): Promise<LabelHistory> {
  const events = (await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/events', {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    per_page: 100,
    // headers ride along at run time; paginate's parameter type omits them.
    headers,
  } as { owner: string; repo: string; issue_number: number; per_page: number })) as RawEvent[];
  return labelHistoryOf(events);
}

/** Builds a history from raw issue events or timeline items (non-label items are skipped). */
export function labelHistoryOf(events: RawEvent[]): LabelHistory {
  const changes: LabelChange[] = [];
  for (const e of events) {
    if ((e.event === 'labeled' || e.event === 'unlabeled') && e.label?.name) {
      changes.push({ event: e.event, label: e.label.name, actor: e.actor?.login ?? '' });
    }
  }
  const isBot = (actor: string, botLogin: string) => actor.toLowerCase() === botLogin.toLowerCase();
  return {
    changes,
    present(eventLabels) {
      const now = new Set(eventLabels.map((l) => l.toLowerCase()));
      for (const c of changes)
        c.event === 'labeled' ? now.add(c.label.toLowerCase()) : now.delete(c.label.toLowerCase());
      return now;
    },
    removedByOthers(botLogin) {
      return new Set(
        changes.filter((c) => c.event === 'unlabeled' && !isBot(c.actor, botLogin)).map((c) => c.label.toLowerCase()),
      );
    },
    appliedByBot(botLogin) {
      const latest = new Map<string, string>();
      for (const c of changes) if (c.event === 'labeled') latest.set(c.label.toLowerCase(), c.actor);
      return new Set([...latest].filter(([, actor]) => isBot(actor, botLogin)).map(([label]) => label));
    },
  };
}

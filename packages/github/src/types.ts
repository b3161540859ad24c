/**
 * CONTRACT of @labelbot/github used by the front (generic path) and the worker (forwarded path):
 * one implementation of the repo config and label rules for both. Keep these names; add freely.
 */

/** `.github/issue_label_bot.yaml`, deep-merged onto the defaults. */
export interface RepoConfig {
  /** `enabled: false` turns the bot off for the repository. */
  enabled: boolean;
  /** `label-alias`: predicted name → the repository's label name. */
  labelAlias: Record<string, string>;
  /** `predicted-labels`: allow-list of (aliased) labels the bot may apply; null = all. */
  predictedLabels: string[] | null;
  /** `min-confidence`: overrides every per-label threshold when set. */
  minConfidence: number | null;
  /** `comment`: post one explanatory comment per issue (off by default). */
  comment: boolean;
  /** `create-labels`: create a missing label instead of skipping it. */
  createLabels: boolean;
}

export type LabelPath = 'generic' | 'forwarded';

export interface IssueRef {
  installationId: number;
  owner: string;
  repo: string;
  issueNumber: number;
  private: boolean;
}

export interface LabelRequest {
  issue: IssueRef;
  deliveryId: string;
  path: LabelPath;
  model: { name: string; version: string };
  /** All scores, for the log line and the comment. */
  scores: Record<string, number>;
  /** Predicted labels that cleared their thresholds, before aliasing. */
  labels: string[];
  /** Labels on the issue as the event saw them. */
  currentLabels: string[];
  /** The event's action (`opened`, `reopened`, `edited`); with `issueCreatedAt` it lets a just-opened issue skip its history read. */
  action?: string;
  /** The issue's `created_at` from the event payload (ISO 8601). */
  issueCreatedAt?: string;
  /**
   * The model's classes when it gives an issue exactly one (the generic model's bug / feature / question), before
   * aliasing: nothing is added when the issue, read right before writing, carries one of them the event did not
   * show (`classified-meanwhile`). Unset for multi-label models.
   */
  singleClass?: string[];
  /**
   * The event came through the queue (the worker): other deliveries of the issue may have written since it was
   * sent, so the issue's labels are re-read before writing even when it is brand new.
   */
  queued?: boolean;
  /** Once aborted, nothing more is written (a handling that outlasted its budget and was handed to the worker). */
  signal?: AbortSignal;
  config: RepoConfig;
}

export type SkipReason =
  | 'disabled'
  | 'not-allowed'
  | 'present'
  | 'classified-meanwhile'
  | 'removed-by-human'
  | 'missing-in-repo';

export interface LabelOutcome {
  applied: string[];
  skipped: { label: string; reason: SkipReason }[];
  commented: boolean;
  dryRun: boolean;
}

/** Applies the label rules against GitHub (or records them only, in dry run). */
export interface IssueLabeler {
  getRepoConfig(issue: Pick<IssueRef, 'installationId' | 'owner' | 'repo'>): Promise<RepoConfig>;
  labelIssue(request: LabelRequest): Promise<LabelOutcome>;
}

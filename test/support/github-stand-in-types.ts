/** The GitHub entities the stand-in holds, and the seeds tests describe them with. */

export interface StandInActor {
  login: string;
  type: 'User' | 'Bot';
}

export interface StandInEvent {
  id: number;
  event: 'labeled' | 'unlabeled' | 'commented';
  actor: StandInActor;
  label?: { name: string; color: string };
  viaApp: boolean;
  createdAt: string;
}

export interface StandInComment {
  id: number;
  body: string;
  user: StandInActor;
  createdAt: string;
}

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  user: StandInActor;
  labels: string[];
  events: StandInEvent[];
  comments: StandInComment[];
}

export interface StandInLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface StandInRepo {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  defaultBranch: string;
  /** Keyed by lower-cased name: GitHub matches label names case-insensitively. */
  labels: Map<string, StandInLabel>;
  /** Path → text on the default branch. */
  files: Map<string, string>;
  issues: Map<number, StandInIssue>;
}

export interface StandInInstallation {
  id: number;
  account: string;
  suspended: boolean;
  removed: boolean;
}

export interface IssueSeed {
  number: number;
  title?: string;
  body?: string;
  author?: string;
  labels?: string[];
  /** Earlier label history, oldest first; `actor` ending in `[bot]` counts as a bot. */
  events?: { event: 'labeled' | 'unlabeled'; label: string; actor: string; viaApp?: boolean }[];
  comments?: { body: string; author: string }[];
}

export interface RepoSeed {
  name: string;
  owner?: string;
  private?: boolean;
  archived?: boolean;
  defaultBranch?: string;
  labels?: string[];
  files?: Record<string, string>;
  issues?: IssueSeed[];
}

export interface InstallationSeed {
  id: number;
  account: string;
  suspended?: boolean;
  repos?: RepoSeed[];
}

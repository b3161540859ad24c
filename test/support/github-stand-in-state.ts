/** In-memory GitHub state served by the stand-in: installations → repositories → labels, files, issues. */
import type {
  InstallationSeed,
  IssueSeed,
  RepoSeed,
  StandInActor,
  StandInComment,
  StandInInstallation,
  StandInIssue,
  StandInLabel,
  StandInRepo,
} from './github-stand-in-types.js';

export type {
  InstallationSeed,
  IssueSeed,
  RepoSeed,
  StandInActor,
  StandInComment,
  StandInEvent,
  StandInInstallation,
  StandInIssue,
  StandInLabel,
  StandInRepo,
} from './github-stand-in-types.js';

let nextId = 1000;
const newId = (): number => ++nextId;
const actorOf = (login: string): StandInActor => ({ login, type: login.endsWith('[bot]') ? 'Bot' : 'User' });

export class StandInState {
  readonly installations = new Map<number, StandInInstallation>();
  readonly repos = new Map<string, StandInRepo>();

  constructor(
    readonly botLogin: string,
    private readonly now: () => number,
  ) {}

  addInstallation(seed: InstallationSeed): StandInInstallation {
    const installation = { id: seed.id, account: seed.account, suspended: seed.suspended ?? false, removed: false };
    this.installations.set(seed.id, installation);
    for (const repo of seed.repos ?? []) this.addRepo(seed.id, { owner: seed.account, ...repo });
    return installation;
  }

  addRepo(installationId: number, seed: RepoSeed): StandInRepo {
    const owner = seed.owner ?? this.installations.get(installationId)?.account ?? 'octo-org';
    const repo: StandInRepo = {
      id: newId(),
      installationId,
      owner,
      name: seed.name,
      private: seed.private ?? false,
      archived: seed.archived ?? false,
      defaultBranch: seed.defaultBranch ?? 'main',
      labels: new Map(),
      files: new Map(Object.entries(seed.files ?? {})),
      issues: new Map(),
    };
    for (const name of seed.labels ?? []) this.createLabel(repo, name);
    this.repos.set(`${owner}/${seed.name}`.toLowerCase(), repo);
    for (const issue of seed.issues ?? []) this.addIssue(`${owner}/${seed.name}`, issue);
    return repo;
  }

  addIssue(fullName: string, seed: IssueSeed): StandInIssue {
    const repo = this.repo(fullName);
    const issue: StandInIssue = {
      number: seed.number,
      title: seed.title ?? `Issue ${seed.number}`,
      body: seed.body ?? '',
      user: actorOf(seed.author ?? 'octocat'),
      labels: [...(seed.labels ?? [])],
      events: [],
      comments: [],
    };
    repo.issues.set(seed.number, issue);
    for (const event of seed.events ?? []) {
      this.appendEvent(repo, issue, event.event, event.label, actorOf(event.actor), event.viaApp ?? false);
    }
    for (const comment of seed.comments ?? []) this.addComment(issue, comment.body, actorOf(comment.author));
    return issue;
  }

  repo(fullName: string): StandInRepo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`stand-in has no repository ${fullName}`);
    return repo;
  }

  issue(fullName: string, issueNumber: number): StandInIssue {
    const issue = this.repo(fullName).issues.get(issueNumber);
    if (!issue) throw new Error(`stand-in has no issue ${fullName}#${issueNumber}`);
    return issue;
  }

  createLabel(repo: StandInRepo, name: string, color = 'ededed', description: string | null = null): StandInLabel {
    const label = { id: newId(), name, color, description };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** A person (or another app) adds a label through the UI: the issue and its history change. */
  labelByPerson(fullName: string, issueNumber: number, name: string, login: string): void {
    const repo = this.repo(fullName);
    const issue = this.issue(fullName, issueNumber);
    const label = repo.labels.get(name.toLowerCase()) ?? this.createLabel(repo, name);
    if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
    this.appendEvent(repo, issue, 'labeled', label.name, actorOf(login), false);
  }

  /** A person removes a label: the issue loses it and an `unlabeled` event records who did it. */
  unlabelByPerson(fullName: string, issueNumber: number, name: string, login: string): void {
    const repo = this.repo(fullName);
    const issue = this.issue(fullName, issueNumber);
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
    this.appendEvent(repo, issue, 'unlabeled', name, actorOf(login), false);
  }

  appendEvent(
    repo: StandInRepo,
    issue: StandInIssue,
    event: 'labeled' | 'unlabeled',
    name: string,
    actor: StandInActor,
    viaApp: boolean,
  ): void {
    const color = repo.labels.get(name.toLowerCase())?.color ?? 'ededed';
    const createdAt = new Date(this.now()).toISOString();
    issue.events.push({ id: newId(), event, actor, label: { name, color }, viaApp, createdAt });
  }

  addComment(issue: StandInIssue, body: string, user: StandInActor): StandInComment {
    const comment = { id: newId(), body, user, createdAt: new Date(this.now()).toISOString() };
    issue.comments.push(comment);
    issue.events.push({
      id: comment.id,
      event: 'commented',
      actor: user,
      viaApp: user.type === 'Bot',
      createdAt: comment.createdAt,
    });
    return comment;
  }

  bot(): StandInActor {
    return { login: this.botLogin, type: 'Bot' };
  }
}

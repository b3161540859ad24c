import type {
  StandInActor,
  StandInComment,
  StandInEvent,
  StandInIssue,
  StandInLabel,
  StandInRepo,
} from './github-stand-in-state.js';

/** GitHub's REST representations (the fields labelbot and Octokit read, with their real names). */

export const userJson = (base: string, actor: StandInActor) => ({
  login: actor.login,
  id: Math.abs(hash(actor.login)),
  type: actor.type,
  url: `${base}/users/${encodeURIComponent(actor.login)}`,
});

export const labelJson = (base: string, repo: StandInRepo, label: StandInLabel) => ({
  id: label.id,
  node_id: `LA_${label.id}`,
  url: `${base}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
  name: label.name,
  color: label.color,
  default: false,
  description: label.description,
});

export const repoJson = (base: string, repo: StandInRepo) => ({
  id: repo.id,
  node_id: `R_${repo.id}`,
  name: repo.name,
  full_name: `${repo.owner}/${repo.name}`,
  owner: { login: repo.owner, type: 'Organization' },
  private: repo.private,
  visibility: repo.private ? 'private' : 'public',
  archived: repo.archived,
  disabled: false,
  default_branch: repo.defaultBranch,
  url: `${base}/repos/${repo.owner}/${repo.name}`,
});

export const issueJson = (base: string, repo: StandInRepo, issue: StandInIssue) => ({
  id: repo.id * 100_000 + issue.number,
  number: issue.number,
  title: issue.title,
  body: issue.body,
  state: 'open',
  user: userJson(base, issue.user),
  labels: issue.labels.map((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? labelJson(base, repo, label) : { name, color: 'ededed' };
  }),
  comments: issue.comments.length,
  url: `${base}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
});

export const appJson = (appId: number, slug: string) => ({ id: appId, slug, name: slug, owner: { login: 'octo-org' } });

export const eventJson = (base: string, event: StandInEvent, appId: number, slug: string) => ({
  id: event.id,
  node_id: `LE_${event.id}`,
  event: event.event,
  actor: userJson(base, event.actor),
  created_at: event.createdAt,
  ...(event.label ? { label: event.label } : {}),
  performed_via_github_app: event.viaApp ? appJson(appId, slug) : null,
});

export const commentJson = (base: string, repo: StandInRepo, comment: StandInComment) => ({
  id: comment.id,
  node_id: `IC_${comment.id}`,
  body: comment.body,
  user: userJson(base, comment.user),
  created_at: comment.createdAt,
  updated_at: comment.createdAt,
  url: `${base}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
});

/** Timeline items: label events as in the events API, comments as `commented` with the comment's fields. */
export const timelineJson = (
  base: string,
  repo: StandInRepo,
  issue: StandInIssue,
  event: StandInEvent,
  appId: number,
  slug: string,
) => {
  if (event.event !== 'commented') return eventJson(base, event, appId, slug);
  const comment = issue.comments.find((c) => c.id === event.id);
  return {
    event: 'commented',
    actor: userJson(base, event.actor),
    ...(comment ? commentJson(base, repo, comment) : {}),
  };
};

function hash(text: string): number {
  let h = 7;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return h;
}

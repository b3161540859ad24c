import {
  appJson,
  commentJson,
  eventJson,
  issueJson,
  labelJson,
  repoJson,
  timelineJson,
} from './github-stand-in-json.js';
import type { StandInIssue, StandInRepo, StandInState } from './github-stand-in-state.js';

/** A write the stand-in accepted, for assertions (`deliveryId` is the `x-github-delivery` request header). */
export type StandInWrite =
  | {
      kind: 'labels-added';
      repo: string;
      issueNumber: number;
      labels: string[];
      created: string[];
      deliveryId: string | null;
    }
  | { kind: 'label-created'; repo: string; name: string; color: string; deliveryId: string | null }
  | { kind: 'comment'; repo: string; issueNumber: number; body: string; deliveryId: string | null };

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  installationId: number | null;
  deliveryId: string | null;
  accept: string;
}

export interface RouteReply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Octokit's notation, e.g. `GET /repos/{owner}/{repo}`; fault injection names routes this way. */
  name: string;
  /** Authenticated with the App JWT (`/app/...`) rather than an installation token. */
  jwt: boolean;
  handle(request: RouteRequest): RouteReply;
}

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RouteEnv {
  state: StandInState;
  writes: StandInWrite[];
  baseUrl: () => string;
  appId: number;
  slug: string;
  now: () => number;
  issueToken(installationId: number): { token: string; expiresAtMs: number };
}

const notFound = () => new HttpFailure(404, 'Not Found');

export function createRoutes(env: RouteEnv): Route[] {
  const { state, writes } = env;
  const base = () => env.baseUrl();

  const repoOf = (req: RouteRequest, write = false): StandInRepo => {
    const repo = state.repos.get(`${req.params.owner}/${req.params.repo}`.toLowerCase());
    // GitHub answers 404, not 403, for a repository the installation cannot see.
    if (!repo || (req.installationId !== null && repo.installationId !== req.installationId)) throw notFound();
    if (write && repo.archived) throw new HttpFailure(403, 'Repository was archived so is read-only.');
    return repo;
  };
  const issueOf = (repo: StandInRepo, req: RouteRequest): StandInIssue => {
    const issue = repo.issues.get(Number(req.params.issue_number));
    if (!issue) throw notFound();
    return issue;
  };
  const installationOf = (id: number) => {
    const installation = state.installations.get(id);
    if (!installation || installation.removed) throw notFound();
    return installation;
  };
  const installationJson = (id: number) => {
    const installation = installationOf(id);
    return {
      id,
      account: { login: installation.account },
      app_id: env.appId,
      app_slug: env.slug,
      suspended_at: installation.suspended ? new Date(0).toISOString() : null,
    };
  };
  const paginate = (items: unknown[], req: RouteRequest, path: string): RouteReply => {
    const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    const link = (p: number, rel: string) => `<${base()}${path}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    const body = items.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body, headers: links.length ? { link: links.join(', ') } : {} };
  };
  const stringList = (body: unknown): string[] => {
    const list = Array.isArray(body) ? body : (body as { labels?: unknown } | null)?.labels;
    if (!Array.isArray(list) || list.some((l) => typeof l !== 'string' || l.length === 0)) {
      throw new HttpFailure(422, 'Invalid request.\n\n"labels" must be an array of non-empty strings.');
    }
    return list as string[];
  };
  const issuePath = (repo: StandInRepo, issue: StandInIssue) =>
    `/repos/${repo.owner}/${repo.name}/issues/${issue.number}`;

  const route = (name: string, handle: Route['handle']): Route => {
    const [method = 'GET', path = '/'] = name.split(' ');
    return { method, name, jwt: path.startsWith('/app') || path.endsWith('/installation'), handle };
  };

  return [
    route('GET /app', () => ({ status: 200, body: appJson(env.appId, env.slug) })),
    route('GET /app/installations/{installation_id}', (req) => ({
      status: 200,
      body: installationJson(Number(req.params.installation_id)),
    })),
    route('POST /app/installations/{installation_id}/access_tokens', (req) => {
      const installation = installationOf(Number(req.params.installation_id));
      if (installation.suspended) throw new HttpFailure(403, 'This installation has been suspended');
      const token = env.issueToken(installation.id);
      const permissions = { issues: 'write', contents: 'read', metadata: 'read' };
      const body = {
        token: token.token,
        expires_at: new Date(token.expiresAtMs).toISOString(),
        permissions,
        repository_selection: 'selected',
      };
      return { status: 201, body };
    }),
    route('GET /repos/{owner}/{repo}/installation', (req) => ({
      status: 200,
      body: installationJson(repoOf(req).installationId),
    })),
    route('GET /installation/repositories', (req) => {
      const repos = [...state.repos.values()].filter((r) => r.installationId === req.installationId);
      const reply = paginate(
        repos.map((r) => repoJson(base(), r)),
        req,
        '/installation/repositories',
      );
      return { ...reply, body: { total_count: repos.length, repositories: reply.body } };
    }),
    route('GET /repos/{owner}/{repo}', (req) => ({ status: 200, body: repoJson(base(), repoOf(req)) })),
    route('GET /repos/{owner}/{repo}/contents/{path}', (req) => {
      const repo = repoOf(req);
      const ref = req.query.get('ref');
      if (ref && ref !== repo.defaultBranch) throw new HttpFailure(404, `No commit found for the ref ${ref}`);
      const text = repo.files.get(req.params.path ?? '');
      if (text === undefined) throw notFound();
      if (/vnd\.github(\.v3)?\.raw/.test(req.accept)) return { status: 200, text };
      const content = (
        Buffer.from(text)
          .toString('base64')
          .match(/.{1,60}/g) ?? []
      ).join('\n');
      const path = req.params.path ?? '';
      const body = {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        content,
        sha: `sha-${text.length}`,
      };
      return { status: 200, body };
    }),
    route('GET /repos/{owner}/{repo}/labels', (req) => {
      const repo = repoOf(req);
      return paginate(
        [...repo.labels.values()].map((l) => labelJson(base(), repo, l)),
        req,
        `/repos/${repo.owner}/${repo.name}/labels`,
      );
    }),
    route('GET /repos/{owner}/{repo}/labels/{name}', (req) => {
      const repo = repoOf(req);
      const label = repo.labels.get((req.params.name ?? '').toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: labelJson(base(), repo, label) };
    }),
    route('POST /repos/{owner}/{repo}/labels', (req) => {
      const repo = repoOf(req, true);
      const {
        name,
        color = 'ededed',
        description = null,
      } = (req.body ?? {}) as { name?: unknown; color?: string; description?: string | null };
      if (typeof name !== 'string' || !name)
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'missing_field', field: 'name' }],
        });
      if (repo.labels.has(name.toLowerCase()))
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
      const label = state.createLabel(repo, name, color.replace(/^#/, ''), description);
      writes.push({
        kind: 'label-created',
        repo: `${repo.owner}/${repo.name}`,
        name,
        color: label.color,
        deliveryId: req.deliveryId,
      });
      return { status: 201, body: labelJson(base(), repo, label) };
    }),
    route('GET /repos/{owner}/{repo}/issues', (req) => {
      const repo = repoOf(req);
      return paginate(
        [...repo.issues.values()].map((i) => issueJson(base(), repo, i)),
        req,
        `/repos/${repo.owner}/${repo.name}/issues`,
      );
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}', (req) => {
      const repo = repoOf(req);
      return { status: 200, body: issueJson(base(), repo, issueOf(repo, req)) };
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      return paginate(issueJson(base(), repo, issue).labels, req, `${issuePath(repo, issue)}/labels`);
    }),
    route('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (req) => {
      const repo = repoOf(req, true);
      const issue = issueOf(repo, req);
      const labels = stringList(req.body);
      const created: string[] = [];
      for (const name of labels) {
        // Like GitHub: a label the repository lacks is created on the fly (labelbot must not rely on this).
        let label = repo.labels.get(name.toLowerCase());
        if (!label) {
          label = state.createLabel(repo, name);
          created.push(name);
        }
        if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
        issue.labels.push(label.name);
        state.appendEvent(repo, issue, 'labeled', label.name, state.bot(), true);
      }
      writes.push({
        kind: 'labels-added',
        repo: `${repo.owner}/${repo.name}`,
        issueNumber: issue.number,
        labels,
        created,
        deliveryId: req.deliveryId,
      });
      return { status: 200, body: issueJson(base(), repo, issue).labels };
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/events', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      const events = issue.events
        .filter((e) => e.event !== 'commented')
        .map((e) => eventJson(base(), e, env.appId, env.slug));
      return paginate(events, req, `${issuePath(repo, issue)}/events`);
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      const items = issue.events.map((e) => timelineJson(base(), repo, issue, e, env.appId, env.slug));
      return paginate(items, req, `${issuePath(repo, issue)}/timeline`);
    }),
    route('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      const repo = repoOf(req);
      const issue = issueOf(repo, req);
      return paginate(
        issue.comments.map((c) => commentJson(base(), repo, c)),
        req,
        `${issuePath(repo, issue)}/comments`,
      );
    }),
    route('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (req) => {
      const repo = repoOf(req, true);
      const issue = issueOf(repo, req);
      const body = (req.body as { body?: unknown } | null)?.body;
      if (typeof body !== 'string' || !body)
        throw new HttpFailure(422, 'Validation Failed', {
          errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
        });
      const comment = state.addComment(issue, body, state.bot());
      writes.push({
        kind: 'comment',
        repo: `${repo.owner}/${repo.name}`,
        issueNumber: issue.number,
        body,
        deliveryId: req.deliveryId,
      });
      return { status: 201, body: commentJson(base(), repo, comment) };
    }),
  ];
}

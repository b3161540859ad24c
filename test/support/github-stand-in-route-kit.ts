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

/** GitHub's answer for anything missing or not visible to the caller. */
export const notFound = () => new HttpFailure(404, 'Not Found');

/** The helpers every route shares: repository and issue lookup with GitHub's 404s, pagination, validation. */
export function createRouteKit(env: RouteEnv) {
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

  return {
    state,
    writes,
    base,
    repoOf,
    issueOf,
    installationOf,
    installationJson,
    paginate,
    stringList,
    issuePath,
    route,
  };
}

export type RouteKit = ReturnType<typeof createRouteKit>;

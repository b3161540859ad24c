import { createVerify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An issue (or, with `pull_request`, a PR that only REST returns) seeded into the stand-in. */
export interface SeedIssue {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  created_at: string;
  updated_at?: string;
  pull_request?: boolean;
}

/** What the next matching request gets instead of data. */
export type Fault =
  | { kind: 'primary'; resetInSeconds: number }
  | { kind: 'secondary'; retryAfterSeconds: number }
  | { kind: 'status'; status: number };

export interface StandInOptions {
  repos: Record<string, SeedIssue[]>;
  tokens?: string[];
  app?: { id: number; publicKey: KeyObject; installationId: number };
  /** The clock rate-limit windows are measured on (the test's fake clock). */
  now?: () => number;
  graphql?: boolean;
  /** GraphQL pages larger than this time out with a 502, as GitHub's do on long issues. */
  maxFirst?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: string;
  body: { query?: string; variables?: Record<string, unknown> } | null;
  at: number;
}

/**
 * A loopback GitHub API serving issues over GraphQL (`POST /graphql`) and REST
 * (`GET /repos/{o}/{r}/issues`), with App JWT + installation-token auth. It rejects what GitHub would
 * (bad auth, wrong query shape, foreign cursors) and records `violations`: requests made before a
 * rate-limit window it announced had passed.
 */
export async function startGitHubGraphqlStandIn(options: StandInOptions) {
  const now = options.now ?? Date.now;
  const tokens = new Set(options.tokens ?? []);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const violations: string[] = [];
  let blockedUntil = 0;
  let failing: number | null = null;

  const send = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(data));
    return true;
  };
  const verifyJwt = (auth: string): boolean => {
    const [head, payload, signature] = auth.replace(/^bearer /i, '').split('.');
    if (!options.app || !head || !payload || !signature) return false;
    const ok = createVerify('RSA-SHA256')
      .update(`${head}.${payload}`)
      .verify(options.app.publicKey, signature, 'base64url');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      iss: unknown;
      exp: number;
      iat: number;
    };
    return ok && String(claims.iss) === String(options.app.id) && claims.exp - claims.iat <= 660;
  };
  const authorised = (auth: string) => tokens.has(auth.replace(/^(token|bearer) /i, ''));

  const fault = (res: ServerResponse, graphql: boolean): boolean => {
    if (failing !== null) return send(res, failing, { message: 'Server Error' });
    if (now() < blockedUntil) violations.push(`request at ${now()} before ${blockedUntil}`);
    const next = faults.shift();
    if (!next) return false;
    if (next.kind === 'status') return send(res, next.status, { message: 'Server Error' });
    if (next.kind === 'secondary') {
      blockedUntil = now() + next.retryAfterSeconds * 1000;
      const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
      return send(res, 403, { message }, { 'retry-after': String(next.retryAfterSeconds) });
    }
    const reset = Math.ceil((now() + next.resetInSeconds * 1000) / 1000);
    blockedUntil = reset * 1000;
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-limit': '5000' };
    if (graphql) send(res, 200, { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] }, headers);
    else send(res, 403, { message: 'API rate limit exceeded for user.' }, headers);
    return true;
  };

  const graphql = (res: ServerResponse, body: RecordedRequest['body']) => {
    const query = body?.query ?? '';
    const vars = body?.variables ?? {};
    const shape =
      /repository\(owner: \$owner, name: \$name\)/.test(query) && /issues\(first: \$first, after: \$after/.test(query);
    const first = vars.first;
    if (!shape || typeof first !== 'number' || first < 1 || first > 100) {
      return send(res, 200, { errors: [{ type: 'INVALID', message: `unexpected query or first=${String(first)}` }] });
    }
    if (options.maxFirst !== undefined && first > options.maxFirst) return send(res, 502, { message: 'Server Error' });
    const issues = options.repos[`${vars.owner}/${vars.name}`];
    if (!issues)
      return send(res, 200, {
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }],
      });
    const since = typeof vars.since === 'string' ? Date.parse(vars.since) : 0;
    const list = issues
      .filter((i) => !i.pull_request && Date.parse(i.updated_at ?? i.created_at) >= since)
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const after = vars.after;
    const start =
      after == null
        ? 0
        : Number(
            Buffer.from(String(after), 'base64')
              .toString()
              .replace(/^cursor:/, ''),
          ) + 1;
    if (Number.isNaN(start))
      return send(res, 200, { errors: [{ type: 'INVALID_CURSOR', message: `bad cursor ${after}` }] });
    const nodes = list.slice(start, start + first);
    const end = start + nodes.length - 1;
    const pageInfo = {
      hasNextPage: end < list.length - 1,
      endCursor: nodes.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
    };
    const toNode = (i: SeedIssue) => ({
      number: i.number,
      title: i.title,
      body: i.body,
      createdAt: i.created_at,
      labels: { nodes: i.labels.map((name) => ({ name })) },
    });
    send(res, 200, {
      data: { repository: { issues: { totalCount: list.length, pageInfo, nodes: nodes.map(toNode) } } },
    });
  };

  const rest = (res: ServerResponse, repo: string, q: URLSearchParams, base: string) => {
    const issues = options.repos[repo];
    if (!issues) return send(res, 404, { message: 'Not Found' });
    if (q.get('state') !== 'all' || q.get('sort') !== 'created' || q.get('direction') !== 'asc') {
      return send(res, 422, { message: `expected state=all&sort=created&direction=asc, got ${q}` });
    }
    const perPage = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    if (perPage > 100) return send(res, 422, { message: 'per_page above 100' });
    const since = q.get('since') ? Date.parse(q.get('since')!) : 0;
    const list = issues
      .filter((i) => Date.parse(i.updated_at ?? i.created_at) >= since)
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const link = (p: number, rel: string) =>
      `<${base}/repos/${repo}/issues?state=all&per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
    const items = list.slice((page - 1) * perPage, page * perPage).map(({ pull_request, labels, ...i }) => ({
      ...i,
      labels: labels.map((name) => ({ name })),
      ...(pull_request ? { pull_request: { url: `${base}/pulls/${i.number}` } } : {}),
    }));
    send(res, 200, items, links.length ? { link: links.join(', ') } : {});
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const auth = String(req.headers.authorization ?? '');
    const body = text ? (JSON.parse(text) as RecordedRequest['body']) : null;
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, auth, body, at: now() });
    const installation = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    const repoInstallation = /^\/repos\/([^/]+\/[^/]+)\/installation$/.exec(url.pathname);
    if (installation || repoInstallation) {
      if (!verifyJwt(auth)) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      if (repoInstallation) return send(res, 200, { id: options.app!.installationId });
      if (Number(installation![1]) !== options.app!.installationId) return send(res, 404, { message: 'Not Found' });
      const token = `ghs_${tokens.size}installation`;
      tokens.add(token);
      return send(res, 201, {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { issues: 'read' },
      });
    }
    if (!authorised(auth)) return send(res, 401, { message: 'Bad credentials' });
    if (url.pathname === '/graphql' && req.method === 'POST') {
      if (options.graphql === false) return send(res, 404, { message: 'Not Found' });
      if (!fault(res, true)) graphql(res, body);
      return;
    }
    const issues = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(url.pathname);
    if (issues && req.method === 'GET') {
      if (!fault(res, false)) rest(res, issues[1]!, url.searchParams, `http://${req.headers.host}`);
      return;
    }
    send(res, 404, { message: 'Not Found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { message: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    violations,
    /** Every data request answers `status` until called with `null` (an outage, to crash a build). */
    setFailing(status: number | null) {
      failing = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthFailure, generateAppKeys, TokenBook, verifyAppJwt } from './github-stand-in-auth.js';
import { FaultBook, type FaultRule } from './github-stand-in-faults.js';
import { createRoutes, HttpFailure, type Route, type RouteReply, type StandInWrite } from './github-stand-in-routes.js';
import { type InstallationSeed, StandInState } from './github-stand-in-state.js';

export type { FaultRule, StandInFault } from './github-stand-in-faults.js';
export type { StandInWrite } from './github-stand-in-routes.js';
export type { InstallationSeed, IssueSeed, RepoSeed, StandInState } from './github-stand-in-state.js';

export interface GitHubStandInOptions {
  appId?: number;
  /** The App's slug; its bot user is `${slug}[bot]`. */
  slug?: string;
  installations?: InstallationSeed[];
  /** Clock for token expiry and JWT checks; defaults to Date.now. */
  now?: () => number;
  /** Installation token lifetime; GitHub's is one hour. */
  tokenTtlMs?: number;
  /**
   * Length of a `retry-after` second, in ms, for the window a secondary rate limit closes (default 1000);
   * tests that shrink the client's backoff unit shrink this alike.
   */
  secondMs?: number;
  /**
   * Spacing GitHub asks for between content writes (POST/PATCH/PUT/DELETE) of one installation; 0 (default)
   * does not check. Arrivals jitter with the client's per-call work (tens of ms on a first call), so only
   * writes arriving within half of it are noted: what a missing or broken spacing gives.
   */
  minWriteIntervalMs?: number;
}

/** Timers may fire a few ms early against the clock: what the rate-limit window check forgives. */
const CLOCK_SLACK_MS = 10;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** One request as the stand-in saw it. */
export interface StandInRequest {
  method: string;
  path: string;
  /** The matched route in Octokit notation, or null when nothing matched. */
  route: string | null;
  status: number;
  auth: 'jwt' | 'installation' | 'none';
  installationId: number | null;
  deliveryId: string | null;
}

export interface GitHubStandIn {
  url: string;
  appId: number;
  slug: string;
  botLogin: string;
  privateKeyPem: string;
  state: StandInState;
  writes: StandInWrite[];
  requests: StandInRequest[];
  /** Calls GitHub would have held against the App: inside a secondary-limit window, or writes too close together. */
  violations: string[];
  tokensIssued(): number;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  expireTokens(): void;
  /** The App is uninstalled: tokens stop working and new ones are refused (404). */
  uninstall(installationId: number): void;
  suspend(installationId: number): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

/** Starts a loopback server speaking GitHub's REST protocol for what labelbot uses; it checks every credential. */
export async function startGitHubStandIn(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const appId = options.appId ?? 4242;
  const slug = options.slug ?? 'labelbot';
  const now = options.now ?? Date.now;
  const keys = generateAppKeys();
  const state = new StandInState(`${slug}[bot]`, now);
  for (const seed of options.installations ?? []) state.addInstallation(seed);
  const tokens = new TokenBook();
  const faults = new FaultBook();
  const writes: StandInWrite[] = [];
  const requests: StandInRequest[] = [];
  const violations: string[] = [];
  const secondMs = options.secondMs ?? 1000;
  /** Per installation: until when a secondary rate limit holds, and when its last write arrived. */
  const limitedUntil = new Map<number | null, number>();
  const lastWriteAt = new Map<number | null, number>();
  let url = '';
  const routes = createRoutes({
    state,
    writes,
    baseUrl: () => url,
    appId,
    slug,
    now,
    issueToken: (id) => tokens.issue(id, now(), options.tokenTtlMs ?? 3_600_000),
  });
  const matchers = routes.map((route) => ({ route, regex: toRegex(route.name) }));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = new URL(req.url ?? '/', 'http://stand-in');
    const path = parsed.pathname;
    const deliveryId = header(req, 'x-github-delivery');
    const record: StandInRequest = {
      method: req.method ?? 'GET',
      path,
      route: null,
      status: 0,
      auth: 'none',
      installationId: null,
      deliveryId,
    };
    requests.push(record);
    const send = (reply: RouteReply): void => {
      record.status = reply.status;
      const headers: Record<string, string> = {
        // GitHub's clock, which @octokit/auth-app uses to correct a skewed local clock.
        date: new Date(now()).toUTCString(),
        'x-github-request-id': `REQ-${requests.length}`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.ceil(now() / 1000) + 3600),
        ...reply.headers,
      };
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(reply.text);
      } else {
        res
          .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
          .end(JSON.stringify(reply.body ?? {}));
      }
    };
    try {
      const body = await readBody(req);
      const found = findRoute(matchers, record.method, path);
      if (!found) throw new HttpFailure(404, 'Not Found');
      record.route = found.route.name;
      if (!header(req, 'user-agent')) {
        throw new HttpFailure(
          403,
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header',
        );
      }
      const installationId = authenticate(found.route, header(req, 'authorization'), record);
      if (body !== null && !/^application\/json\b/i.test(header(req, 'content-type') ?? '')) {
        throw new HttpFailure(415, `Unsupported 'Content-Type': '${header(req, 'content-type') ?? ''}'`);
      }
      checkWindows(record, installationId);
      const fault = faults.take(found.route.name, now());
      if (fault?.destroy) {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      if (fault?.hang) return;
      if (fault?.status === 403 && fault.headers['retry-after'] !== undefined) {
        limitedUntil.set(installationId, now() + Number(fault.headers['retry-after']) * secondMs);
      }
      if (fault && !fault.afterHandling) return send(fault);
      const params = found.params;
      const accept = header(req, 'accept') ?? '';
      const reply = found.route.handle({
        params,
        query: parsed.searchParams,
        body,
        installationId,
        deliveryId,
        accept,
      });
      send(fault ?? reply);
    } catch (error) {
      if (error instanceof HttpFailure)
        return send({
          status: error.status,
          body: { message: error.message, documentation_url: DOCS, ...error.extra },
        });
      if (error instanceof AuthFailure)
        return send({ status: 401, body: { message: error.message, documentation_url: DOCS } });
      send({ status: 500, body: { message: `stand-in error: ${(error as Error).message}` } });
    }
  };

  const checkWindows = (record: StandInRequest, installationId: number | null): void => {
    const at = now();
    const call = `${record.method} ${record.path}`;
    const limited = limitedUntil.get(installationId) ?? 0;
    if (at + CLOCK_SLACK_MS < limited) violations.push(`${call} ${limited - at} ms inside a secondary rate limit`);
    const interval = options.minWriteIntervalMs ?? 0;
    if (interval <= 0 || !WRITE_METHODS.has(record.method) || record.auth !== 'installation') return;
    const last = lastWriteAt.get(installationId);
    if (last !== undefined && at - last < interval / 2) {
      violations.push(`${call} ${at - last} ms after the previous write`);
    }
    lastWriteAt.set(installationId, at);
  };

  const authenticate = (route: Route, authorization: string | null, record: StandInRequest): number | null => {
    const match = /^(bearer|token)\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AuthFailure('Requires authentication');
    const [, scheme = '', credential = ''] = match;
    if (route.jwt) {
      if (scheme.toLowerCase() !== 'bearer') throw new AuthFailure('A JSON web token could not be decoded');
      verifyAppJwt(credential, appId, keys.publicKey, now());
      record.auth = 'jwt';
      return null;
    }
    const token = tokens.check(credential, now());
    record.auth = 'installation';
    record.installationId = token.installationId;
    return token.installationId;
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    appId,
    slug,
    botLogin: state.botLogin,
    privateKeyPem: keys.privateKeyPem,
    state,
    writes,
    requests,
    violations,
    tokensIssued: () => tokens.issued,
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireTokens: () => tokens.expireAll(),
    uninstall: (id) => {
      const installation = state.installations.get(id);
      if (installation) installation.removed = true;
      tokens.revokeInstallation(id);
    },
    suspend: (id) => {
      const installation = state.installations.get(id);
      if (installation) installation.suspended = true;
      tokens.revokeInstallation(id);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function toRegex(name: string): RegExp {
  const path = name.slice(name.indexOf(' ') + 1);
  const pattern = path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_, key: string) => (key === 'path' ? `(?<${key}>.+)` : `(?<${key}>[^/]+)`));
  return new RegExp(`^${pattern}$`);
}

function findRoute(matchers: { route: Route; regex: RegExp }[], method: string, path: string) {
  for (const { route, regex } of matchers) {
    if (route.method !== method) continue;
    const match = regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
    return { route, params };
  }
  return null;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpFailure(400, 'Problems parsing JSON');
  }
}

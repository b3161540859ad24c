import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { clientFor, INSTALLATION, seededStandIn } from './support.js';

describe('GitHub stand-in', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  it('issues an installation token for a valid App JWT and serves the installation with it', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    const { data } = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'octo-org', repo: 'app' });
    expect(data.default_branch).toBe('main');
    expect(standIn.requests.map((r) => [r.route, r.auth, r.status])).toEqual([
      ['POST /app/installations/{installation_id}/access_tokens', 'jwt', 201],
      ['GET /repos/{owner}/{repo}', 'installation', 200],
    ]);
  });

  it('refuses a JWT signed by a different key with 401', async () => {
    standIn = await seededStandIn();
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const { client } = clientFor(standIn, { privateKey: other.privateKey });
    const octokit = await client.installation(INSTALLATION);
    await expect(
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'octo-org', repo: 'app' }),
    ).rejects.toMatchObject({ status: 401 });
    expect(standIn.tokensIssued()).toBe(0);
    expect(standIn.requests[0]).toMatchObject({
      route: 'POST /app/installations/{installation_id}/access_tokens',
      status: 401,
    });
  });

  it('refuses missing, forged and foreign-installation tokens', async () => {
    standIn = await seededStandIn();
    standIn.state.addInstallation({ id: 22, account: 'other-org', repos: [{ name: 'secret', private: true }] });
    const get = (path: string, authorization?: string) =>
      fetch(`${standIn.url}${path}`, {
        headers: { 'user-agent': 'test', ...(authorization ? { authorization } : {}) },
      });
    expect((await get('/repos/octo-org/app')).status).toBe(401);
    expect((await get('/repos/octo-org/app', 'token ghs_forged')).status).toBe(401);
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    await expect(
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'other-org', repo: 'secret' }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await get('/app', 'bearer not.a.jwt')).status).toBe(401);
  });

  it('records writes and answers injected faults', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn, { retries: 0 });
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 502 });
    const add = () =>
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        owner: 'octo-org',
        repo: 'app',
        issue_number: 1,
        labels: ['bug'],
      });
    await expect(add()).rejects.toMatchObject({ status: 502 });
    await add();
    expect(standIn.writes).toEqual([
      { kind: 'labels-added', repo: 'octo-org/app', issueNumber: 1, labels: ['bug'], created: [], deliveryId: null },
    ]);
    expect(standIn.state.issue('octo-org/app', 1).events.at(-1)).toMatchObject({
      event: 'labeled',
      actor: { login: 'labelbot[bot]', type: 'Bot' },
      viaApp: true,
    });
  });

  it('refuses a write body not sent as JSON, not JSON, or not the shape GitHub expects', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    const { token } = (await octokit.auth({ type: 'installation' })) as { token: string };
    const post = (body: string, contentType?: string) =>
      fetch(`${standIn.url}/repos/octo-org/app/issues/1/labels`, {
        method: 'POST',
        headers: {
          'user-agent': 'test',
          authorization: `token ${token}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
      }).then((response) => response.status);
    expect(await post('{"labels":["bug"]}', 'text/plain;charset=UTF-8')).toBe(415);
    expect(await post('{"labels":["bug"]', 'application/json')).toBe(400);
    expect(await post('{"labels":"bug"}', 'application/json; charset=utf-8')).toBe(422);
    expect(await post('{"labels":[""]}', 'application/json')).toBe(422);
    expect(standIn.writes).toEqual([]);
    expect(await post('{"labels":["bug"]}', 'application/json; charset=utf-8')).toBe(200);
    expect(standIn.writes).toHaveLength(1);
  });

  it('checks every claim of the App JWT: alg, signature, iss, iat and exp', async () => {
    standIn = await seededStandIn();
    const now = Math.floor(Date.now() / 1000);
    const jwt = (claims: Record<string, unknown>, alg = 'RS256') => {
      const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), standIn.privateKeyPem).toString('base64url');
      return `${head}.${body}.${alg === 'none' ? '' : signature}`;
    };
    const tokenStatus = async (token: string) =>
      (
        await fetch(`${standIn.url}/app/installations/${INSTALLATION}/access_tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'user-agent': 'test' },
        })
      ).status;
    const good = { iat: now - 30, exp: now + 540, iss: standIn.appId };
    expect(await tokenStatus(jwt(good))).toBe(201);
    expect(await tokenStatus(jwt({ ...good, iss: 999 }))).toBe(401);
    expect(await tokenStatus(jwt({ ...good, exp: now - 1 }))).toBe(401);
    expect(await tokenStatus(jwt({ ...good, iat: now - 30, exp: now + 3600 }))).toBe(401);
    expect(await tokenStatus(jwt({ ...good, iat: now + 600 }))).toBe(401);
    expect(await tokenStatus(jwt(good, 'none'))).toBe(401);
    expect(await tokenStatus(`${jwt(good).slice(0, -4)}AAAA`)).toBe(401);
    expect(standIn.tokensIssued()).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { classifyGitHubError, createGitHubClient, GitHubAppConfigError, validatePrivateKey } from '../src/index.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

const addBug = (octokit: Awaited<ReturnType<ReturnType<typeof clientFor>['client']['installation']>>) =>
  octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
    owner: OWNER,
    repo: 'app',
    issue_number: 1,
    labels: ['bug'],
  });

describe('createGitHubClient', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  it('reuses one installation token across requests and client calls', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn);
    for (let i = 0; i < 3; i++) {
      const octokit = await client.installation(INSTALLATION);
      await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    }
    expect(standIn.tokensIssued()).toBe(1);
    expect(standIn.requests.filter((r) => r.auth === 'installation')).toHaveLength(3);
  });

  it('retries a 500 and applies the labels exactly once, counting both calls by status', async () => {
    standIn = await seededStandIn();
    const { client, registry } = clientFor(standIn);
    standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 500 });
    await addBug(await client.installation(INSTALLATION));
    expect(standIn.writes.filter((w) => w.kind === 'labels-added')).toHaveLength(1);
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual(['bug']);
    const metrics = await registry.getSingleMetricAsString('labelbot_github_requests_total');
    expect(metrics).toContain('labelbot_github_requests_total{method="POST",status="500"} 1');
    expect(metrics).toContain('labelbot_github_requests_total{method="POST",status="200"} 1');
  });

  it('waits out a secondary rate limit for the retry-after it was given, then succeeds', async () => {
    // A retry-after second lasts 100 ms on both sides; the stand-in notes a call inside the window.
    standIn = await seededStandIn({ secondMs: 100 });
    const { client, log } = clientFor(standIn, { retryBaseMs: 100 });
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      fault: 'secondary-rate-limit',
      retryAfterSeconds: 2,
    });
    await addBug(octokit);
    expect(standIn.requests.filter((r) => r.route?.endsWith('/labels')).map((r) => r.status)).toEqual([403, 200]);
    expect(standIn.violations).toEqual([]);
    expect(standIn.writes).toHaveLength(1);
    expect(log.find('GitHub secondary rate limit')[0]).toMatchObject({ retryAfter: 2, retrying: true });
  });

  it('leaves a 429 to the throttling plugin: one call, then failure, when its reset is longer than it may wait', async () => {
    standIn = await seededStandIn();
    const { client, log } = clientFor(standIn, { maxRateLimitWaitSeconds: 5 });
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      fault: 429,
      retryAfterSeconds: 600,
    });
    await expect(addBug(octokit)).rejects.toMatchObject({ status: 429 });
    expect(standIn.requests.filter((r) => r.route?.endsWith('/labels'))).toHaveLength(1);
    expect(log.find('GitHub rate limit')[0]).toMatchObject({ retrying: false });
  });

  it('waits out a 429 for its reset once, without extra blind repeats, then succeeds', async () => {
    standIn = await seededStandIn();
    const { client, log } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      fault: 429,
      retryAfterSeconds: 1,
    });
    await addBug(octokit);
    expect(standIn.requests.filter((r) => r.route?.endsWith('/labels')).map((r) => r.status)).toEqual([429, 200]);
    expect(log.find('GitHub rate limit')).toHaveLength(1);
  });

  it('gives up on a rate limit longer than it may wait, as a call error', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn, { maxRateLimitWaitSeconds: 5 });
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      fault: 'secondary-rate-limit',
      retryAfterSeconds: 600,
    });
    await expect(addBug(octokit)).rejects.toMatchObject({ status: 403 });
    expect(standIn.writes).toHaveLength(0);
  });

  it('spaces writes of one installation by the write interval', async () => {
    // The stand-in notes writes arriving much closer together than GitHub asks (here 150 ms).
    standIn = await seededStandIn({ minWriteIntervalMs: 150 });
    const { client } = clientFor(standIn, { writeIntervalMs: 150 });
    const octokit = await client.installation(INSTALLATION);
    // Token and connection first, so the first write's arrival is not delayed by them.
    await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    await Promise.all([addBug(octokit), addBug(octokit), addBug(octokit)]);
    expect(standIn.writes).toHaveLength(3);
    expect(standIn.violations).toEqual([]);
  });

  it('replaces a token GitHub refuses (401) once, then succeeds', async () => {
    standIn = await seededStandIn();
    const { client, log } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    standIn.expireTokens();
    await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    expect(standIn.tokensIssued()).toBe(2);
    expect(log.find('requesting a new one')).toHaveLength(1);
  });

  it('an App uninstalled after its token was cached fails with the 404 of the token request (permanent)', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    standIn.uninstall(INSTALLATION);
    const error = await addBug(octokit).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    expect(classifyGitHubError(error)).toBe('permanent');
    expect(standIn.writes).toEqual([]);
  });

  it("corrects a local clock 20 minutes behind GitHub's from the Date header", async () => {
    standIn = await seededStandIn({ now: () => Date.now() + 20 * 60_000 });
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    await octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' });
    const tokenCalls = standIn.requests.filter((r) => r.route?.endsWith('/access_tokens')).map((r) => r.status);
    expect(tokenCalls).toEqual([401, 201]);
  });

  it('reads the bot login from GET /app', async () => {
    standIn = await seededStandIn({ slug: 'issue-label-bot' });
    const { client } = clientFor(standIn);
    expect(await client.botLogin()).toBe('issue-label-bot[bot]');
    expect(await client.botLogin()).toBe('issue-label-bot[bot]');
    expect(standIn.requests.filter((r) => r.route === 'GET /app')).toHaveLength(1);
  });
});

describe('validatePrivateKey', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  it('accepts the PEM with newlines escaped as \\n', async () => {
    standIn = await seededStandIn();
    const escaped = standIn.privateKeyPem.trim().replace(/\n/g, '\\n');
    expect(validatePrivateKey(escaped)).toBe(`${standIn.privateKeyPem.trim()}\n`);
  });

  it.each([
    ['', /empty/],
    ['not a key', /not a PEM/],
    ['-----BEGIN RSA PRIVATE KEY-----', /only its first line/],
    ['-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----', /cannot be read/],
  ])('refuses %j at start-up with how to fix it', (pem, reason) => {
    expect(() => validatePrivateKey(pem)).toThrow(reason);
    expect(() => validatePrivateKey(pem)).toThrow(/GITHUB_PRIVATE_KEY_PATH/);
    expect(() => createGitHubClient({ appId: 1, privateKey: pem, logger: clientForLogger() })).toThrow(
      GitHubAppConfigError,
    );
  });
});

function clientForLogger() {
  return { child: () => ({}) } as never;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createUndiciFetch } from '../src/index.js';
import { retryServerErrors } from '../src/retry-server-errors.js';

/** A loopback server answering each request with the next scripted status (then 200), recording when it came. */
async function scriptedServer(statuses: number[], body: (status: number) => unknown = () => ({ ok: true })) {
  const seen: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(performance.now());
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body(status)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const RetryingOctokit = Octokit.plugin(retryServerErrors);
const client = (url: string, retry: Record<string, unknown> = {}) =>
  new RetryingOctokit({
    baseUrl: url,
    request: { fetch: createUndiciFetch() },
    retry: { retryAfterBaseValue: 20, ...retry },
  });

describe('retryServerErrors', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = undefined;
  });

  it('repeats 5xx answers, waiting 1, 4, 9 … backoff units, and returns the success', async () => {
    const scripted = await scriptedServer([502, 500, 503]);
    server = scripted.server;
    const { status } = await client(scripted.url).request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      labels: ['bug'],
    });
    expect(status).toBe(200);
    expect(scripted.seen).toHaveLength(4);
    const gaps = scripted.seen.slice(1).map((at, i) => at - (scripted.seen[i] ?? 0));
    // 20 ms units: at least 20, 80 and 180 ms between the attempts.
    expect(gaps.map((gap, i) => gap >= (i + 1) ** 2 * 20 - 2)).toEqual([true, true, true]);
  });

  it('does not repeat what a repeat cannot fix (404, 422, 401) nor rate limits (403, 429: the throttling plugin)', async () => {
    for (const status of [404, 422, 401, 403, 429]) {
      const scripted = await scriptedServer([status], () => ({ message: 'no' }));
      await expect(
        client(scripted.url).request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
      ).rejects.toMatchObject({ status });
      expect(scripted.seen).toHaveLength(1);
      await new Promise((done) => scripted.server.close(done));
    }
  });

  it('gives up after the configured repeats with the last error', async () => {
    const scripted = await scriptedServer([500, 500, 503]);
    server = scripted.server;
    await expect(
      client(scripted.url, { retries: 2 }).request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
    ).rejects.toMatchObject({ status: 503 });
    expect(scripted.seen).toHaveLength(3);
  });

  it('repeats a GraphQL "Something went wrong" error, as GitHub asks', async () => {
    let calls = 0;
    const scripted = await scriptedServer([], () =>
      ++calls === 1
        ? { errors: [{ message: 'Something went wrong while executing your query. Please try again.' }] }
        : { data: { viewer: { login: 'octocat' } } },
    );
    server = scripted.server;
    const { data } = await client(scripted.url).request('POST /graphql', { query: '{ viewer { login } }' });
    expect(data).toEqual({ data: { viewer: { login: 'octocat' } } });
    expect(scripted.seen).toHaveLength(2);
  });
});

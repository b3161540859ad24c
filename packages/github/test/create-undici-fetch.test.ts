import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { createUndiciFetch } from '../src/index.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that records what it was sent and answers per path (a renamed repository redirects). */
async function startRecordingServer(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/repos/old-org/app') {
        res.writeHead(301, { location: '/repositories/42' }).end();
      } else if (req.url === '/repositories/42') {
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'X-Custom': 'one', Link: '<a>' })
          .end(JSON.stringify({ full_name: 'new-org/app' }));
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else {
        res.writeHead(201, { 'content-type': 'application/json' }).end(body || '{}');
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('createUndiciFetch', () => {
  let server: Server | undefined;
  let standIn: GitHubStandIn | undefined;
  afterEach(async () => {
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    await standIn?.close();
    server = undefined;
    standIn = undefined;
  });

  it('follows a redirect for a renamed repository and hands Octokit the final JSON and headers', async () => {
    const recording = await startRecordingServer();
    server = recording.server;
    const octokit = new Octokit({ baseUrl: recording.url, request: { fetch: createUndiciFetch() } });
    const { data, headers, status } = await octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'old-org',
      repo: 'app',
    });
    expect(status).toBe(200);
    expect(data).toEqual({ full_name: 'new-org/app' });
    expect(headers['x-custom']).toBe('one');
    expect(recording.seen.map((s) => s.url)).toEqual(['/repos/old-org/app', '/repositories/42']);
  });

  it('sends the method, headers and JSON body Octokit builds; a 204 has empty data', async () => {
    const recording = await startRecordingServer();
    server = recording.server;
    const fetch = createUndiciFetch();
    const octokit = new Octokit({ baseUrl: recording.url, auth: 'secret-token', request: { fetch } });
    const created = await octokit.request('POST /echo', { labels: ['bug'] });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ labels: ['bug'] });
    const sent = recording.seen[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.headers.authorization).toBe('token secret-token');
    expect(sent?.headers['user-agent']).toMatch(/octokit/);
    const empty = await octokit.request('DELETE /empty');
    expect(empty.status).toBe(204);
    expect(empty.data).toBe(''); // as Octokit answers a 204 over WHATWG fetch
    const raw = await fetch(`${recording.url}/repositories/42`);
    expect(raw.headers.get('Content-Type')).toContain('application/json');
    expect(await raw.json()).toEqual({ full_name: 'new-org/app' });
  });

  it('as the client default, a dropped connection is retried and the labels land once', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn);
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 'network' });
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: OWNER,
      repo: 'app',
      issue_number: 1,
      labels: ['bug'],
    });
    expect(standIn.requests.filter((r) => r.route?.endsWith('/labels')).map((r) => r.status)).toEqual([0, 200]);
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual(['bug']);
  });

  it('as the client default, a hung GitHub fails the call after the timeout instead of holding it', async () => {
    standIn = await seededStandIn();
    const { client } = clientFor(standIn, { requestTimeoutMs: 100, retries: 1 });
    const octokit = await client.installation(INSTALLATION);
    standIn.inject({ route: 'GET /repos/{owner}/{repo}', fault: 'hang', times: 2 });
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: 'app' })).rejects.toMatchObject({
      status: 500,
      message: expect.stringMatching(/timeout/i),
    });
    expect(standIn.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}')).toHaveLength(2);
  });
});

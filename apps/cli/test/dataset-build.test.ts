import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SeedIssue, startGitHubGraphqlStandIn } from '../../../test/support/github-graphql-stand-in.js';
import { run } from '../src/commands/dataset.js';
import { buildDataset, buildFiles } from '../src/dataset/build-dataset.js';
import { createGitHubClient } from '../src/dataset/create-github-client.js';
import type { DatasetIssue } from '../src/dataset/dataset-issue.js';

const REPO = 'acme/widgets';
const START = Date.parse('2026-01-01T00:00:00Z');

function seed(count: number): SeedIssue[] {
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    title: `issue ${i + 1}`,
    body: i % 7 === 0 ? null : `body of ${i + 1}`,
    labels: i % 3 === 0 ? ['bug', 'area/ui'] : i % 3 === 1 ? ['feature'] : [],
    created_at: new Date(START + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
    ...(i % 10 === 5 ? { pull_request: true } : {}),
  }));
}

function fakeClock() {
  const clock = { t: Date.parse('2026-06-01T00:00:00Z'), slept: [] as number[] };
  return {
    clock,
    waiter: {
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.slept.push(ms);
        clock.t += ms;
      },
    },
  };
}

async function readLines(path: string): Promise<DatasetIssue[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DatasetIssue);
}

describe('dataset build', () => {
  let dir: string;
  let standIn: Awaited<ReturnType<typeof startGitHubGraphqlStandIn>>;
  const issues = seed(250);
  const expectedNumbers = issues.filter((i) => !i.pull_request).map((i) => i.number);
  const { clock, waiter } = fakeClock();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dataset-build-'));
    standIn = await startGitHubGraphqlStandIn({ repos: { [REPO]: issues }, tokens: ['pat-1'], now: () => clock.t });
  });
  afterEach(async () => {
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function build(extra: { api?: 'auto' | 'graphql' | 'rest'; since?: string | null } = {}) {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: REPO,
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    const out = join(dir, 'out.jsonl');
    const result = await buildDataset({
      octokit,
      baseUrl,
      repo: REPO,
      out,
      since: extra.since ?? null,
      api: extra.api ?? 'auto',
      waiter,
      pageSize: 100,
    });
    return { out, result };
  }

  it('pages through GraphQL with cursors and writes the dataset schema', async () => {
    const { out, result } = await build();
    expect(result).toMatchObject({ api: 'graphql', pages: 3, issues: expectedNumbers.length, resumed: false });
    const graphql = standIn.requests.filter((r) => r.path === '/graphql');
    expect(graphql.map((r) => r.body?.variables?.after === null)).toEqual([true, false, false]);
    expect(graphql.every((r) => r.auth === 'token pat-1')).toBe(true);
    const lines = await readLines(out);
    expect(lines.map((l) => l.number)).toEqual(expectedNumbers);
    expect(lines[0]).toEqual({
      repo: REPO,
      number: 1,
      title: 'issue 1',
      body: '',
      labels: ['bug', 'area/ui'],
      created_at: '2026-01-01T00:00:00Z',
    });
    expect(existsSync(buildFiles(out).checkpoint) || existsSync(buildFiles(out).part)).toBe(false);
  });

  it('falls back to REST with Link pagination and drops pull requests', async () => {
    await standIn.close();
    standIn = await startGitHubGraphqlStandIn({ repos: { [REPO]: issues }, tokens: ['pat-1'], graphql: false });
    const { out, result } = await build();
    expect(result.api).toBe('rest');
    expect(standIn.requests.filter((r) => r.path.endsWith('/issues')).map((r) => r.query.get('page'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect((await readLines(out)).map((l) => l.number)).toEqual(expectedNumbers);
  });

  it('asks for smaller GraphQL pages when large ones time out', async () => {
    await standIn.close();
    standIn = await startGitHubGraphqlStandIn({ repos: { [REPO]: issues }, tokens: ['pat-1'], maxFirst: 30 });
    const { out, result } = await build();
    expect(result.api).toBe('graphql');
    const sizes = standIn.requests.filter((r) => r.path === '/graphql').map((r) => r.body?.variables?.first);
    expect(sizes.filter((n) => n === 25)).toHaveLength(Math.ceil(expectedNumbers.length / 25));
    expect(sizes.every((n) => n === 100 || n === 50 || n === 25)).toBe(true);
    expect((await readLines(out)).map((l) => l.number)).toEqual(expectedNumbers);
  });

  it('keeps only issues created since --since', async () => {
    const since = issues[200]!.created_at;
    const { out } = await build({ api: 'rest', since });
    expect((await readLines(out)).map((l) => l.number)).toEqual(expectedNumbers.filter((n) => n > 200));
    expect(standIn.requests.at(-1)?.query.get('since')).toBe(since);
  });

  it('waits for x-ratelimit-reset after a primary rate limit, on GraphQL and REST', async () => {
    standIn.faults.push({ kind: 'primary', resetInSeconds: 600 });
    const before = clock.t;
    await build();
    expect(clock.t - before).toBeGreaterThanOrEqual(600_000);
    standIn.faults.push({ kind: 'primary', resetInSeconds: 120 });
    const restStart = clock.t;
    const { out } = await build({ api: 'rest' });
    expect(clock.t - restStart).toBeGreaterThanOrEqual(120_000);
    expect(standIn.violations).toEqual([]);
    expect((await readLines(out)).length).toBe(expectedNumbers.length);
  });

  it('honours retry-after on a secondary rate limit', async () => {
    standIn.faults.push({ kind: 'secondary', retryAfterSeconds: 45 });
    const slept = clock.slept.length;
    const { out } = await build();
    expect(clock.slept.slice(slept)).toEqual([45_000]);
    expect(standIn.violations).toEqual([]);
    expect((await readLines(out)).length).toBe(expectedNumbers.length);
  });

  it('resumes from the checkpoint after a crash mid-run, without duplicates', async () => {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: REPO,
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    const out = join(dir, 'out.jsonl');
    const options = { octokit, baseUrl, repo: REPO, out, since: null, api: 'graphql' as const, waiter, pageSize: 50 };
    let pages = 0;
    const crash = buildDataset({
      ...options,
      progress: () => {
        pages += 1;
        if (pages === 3) standIn.setFailing(502);
      },
    });
    await expect(crash).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    const checkpoint = JSON.parse(await readFile(buildFiles(out).checkpoint, 'utf8'));
    expect(checkpoint.issues).toBe(150);
    // A page appended after the last checkpoint, as if the process died between the two writes.
    await appendFile(buildFiles(out).part, '{"repo":"acme/widgets","number":999,"title":"torn"');
    standIn.setFailing(null);
    const seen = standIn.requests.length;
    const result = await buildDataset(options);
    expect(result.resumed).toBe(true);
    expect(standIn.requests[seen]?.body?.variables?.after).toBe(checkpoint.next.after);
    const lines = await readLines(out);
    expect(lines.map((l) => l.number)).toEqual(expectedNumbers);
    expect(existsSync(buildFiles(out).checkpoint)).toBe(false);
  });

  it('resumes a REST build at the page size it started with, and refuses another', async () => {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: REPO,
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    const out = join(dir, 'rest.jsonl');
    const options = { octokit, baseUrl, repo: REPO, out, since: null, api: 'rest' as const, waiter };
    let pages = 0;
    const crash = buildDataset({
      ...options,
      pageSize: 20,
      progress: () => {
        pages += 1;
        if (pages === 3) standIn.setFailing(502);
      },
    });
    await expect(crash).rejects.toThrow();
    standIn.setFailing(null);
    await expect(buildDataset({ ...options, pageSize: 100 })).rejects.toThrow(/--page-size 20, not 100/);
    const seen = standIn.requests.length;
    const result = await buildDataset(options);
    expect(result.resumed).toBe(true);
    expect(standIn.requests.slice(seen).map((r) => r.query.get('per_page'))).toContain('20');
    expect(standIn.requests.slice(seen).every((r) => r.query.get('per_page') === '20')).toBe(true);
    expect((await readLines(out)).map((l) => l.number)).toEqual(expectedNumbers);
  });

  it('resumes only with the --api it started with; an older checkpoint without one counts as auto', async () => {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: REPO,
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    const out = join(dir, 'api.jsonl');
    const files = buildFiles(out);
    const options = { octokit, baseUrl, repo: REPO, out, since: null, waiter, pageSize: 50 };
    let pages = 0;
    const crash = buildDataset({
      ...options,
      api: 'graphql',
      progress: () => {
        pages += 1;
        if (pages === 3) standIn.setFailing(502);
      },
    });
    await expect(crash).rejects.toThrow();
    standIn.setFailing(null);
    const seen = standIn.requests.length;
    await expect(buildDataset({ ...options, api: 'rest' })).rejects.toThrow(
      `${files.checkpoint}: checkpoint was written with --api graphql, not rest; ` +
        `rerun with --api graphql, or delete it and ${files.part} to start over with --api rest`,
    );
    expect(standIn.requests.length).toBe(seen);
    const { api, ...older } = JSON.parse(await readFile(files.checkpoint, 'utf8'));
    expect(api).toBe('graphql');
    await writeFile(files.checkpoint, JSON.stringify(older));
    await expect(buildDataset({ ...options, api: 'rest' })).rejects.toThrow(/--api auto, not rest/);
    const result = await buildDataset({ ...options, api: 'auto' });
    expect(result).toMatchObject({ resumed: true, api: 'graphql' });
    expect((await readLines(out)).map((l) => l.number)).toEqual(expectedNumbers);
  });

  it('fails at once on a missing repository, creating the output folder and leaving no partial file', async () => {
    const { octokit, baseUrl } = await createGitHubClient({
      repo: 'acme/nothere',
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    const out = join(dir, 'data', 'nested', 'nothere.jsonl');
    const slept = clock.slept.length;
    for (const api of ['auto', 'rest'] as const) {
      const build = buildDataset({ octokit, baseUrl, repo: 'acme/nothere', out, since: null, api, waiter });
      await expect(build).rejects.toThrow('acme/nothere: repository not found, or not visible with these credentials');
    }
    expect(clock.slept.length).toBe(slept);
    expect(standIn.requests.map((r) => r.path)).toEqual(['/graphql', '/repos/acme/nothere/issues']);
    expect(existsSync(join(dir, 'data', 'nested'))).toBe(true);
    expect(existsSync(buildFiles(out).part)).toBe(false);
  });

  it('suggests rerunning only after a failure that may pass', async () => {
    const command = async (token: string) => {
      let stderr = '';
      const io = {
        env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: token },
        stdout: { write: () => true },
        stderr: {
          write: (text: string) => {
            stderr += text;
            return true;
          },
        },
      };
      const out = join(dir, 'cli', 'out.jsonl');
      const code = await run(['build', '--repo', REPO, '--out', out, '--api', 'rest'], io as never);
      return { code, stderr };
    };
    const refused = await command('wrong-token');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Bad credentials/);
    expect(refused.stderr).not.toMatch(/rerun/);
    expect(await command('pat-1')).toMatchObject({ code: 0 });
  });

  it('refuses a checkpoint left by other arguments', async () => {
    const out = join(dir, 'out.jsonl');
    await appendFile(
      buildFiles(out).checkpoint,
      JSON.stringify({
        version: 1,
        repo: 'other/repo',
        since: null,
        pageSize: 100,
        next: { api: 'rest', page: 2 },
        partBytes: 0,
        issues: 0,
        total: null,
      }),
    );
    const { octokit, baseUrl } = await createGitHubClient({
      repo: REPO,
      env: { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: 'pat-1' },
    });
    await expect(buildDataset({ octokit, baseUrl, repo: REPO, out, since: null, api: 'auto', waiter })).rejects.toThrow(
      /other\/repo/,
    );
  });

  it('authenticates as the App installation on the repository', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await standIn.close();
    standIn = await startGitHubGraphqlStandIn({
      repos: { [REPO]: issues },
      app: { id: 4242, publicKey, installationId: 77 },
    });
    const env = {
      GITHUB_API_URL: standIn.url,
      GITHUB_APP_ID: '4242',
      GITHUB_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    };
    const { octokit, baseUrl } = await createGitHubClient({ repo: REPO, env });
    const out = join(dir, 'app.jsonl');
    const result = await buildDataset({ octokit, baseUrl, repo: REPO, out, since: null, api: 'auto', waiter });
    expect(result.issues).toBe(expectedNumbers.length);
    expect(standIn.requests.map((r) => r.path).slice(0, 3)).toEqual([
      `/repos/${REPO}/installation`,
      '/app/installations/77/access_tokens',
      '/graphql',
    ]);
    expect(standIn.requests[2]?.auth).toMatch(/^token ghs_/);
  });

  it('says how to supply credentials when there are none', async () => {
    await expect(createGitHubClient({ repo: REPO, env: {} })).rejects.toThrow(/GITHUB_TOKEN.*GITHUB_APP_ID/);
  });
});

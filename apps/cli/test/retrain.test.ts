import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStoreBackend, readLatest } from '@labelbot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubGraphqlStandIn } from '../../../test/support/github-graphql-stand-in.js';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import { run as models } from '../src/commands/models.js';
import { readRetrainConfig } from '../src/retrain/read-retrain-config.js';
import { retrainRepository } from '../src/retrain/retrain-repository.js';
import { syntheticIssues } from './support/synthetic-issues.js';

describe('models retrain: build → train → publish', () => {
  let dir: string;
  let storage: StorageStandIn;
  let github: Awaited<ReturnType<typeof startGitHubGraphqlStandIn>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retrain-'));
    storage = await startStorageStandIn({ buckets: ['models-bucket'] });
    github = await startGitHubGraphqlStandIn({ repos: { 'acme/widgets': syntheticIssues(300) }, tokens: ['pat-9'] });
  });
  afterAll(async () => {
    await Promise.all([storage.close(), github.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a model of the repository, then a retrained one after comparing it with the live model', async () => {
    const config = join(dir, 'retrain.yaml');
    await writeFile(config, 'repositories:\n  - repo: acme/widgets\n    minCount: 10\n');
    const [entry] = (await readRetrainConfig(config)).repositories;
    const notices: string[] = [];
    const context = {
      env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'pat-9', STORAGE_EMULATOR_HOST: storage.url },
      storeUrl: 'gs://models-bucket/models',
      workDir: dir,
      waiter: { now: () => 0, sleep: async () => {} },
      now: () => new Date('2026-02-01T00:00:00Z'),
      notice: (m: string) => notices.push(m),
    };
    const first = await retrainRepository(entry!, context);
    expect(first).toMatchObject({ target: 'acme/widgets', version: '20260201T000000Z', moved: true, issues: 300 });
    const backend = createStoreBackend('gs://models-bucket/models', { apiEndpoint: storage.url, maxRetries: 0 });
    expect((await readLatest(backend, { owner: 'acme', repo: 'widgets' }))?.version).toBe('20260201T000000Z');
    expect(github.requests.some((r) => r.path === '/graphql')).toBe(true);
    const second = await retrainRepository(entry!, { ...context, now: () => new Date('2026-02-08T00:00:00Z') });
    expect(second.comparison?.verdict).toBe('same');
    expect(second.moved).toBe(true);
    expect(storage.rejected).toEqual([]);
  }, 120_000);

  it('labelbot models retrain reports each repository and fails the run when one fails', async () => {
    const config = join(dir, 'two.yaml');
    await writeFile(config, 'repositories:\n  - repo: acme/missing\n  - repo: acme/widgets\n    minCount: 10\n');
    const out = { stdout: '', stderr: '' };
    const io = {
      env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'pat-9', STORAGE_EMULATOR_HOST: storage.url },
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    };
    const code = await models(
      ['retrain', '--config', config, '--work', dir, '--store', 'gs://models-bucket/models'],
      io,
    );
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { repo: string; ok: boolean; error?: string });
    expect(code).toBe(1);
    expect(lines.map((l) => [l.repo, l.ok])).toEqual([
      ['acme/missing', false],
      ['acme/widgets', true],
    ]);
    expect(lines[0]?.error).toMatch(/repository not found/);
  }, 120_000);

  it('names what is wrong in a bad config', async () => {
    const config = join(dir, 'bad.yaml');
    await writeFile(config, 'repositories:\n  - repo: not-a-repo\n    minCount: 0\n');
    await expect(readRetrainConfig(config)).rejects.toThrow(/\/repositories\/0\/repo: must match pattern/);
    await writeFile(config, 'repositories: [\n');
    await expect(readRetrainConfig(config)).rejects.toThrow(/malformed YAML/);
    await writeFile(config, 'repositories:\n  - repo: !!js/function "() => 1"\n');
    await expect(readRetrainConfig(config)).rejects.toThrow(/malformed YAML/);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubGraphqlStandIn } from '../../../test/support/github-graphql-stand-in.js';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import { run as dataset } from '../src/commands/dataset.js';
import { run as evaluate } from '../src/commands/evaluate.js';
import { run as models } from '../src/commands/models.js';
import { run as predict } from '../src/commands/predict.js';
import { run as publish } from '../src/commands/publish.js';
import { trainRepoModel } from '../src/repo-model/train-repo-model.js';
import { writeRepoModel } from '../src/repo-model/write-repo-model.js';
import { syntheticIssues } from './support/synthetic-issues.js';

function capture(env: Record<string, string>) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env,
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

describe('labelbot dataset | publish | models', () => {
  let dir: string;
  let storage: StorageStandIn;
  let github: Awaited<ReturnType<typeof startGitHubGraphqlStandIn>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'repo-commands-'));
    storage = await startStorageStandIn({ buckets: ['models-bucket'] });
    github = await startGitHubGraphqlStandIn({ repos: { 'acme/widgets': syntheticIssues(120) }, tokens: ['pat-3'] });
    env = {
      GITHUB_API_URL: github.url,
      STORAGE_EMULATOR_HOST: storage.url,
      MODEL_STORE_URL: 'gs://models-bucket/models',
    };
  });
  afterAll(async () => {
    await Promise.all([storage.close(), github.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('dataset build writes the file and prints a summary', async () => {
    const out = join(dir, 'widgets.jsonl');
    const { io, out: printed } = capture({ ...env, GITHUB_TOKEN: 'pat-3' });
    expect(await dataset(['build', '--repo', 'acme/widgets', '--out', out, '--since', '2025-01-03'], io)).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ repo: 'acme/widgets', api: 'graphql', issues: 72 });
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(72);
  });

  it('dataset build says how to fix missing credentials and bad arguments', async () => {
    const missing = capture(env);
    expect(await dataset(['build', '--repo', 'acme/widgets', '--out', join(dir, 'x.jsonl')], missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(/set GITHUB_TOKEN/);
    const bad = capture(env);
    expect(await dataset(['build', '--repo', 'acme/widgets', '--out', 'x', '--since', 'someday'], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/--since must be a date/);
    // Refused as a usage error before the build creates its partial file.
    const notOwnerName = capture(env);
    const out = join(dir, 'foo.jsonl');
    expect(await dataset(['build', '--repo', 'foo', '--out', out, '--token', 'pat-3'], notOwnerName.io)).toBe(2);
    expect(notOwnerName.out.stderr).toMatch(/--repo must be owner\/name, got 'foo'/);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('publish --dry-run writes nothing; publish and models list show the version live', async () => {
    const result = await trainRepoModel(syntheticIssues(200), {
      name: 'acme/widgets',
      seed: 1,
      selection: { minCount: 10 },
      featurizer: { buckets: 4096, charNgrams: [0, 0] },
      sources: [{ file: 'synthetic', rows: 200, sha256: 'a'.repeat(64) }],
      createdAt: '2026-03-01T00:00:00Z',
    });
    const model = join(dir, 'model');
    await writeRepoModel(model, result);
    const to = 'gs://models-bucket/models/acme/widgets';
    const dry = capture(env);
    expect(await publish(['--model', model, '--to', to, '--dry-run'], dry.io)).toBe(0);
    expect(JSON.parse(dry.out.stdout)).toMatchObject({ moved: false, dryRun: true });
    expect(storage.objects('models-bucket').size).toBe(0);
    const real = capture(env);
    expect(await publish(['--model', model, '--to', to], real.io)).toBe(0);
    const list = capture(env);
    expect(await models(['list', 'acme/widgets'], list.io)).toBe(0);
    expect(list.out.stdout).toMatch(
      /^\* 20260301T000000Z {2}2026-03-01T00:00:00Z {2}labels \d\/2 {2}held-out macro-F1 \d\.\d{3}\n$/,
    );
    const rollback = capture(env);
    expect(await models(['rollback', 'acme/widgets'], rollback.io)).toBe(1);
    expect(rollback.out.stderr).toMatch(/no version before 20260301T000000Z/);
    expect(existsSync(join(model, 'holdout.jsonl'))).toBe(true);
  });

  it('predict and evaluate read a published model from gs:// and file:// (LATEST or a version)', async () => {
    const input = join(dir, 'issues.jsonl');
    await writeFile(
      input,
      syntheticIssues(20)
        .map((issue) => `${JSON.stringify(issue)}\n`)
        .join(''),
    );
    const fromDirectory = capture(env);
    expect(await predict(['--model', join(dir, 'model'), '--input', input], fromDirectory.io)).toBe(0);
    const fileStore = `${pathToFileURL(join(dir, 'file-store')).href}/acme/widgets`;
    expect(await publish(['--model', join(dir, 'model'), '--to', fileStore], capture(env).io)).toBe(0);
    for (const model of [
      'gs://models-bucket/models/acme/widgets',
      'gs://models-bucket/models/acme/widgets/20260301T000000Z/',
      fileStore,
      `${fileStore}/20260301T000000Z`,
    ]) {
      const stored = capture(env);
      expect(await predict(['--model', model, '--input', input], stored.io)).toBe(0);
      expect(stored.out.stdout).toBe(fromDirectory.out.stdout);
    }
    const report = capture(env);
    expect(await evaluate(['--model', 'gs://models-bucket/models/acme/widgets', '--input', input], report.io)).toBe(0);
    expect(JSON.parse(report.out.stdout).count).toBe(20);
    const missing = capture(env);
    expect(await predict(['--model', 'gs://models-bucket/models/acme/none', '--input', input], missing.io)).toBe(1);
    expect(missing.out.stderr).toBe(
      'labelbot predict: gs://models-bucket/models/acme/none: no model.onnx + manifest.json and no LATEST there\n',
    );
  });

  it('publish reports a bad --to and a missing bundle clearly', async () => {
    const bad = capture(env);
    expect(
      await publish(['--model', join(dir, 'nope'), '--to', 'gs://models-bucket/models/acme/widgets'], bad.io),
    ).toBe(1);
    expect(bad.out.stderr).toMatch(/cannot read model.onnx/);
    const wrong = capture(env);
    expect(await publish(['--model', join(dir, 'model'), '--to', 'gs://models-bucket'], wrong.io)).toBe(1);
    expect(wrong.out.stderr).toMatch(/--to must be/);
    const emptyMargin = capture(env);
    const to = 'gs://models-bucket/models/acme/widgets';
    expect(await publish(['--model', join(dir, 'nope'), '--to', to, '--margin', ''], emptyMargin.io)).toBe(2);
    expect(emptyMargin.out.stderr).toMatch(/--margin is a number >= 0/);
  });
});

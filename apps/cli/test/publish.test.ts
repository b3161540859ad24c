import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetIssue } from '@labelbot/model';
import {
  bundlePath,
  createStoreBackend,
  readLatest,
  readPrevious,
  type StoreBackend,
  StoreUnavailableError,
} from '@labelbot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate } from '../../../test/support/gate.js';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import { describeVersions } from '../src/publish/describe-versions.js';
import { parsePublishTarget } from '../src/publish/parse-publish-target.js';
import { publishBundle } from '../src/publish/publish-bundle.js';
import { rollbackLatest } from '../src/publish/rollback-latest.js';
import { trainRepoModel } from '../src/repo-model/train-repo-model.js';
import { writeRepoModel } from '../src/repo-model/write-repo-model.js';
import { syntheticIssues } from './support/synthetic-issues.js';

const TO = 'gs://models-bucket/models/acme/widgets';

describe('publish, list and rollback against the Cloud Storage stand-in', () => {
  let standIn: StorageStandIn;
  let backend: StoreBackend;
  let dir: string;
  const { target } = parsePublishTarget(TO);
  const issues = syntheticIssues(400);

  async function bundle(name: string, hour: number, scramble = false): Promise<string> {
    const data = scramble
      ? issues.map((issue, i) => ({ ...issue, labels: (issues[(i * 7 + 3) % issues.length] as DatasetIssue).labels }))
      : issues;
    const result = await trainRepoModel(data, {
      name: 'acme/widgets',
      seed: 1,
      selection: { minCount: 10 },
      featurizer: { buckets: 4096, charNgrams: [0, 0] },
      sources: [{ file: 'fixture.jsonl', rows: data.length, sha256: 'f'.repeat(64) }],
      createdAt: new Date(Date.UTC(2026, 0, 1, hour)).toISOString().replace('.000Z', 'Z'),
    });
    const out = join(dir, name);
    await writeRepoModel(out, result);
    // Publish compares on real held-out issues, whatever labels this bundle was trained on.
    if (scramble) await writeFile(join(out, 'holdout.jsonl'), await readFile(join(dir, 'a', 'holdout.jsonl')));
    return out;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'publish-'));
    standIn = await startStorageStandIn({ buckets: ['models-bucket'] });
    backend = createStoreBackend('gs://models-bucket/models', { apiEndpoint: standIn.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a first version, checks it, and points LATEST at it', async () => {
    const a = await bundle('a', 1);
    expect(await readFile(join(a, 'README.md'), 'utf8')).toContain('- stale (');
    const result = await publishBundle({ backend, target, dir: a });
    expect(result).toMatchObject({ target: 'acme/widgets', version: '20260101T010000Z', previous: null, moved: true });
    expect((await readLatest(backend, target))?.version).toBe('20260101T010000Z');
    const names = [...standIn.objects('models-bucket').keys()].sort();
    expect(names).toEqual([
      'models/acme/widgets/20260101T010000Z/README.md',
      'models/acme/widgets/20260101T010000Z/manifest.json',
      'models/acme/widgets/20260101T010000Z/model.onnx',
      'models/acme/widgets/LATEST',
    ]);
    expect(standIn.rejected).toEqual([]);
  });

  it('compares with the live model on the held-out issues and moves LATEST when not worse', async () => {
    const b = await bundle('b', 2);
    const result = await publishBundle({ backend, target, dir: b });
    expect(result.moved).toBe(true);
    expect(result.previous).toBe('20260101T010000Z');
    expect(result.comparison?.verdict).not.toBe('worse');
    expect(await readFile(join(b, 'README.md'), 'utf8')).toContain('## Compared with the live model 20260101T010000Z');
  });

  it('refuses a worse model, changes nothing, and publishes it only with --force', async () => {
    const c = await bundle('c', 3, true);
    const before = standIn.objects('models-bucket').size;
    await expect(publishBundle({ backend, target, dir: c, dryRun: true })).rejects.toThrow(
      /worse than the live 20260101T020000Z/,
    );
    await expect(publishBundle({ backend, target, dir: c })).rejects.toThrow(/LATEST not moved/);
    expect(standIn.objects('models-bucket').size).toBe(before);
    expect((await readLatest(backend, target))?.version).toBe('20260101T020000Z');
    const forced = await publishBundle({ backend, target, dir: c, force: true });
    expect(forced).toMatchObject({ moved: true, comparison: { verdict: 'worse' } });
    // What the running workers served, for a new worker that refuses the new version.
    expect(await readPrevious(backend, target)).toBe('20260101T020000Z');
    expect(await readFile(join(c, 'README.md'), 'utf8')).toContain('(published with --force)');
  });

  it('lists versions with the live one marked, and rolls back', async () => {
    const rows = await describeVersions(backend, target);
    expect(rows.map((r) => [r.version, r.live])).toEqual([
      ['20260101T010000Z', false],
      ['20260101T020000Z', false],
      ['20260101T030000Z', true],
    ]);
    expect(await rollbackLatest(backend, target)).toEqual({
      target: 'acme/widgets',
      from: '20260101T030000Z',
      to: '20260101T020000Z',
    });
    expect(await readPrevious(backend, target)).toBe('20260101T030000Z');
    expect(await rollbackLatest(backend, target, '20260101T010000Z')).toMatchObject({ to: '20260101T010000Z' });
    expect(await readPrevious(backend, target)).toBe('20260101T020000Z');
    await expect(rollbackLatest(backend, target, '20990101T000000Z')).rejects.toThrow(/no version 20990101T000000Z/);
    expect((await readLatest(backend, target))?.version).toBe('20260101T010000Z');
  });

  it('lets exactly one of two concurrent publishers move LATEST; the other fails clearly', async () => {
    const [d, e] = [await bundle('d', 4), await bundle('e', 5)];
    let latestReads = 0;
    const { held: bothRead, release } = gate();
    // Both publishers read LATEST before either writes it: the interleaving the precondition must catch.
    const racing: StoreBackend = {
      url: backend.url,
      list: (prefix) => backend.list(prefix),
      read: async (path) => {
        const object = await backend.read(path);
        if (path.endsWith('/LATEST') && ++latestReads === 2) release();
        return object;
      },
      write: async (path, bytes, options) => {
        if (path.endsWith('/LATEST')) await bothRead;
        return backend.write(path, bytes, options);
      },
    };
    const results = await Promise.allSettled([
      publishBundle({ backend: racing, target, dir: d }),
      publishBundle({ backend: racing, target, dir: e }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(String(lost[0]?.reason)).toMatch(/LATEST of acme\/widgets changed while publishing/);
    const winner = (won[0] as PromiseFulfilledResult<{ version: string }>).value.version;
    expect((await readLatest(backend, target))?.version).toBe(winner);
  });

  it('completes a publish that stopped after model.onnx, and refuses a version stored with other bytes', async () => {
    const g = await bundle('g', 7);
    const onnx = await readFile(join(g, 'model.onnx'));
    await backend.write(bundlePath(target, '20260101T070000Z', 'model.onnx'), onnx, { ifGenerationMatch: '0' });
    const notices: string[] = [];
    const result = await publishBundle({ backend, target, dir: g, notice: (m) => notices.push(m) });
    expect(result).toMatchObject({ version: '20260101T070000Z', moved: true });
    expect(notices).toContain(
      '20260101T070000Z: model.onnx uploaded before with the same bytes; completing the upload',
    );
    expect((await readLatest(backend, target))?.version).toBe('20260101T070000Z');

    const h = await bundle('h', 8);
    await backend.write(bundlePath(target, '20260101T080000Z', 'model.onnx'), Buffer.from('other bytes'));
    await expect(publishBundle({ backend, target, dir: h })).rejects.toThrow(
      'acme/widgets/20260101T080000Z: acme/widgets/20260101T080000Z/model.onnx already exists with different bytes',
    );
    expect((await readLatest(backend, target))?.version).toBe('20260101T070000Z');
  });

  it('refuses a tampered bundle before uploading anything', async () => {
    const f = await bundle('f', 6);
    const onnx = await readFile(join(f, 'model.onnx'));
    onnx.writeUInt8(onnx.readUInt8(onnx.length - 1) ^ 0xff, onnx.length - 1);
    await writeFile(join(f, 'model.onnx'), onnx);
    const before = standIn.objects('models-bucket').size;
    await expect(publishBundle({ backend, target, dir: f })).rejects.toThrow(/sha256/);
    expect(standIn.objects('models-bucket').size).toBe(before);
  });

  it('reports a LATEST move whose PREVIOUS could not be written as done, with a warning', async () => {
    // The stand-in refuses nothing on its own; this backend fails the PREVIOUS write only.
    const noPrevious: StoreBackend = {
      url: backend.url,
      list: (prefix) => backend.list(prefix),
      read: (path) => backend.read(path),
      write: async (path, bytes, options) => {
        if (path.endsWith('/PREVIOUS')) throw new StoreUnavailableError('stand-in: PREVIOUS write refused');
        return backend.write(path, bytes, options);
      },
    };
    const from = (await readLatest(backend, target))?.version;
    const notices: string[] = [];
    const moved = await rollbackLatest(noPrevious, target, '20260101T020000Z', (m) => notices.push(m));
    expect(moved).toEqual({ target: 'acme/widgets', from, to: '20260101T020000Z' });
    expect((await readLatest(backend, target))?.version).toBe('20260101T020000Z');
    expect(notices).toEqual([
      expect.stringMatching(
        /^warning: LATEST of acme\/widgets moved, but PREVIOUS could not be recorded \(.*PREVIOUS write refused/,
      ),
    ]);
    // The PREVIOUS left from an earlier move belongs to another generation of LATEST: not read.
    expect(await readPrevious(backend, target)).toBeNull();

    const i = await bundle('i', 9);
    const published: string[] = [];
    const result = await publishBundle({ backend: noPrevious, target, dir: i, notice: (m) => published.push(m) });
    expect(result).toMatchObject({ version: '20260101T090000Z', moved: true });
    expect(published.some((m) => m.startsWith('warning: LATEST of acme/widgets moved, but PREVIOUS'))).toBe(true);
  });

  it('refuses a bundle whose manifest does not fit its graph before uploading anything, as a worker would', async () => {
    const j = await bundle('j', 10);
    const manifest = JSON.parse(await readFile(join(j, 'manifest.json'), 'utf8'));
    // model.onnx is untouched (its sha256 still matches); the manifest names a label the graph has no output for.
    manifest.labels.push('extra');
    manifest.thresholds.extra = 0.5;
    await writeFile(join(j, 'manifest.json'), JSON.stringify(manifest));
    const before = standIn.objects('models-bucket').size;
    const live = (await readLatest(backend, target))?.version;
    await expect(publishBundle({ backend, target, dir: j, force: true })).rejects.toThrow(
      /does not load, so it cannot go live: .*does not fit manifest\.json/,
    );
    expect(standIn.objects('models-bucket').size).toBe(before);
    expect((await readLatest(backend, target))?.version).toBe(live);
  });

  it('refuses to compare on an empty held-out file unless --force', async () => {
    const k = await bundle('k', 11);
    await writeFile(join(k, 'holdout.jsonl'), '');
    await expect(publishBundle({ backend, target, dir: k })).rejects.toThrow(
      /the held-out file has no issues to compare 20260101T110000Z with the live 20260101T090000Z/,
    );
    expect((await readLatest(backend, target))?.version).toBe('20260101T090000Z');
    expect(await publishBundle({ backend, target, dir: k, force: true })).toMatchObject({ moved: true });
  });

  it('publishes over a live model this build cannot load, saying so (its workers do not serve it either)', async () => {
    const stored = bundlePath(target, '20260101T110000Z', 'manifest.json');
    const manifest = JSON.parse(String((await backend.read(stored))?.bytes));
    manifest.featurizer.version = 0;
    await backend.write(stored, Buffer.from(JSON.stringify(manifest)));
    const l = await bundle('l', 12);
    const notices: string[] = [];
    const result = await publishBundle({ backend, target, dir: l, notice: (m) => notices.push(m) });
    expect(result).toMatchObject({ version: '20260101T120000Z', previous: '20260101T110000Z', moved: true });
    expect(notices).toEqual([
      expect.stringMatching(
        /^the live 20260101T110000Z does not load with this build \(.*featurizer.*\); nothing to compare with$/,
      ),
    ]);
    expect((await readLatest(backend, target))?.version).toBe('20260101T120000Z');
  });
});

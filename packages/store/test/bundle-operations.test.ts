import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import {
  createStoreBackend,
  listVersions,
  PreconditionFailedError,
  putBundleVersion,
  readBundleVersion,
  readLatest,
  type StoreBackend,
  StoreUnavailableError,
  setLatest,
} from '../src/index.js';
import { makeTestBundle } from './make-test-bundle.js';

let standIn: StorageStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startStorageStandIn({ buckets: ['models-bucket'] });
  dir = await mkdtemp(join(tmpdir(), 'labelbot-store-'));
});
afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

const backends: [string, () => StoreBackend][] = [
  ['gs://', () => createStoreBackend('gs://models-bucket/models', { apiEndpoint: standIn.url, maxRetries: 0 })],
  ['file://', () => createStoreBackend(pathToFileURL(dir).href)],
];

describe.each(backends)('bundle operations on %s', (_kind, backend) => {
  const target = { owner: 'octo-org', repo: 'widgets' };

  it('puts a version, reads it back, refuses to overwrite it, and lists versions', async () => {
    const store = backend();
    const v1 = makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } });
    await putBundleVersion(store, target, 'v1', v1);
    await putBundleVersion(store, target, 'v2', makeTestBundle({ version: 'v2', scores: { 'area/ui': 0.1 } }));
    const back = await readBundleVersion(store, target, 'v1');
    expect(back?.onnx.equals(v1.onnx)).toBe(true);
    expect(back?.manifest.equals(v1.manifest)).toBe(true);
    expect(await putBundleVersion(store, target, 'v1', v1)).toEqual({ alreadyStored: ['model.onnx', 'manifest.json'] });
    const other = makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.5 } });
    await expect(putBundleVersion(store, target, 'v1', other)).rejects.toThrow(
      /octo-org\/widgets\/v1\/model.onnx already exists with different bytes/,
    );
    await expect(putBundleVersion(store, target, 'v1', other)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await readBundleVersion(store, target, 'v9')).toBeNull();
    expect(await listVersions(store, target)).toEqual(['v1', 'v2']);
    expect((await readBundleVersion(store, target, 'v1'))?.onnx.equals(v1.onnx)).toBe(true);
    expect(await listVersions(store, { owner: 'octo-org', repo: 'other' })).toEqual([]);
  });

  it('completes a version whose upload stopped after model.onnx', async () => {
    const store = backend();
    const v3 = makeTestBundle({ version: 'v3', scores: { 'area/ui': 0.3 } });
    await store.write('octo-org/widgets/v3/model.onnx', v3.onnx, { ifGenerationMatch: '0' });
    expect(await readBundleVersion(store, target, 'v3')).toBeNull();
    expect(await putBundleVersion(store, target, 'v3', v3)).toEqual({ alreadyStored: ['model.onnx'] });
    expect((await readBundleVersion(store, target, 'v3'))?.manifest.equals(v3.manifest)).toBe(true);
  });

  it('sets LATEST as a compare-and-swap on its generation', async () => {
    const store = backend();
    expect(await readLatest(store, target)).toBeNull();
    await setLatest(store, target, 'v1', { ifGenerationMatch: '0' });
    const first = await readLatest(store, target);
    expect(first?.version).toBe('v1');
    await expect(setLatest(store, target, 'v2', { ifGenerationMatch: '0' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await setLatest(store, target, 'v2', { ifGenerationMatch: first?.generation });
    await expect(setLatest(store, target, 'v1', { ifGenerationMatch: first?.generation })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await readLatest(store, target))?.version).toBe('v2');
  });

  it('reports a PREVIOUS write that failed, whatever was thrown, with a non-empty reason', async () => {
    const store = backend();
    const moved = { owner: 'octo-org', repo: 'no-previous' };
    await setLatest(store, moved, 'v1', { ifGenerationMatch: '0' });
    for (const [thrown, reason] of [
      [new StoreUnavailableError('refused'), 'refused'],
      [new Error(''), 'Error'],
      ['a string', 'a string'],
    ] as const) {
      const failing: StoreBackend = {
        ...store,
        write: async (path, bytes, options) => {
          if (path.endsWith('/PREVIOUS')) throw thrown;
          return store.write(path, bytes, options);
        },
      };
      const latest = (await readLatest(store, moved))!;
      const next = latest.version === 'v1' ? 'v2' : 'v1';
      const move = await setLatest(failing, moved, next, {
        ifGenerationMatch: latest.generation,
        previous: latest.version,
      });
      expect(move.previousNotRecorded).toContain(reason);
      expect((await readLatest(store, moved))?.version).toBe(next);
    }
  });

  it('lets exactly one of two concurrent conditional writers of LATEST win, every time', async () => {
    const store = backend();
    const raced = { owner: 'octo-org', repo: 'raced' };
    await setLatest(store, raced, 'start', { ifGenerationMatch: '0' });
    for (let round = 0; round < 20; round += 1) {
      const { generation } = (await readLatest(store, raced))!;
      const results = await Promise.allSettled([
        setLatest(store, raced, `a${round}`, { ifGenerationMatch: generation }),
        setLatest(store, raced, `b${round}`, { ifGenerationMatch: generation }),
      ]);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(PreconditionFailedError);
      const winner = results.findIndex((r) => r.status === 'fulfilled') === 0 ? `a${round}` : `b${round}`;
      expect((await readLatest(store, raced))?.version).toBe(winner);
    }
  });
});

describe('listing on gs:// page by page', () => {
  it('lists every version when the service splits the listing into pages', async () => {
    const paged = await startStorageStandIn({ buckets: ['models-bucket'], listPageSize: 2 });
    try {
      const store = createStoreBackend('gs://models-bucket/models', { apiEndpoint: paged.url, maxRetries: 0 });
      const target = { owner: 'octo-org', repo: 'many' };
      const versions = ['v1', 'v2', 'v3', 'v4', 'v5'];
      for (const version of versions) {
        await putBundleVersion(store, target, version, makeTestBundle({ version, scores: { 'area/ui': 0.9 } }));
      }
      await setLatest(store, target, 'v5');
      expect(await listVersions(store, target)).toEqual(versions);
      expect((await store.list('octo-org/many/')).names).toEqual(['octo-org/many/LATEST']);
      const lists = paged.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/o'));
      expect(lists.length).toBeGreaterThanOrEqual(3);
    } finally {
      await paged.close();
    }
  });
});

describe('the Cloud Storage stand-in', () => {
  const gcs = () => createStoreBackend('gs://models-bucket/models', { apiEndpoint: standIn.url, maxRetries: 0 });

  it('saw only JSON API requests under the prefix: multipart uploads, media downloads, delimited lists', async () => {
    const target = { owner: 'octo-org', repo: 'wire' };
    const store = gcs();
    const from = standIn.requests.length;
    await putBundleVersion(store, target, 'v1', makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } }));
    await setLatest(store, target, 'v1', { ifGenerationMatch: '0' });
    expect((await readLatest(store, target))?.version).toBe('v1');
    expect(await readBundleVersion(store, target, 'v1')).not.toBeNull();
    expect(await listVersions(store, target)).toEqual(['v1']);
    expect(standIn.rejected).toEqual([]);
    const seen = standIn.requests.slice(from);
    const paths = seen.map((request) => `${request.method} ${request.path}`);
    expect(paths).toContain('POST /upload/storage/v1/b/models-bucket/o');
    expect(paths).toContain('GET /storage/v1/b/models-bucket/o/models%2Focto-org%2Fwire%2FLATEST');
    const uploads = seen.filter((request) => request.path.startsWith('/upload/'));
    expect(uploads.length).toBeGreaterThan(0);
    expect(uploads.every((request) => request.query.uploadType === 'multipart')).toBe(true);
    expect(uploads.every((request) => request.query.name?.startsWith('models/octo-org/wire/'))).toBe(true);
    const reads = seen.filter((request) => request.method === 'GET' && request.path.includes('/o/'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.query.alt === 'media')).toBe(true);
    const list = seen.find((request) => request.path === '/storage/v1/b/models-bucket/o');
    expect(list?.query).toMatchObject({ prefix: 'models/octo-org/wire/', delimiter: '/' });
    expect([...standIn.objects('models-bucket').keys()]).toContain('models/octo-org/wire/v1/model.onnx');
  });

  it('turns a refused connection and a 503 into StoreUnavailableError', async () => {
    const store = gcs();
    const target = { owner: 'octo-org', repo: 'outage' };
    await setLatest(store, target, 'v2', { ifGenerationMatch: '0' });
    await standIn.setState('refusing');
    await expect(readLatest(store, target)).rejects.toBeInstanceOf(StoreUnavailableError);
    await standIn.setState('unavailable');
    await expect(readLatest(store, target)).rejects.toBeInstanceOf(StoreUnavailableError);
    await standIn.setState('up');
    expect((await readLatest(store, target))?.version).toBe('v2');
  });
});

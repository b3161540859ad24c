import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadModelFromBytes } from '@labelbot/model';
import { createLogger, createRegistry, MemoryLog } from '@labelbot/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StorageStandIn, startStorageStandIn } from '../../../test/support/storage-stand-in.js';
import {
  type BundleFiles,
  createModelStore,
  createStoreBackend,
  type ModelTarget,
  moveLatest,
  ORG_MODEL,
  PreconditionFailedError,
  putBundleVersion,
  readLatest,
  STORE_DEFAULTS,
  type StoreBackend,
  StoreUnavailableError,
  setLatest,
} from '../src/index.js';
import { makeTestBundle } from './make-test-bundle.js';

let dir: string;
let standIn: StorageStandIn;
const issue = { title: 'The button is misaligned', body: 'In the settings page' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labelbot-model-store-'));
  standIn = await startStorageStandIn({ buckets: ['models'] });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await standIn.close();
});

/** A bundle whose model.onnx no longer matches its manifest's sha256. */
function corruptBundle(version: string, scores: Record<string, number> = { 'area/broken': 0.9 }) {
  const bundle = makeTestBundle({ version, scores });
  bundle.onnx.writeUInt8(bundle.onnx.readUInt8(0) ^ 0xff, 0);
  return bundle;
}

/** Stores good versions scoring `area/<version>`, without moving LATEST. */
async function putVersions(backend: StoreBackend, target: ModelTarget, versions: string[]) {
  for (const version of versions) {
    await putBundleVersion(backend, target, version, makeTestBundle({ version, scores: { [`area/${version}`]: 0.9 } }));
  }
}

async function publish(backend: StoreBackend, owner: string, repo: string, version: string, files: BundleFiles) {
  await putBundleVersion(backend, { owner, repo }, version, files);
  await setLatest(backend, { owner, repo }, version);
}

function setup(backend: StoreBackend, extra: { maxBytes?: number } = {}) {
  const log = new MemoryLog();
  const registry = createRegistry();
  let clock = 0;
  let loads = 0;
  const store = createModelStore({
    backend,
    logger: createLogger({ destination: log }),
    registry,
    refreshIntervalMs: 1_000,
    now: () => clock,
    load: (files) => {
      loads++;
      return loadModelFromBytes(files);
    },
    ...extra,
  });
  return { store, log, registry, tick: (ms: number) => (clock += ms), loads: () => loads };
}

const metric = async (
  registry: ReturnType<typeof createRegistry>,
  name: string,
  labels: Record<string, string> = {},
) => {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = found?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
};

describe('model store on file://', () => {
  it('resolves repo → org → generic and coalesces concurrent loads into one', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'resolve')).href);
    await publish(backend, 'octo-org', 'widgets', 'r1', makeTestBundle({ version: 'r1', scores: { 'area/ui': 0.9 } }));
    await publish(backend, 'octo-org', ORG_MODEL, 'o1', makeTestBundle({ version: 'o1', scores: { 'kind/org': 0.8 } }));
    const generic = await loadModelFromBytes(makeTestBundle({ name: 'generic', version: 'g1', scores: { bug: 0.7 } }));
    const { store, loads, registry } = setup(backend);
    const storeWithGeneric = createModelStore({ backend, logger: createLogger({ level: 'silent' }), generic });
    const many = await Promise.all(Array.from({ length: 10 }, () => store.modelFor('octo-org', 'widgets')));
    expect(new Set(many.map((resolved) => resolved.model)).size).toBe(1);
    expect(loads()).toBe(1);
    expect(await metric(registry, 'labelbot_model_cache_misses_total')).toBe(1);
    expect(many[0]).toMatchObject({ source: 'repo', target: 'octo-org/widgets', version: 'r1' });
    const [prediction] = await (many[0]?.model.predict([issue]) ?? []);
    expect(prediction?.labels).toEqual(['area/ui']);
    expect(await storeWithGeneric.modelFor('octo-org', 'gadgets')).toMatchObject({ source: 'org', version: 'o1' });
    expect(await storeWithGeneric.modelFor('someone', 'else')).toMatchObject({ source: 'generic', version: 'g1' });
    await expect(store.modelFor('someone', 'else')).rejects.toThrow(/no generic model/);
    await store.close();
    await storeWithGeneric.close();
  });

  it('names a repository case-insensitively, as GitHub does: one store path, one entry, one loaded model', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'case')).href);
    // Published as the operator typed it; events carry GitHub's spelling.
    await publish(
      backend,
      'powershell',
      'powershell',
      'p1',
      makeTestBundle({ version: 'p1', scores: { 'area/ui': 0.9 } }),
    );
    const { store, loads } = setup(backend);
    const spellings = await Promise.all([
      store.modelFor('PowerShell', 'PowerShell'),
      store.modelFor('powershell', 'POWERSHELL'),
    ]);
    expect(spellings.map((r) => [r.source, r.target, r.version])).toEqual([
      ['repo', 'powershell/powershell', 'p1'],
      ['repo', 'powershell/powershell', 'p1'],
    ]);
    expect(loads()).toBe(1);
    expect((await readLatest(backend, { owner: 'PowerShell', repo: 'PowerShell' }))?.version).toBe('p1');
    await store.close();
  });

  it('swaps a new LATEST in atomically on refresh; a tampered or incompatible version is refused and the previous serves', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'swap')).href);
    await publish(backend, 'octo-org', 'widgets', 'v1', makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } }));
    const { store, log, registry, tick } = setup(backend);
    expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v1');

    await publish(backend, 'octo-org', 'widgets', 'v2', makeTestBundle({ version: 'v2', scores: { 'area/api': 0.9 } }));
    expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v1');
    tick(1_500);
    await store.refresh();
    const v2 = await store.modelFor('octo-org', 'widgets');
    expect(v2.version).toBe('v2');
    expect((await v2.model.predict([issue]))[0]?.labels).toEqual(['area/api']);
    expect(log.find('model swapped')).toHaveLength(1);

    const tampered = makeTestBundle({ version: 'v3', scores: { 'area/db': 0.9 } });
    tampered.onnx.writeUInt8(tampered.onnx.readUInt8(tampered.onnx.length - 1) ^ 0xff, tampered.onnx.length - 1);
    await publish(backend, 'octo-org', 'widgets', 'v3', tampered);
    await store.refresh();
    expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v2');
    expect(JSON.stringify(log.find('model refused')[0])).toMatch(/sha256 .* does not match/);

    const future = makeTestBundle({ version: 'v4', scores: { 'area/db': 0.9 } });
    const manifest = JSON.parse(future.manifest.toString());
    manifest.featurizer.version = 99;
    await publish(backend, 'octo-org', 'widgets', 'v4', {
      onnx: future.onnx,
      manifest: Buffer.from(JSON.stringify(manifest)),
    });
    await store.refresh();
    expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v2');
    expect(log.find('model refused')).toHaveLength(2);
    expect(await metric(registry, 'labelbot_model_loads_total', { result: 'refused' })).toBe(2);
    await store.close();
  });

  it('tries a refused version again after the refusal period, so files put right are picked up', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'refusal-retry')).href);
    await publish(backend, 'octo-org', 'gadgets', 'v1', makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } }));
    const { store, log, tick, loads } = setup(backend);
    expect((await store.modelFor('octo-org', 'gadgets')).version).toBe('v1');
    // LATEST moved to a version whose files are not there (yet).
    await setLatest(backend, { owner: 'octo-org', repo: 'gadgets' }, 'v2');
    tick(1_500);
    await store.refresh();
    expect((await store.modelFor('octo-org', 'gadgets')).version).toBe('v1');
    expect(JSON.stringify(log.find('model refused')[0])).toMatch(/missing/);
    await putBundleVersion(
      backend,
      { owner: 'octo-org', repo: 'gadgets' },
      'v2',
      makeTestBundle({ version: 'v2', scores: { 'area/api': 0.9 } }),
    );
    tick(STORE_DEFAULTS.refusalRetryMs - 2_000);
    await store.refresh();
    expect((await store.modelFor('octo-org', 'gadgets')).version).toBe('v1');
    const loadsBefore = loads();
    tick(2_000);
    await store.refresh();
    const v2 = await store.modelFor('octo-org', 'gadgets');
    expect(v2.version).toBe('v2');
    expect((await v2.model.predict([issue]))[0]?.labels).toEqual(['area/api']);
    expect(loads()).toBe(loadsBefore + 1);
    expect(log.find('model refused')).toHaveLength(1);
    await store.close();
  });

  it('keeps the cache within its byte bound, evicting the least recently used', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'lru')).href);
    const size = makeTestBundle({ version: 'x', scores: { a: 0.5 }, buckets: 4096, dim: 8 }).onnx.length;
    for (const repo of ['a', 'b', 'c']) {
      await publish(
        backend,
        'o',
        repo,
        'v1',
        makeTestBundle({ version: 'v1', scores: { a: 0.5 }, buckets: 4096, dim: 8 }),
      );
    }
    const { store, loads } = setup(backend, { maxBytes: size * 2 + 10 });
    await store.modelFor('o', 'a');
    await store.modelFor('o', 'b');
    await store.modelFor('o', 'a');
    await store.modelFor('o', 'c');
    expect(store.stats().models).toBe(2);
    expect(store.stats().bytes).toBeLessThanOrEqual(size * 2 + 10);
    await store.modelFor('o', 'a');
    expect(loads()).toBe(3);
    await store.modelFor('o', 'b');
    expect(loads()).toBe(4);
    await store.close();
  });

  it('re-checks LATEST without loading again a version it already serves (no reload of evicted models)', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'refresh-evicted')).href);
    const bundle = () => makeTestBundle({ version: 'v1', scores: { a: 0.5 }, buckets: 4096, dim: 8 });
    const size = bundle().onnx.length;
    const repos = ['a', 'b', 'c', 'd'];
    for (const repo of repos) await publish(backend, 'o', repo, 'v1', bundle());
    const { store, loads, tick } = setup(backend, { maxBytes: size * 2 + 10 });
    for (const repo of repos) await store.modelFor('o', repo);
    expect(loads()).toBe(4);
    // Nothing changed in the store: a refresh reads LATEST, and loads (and evicts) nothing.
    tick(1_500);
    await store.refresh();
    await store.refresh();
    expect(loads()).toBe(4);
    expect(store.stats()).toMatchObject({ models: 2, repositories: 4 });
    await store.close();
  });
});

describe('model store refusals that fall back', () => {
  it('refuses a model bigger than the whole cache once, releases it, and serves the fallback', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'oversize')).href);
    const big = makeTestBundle({ version: 'v1', scores: { a: 0.5 }, buckets: 4096, dim: 8 });
    await publish(backend, 'o', 'big', 'v1', big);
    const generic = await loadModelFromBytes(makeTestBundle({ name: 'generic', version: 'g1', scores: { bug: 0.7 } }));
    const log = new MemoryLog();
    let loads = 0;
    let releases = 0;
    const store = createModelStore({
      backend,
      logger: createLogger({ destination: log }),
      generic,
      maxBytes: big.onnx.length - 1,
      load: async (files) => {
        loads++;
        const model = await loadModelFromBytes(files);
        const release = () => {
          releases++;
          return model.release();
        };
        return { ...model, release };
      },
    });
    for (let i = 0; i < 3; i++) {
      expect(await store.modelFor('o', 'big')).toMatchObject({ source: 'generic', version: 'g1' });
    }
    expect(loads).toBe(1);
    expect(releases).toBe(1);
    expect(log.find('model refused')).toHaveLength(1);
    expect(JSON.stringify(log.find('model refused')[0])).toMatch(
      /more than the whole model cache .*MODEL_CACHE_MAX_BYTES/,
    );
    expect(store.stats()).toMatchObject({ models: 0, bytes: 0 });
    await store.close();
    await generic.release();
  });

  it('in a new process, a refused LATEST falls back to the version LATEST named before (PREVIOUS), rollbacks included', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'previous-version')).href);
    const target = { owner: 'octo-org', repo: 'tools' };
    await publish(backend, 'octo-org', ORG_MODEL, 'o1', makeTestBundle({ version: 'o1', scores: { 'kind/org': 0.8 } }));
    const move = async (version: string) => moveLatest(backend, target, version, await readLatest(backend, target));
    await putVersions(backend, target, ['v1', 'v2', 'v3']);
    for (const version of ['v1', 'v2', 'v3']) await move(version);
    await move('v2'); // rolled back: v3 must never serve again
    const running = setup(backend);
    expect((await running.store.modelFor('octo-org', 'tools')).version).toBe('v2');
    await putBundleVersion(backend, target, 'v4', corruptBundle('v4', { 'area/v4': 0.9 }));
    await move('v4');
    running.tick(1_500);
    await running.store.refresh();
    expect((await running.store.modelFor('octo-org', 'tools')).version).toBe('v2');

    const fresh = setup(backend);
    const served = await fresh.store.modelFor('octo-org', 'tools');
    expect(served).toMatchObject({ source: 'repo', version: 'v2' });
    expect((await served.model.predict([issue]))[0]?.labels).toEqual(['area/v2']);
    expect(fresh.log.find('model refused')).toHaveLength(1);
    expect(fresh.log.find('serving the version before LATEST')).toHaveLength(1);
    await running.store.close();
    await fresh.store.close();
  });

  it('a move whose LATEST precondition fails leaves PREVIOUS as the move that succeeded wrote it', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'previous-raced')).href);
    const target = { owner: 'octo-org', repo: 'raced' };
    await publish(backend, 'octo-org', ORG_MODEL, 'o1', makeTestBundle({ version: 'o1', scores: { 'kind/org': 0.8 } }));
    const move = async (version: string, given?: Awaited<ReturnType<typeof readLatest>>) =>
      moveLatest(backend, target, version, given ?? (await readLatest(backend, target)));
    await putVersions(backend, target, ['v1', 'v2', 'v3']);
    await move('v1');
    await move('v2');
    const stale = await readLatest(backend, target); // a publisher of v3 reads LATEST (v2) …
    await move('v1'); // … v2 is rolled back meanwhile …
    const running = setup(backend);
    expect((await running.store.modelFor('octo-org', 'raced')).version).toBe('v1');
    await putBundleVersion(backend, target, 'v4', corruptBundle('v4', { 'area/v4': 0.9 }));
    await move('v4'); // … and a broken v4 published: the running workers keep v1.
    running.tick(1_500);
    await running.store.refresh();
    expect((await running.store.modelFor('octo-org', 'raced')).version).toBe('v1');
    await expect(move('v3', stale)).rejects.toBeInstanceOf(PreconditionFailedError);

    const fresh = setup(backend);
    expect(await fresh.store.modelFor('octo-org', 'raced')).toMatchObject({ source: 'repo', version: 'v1' });
    await running.store.close();
    await fresh.store.close();
  });

  it('in a new process, without a usable PREVIOUS, a refused LATEST falls back to the org model', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'previous-refused')).href);
    const target = { owner: 'octo-org', repo: 'tools' };
    await publish(backend, 'octo-org', ORG_MODEL, 'o1', makeTestBundle({ version: 'o1', scores: { 'kind/org': 0.8 } }));
    await putBundleVersion(backend, target, 'v1', corruptBundle('v1'));
    await putBundleVersion(backend, target, 'v2', corruptBundle('v2'));
    await setLatest(backend, target, 'v1');
    await setLatest(backend, target, 'v2', { previous: 'v1' });
    const { store, log } = setup(backend);
    expect(await store.modelFor('octo-org', 'tools')).toMatchObject({ source: 'org', version: 'o1' });
    expect(log.find('model refused')).toHaveLength(2);
    await store.close();
  });

  it('treats a malformed LATEST like a refused version: the org model serves, with a log line', async () => {
    const backend = createStoreBackend(pathToFileURL(join(dir, 'bad-latest')).href);
    await publish(backend, 'octo-org', ORG_MODEL, 'o1', makeTestBundle({ version: 'o1', scores: { 'kind/org': 0.8 } }));
    await backend.write('octo-org/widgets/LATEST', Buffer.from('models/v2\n'));
    const { store, log } = setup(backend);
    expect(await store.modelFor('octo-org', 'widgets')).toMatchObject({ source: 'org', version: 'o1' });
    expect(JSON.stringify(log.find('model refused')[0])).toMatch(
      /octo-org\/widgets\/LATEST names 'models\/v2', not a version name/,
    );
    await store.close();
  });
});

describe('model store on gs:// (Cloud Storage stand-in)', () => {
  it('serves cached models while the store is down, and fails a repository it never loaded as unavailable', async () => {
    const backend = createStoreBackend('gs://models/prod', { apiEndpoint: standIn.url, maxRetries: 0 });
    await publish(backend, 'octo-org', 'widgets', 'v1', makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } }));
    await publish(backend, 'octo-org', 'gizmos', 'v1', makeTestBundle({ version: 'v1', scores: { 'area/ui': 0.9 } }));
    const { store, log, tick } = setup(backend);
    expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v1');
    for (const state of ['refusing', 'unavailable'] as const) {
      await standIn.setState(state);
      tick(5_000);
      const served = await store.modelFor('octo-org', 'widgets');
      expect((await served.model.predict([issue]))[0]?.labels).toEqual(['area/ui']);
      await store.refresh();
      expect((await store.modelFor('octo-org', 'widgets')).version).toBe('v1');
      await expect(store.modelFor('octo-org', 'gizmos')).rejects.toBeInstanceOf(StoreUnavailableError);
    }
    expect(log.find('serving the cached model').length).toBeGreaterThanOrEqual(2);
    await standIn.setState('up');
    expect((await store.modelFor('octo-org', 'gizmos')).version).toBe('v1');
    expect(standIn.rejected).toEqual([]);
    await store.close();
  });
});

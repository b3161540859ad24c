import { type LoadedModel, loadModelFromBytes, ModelBundleError } from '@labelbot/model';
import type { Logger, Registry } from '@labelbot/telemetry';
import { isPathSegment, type ModelTarget, ORG_MODEL, targetName } from './bundle-layout.js';
import {
  type BundleFiles,
  type LatestPointer,
  readBundleVersion,
  readLatest,
  readPrevious,
} from './bundle-operations.js';
import { createModelCache } from './create-model-cache.js';
import { createStoreMetrics } from './create-store-metrics.js';
import type { StoreBackend } from './store-backend.js';
import { STORE_DEFAULTS } from './store-defaults.js';

export interface ModelStoreOptions {
  backend: StoreBackend;
  logger: Logger;
  /** The last resort when neither the repository nor its org has a model. */
  generic?: LoadedModel;
  registry?: Registry;
  /** Bytes of model.onnx the cache may hold. */
  maxBytes?: number;
  /** How old a repository's LATEST check may get before it is repeated (in the background). */
  refreshIntervalMs?: number;
  /** Turns a bundle's bytes into a model; checks sha256 and featurizer (default loadModelFromBytes). */
  load?: (files: BundleFiles) => Promise<LoadedModel>;
  now?: () => number;
}

export type ModelSource = 'repo' | 'org' | 'generic';

export interface ResolvedModel {
  model: LoadedModel;
  source: ModelSource;
  /** `owner/repo`, `owner/_org` or `generic`. */
  target: string;
  version: string;
}

export interface ModelStore {
  /** The model for a repository: its own, else its org's, else the generic one. */
  modelFor(owner: string, repo: string): Promise<ResolvedModel>;
  /** Re-checks LATEST for every repository seen so far and swaps in new versions (the timer's work). */
  refresh(): Promise<void>;
  /** Starts the background refresh timer. */
  start(): void;
  close(): Promise<void>;
  stats(): { models: number; bytes: number; repositories: number };
}

interface Entry {
  source: ModelSource;
  target: ModelTarget | null;
  version: string;
  checkedAt: number;
}

/** Models by repository from a store, cached by version, with LATEST followed in the background. */
export function createModelStore(options: ModelStoreOptions): ModelStore {
  const { backend, logger } = options;
  const now = options.now ?? Date.now;
  const ttl = options.refreshIntervalMs ?? STORE_DEFAULTS.refreshIntervalMs;
  const loadBundle = options.load ?? loadModelFromBytes;
  const metrics = createStoreMetrics(options.registry);
  const cache = createModelCache({
    maxBytes: options.maxBytes ?? STORE_DEFAULTS.maxBytes,
    releaseDelayMs: STORE_DEFAULTS.releaseDelayMs,
    metrics,
  });
  const entries = new Map<string, Entry>();
  const rechecks = new Map<string, Promise<void>>();
  /** Refused versions and when they were refused: tried again after `refusalRetryMs` (the files may be fixed). */
  const refused = new Map<string, number>();
  const refusalRetryMs = STORE_DEFAULTS.refusalRetryMs;
  let timer: NodeJS.Timeout | undefined;

  const keyOf = (target: ModelTarget, version: string) => `${targetName(target)}@${version}`;

  function materialize(target: ModelTarget, version: string): Promise<LoadedModel> {
    return cache.get(keyOf(target, version), async () => {
      const started = performance.now();
      try {
        const files = await readBundleVersion(backend, target, version);
        if (!files) throw new ModelBundleError(`${keyOf(target, version)}: model.onnx or manifest.json is missing`);
        const model = await loadBundle(files);
        if (model.bytes > cache.maxBytes) {
          // lru-cache would silently not store it: loaded again for every message and never released.
          await model.release();
          throw new ModelBundleError(
            `${keyOf(target, version)}: model.onnx is ${model.bytes} bytes, more than the whole model cache ` +
              `(${cache.maxBytes} bytes); raise MODEL_CACHE_MAX_BYTES to serve it`,
          );
        }
        metrics.loads.inc({ result: 'ok' });
        metrics.loadSeconds.observe((performance.now() - started) / 1000);
        logger.info({ model: keyOf(target, version), bytes: model.bytes }, 'model loaded');
        return model;
      } catch (error) {
        metrics.loads.inc({ result: error instanceof ModelBundleError ? 'refused' : 'unavailable' });
        throw error;
      }
    });
  }

  const isRefused = (key: string) => now() - (refused.get(key) ?? Number.NEGATIVE_INFINITY) < refusalRetryMs;

  /**
   * For a process that never served this level's previous version (new or restarted) when LATEST is
   * refused: the version LATEST named before its last move (`PREVIOUS`), which running processes kept.
   */
  async function recordedPrevious(source: ModelSource, target: ModelTarget, latest: LatestPointer) {
    const refusedVersion = latest.version;
    const version = await readPrevious(backend, target, latest);
    if (!version || version === refusedVersion || !isPathSegment(version) || isRefused(keyOf(target, version))) {
      return undefined;
    }
    try {
      await materialize(target, version);
    } catch (error) {
      if (!(error instanceof ModelBundleError)) throw error;
      refused.set(keyOf(target, version), now());
      logger.error({ model: keyOf(target, version), err: error, keeping: null }, 'model refused');
      return undefined;
    }
    logger.warn({ model: keyOf(target, version), refused: refusedVersion }, 'serving the version before LATEST');
    return { source, target, version, checkedAt: now() };
  }

  /**
   * Walks repo → org → generic; a refused version keeps the previous one of the same level (in a
   * process that never served one, the version recorded in PREVIOUS).
   */
  async function resolve(owner: string, repo: string, previous?: Entry): Promise<Entry> {
    const levels: [ModelSource, ModelTarget][] = [
      ['repo', { owner, repo }],
      ['org', { owner, repo: ORG_MODEL }],
    ];
    for (const [source, target] of levels) {
      const pointer = await readLatest(backend, target);
      if (!pointer) continue;
      const key = keyOf(target, pointer.version);
      const keepPrevious = previous?.source === source ? { ...previous, checkedAt: now() } : undefined;
      // Unchanged: it loaded before; an evicted model is loaded again only when a message needs it.
      if (keepPrevious?.version === pointer.version) return keepPrevious;
      if (isRefused(key)) {
        const fallback = keepPrevious ?? (await recordedPrevious(source, target, pointer));
        if (fallback) return fallback;
        continue;
      }
      try {
        if (!isPathSegment(pointer.version)) {
          throw new ModelBundleError(`${targetName(target)}/LATEST names '${pointer.version}', not a version name`);
        }
        await materialize(target, pointer.version);
        return { source, target, version: pointer.version, checkedAt: now() };
      } catch (error) {
        if (!(error instanceof ModelBundleError)) throw error;
        refused.set(key, now());
        logger.error(
          { model: key, err: error, keeping: keepPrevious ? keyOf(target, keepPrevious.version) : null },
          'model refused',
        );
        const fallback = keepPrevious ?? (await recordedPrevious(source, target, pointer));
        if (fallback) return fallback;
      }
    }
    if (!options.generic) throw new Error(`no model for ${owner}/${repo} and no generic model configured`);
    return { source: 'generic', target: null, version: options.generic.manifest.version, checkedAt: now() };
  }

  function recheck(owner: string, repo: string): Promise<void> {
    const key = `${owner}/${repo}`;
    const running = rechecks.get(key);
    if (running) return running;
    const previous = entries.get(key);
    const task = resolve(owner, repo, previous)
      .then((entry) => {
        if (previous && (entry.version !== previous.version || entry.source !== previous.source)) {
          metrics.swaps.inc();
          logger.info({ repo: key, from: previous.version, to: entry.version, source: entry.source }, 'model swapped');
        }
        entries.set(key, entry);
      })
      .catch((error: unknown) => {
        // Keep serving what is cached; look again after another interval.
        if (previous) entries.set(key, { ...previous, checkedAt: now() });
        logger.warn({ repo: key, err: error }, 'model store check failed; serving the cached model');
      })
      .finally(() => rechecks.delete(key));
    rechecks.set(key, task);
    return task;
  }

  async function toResolved(entry: Entry): Promise<ResolvedModel> {
    if (!entry.target) {
      return { model: options.generic as LoadedModel, source: 'generic', target: 'generic', version: entry.version };
    }
    const model = await materialize(entry.target, entry.version);
    return { model, source: entry.source, target: targetName(entry.target), version: entry.version };
  }

  const store: ModelStore = {
    async modelFor(eventOwner: string, eventRepo: string): Promise<ResolvedModel> {
      // GitHub names are case-insensitive: one entry, one cached model and one store path for every spelling.
      const [owner, repo] = [eventOwner.toLowerCase(), eventRepo.toLowerCase()];
      const key = `${owner}/${repo}`;
      const known = entries.get(key);
      if (known) {
        if (now() - known.checkedAt > ttl) void recheck(owner, repo);
        return toResolved(known);
      }
      // First sight of a repository: resolve now; a StoreUnavailableError here means nothing can serve it yet.
      const entry = await resolve(owner, repo);
      entries.set(key, entry);
      return toResolved(entry);
    },
    async refresh(): Promise<void> {
      await Promise.all([...entries.keys()].map((key) => recheck(...(key.split('/') as [string, string]))));
    },
    start(): void {
      timer ??= setInterval(() => void store.refresh(), ttl).unref();
    },
    async close(): Promise<void> {
      clearInterval(timer);
      await Promise.allSettled(rechecks.values());
      cache.clear();
    },
    stats: () => ({ models: cache.size, bytes: cache.bytes, repositories: entries.size }),
  };
  return store;
}

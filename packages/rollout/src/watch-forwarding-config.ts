import { type FSWatcher, readFileSync, unwatchFile, watch, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@labelbot/telemetry';
import { emptyForwardingConfig, type ForwardingConfig } from './forwarding-config.js';
import { parseForwardingConfig } from './parse-forwarding-config.js';

/** Options of {@link watchForwardingConfig}. */
export interface WatchForwardingConfigOptions {
  /** Path of `forwarded_repo.yaml` (for a mounted ConfigMap: the path inside the mount). */
  path: string;
  logger: Logger;
  /** Called with each new valid configuration. */
  onReload?: (config: ForwardingConfig) => void;
  /** Called when a changed file is invalid or unreadable (the last good configuration stays). */
  onError?: (error: Error) => void;
  /** Quiet time after the last change event before the file is read; default 100 ms. */
  debounceMs?: number;
  /** Interval of the stat poll that backs up the directory watch; default 5000 ms, 0 turns it off. */
  pollMs?: number;
}

/** A live view of the forwarding file. */
export interface ForwardingConfigWatch {
  /** The configuration in force: the last valid file read. */
  current(): ForwardingConfig;
  /** Re-reads the file now (as a change event would) and resolves with the configuration in force. */
  reload(): Promise<ForwardingConfig>;
  /** Stops watching. */
  close(): void;
}

/**
 * Loads `forwarded_repo.yaml` and keeps it current. The parent directory is watched rather than
 * the file, because Kubernetes updates a mounted ConfigMap by pointing the `..data` symlink at a
 * new timestamped directory: the file's own inode never changes. A stat poll backs the watch up
 * (inotify can miss events on some volumes). A missing file at start means an empty configuration
 * (every issue generic) with a warning; an invalid file at start throws, since there is no last
 * good configuration to keep; a later invalid or vanished file is logged and reported to
 * `onError`, and the last good configuration stays in force.
 */
export function watchForwardingConfig(options: WatchForwardingConfigOptions): ForwardingConfigWatch {
  const { path, logger } = options;
  const log = logger.child({ forwardingConfig: path });
  let config = emptyForwardingConfig();
  let lastSeen: string | null = null;
  try {
    lastSeen = readFileSync(path, 'utf8');
    config = parseForwardingConfig(lastSeen, path);
    log.info(summary(config), 'forwarding config loaded');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    log.warn('forwarding config file not found: every issue takes the generic path until it appears');
  }

  let chain: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<ForwardingConfig> => {
    const next = chain.then(readAndSwap, readAndSwap);
    chain = next;
    return next;
  };
  async function readAndSwap(): Promise<ForwardingConfig> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (lastSeen === null && (error as NodeJS.ErrnoException).code === 'ENOENT') return config;
      lastSeen = null;
      log.warn({ err: error }, 'forwarding config unreadable; keeping the last good one');
      options.onError?.(error as Error);
      return config;
    }
    if (text === lastSeen) return config;
    lastSeen = text;
    try {
      config = parseForwardingConfig(text, path);
    } catch (error) {
      log.error({ err: error }, 'invalid forwarding config; keeping the last good one');
      options.onError?.(error as Error);
      return config;
    }
    log.info(summary(config), 'forwarding config reloaded');
    options.onReload?.(config);
    return config;
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? 100);
    timer.unref();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, schedule);
    watcher.on('error', (error) => log.warn({ err: error }, 'directory watch failed; relying on the poll'));
  } catch (error) {
    log.warn({ err: error }, 'cannot watch the directory of the forwarding config; relying on the poll');
  }
  const pollMs = options.pollMs ?? 5000;
  if (pollMs > 0) watchFile(path, { interval: pollMs, persistent: false }, schedule);
  // The file may have appeared between the first read and the watchers' own first look (the poll
  // takes that look as its baseline and would never report it): read once more after they started.
  schedule();

  return {
    current: () => config,
    reload,
    close: () => {
      clearTimeout(timer);
      watcher?.close();
      if (pollMs > 0) unwatchFile(path, schedule);
    },
  };
}

function summary(config: ForwardingConfig): { orgs: number; repos: number } {
  return { orgs: Object.keys(config.orgs).length, repos: Object.keys(config.repos).length };
}

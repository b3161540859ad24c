import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, MemoryLog } from '@labelbot/telemetry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigMapVolume } from '../../../test/support/kubernetes-stand-in-configmap-volume.js';
import { type ForwardingConfig, type ForwardingConfigWatch, watchForwardingConfig } from '../src/index.js';
import { waitFor } from './wait-for.js';

describe('watchForwardingConfig', () => {
  let dir: string;
  let log: MemoryLog;
  let watcher: ForwardingConfigWatch | undefined;
  const reloads: ForwardingConfig[] = [];
  const errors: Error[] = [];

  function start(path: string, pollMs = 0): ForwardingConfigWatch {
    watcher = watchForwardingConfig({
      path,
      logger: createLogger({ destination: log, level: 'debug' }),
      onReload: (config) => reloads.push(config),
      onError: (error) => errors.push(error),
      debounceMs: 20,
      pollMs,
    });
    return watcher;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labelbot-forwarding-'));
    log = new MemoryLog();
    reloads.length = 0;
    errors.length = 0;
  });
  afterEach(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reloads a file rewritten in place and one replaced by rename', async () => {
    const path = join(dir, 'forwarded_repo.yaml');
    writeFileSync(path, 'repos:\n  kubeflow/pipelines: 0.1\n');
    const watch = start(path);
    expect(watch.current().repos).toEqual({ 'kubeflow/pipelines': 0.1 });

    writeFileSync(path, 'repos:\n  kubeflow/pipelines: 0.25\n');
    await waitFor('the in-place edit', () => watch.current().repos['kubeflow/pipelines'] === 0.25);

    writeFileSync(join(dir, '.forwarded_repo.yaml.swp'), 'orgs:\n  kubeflow: 1\n');
    renameSync(join(dir, '.forwarded_repo.yaml.swp'), path);
    await waitFor('the renamed file', () => watch.current().orgs['kubeflow'] === 1);
    expect(watch.current().repos).toEqual({});
    expect(reloads.length).toBe(2);
    expect(log.find('forwarding config reloaded').length).toBe(2);
  });

  it('follows a ConfigMap update: the ..data symlink swapped to a new directory', async () => {
    const volume = new ConfigMapVolume(join(dir, 'config'), 'forwarded_repo.yaml');
    volume.create('orgs:\n  kubeflow: 0\n');
    const watch = start(volume.path);
    expect(watch.current().orgs).toEqual({ kubeflow: 0 });

    volume.update('orgs:\n  kubeflow: 0.5\nrepos:\n  kubeflow/katib: 1\n');
    await waitFor('the swapped ConfigMap', () => watch.current().orgs['kubeflow'] === 0.5);
    expect(watch.current().repos).toEqual({ 'kubeflow/katib': 1 });

    volume.update('orgs:\n  kubeflow: 1\n');
    await waitFor('the second swap', () => watch.current().orgs['kubeflow'] === 1);
    expect(reloads.map((config) => config.orgs['kubeflow'])).toEqual([0.5, 1]);
  });

  it('keeps the last good config when the new file is invalid, and reports it', async () => {
    const volume = new ConfigMapVolume(join(dir, 'config'), 'forwarded_repo.yaml');
    volume.create('repos:\n  kubeflow/pipelines: 0.5\n');
    const watch = start(volume.path);

    volume.update('repos:\n  kubeflow/pipelines: 5\n');
    await waitFor('the error report', () => errors.length === 1);
    expect(errors[0]?.message).toContain('repos.kubeflow/pipelines: the probability must be a number in [0, 1]');
    expect(watch.current().repos).toEqual({ 'kubeflow/pipelines': 0.5 });
    expect(log.find('invalid forwarding config; keeping the last good one')[0]?.severity).toBe('ERROR');

    volume.update('repos:\n  kubeflow/pipelines: 0.75\n');
    await waitFor('the fixed file', () => watch.current().repos['kubeflow/pipelines'] === 0.75);
    expect(errors.length).toBe(1);
  });

  it('starts empty with a warning when the file is missing, then picks it up when it appears', async () => {
    const path = join(dir, 'forwarded_repo.yaml');
    const watch = start(path);
    expect(watch.current()).toEqual({ orgs: {}, repos: {} });
    expect(log.find('forwarding config file not found')[0]?.severity).toBe('WARNING');

    writeFileSync(path, 'orgs:\n  kubeflow: 1\n');
    await waitFor('the new file', () => watch.current().orgs['kubeflow'] === 1);
    expect(errors).toEqual([]);
  });

  it('falls back to the stat poll when the directory itself appears later', async () => {
    const volume = new ConfigMapVolume(join(dir, 'not-mounted-yet'), 'forwarded_repo.yaml');
    const watch = start(volume.path, 50);
    expect(log.find('relying on the poll').length).toBe(1);

    volume.create('repos:\n  a/b: 0.3\n');
    await waitFor('the polled file', () => watch.current().repos['a/b'] === 0.3);
  });

  it('refuses to start on an invalid file, since there is no good config to keep', () => {
    const path = join(dir, 'forwarded_repo.yaml');
    writeFileSync(path, 'orgs:\n  kubeflow: yes\n');
    expect(() => start(path)).toThrow('orgs.kubeflow: the probability must be a number in [0, 1]');
  });
});

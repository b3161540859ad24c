import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessQueue } from '@labelbot/queue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const yaml = (p: number | string) => `orgs:\n  other-org: 0.5\nrepos:\n  ${OWNER}/app: ${p}\n`;

describe('forwarded_repo.yaml reloads reach routing', () => {
  let front: FrontHarness;
  let dir: string;
  afterEach(async () => {
    await front.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (configPath: string) => {
    const queue = createInProcessQueue();
    front = await startFrontHarness({
      env: { FORWARDING_CONFIG: configPath, PUBSUB_PROJECT: 'unused-in-process' },
      publisher: queue.publisher,
    });
  };
  let next = 1;
  const pathOf = async () => {
    const payload = issuesPayload('opened', {
      owner: OWNER,
      repo: 'app',
      number: next++,
      installationId: INSTALLATION,
    });
    const body = (await front.app.inject(signedDelivery(payload, { event: 'issues' }))).json();
    return body.path as string;
  };
  const waitForProbability = (p: number) =>
    vi.waitFor(() => expect(front.app.front.forwarding.current().repos[`${OWNER}/app`]).toBe(p), {
      timeout: 10_000,
      interval: 50,
    });

  it('follows a rewritten file, and keeps the last good one when the new file is invalid', async () => {
    dir = mkdtempSync(join(tmpdir(), 'front-reload-'));
    const file = join(dir, 'forwarded_repo.yaml');
    writeFileSync(file, yaml(0));
    await start(file);
    expect(await pathOf()).toBe('generic');

    writeFileSync(file, yaml(1));
    await waitForProbability(1);
    expect(await pathOf()).toBe('forwarded');
    expect(await front.metric('labelbot_front_forwarding_config_reloads_total', { result: 'ok' })).toBe(1);

    writeFileSync(file, yaml(7));
    await vi.waitFor(
      async () =>
        expect(await front.metric('labelbot_front_forwarding_config_reloads_total', { result: 'invalid' })).toBe(1),
      { timeout: 10_000, interval: 50 },
    );
    expect(await pathOf()).toBe('forwarded');
    expect(front.log.find('invalid forwarding config')).toHaveLength(1);
  });

  it('follows a Kubernetes ConfigMap symlink swap', async () => {
    dir = mkdtempSync(join(tmpdir(), 'front-configmap-'));
    const version = (name: string, p: number) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'forwarded_repo.yaml'), yaml(p));
    };
    version('..2026_11_22_15_00_00.1', 0);
    symlinkSync('..2026_11_22_15_00_00.1', join(dir, '..data'));
    symlinkSync('..data/forwarded_repo.yaml', join(dir, 'forwarded_repo.yaml'));
    await start(join(dir, 'forwarded_repo.yaml'));
    expect(await pathOf()).toBe('generic');

    version('..2026_11_22_15_05_00.2', 1);
    symlinkSync('..2026_11_22_15_05_00.2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    rmSync(join(dir, '..2026_11_22_15_00_00.1'), { recursive: true });
    await waitForProbability(1);
    expect(await pathOf()).toBe('forwarded');
  });
});

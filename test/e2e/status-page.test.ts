import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FrontHarness,
  INSTALLATION,
  OWNER,
  startFrontHarness,
} from '../../apps/front/test/support/front-harness.js';
import { signedDelivery } from '../../apps/front/test/support/signed-delivery.js';
import { issuesPayload } from '../../apps/front/test/support/webhook-examples.js';
import { ConfigMapVolume } from '../support/kubernetes-stand-in-configmap-volume.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'].concat([
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);
const RESULTS = resolve(import.meta.dirname, '../../test-results/e2e');
const REPO = `${OWNER}/app`;
const TEXT = { title: 'Crash on start: segmentation fault', body: 'The binary segfaults on start with a core dump.' };

if (!existsSync(CHROMIUM)) {
  console.warn(`status page e2e skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
}

describe.skipIf(!existsSync(CHROMIUM))('status page in a real browser', () => {
  let dir: string;
  let volume: ConfigMapVolume;
  let front: FrontHarness;
  let base: string;
  let context: BrowserContext;
  const consoleErrors: string[] = [];

  async function deliver(action: string, extra: (payload: Record<string, unknown>) => void = () => {}) {
    const payload = issuesPayload(action, {
      owner: OWNER,
      repo: 'app',
      number: 1,
      installationId: INSTALLATION,
      ...TEXT,
    });
    extra(payload);
    const request = signedDelivery(payload, { event: 'issues' });
    const response = await fetch(`${base}${request.url}`, {
      method: 'POST',
      headers: request.headers,
      body: request.payload,
    });
    expect(response.status).toBe(200);
  }

  async function rolloutRow(page: Page): Promise<string[]> {
    const row = page.locator('#rollout tbody tr', { has: page.locator('th', { hasText: REPO }) });
    return row.locator('th, td').allInnerTexts();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'labelbot-e2e-'));
    volume = new ConfigMapVolume(join(dir, 'forwarding'), 'forwarded_repo.yaml');
    volume.create(`# status page e2e\nrepos:\n  ${REPO}: 0\n`);
    front = await startFrontHarness({ env: { FORWARDING_CONFIG: volume.path } });
    await front.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(front.app.server.address() as AddressInfo).port}`;
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
    context.on('weberror', (error) => consoleErrors.push(`page error: ${error.error().message}`));
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await front?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows observed precision per path and follows a reload of the forwarding file', async () => {
    await deliver('opened');
    const decision = front.app.front.decisions.list().find((record) => record.issue === `${REPO}#1`);
    expect(decision?.path).toBe('generic');
    const applied = decision?.applied ?? [];
    expect(applied.length).toBeGreaterThan(0);
    await deliver('unlabeled', (payload) => {
      payload.label = { id: 1, name: applied[0], color: 'ededed', default: false };
    });

    const page = await context.newPage();
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    const precision = ((applied.length - 1) / applied.length).toFixed(3);
    expect(await rolloutRow(page)).toEqual([REPO, 'repo', '0', '—', '0', precision, String(applied.length)]);

    volume.update(`# status page e2e\nrepos:\n  ${REPO}: 0.5\n`);
    const deadline = Date.now() + 10_000;
    let row = await rolloutRow(page);
    while (row[2] !== '0.5' && Date.now() < deadline) {
      await page.waitForTimeout(100);
      await page.reload();
      row = await rolloutRow(page);
    }
    expect(row.slice(0, 3)).toEqual([REPO, 'repo', '0.5']);
    expect(await page.locator('h1').textContent()).toContain('labelbot front');

    mkdirSync(RESULTS, { recursive: true });
    const screenshot = join(RESULTS, 'status-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    console.log(`status page screenshot: ${screenshot}`);
    expect(consoleErrors).toEqual([]);
  });
});

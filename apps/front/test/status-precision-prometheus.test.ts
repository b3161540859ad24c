import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type PrometheusSeries, startPrometheusStandIn } from '../../../test/support/prometheus-stand-in.js';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const dir = mkdtempSync(join(tmpdir(), 'labelbot-status-prometheus-'));
const forwardingFile = join(dir, 'forwarded_repo.yaml');
writeFileSync(forwardingFile, 'orgs: {}\nrepos:\n  octo-org/app: 0.5\n  octo-org/secret: 0.5\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const series = (repo: string, path: string, model: string, value: number): PrometheusSeries => ({
  metric: { repo, path, model },
  value,
});
const ANSWERS = {
  labels_applied_total: [
    series('octo-org/app', 'forwarded', 'octo-org/app@v1', 100),
    series('octo-org/app', 'forwarded', 'octo-org/app@v2', 40),
    series('octo-org/app', 'generic', 'generic@g1', 200),
    series('octo-org/secret', 'forwarded', 'octo-org/secret@v3', 10),
  ],
  label_feedback_total: [
    series('octo-org/app', 'forwarded', 'octo-org/app@v1', 20),
    series('octo-org/app', 'forwarded', 'octo-org/app@v2', 2),
    series('octo-org/app', 'generic', 'generic@g1', 30),
  ],
};

const rowsOf = (html: string, id: string) =>
  [...(html.split(`id="${id}"`)[1]?.split('</table>')[0] ?? '').matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]),
  );

describe('status page precision read from Prometheus (both services)', () => {
  let front: FrontHarness;
  afterEach(async () => {
    await front.close();
  });

  const start = async (prometheusUrl: string) => {
    front = await startFrontHarness({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [
            { name: 'app', labels: ['bug'], issues: [{ number: 1 }] },
            { name: 'secret', private: true, labels: ['bug'], issues: [{ number: 2 }] },
          ],
        },
      ],
      env: { FORWARDING_CONFIG: forwardingFile, PROMETHEUS_URL: prometheusUrl },
    });
    // Any event shows whether a repository is public; another App's label is not even read further.
    const sender = { login: 'label-sync[bot]', type: 'Bot' as const };
    for (const [repo, number, isPrivate] of [
      ['app', 1, false],
      ['secret', 2, true],
    ] as const) {
      const at = { owner: OWNER, repo, number, installationId: INSTALLATION, private: isPrivate, sender };
      const payload = issuesPayload('labeled', at);
      payload.label = { name: 'bug' };
      await front.app.inject(signedDelivery(payload, { event: 'issues' }));
    }
  };

  it('shows each path per repository and per model version, names no private repository, and reuses the answer', async () => {
    const prometheus = await startPrometheusStandIn(ANSWERS);
    try {
      await start(prometheus.url);
      const page = (await front.app.inject({ method: 'GET', url: '/' })).body;
      expect(rowsOf(page, 'rollout').slice(1)).toEqual([
        ['octo-org/app', 'repo', '0.5', '0.843', '140', '0.850', '200'],
        ['other', 'no entry', '—', '1.000', '10', '—', '0'],
      ]);
      expect(rowsOf(page, 'precision-by-model').slice(1)).toEqual([
        ['octo-org/app', 'forwarded', 'octo-org/app@v1', '0.800', '100', '20'],
        ['octo-org/app', 'forwarded', 'octo-org/app@v2', '0.950', '40', '2'],
        ['octo-org/app', 'generic', 'generic@g1', '0.850', '200', '30'],
        ['other', 'forwarded', 'other', '1.000', '10', '0'],
      ]);
      expect(page).toContain('Precision from Prometheus, both services, last 7d');
      expect(page).not.toContain('secret');
      expect(prometheus.queries.every((query) => query.startsWith('sum by (repo, path, model) (increase('))).toBe(true);
      await front.app.inject({ method: 'GET', url: '/' });
      expect(prometheus.queries).toHaveLength(2);
    } finally {
      await prometheus.close();
    }
  });

  it("falls back to this process's counters, saying so, when Prometheus does not answer", async () => {
    const prometheus = await startPrometheusStandIn(ANSWERS);
    await prometheus.close();
    await start(prometheus.url);
    const page = (await front.app.inject({ method: 'GET', url: '/' })).body;
    expect(page).toContain('Precision from this process&#39;s counters since it started (Prometheus did not answer)');
    expect(front.log.find('status page: Prometheus query failed; showing local counters')).toHaveLength(1);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADDED_SELECTOR, APPLIED_SELECTOR, REMOVED_SELECTOR } from '@labelbot/rollout';
import { Compile } from 'typebox/compile';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CUSTOM_RESOURCE_SCHEMAS } from './support/custom-resource-schemas.js';
import { exportedMetrics, metricNamesIn } from './support/exported-metric-names.js';
import { findObject, kubectlAbsentReason, renderVariant, repoRoot } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests and the dashboard are checked field by field
type Json = any;

const dashboard = JSON.parse(
  readFileSync(join(repoRoot, 'k8s/components/monitoring/dashboards/labelbot.json'), 'utf8'),
);
const dashboardExprs: string[] = dashboard.panels.flatMap((panel: Json) =>
  (panel.targets ?? []).map((t: Json) => t.expr),
);

mkdirSync(join(repoRoot, '.cache'), { recursive: true });
const scratch = mkdtempSync(join(repoRoot, '.cache', 'operator-variant-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Base + the Prometheus Operator component: a variant no overlay uses, rendered for the test. */
function renderOperatorVariant() {
  const base = relative(scratch, join(repoRoot, 'k8s/base'));
  const component = relative(scratch, join(repoRoot, 'k8s/components/monitoring-prometheus-operator'));
  writeFileSync(
    join(scratch, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${base}\ncomponents:\n  - ${component}\n`,
  );
  return renderVariant(relative(repoRoot, scratch));
}

describe('metric names', () => {
  const exported = exportedMetrics();
  const rules = readFileSync(join(repoRoot, 'k8s/components/monitoring/rules/alert-rules.yaml'), 'utf8');
  const ruleExprs = (parse(rules).spec.groups as Json[]).flatMap((group) => group.rules.map((rule: Json) => rule.expr));

  it('every metric the dashboard and the alerts read is exported by the code', () => {
    const missing = [...dashboardExprs, ...ruleExprs]
      .flatMap(metricNamesIn)
      .filter((group) => !group.some((name) => exported.has(name)))
      .map((group) => group.join(' | '));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('groups only by labels those metrics carry', () => {
    const problems: string[] = [];
    for (const expr of [...dashboardExprs, ...ruleExprs]) {
      const groups = metricNamesIn(expr);
      if (groups.length === 0) continue;
      const labels = new Set(['le', ...groups.flat().flatMap((name) => [...(exported.get(name) ?? [])])]);
      for (const [, list] of expr.matchAll(/\bby \(([^)]*)\)/g)) {
        for (const label of list!.split(',').map((label: string) => label.trim())) {
          if (!labels.has(label)) problems.push(`${label} in: ${expr}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads an unknown name as missing (the check is live)', () => {
    expect(metricNamesIn('sum(rate(labelbot_nope_total[5m]))')).toEqual([['labelbot_nope_total']]);
    expect(exported.has('labelbot_nope_total')).toBe(false);
  });
});

describe('dashboard', () => {
  it('compares the generic and forwarded paths per repository: issues, labels applied, labels removed, latency, errors', () => {
    const titles = dashboard.panels.map((panel: Json) => panel.title.toLowerCase()).join('\n');
    for (const word of ['issues', 'labels applied', 'removed by people', 'p95', 'outcome', 'failures']) {
      expect(titles).toContain(word);
    }
    expect(dashboard.templating.list.map((v: Json) => v.name)).toEqual(['datasource', 'repo']);
    expect(dashboardExprs.filter((expr) => expr.includes('by (path'))).not.toHaveLength(0);
    expect(new Set(dashboard.panels.map((panel: Json) => panel.id)).size).toBe(dashboard.panels.length);
  });
});

describe('feedback panels', () => {
  // The dashboard adds the `$repo` variable to the selectors `labelbot rollout` queries.
  const withRepo = (selector: string) => selector.replace(/}$/, ', repo=~"$repo"}');

  it('read labels applied and removed through the selectors labelbot rollout uses', () => {
    const applied = dashboardExprs.filter((expr) => expr.includes('labels_applied_total'));
    const feedback = dashboardExprs.filter((expr) => expr.includes('label_feedback_total'));
    expect(applied.length).toBeGreaterThan(0);
    expect(feedback.length).toBeGreaterThan(0);
    for (const expr of applied) expect(expr).toContain(withRepo(APPLIED_SELECTOR));
    for (const expr of feedback) {
      expect(
        [withRepo(REMOVED_SELECTOR), withRepo(ADDED_SELECTOR)].some((s) => expr.includes(s)),
        expr,
      ).toBe(true);
    }
  });

  it('show observed precision per path and repository with its sample size, and labels people added', () => {
    const precision = dashboard.panels.find((panel: Json) => /observed precision/i.test(panel.title));
    expect(precision.targets[0].expr).toContain('sum by (path, repo)');
    expect(precision.targets[0].expr).toContain(withRepo(REMOVED_SELECTOR));
    // …next to its sample size: the labels applied on each path.
    const sampleSize = precision.targets.find((target: Json) => !target.expr.includes('label_feedback_total'));
    expect(sampleSize.expr).toContain(`sum by (path, repo) (increase(${withRepo(APPLIED_SELECTOR)}`);
    expect(dashboardExprs.some((expr) => expr.includes(withRepo(ADDED_SELECTOR)))).toBe(true);
  });

  it('break observed precision down by model version, with its sample size and removals', () => {
    const byVersion = dashboard.panels.find((panel: Json) => /per .*model version/i.test(panel.title));
    const exprs: string[] = byVersion.targets.map((target: Json) => target.expr);
    expect(exprs[0]).toMatch(/^1 - \(sum by \(path, repo, model\)/);
    expect(exprs).toContain(`sum by (path, repo, model) (increase(${withRepo(APPLIED_SELECTOR)}[$__range]))`);
    expect(exprs).toContain(`sum by (path, repo, model) (increase(${withRepo(REMOVED_SELECTOR)}[$__range]))`);
  });
});

describe.skipIf(!!kubectlAbsentReason)('scrape targets', () => {
  it('PodMonitorings select the pods and name their metrics port', () => {
    const objects = renderVariant('k8s/overlays/prod');
    for (const app of ['front', 'worker']) {
      const monitor = findObject(objects, 'PodMonitoring', app);
      const pod = findObject(objects, 'Deployment', app).spec.template;
      expect(pod.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
      const ports = pod.spec.containers.flatMap((c: Json) => c.ports.map((p: Json) => p.name));
      expect(ports).toContain(monitor.spec.endpoints[0].port);
      expect(monitor.spec.endpoints[0].path).toBe('/metrics');
    }
  });

  it('the Prometheus Operator variant has the same targets and rules, as ServiceMonitor and PrometheusRule', () => {
    const objects = renderOperatorVariant();
    for (const object of objects.filter((o) => o.apiVersion.startsWith('monitoring.'))) {
      const schema = CUSTOM_RESOURCE_SCHEMAS[`${object.apiVersion}/${object.kind}`];
      expect(schema, `${object.apiVersion}/${object.kind}`).toBeDefined();
      expect([...Compile(schema!).Errors(object)]).toEqual([]);
    }
    for (const app of ['front', 'worker']) {
      const monitor = findObject(objects, 'ServiceMonitor', app);
      const service = findObject(objects, 'Service', app);
      expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
      expect(service.spec.ports.map((p: Json) => p.name)).toContain(monitor.spec.endpoints[0].port);
    }
    const gmp = findObject(renderVariant('k8s/overlays/prod'), 'Rules', 'labelbot');
    expect(findObject(objects, 'PrometheusRule', 'labelbot').spec).toEqual(gmp.spec);
  });

  it('alerts on signature failures, publish failures, dead letters, backlog age and error rates', () => {
    const rules = findObject(renderVariant('k8s/overlays/prod'), 'Rules', 'labelbot');
    const alerts = rules.spec.groups.flatMap((g: Json) => g.rules.map((r: Json) => r.alert));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'LabelbotWebhookSignatureFailures',
        'LabelbotPublishFailures',
        'LabelbotDeadLettered',
        'LabelbotBacklogAge',
        'LabelbotWebhookErrorRate',
        'LabelbotWorkerErrorRate',
      ]),
    );
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubernetesStandIn, startKubernetesStandIn } from '../../../test/support/kubernetes-stand-in.js';
import { type PrometheusSeries, startPrometheusStandIn } from '../../../test/support/prometheus-stand-in.js';
import { runRollout } from '../src/commands/rollout.js';

const TOKEN = 'rollout-test-token';
const FILE =
  '# rollout of per-repository models\norgs:\n  kubeflow: 0 # not yet\nrepos:\n  kubeflow/pipelines: 0.25 # ramping\n';

async function rollout(args: string[], extra: { serviceAccountRoot?: string } = {}) {
  let out = '';
  let err = '';
  const code = await runRollout(args, { out: (t) => (out += t), err: (t) => (err += t), ...extra });
  return { code, out, err };
}

// Every feedback series carries `path`: the front derives it for removals with the sticky routing draw.
function feedback(repo: string, forwarded: [number, number], generic: [number, number]) {
  const applied: PrometheusSeries[] = [
    { metric: { repo, path: 'forwarded' }, value: forwarded[0] },
    { metric: { repo, path: 'generic' }, value: generic[0] },
  ];
  const removed: PrometheusSeries[] = [
    { metric: { repo, path: 'forwarded' }, value: forwarded[1] },
    { metric: { repo, path: 'generic' }, value: generic[1] },
  ];
  return { labels_applied_total: applied, label_feedback_total: removed };
}

// Two versions of the repository's model on the forwarded path, one removal whose model the front could not learn.
function byModel() {
  const repo = 'kubeflow/pipelines';
  const series = (path: string, model: string, value: number) => ({ metric: { repo, path, model }, value });
  return {
    labels_applied_total: [
      series('forwarded', 'kubeflow/pipelines@v1', 300),
      series('forwarded', 'kubeflow/pipelines@v2', 250),
      series('generic', 'generic@g1', 1000),
    ],
    label_feedback_total: [
      series('forwarded', 'kubeflow/pipelines@v1', 60),
      series('forwarded', 'kubeflow/pipelines@v2', 5),
      series('forwarded', 'unknown', 1),
      series('generic', 'generic@g1', 110),
    ],
  };
}

describe('labelbot rollout', () => {
  let dir: string;
  let cluster: KubernetesStandIn;
  let kubeconfig: string;
  const stop: (() => Promise<void>)[] = [];

  async function startCluster(options: { beforePatch?: () => void } = {}) {
    cluster = await startKubernetesStandIn({
      token: TOKEN,
      configMaps: [{ namespace: 'labelbot', name: 'labelbot-forwarding', data: { 'forwarded_repo.yaml': FILE } }],
      ...options,
    });
    stop.push(cluster.close);
    kubeconfig = cluster.writeKubeconfig(dir, [
      { name: 'stale', namespace: 'labelbot', token: 'expired-token' },
      { name: 'staging', namespace: 'labelbot' },
    ]);
  }
  const stored = () => cluster.configMap('labelbot', 'labelbot-forwarding');
  const patches = () => cluster.requests.filter((request) => request.method === 'PATCH');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labelbot-rollout-'));
  });
  afterEach(async () => {
    for (const close of stop.splice(0)) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('set patches the ConfigMap of the chosen context with the resourceVersion it read, and prints a diff', async () => {
    await startCluster();
    const before = stored()?.metadata.resourceVersion;
    const result = await rollout([
      'set',
      'kubeflow/pipelines',
      '0.5',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'staging',
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(stored()?.data['forwarded_repo.yaml']).toBe(FILE.replace('pipelines: 0.25', 'pipelines: 0.5'));
    const after = stored()?.metadata.resourceVersion;
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(result.out).toBe(
      `configmap labelbot/labelbot-forwarding key forwarded_repo.yaml: set repos.kubeflow/pipelines 0.25 -> 0.5 (resourceVersion ${before} -> ${after})\n` +
        '  # rollout of per-repository models\n  orgs:\n    kubeflow: 0 # not yet\n  repos:\n' +
        '-   kubeflow/pipelines: 0.25 # ramping\n+   kubeflow/pipelines: 0.5 # ramping\n',
    );
    expect(cluster.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/namespaces/labelbot/configmaps/labelbot-forwarding 200',
      'PATCH /api/v1/namespaces/labelbot/configmaps/labelbot-forwarding 200',
    ]);
    expect(patches()[0]).toMatchObject({
      contentType: 'application/merge-patch+json',
      authorization: `Bearer ${TOKEN}`,
      body: { metadata: { resourceVersion: before } },
    });
  });

  it('uses the current context by default and reports the API server refusing its credentials', async () => {
    await startCluster();
    const result = await rollout(['show', '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'configmap labelbot/labelbot-forwarding key forwarded_repo.yaml: the API server answered 401',
    );
    expect(cluster.requests[0]?.authorization).toBe('Bearer expired-token');
    const unknown = await rollout(['show', '--kubeconfig', kubeconfig, '--context', 'prod']);
    expect(unknown.err).toContain("no context 'prod' in the kubeconfig (contexts: stale, staging)");
    const empty = join(dir, 'empty-kubeconfig.yaml');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const nothing = await rollout(['show', '--kubeconfig', empty]);
    expect(nothing.err).toContain('no cluster configured: pass --kubeconfig/--context, set KUBECONFIG, run in a pod');
  });

  it('refuses to overwrite a concurrent edit: the stale resourceVersion gets 409', async () => {
    const theirs = 'repos:\n  kubeflow/pipelines: 0 # paused by the on-call\n';
    await startCluster({
      beforePatch: () => cluster.editConfigMap('labelbot', 'labelbot-forwarding', { 'forwarded_repo.yaml': theirs }),
    });
    const result = await rollout([
      'set',
      'kubeflow/pipelines',
      '1',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'staging',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/changed since it was read \(resourceVersion \d+ is stale\); nothing was written/);
    expect(patches()[0]?.status).toBe(409);
    expect(stored()?.data['forwarded_repo.yaml']).toBe(theirs);
  });

  it('refuses an invalid value or target before writing anything', async () => {
    await startCluster();
    const args = ['--kubeconfig', kubeconfig, '--context', 'staging'];
    for (const [target, value, message] of [
      ['kubeflow/pipelines', '1.5', "probability '1.5' must be a number in [0, 1]"],
      ['kubeflow/pipelines', 'half', "probability 'half' must be a number in [0, 1]"],
      ['not a repo', '0.5', "'not a repo' is not a well-formed organisation login"],
    ] as const) {
      const result = await rollout(['set', target, value, ...args]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(message);
    }
    cluster.editConfigMap('labelbot', 'labelbot-forwarding', { 'forwarded_repo.yaml': 'repos:\n  a/b: 3\n' });
    const onInvalid = await rollout(['set', 'kubeflow/pipelines', '0.5', ...args]);
    expect(onInvalid.err).toContain('repos.a/b: the probability must be a number in [0, 1]');
    expect(patches()).toEqual([]);
  });

  it('works in a pod with the service account: token file, CA and namespace', async () => {
    await startCluster();
    const root = join(dir, 'pod');
    const account = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(account, { recursive: true });
    writeFileSync(join(account, 'token'), TOKEN);
    writeFileSync(join(account, 'ca.crt'), cluster.certificate);
    writeFileSync(join(account, 'namespace'), 'labelbot');
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = String(cluster.port);
    try {
      const result = await rollout(['set', 'kubeflow', '0.1', '--in-cluster'], { serviceAccountRoot: root });
      expect(result.err).toBe('');
      expect(result.out).toContain('set orgs.kubeflow 0 -> 0.1');
      expect(stored()?.data['forwarded_repo.yaml']).toContain('kubeflow: 0.1 # not yet');
    } finally {
      for (const [name, value] of [
        ['KUBERNETES_SERVICE_HOST', saved.host],
        ['KUBERNETES_SERVICE_PORT', saved.port],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('--file edits a local file keeping its comments', async () => {
    const path = join(dir, 'forwarded_repo.yaml');
    writeFileSync(path, FILE);
    const result = await rollout(['set', 'octo-org/new-repo', '0.1', '--file', path]);
    expect(result.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(`${FILE}  octo-org/new-repo: 0.1\n`);
    expect(result.out).toContain(`file ${path}: set repos.octo-org/new-repo (none) -> 0.1\n`);
    expect(result.out).toContain('+   octo-org/new-repo: 0.1');
    const again = await rollout(['set', 'octo-org/new-repo', '0.1', '--file', path]);
    expect(again.out).toBe(`file ${path}: unchanged repos.octo-org/new-repo 0.1 -> 0.1\n`);
  });

  it('show prints the live file and observed precision per path from Prometheus', async () => {
    await startCluster();
    const prometheus = await startPrometheusStandIn(feedback('kubeflow/pipelines', [400, 20], [1000, 150]));
    stop.push(prometheus.close);
    const result = await rollout([
      'show',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'staging',
      '--prometheus',
      prometheus.url,
    ]);
    expect(result.err).toBe('');
    const version = stored()?.metadata.resourceVersion;
    expect(result.out).toBe(
      `# configmap labelbot/labelbot-forwarding key forwarded_repo.yaml (resourceVersion ${version})\n${FILE}\n` +
        'observed precision, (applied - removed) / applied, over 7d:\n' +
        'repository          path       model  precision  applied  removed\n' +
        'kubeflow/pipelines  forwarded  *          0.950      400       20\n' +
        'kubeflow/pipelines  generic    *          0.850     1000      150\n',
    );
    expect(prometheus.queries).toHaveLength(2);
    expect(prometheus.queries.every((query) => query.startsWith('sum by (repo, path) (increase('))).toBe(true);
    expect([...prometheus.queries].sort()).toEqual([
      'sum by (repo, path) (increase({__name__=~"(labelbot_front_label_feedback_total|labelbot_worker_label_feedback_total)", kind="bot-label-removed"}[7d]))',
      'sum by (repo, path) (increase({__name__=~"(labelbot_front_labels_applied_total|labelbot_worker_labels_applied_total)", dry_run!="true"}[7d]))',
    ]);
  });

  it('show --by-model adds a row per model version under each path total', async () => {
    const path = join(dir, 'forwarded_repo.yaml');
    writeFileSync(path, FILE);
    const prometheus = await startPrometheusStandIn(byModel());
    stop.push(prometheus.close);
    const result = await rollout(['show', '--file', path, '--prometheus', prometheus.url, '--by-model']);
    expect(result.err).toBe('');
    const table = result.out.split('over 7d:\n')[1]?.trimEnd().split('\n') ?? [];
    expect(table.map((line) => line.split(/\s+/))).toEqual([
      ['repository', 'path', 'model', 'precision', 'applied', 'removed'],
      ['kubeflow/pipelines', 'forwarded', '*', '0.880', '550', '66'],
      ['kubeflow/pipelines', 'forwarded', 'kubeflow/pipelines@v1', '0.800', '300', '60'],
      ['kubeflow/pipelines', 'forwarded', 'kubeflow/pipelines@v2', '0.980', '250', '5'],
      ['kubeflow/pipelines', 'forwarded', 'unknown', '-', '0', '1'],
      ['kubeflow/pipelines', 'generic', '*', '0.890', '1000', '110'],
      ['kubeflow/pipelines', 'generic', 'generic@g1', '0.890', '1000', '110'],
    ]);
    expect(prometheus.queries.every((query) => query.startsWith('sum by (repo, path, model) (increase('))).toBe(true);
  });

  describe('ramp', () => {
    async function ramp(values: ReturnType<typeof feedback>, extra: string[] = []) {
      const prometheus = await startPrometheusStandIn(values);
      stop.push(prometheus.close);
      const path = join(dir, 'forwarded_repo.yaml');
      if (extra.includes('--fresh')) writeFileSync(path, FILE);
      const args = ['ramp', 'kubeflow/pipelines', '--file', path, '--prometheus', prometheus.url];
      const result = await rollout([
        ...args,
        '--min-samples',
        '200',
        '--margin',
        '0.02',
        ...extra.filter((a) => a !== '--fresh'),
      ]);
      return { ...result, text: readFileSync(path, 'utf8') };
    }

    it('advances one step when the forwarded path is no worse than generic', async () => {
      const result = await ramp(feedback('kubeflow/pipelines', [300, 30], [1000, 110]), ['--fresh']);
      expect(result.code).toBe(0);
      expect(result.out).toContain(
        'advance kubeflow/pipelines: 0.25 -> 0.5 (no worse: forwarded 0.900 vs generic 0.890',
      );
      expect(result.text).toBe(FILE.replace('pipelines: 0.25', 'pipelines: 0.5'));
    });

    it("starts from the org entry's probability when the repository has none, as routing does", async () => {
      const path = join(dir, 'forwarded_repo.yaml');
      writeFileSync(path, 'orgs:\n  kubeflow: 0.3\nrepos: {}\n');
      const prometheus = await startPrometheusStandIn(feedback('kubeflow/pipelines', [300, 30], [1000, 110]));
      stop.push(prometheus.close);
      const base = ['ramp', 'kubeflow/pipelines', '--file', path, '--prometheus', prometheus.url];
      const result = await rollout([...base, '--min-samples', '200', '--margin', '0.02', '--start']);
      expect(result.out).toContain(
        "advance kubeflow/pipelines: 0.3 -> 0.5 (no worse: forwarded 0.900 vs generic 0.890 (margin 0.02)) [p is the kubeflow org entry's; the step is written for kubeflow/pipelines]",
      );
      expect(readFileSync(path, 'utf8')).toContain('kubeflow/pipelines: 0.5');
      expect(readFileSync(path, 'utf8')).toContain('kubeflow: 0.3');
    });

    it('holds while the forwarded path has too few samples', async () => {
      const result = await ramp(feedback('kubeflow/pipelines', [120, 60], [1000, 110]), ['--fresh']);
      expect(result.out).toBe(
        'hold kubeflow/pipelines: 0.25 -> 0.25 (not enough samples: forwarded has 120 of 200 applied labels needed)\n',
      );
      expect(result.text).toBe(FILE);
    });

    it('rolls back to 0 when the forwarded path is worse by more than the margin', async () => {
      const result = await ramp(feedback('kubeflow/pipelines', [300, 60], [1000, 110]), ['--fresh']);
      expect(result.out).toContain('rollback kubeflow/pipelines: 0.25 -> 0 (worse: forwarded 0.800 vs generic 0.890');
      expect(result.text).toBe(FILE.replace('pipelines: 0.25', 'pipelines: 0'));
    });

    it('only reports in a dry run', async () => {
      const result = await ramp(feedback('kubeflow/pipelines', [300, 30], [1000, 110]), ['--fresh', '--dry-run']);
      expect(result.out).toContain('would set repos.kubeflow/pipelines 0.25 -> 0.5');
      expect(result.text).toBe(FILE);
    });

    it('--model judges the forwarded path on one model version: the old one rolls back, the new one advances', async () => {
      const old = await ramp(byModel(), ['--fresh', '--model', 'kubeflow/pipelines@v1']);
      expect(old.out).toContain(
        'rollback kubeflow/pipelines: 0.25 -> 0 (worse: forwarded 0.800 vs generic 0.890 (margin 0.02)) [forwarded samples of kubeflow/pipelines@v1]',
      );
      const fresh = await ramp(byModel(), ['--fresh', '--model', 'kubeflow/pipelines@v2']);
      expect(fresh.out).toContain(
        'advance kubeflow/pipelines: 0.25 -> 0.5 (no worse: forwarded 0.980 vs generic 0.890',
      );
      const all = await ramp(byModel(), ['--fresh']);
      expect(all.out).toContain('advance kubeflow/pipelines: 0.25 -> 0.5 (no worse: forwarded 0.880 vs generic 0.890');
    });

    it('refuses an empty --margin instead of reading it as 0', async () => {
      const result = await ramp(feedback('kubeflow/pipelines', [300, 30], [1000, 110]), ['--fresh', '--margin', '']);
      expect(result.code).toBe(1);
      expect(result.err).toContain('--margin must be a number in [0, 1]');
      expect(result.text).toBe(FILE);
    });

    it('advances the ConfigMap too', async () => {
      await startCluster();
      const prometheus = await startPrometheusStandIn(feedback('kubeflow/pipelines', [300, 30], [1000, 110]));
      stop.push(prometheus.close);
      const args = ['ramp', 'kubeflow/pipelines', '--kubeconfig', kubeconfig, '--context', 'staging'];
      const result = await rollout([...args, '--prometheus', prometheus.url, '--steps', '0.25,0.75,1']);
      expect(result.out).toContain('advance kubeflow/pipelines: 0.25 -> 0.75');
      expect(stored()?.data['forwarded_repo.yaml']).toContain('kubeflow/pipelines: 0.75 # ramping');
    });
  });
});

import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { run as models } from '../../apps/cli/src/commands/models.js';
import { syntheticIssues } from '../../apps/cli/test/support/synthetic-issues.js';
import { startGitHubGraphqlStandIn } from '../support/github-graphql-stand-in.js';
import { containers } from './support/pod-templates.js';
import { findObject, type KubeObject, kubectlAbsentReason, repoRoot } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
type Json = any;

const scratch = mkdtempSync(join(tmpdir(), 'labelbot-retrain-cronjob-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The base with the retrain component, as an overlay adds it (`components: [../../components/retrain]`). */
function renderWithRetrain(): KubeObject[] {
  const overlay = join(scratch, 'overlay');
  mkdirSync(overlay, { recursive: true });
  const from = (path: string) => relative(overlay, join(repoRoot, path));
  writeFileSync(
    join(overlay, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'namespace: labelbot-retrain-check',
      `resources: [${from('k8s/base')}]`,
      `components: [${from('k8s/components/retrain')}]`,
      '',
    ].join('\n'),
  );
  const result = spawnSync('kubectl', ['kustomize', overlay], { encoding: 'utf8', maxBuffer: 32 << 20 });
  if (result.status !== 0) throw new Error(`kubectl kustomize failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as KubeObject);
}

describe.skipIf(!!kubectlAbsentReason)('the retrain component (k8s/components/retrain)', () => {
  const objects = kubectlAbsentReason ? [] : renderWithRetrain();
  const cronJob = () => findObject(objects, 'CronJob', 'retrain');
  const container = () => containers([cronJob()])[0]!;
  const configMap = (name: string) => {
    const found = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    if (!found) throw new Error(`no ConfigMap ${name}`);
    return found;
  };

  it('runs the worker image with its own ServiceAccount, the shared environment and every volume it names', () => {
    const { container: retrain, pod } = container();
    expect(retrain.image).toBe('worker');
    expect(pod.serviceAccountName).toBe('retrain');
    findObject(objects, 'ServiceAccount', 'retrain');
    for (const source of retrain.envFrom) configMap(source.configMapRef.name);
    expect(retrain.envFrom[0].configMapRef.name).toMatch(/^labelbot-config-/);
    const volumes = new Set(pod.volumes.map((volume: Json) => volume.name));
    for (const mount of retrain.volumeMounts) expect(volumes, mount.name).toContain(mount.name);
  });

  it('admits no connection in and lets out only DNS, HTTPS and the metadata server, as for the worker', () => {
    const policy = findObject(objects, 'NetworkPolicy', 'retrain');
    const { pod } = container();
    expect(policy.spec.podSelector.matchLabels).toEqual({ app: 'retrain' });
    expect(cronJob().spec.jobTemplate.spec.template.metadata.labels.app).toBe('retrain');
    expect(pod.containers.flatMap((c: Json) => c.ports ?? [])).toEqual([]);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress ?? []).toEqual([]);
    expect(policy.spec.egress).toEqual(findObject(objects, 'NetworkPolicy', 'worker').spec.egress);
  });

  it("runs `labelbot models retrain` with its flags: the config file is the mounted ConfigMap's key, --work a volume", () => {
    const { container: retrain, pod } = container();
    const args: string[] = retrain.args;
    expect(args.slice(0, 2)).toEqual(['models', 'retrain']);
    const config = args[args.indexOf('--config') + 1]!;
    const work = args[args.indexOf('--work') + 1]!;
    const mountOf = (path: string) => retrain.volumeMounts.find((mount: Json) => mount.mountPath === dirname(path));
    const configVolume = pod.volumes.find((volume: Json) => volume.name === mountOf(config)?.name);
    expect(Object.keys(configMap(configVolume.configMap.name).data ?? {})).toContain(config.split('/').pop());
    expect(retrain.volumeMounts.map((mount: Json) => mount.mountPath)).toContain(work);
  });

  it('retrains and publishes every repository of its ConfigMap when run as the pod runs it', async () => {
    const { container: retrain, pod } = container();
    // The pod's filesystem under a scratch root: the ConfigMap's files and the App key where they are mounted.
    const root = join(scratch, 'pod');
    const at = (path: string) => join(root, path);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const mount of retrain.volumeMounts) {
      const volume = pod.volumes.find((v: Json) => v.name === mount.name);
      mkdirSync(at(mount.mountPath), { recursive: true });
      if (volume.configMap) {
        for (const [key, text] of Object.entries(configMap(volume.configMap.name).data ?? {}))
          writeFileSync(join(at(mount.mountPath), key), text);
      }
      if (volume.secret) {
        for (const item of volume.secret.items)
          writeFileSync(join(at(mount.mountPath), item.path), privateKey.export({ type: 'pkcs1', format: 'pem' }));
      }
    }
    const retrainYaml = configMap(pod.volumes.find((v: Json) => v.configMap).configMap.name).data?.['retrain.yaml'];
    const repos: string[] = parseAllDocuments(retrainYaml ?? '')[0]
      ?.toJS()
      .repositories.map((entry: { repo: string }) => entry.repo);
    expect(repos.length).toBeGreaterThan(0);
    const github = await startGitHubGraphqlStandIn({
      repos: Object.fromEntries(repos.map((repo) => [repo, syntheticIssues(300)])),
      app: { id: 4242, publicKey, installationId: 77 },
    });
    try {
      // The environment the pod gets: the shared ConfigMap, then its own env (secrets resolved), with paths
      // under the scratch root; an overlay supplies MODEL_STORE_URL, and GitHub is the stand-in.
      const env: Record<string, string> = { ...configMap(retrain.envFrom[0].configMapRef.name).data };
      for (const variable of retrain.env) {
        if (variable.valueFrom?.secretKeyRef?.key === 'app-id') env[variable.name] = '4242';
        else env[variable.name] = variable.value.startsWith('/') ? at(variable.value) : variable.value;
      }
      const store = join(scratch, 'models');
      Object.assign(env, { MODEL_STORE_URL: pathToFileURL(store).href, GITHUB_API_URL: github.url });
      const args = (retrain.args as string[]).map((arg) => (arg.startsWith('/') ? at(arg) : arg));
      const out = { stdout: '', stderr: '' };
      const code = await models(args.slice(1), {
        env,
        stdout: { write: (text: string) => (out.stdout += text) },
        stderr: { write: (text: string) => (out.stderr += text) },
      });
      expect(out.stderr).toBe('');
      expect(code).toBe(0);
      const lines = out.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { repo: string; ok: boolean });
      expect(lines.map((line) => [line.repo, line.ok])).toEqual(repos.map((repo) => [repo, true]));
      expect(github.requests.some((request) => request.path === '/app/installations/77/access_tokens')).toBe(true);
    } finally {
      await github.close();
    }
  }, 180_000);
});

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A rendered Kubernetes object, loosely typed: tests read what they check. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
  spec?: any;
  data?: Record<string, string>;
}

/** Every deployable kustomize variant: overlays and the root (staging release) entry point. */
export const VARIANTS = ['k8s/overlays/dev', 'k8s/overlays/staging', 'k8s/overlays/prod', '.'] as const;

const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
/** Why kustomize tests cannot run here ('' when kubectl is present). */
export const kubectlAbsentReason =
  version.status === 0 ? '' : 'kubectl is not installed: the kustomize render tests are skipped';
if (kubectlAbsentReason) console.warn(`[skip] ${kubectlAbsentReason}`);

const cache = new Map<string, KubeObject[]>();

/** `kubectl kustomize <path>` (relative to the repository root), parsed; throws with kubectl's stderr. */
export function renderVariant(path: string): KubeObject[] {
  const cached = cache.get(path);
  if (cached) return cached;
  const result = spawnSync('kubectl', ['kustomize', path], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 32 << 20 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${path} failed:\n${result.stderr}`);
  const objects = parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    return document.toJS() as KubeObject;
  });
  cache.set(path, objects);
  return objects;
}

/** The single object of a kind and name; fails loudly when absent. */
export function findObject(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

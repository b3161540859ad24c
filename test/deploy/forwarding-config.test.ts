import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseForwardingConfig } from '@labelbot/rollout';
import { DEFAULT_CONFIGMAP, DEFAULT_CONFIGMAP_KEY } from '@labelbot/rollout/operations';
import { describe, expect, it } from 'vitest';
import { findObject, kubectlAbsentReason, renderVariant, repoRoot, VARIANTS } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
type Json = any;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the front reads its forwarding file from FORWARDING_CONFIG', () => {
  it('names the variable in its configuration', () => {
    const readers = sourceFiles(join(repoRoot, 'apps/front/src')).filter((file) =>
      readFileSync(file, 'utf8').includes('FORWARDING_CONFIG'),
    );
    expect(readers.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!!kubectlAbsentReason)('forwarding ConfigMap wiring', () => {
  it.each(VARIANTS)('%s: FORWARDING_CONFIG = directory mount of the ConfigMap + its key, hot-reloadable', (variant) => {
    const objects = renderVariant(variant);
    const pod = findObject(objects, 'Deployment', 'front').spec.template.spec;
    const front = pod.containers.find((container: Json) => container.name === 'front');
    const path: string = front.env.find((env: Json) => env.name === 'FORWARDING_CONFIG').value;
    const mount = front.volumeMounts.find((m: Json) => m.mountPath === dirname(path));
    expect(mount, `a volume mounted at ${dirname(path)}`).toBeDefined();
    expect(mount.subPath, 'subPath mounts never see ConfigMap updates').toBeUndefined();
    const volume = pod.volumes.find((v: Json) => v.name === mount.name);
    expect(volume.configMap?.name).toBe('labelbot-forwarding');
    expect(volume.configMap.items, 'all keys, so the file name is the key').toBeUndefined();
    const configMap = findObject(objects, 'ConfigMap', 'labelbot-forwarding');
    expect(Object.keys(configMap.data ?? {})).toEqual([basename(path)]);
    const config = parseForwardingConfig(configMap.data?.[basename(path)] ?? '', `${variant} ConfigMap`);
    expect(config).toBeDefined();
  });

  it.each(VARIANTS)('%s: the ConfigMap keeps its name, so edits reach running pods without a rollout', (variant) => {
    const objects = renderVariant(variant);
    const hashed = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('labelbot-forwarding-'));
    expect(hashed).toEqual([]);
  });

  it('is the ConfigMap and key `labelbot rollout set --context` edits by default', () => {
    const configMap = findObject(renderVariant('k8s/overlays/prod'), 'ConfigMap', DEFAULT_CONFIGMAP);
    expect(Object.keys(configMap.data ?? {})).toEqual([DEFAULT_CONFIGMAP_KEY]);
  });
});

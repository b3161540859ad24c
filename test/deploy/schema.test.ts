import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { CUSTOM_RESOURCE_SCHEMAS } from './support/custom-resource-schemas.js';
import { type KubeObject, kubectlAbsentReason, renderVariant, VARIANTS } from './support/render-variant.js';

type Module = Record<string, new (data: unknown) => { validate(): void }>;

/** kubernetes-models modules for the built-in API groups we use. */
const BUILT_IN: Record<string, () => Promise<unknown>> = {
  v1: () => import('kubernetes-models/v1'),
  'apps/v1': () => import('kubernetes-models/apps/v1'),
  'batch/v1': () => import('kubernetes-models/batch/v1'),
  'autoscaling/v2': () => import('kubernetes-models/autoscaling/v2'),
  'policy/v1': () => import('kubernetes-models/policy/v1'),
  'networking.k8s.io/v1': () => import('kubernetes-models/networking.k8s.io/v1'),
};

async function problemsOf(object: KubeObject): Promise<string[]> {
  const custom = CUSTOM_RESOURCE_SCHEMAS[`${object.apiVersion}/${object.kind}`];
  if (custom) return [...Compile(custom).Errors(object)].map((e) => `${e.instancePath} ${e.message}`);
  const load = BUILT_IN[object.apiVersion];
  if (!load) return [`no schema for ${object.apiVersion} (add it to BUILT_IN or CUSTOM_RESOURCE_SCHEMAS)`];
  const Model = ((await load()) as Module)[object.kind];
  if (!Model) return [`kubernetes-models has no ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

describe.skipIf(!!kubectlAbsentReason)('rendered objects against the Kubernetes schemas', () => {
  it.each(VARIANTS)('%s: every object validates', async (variant) => {
    const problems: string[] = [];
    for (const object of renderVariant(variant)) {
      for (const problem of await problemsOf(object))
        problems.push(`${object.kind}/${object.metadata.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses a broken object (the validation is live)', async () => {
    const [deployment] = renderVariant('k8s/overlays/dev').filter((object) => object.kind === 'Deployment');
    const broken = structuredClone(deployment) as KubeObject;
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect((await problemsOf(broken)).join()).toMatch(/containerPort must be integer/);
    const monitor = structuredClone(renderVariant('k8s/overlays/prod').find((o) => o.kind === 'PodMonitoring'));
    monitor!.spec.endpoints[0].intervall = '30s';
    expect((await problemsOf(monitor!)).join()).toMatch(/additional properties/);
  });
});

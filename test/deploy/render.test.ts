import { describe, expect, it } from 'vitest';
import { findObject, kubectlAbsentReason, renderVariant, VARIANTS } from './support/render-variant.js';

const EVERYWHERE = [
  'Deployment/front',
  'Deployment/worker',
  'ServiceAccount/front',
  'ServiceAccount/worker',
  'Service/front',
  'Service/worker',
  'Ingress/front',
  'PodDisruptionBudget/front',
  'PodDisruptionBudget/worker',
  'NetworkPolicy/front',
  'NetworkPolicy/worker',
  'ConfigMap/labelbot-forwarding',
];

describe.skipIf(!!kubectlAbsentReason)('kustomize variants', () => {
  it.each(VARIANTS)('%s renders every component', (variant) => {
    const names = renderVariant(variant).map((object) => `${object.kind}/${object.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(EVERYWHERE));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(VARIANTS)('%s puts every namespaced object in one namespace', (variant) => {
    const objects = renderVariant(variant);
    const namespace = objects.find((object) => object.kind === 'Namespace')?.metadata.name;
    expect(namespace).toBeTruthy();
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(namespace);
    }
  });

  it('runs the Pub/Sub emulator, one replica each and dry run in dev, and no autoscaler there', () => {
    const objects = renderVariant('k8s/overlays/dev');
    findObject(objects, 'Deployment', 'pubsub-emulator');
    findObject(objects, 'Service', 'pubsub-emulator');
    expect(findObject(objects, 'Deployment', 'front').spec.replicas).toBe(1);
    expect(findObject(objects, 'Deployment', 'worker').spec.replicas).toBe(1);
    expect(objects.some((object) => object.kind === 'HorizontalPodAutoscaler')).toBe(false);
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('labelbot-config-'));
    expect(config?.data).toMatchObject({ LABELBOT_DRY_RUN: 'true', PUBSUB_EMULATOR_HOST: 'pubsub-emulator:8085' });
    const worker = findObject(objects, 'Deployment', 'worker').spec.template.spec;
    expect(worker.initContainers.map((c: { args: string[] }) => c.args)).toEqual([['pubsub', 'setup']]);
  });

  it.each(['k8s/overlays/staging', 'k8s/overlays/prod'])('%s is a GKE environment with monitoring', (variant) => {
    const objects = renderVariant(variant);
    for (const name of ['front', 'worker']) {
      const account = findObject(objects, 'ServiceAccount', name);
      expect(account.metadata.annotations?.['iam.gke.io/gcp-service-account']).toMatch(
        /@.+\.iam\.gserviceaccount\.com$/,
      );
    }
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('labelbot-config-'));
    expect(config?.data?.PUBSUB_PROJECT).toBeTruthy();
    expect(config?.data?.MODEL_STORE_URL).toMatch(/^gs:\/\//);
    expect(config?.data?.LABELBOT_DRY_RUN).toBeUndefined();
    expect(config?.data?.PUBSUB_EMULATOR_HOST).toBeUndefined();
    findObject(objects, 'HorizontalPodAutoscaler', 'worker');
    findObject(objects, 'PodMonitoring', 'front');
    findObject(objects, 'PodMonitoring', 'worker');
    findObject(objects, 'Rules', 'labelbot');
    findObject(objects, 'ConfigMap', 'labelbot-dashboard');
  });

  it('keeps staging and prod apart: namespace, topic, subscription, project', () => {
    const settings = ['k8s/overlays/staging', 'k8s/overlays/prod'].map((variant) => {
      const objects = renderVariant(variant);
      const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('labelbot-config-'));
      const { PUBSUB_PROJECT, PUBSUB_TOPIC, PUBSUB_SUBSCRIPTION } = config?.data ?? {};
      return {
        namespace: findObject(objects, 'Deployment', 'front').metadata.namespace,
        PUBSUB_PROJECT,
        PUBSUB_TOPIC,
        PUBSUB_SUBSCRIPTION,
      };
    });
    const [staging, prod] = settings;
    for (const key of ['namespace', 'PUBSUB_PROJECT', 'PUBSUB_TOPIC', 'PUBSUB_SUBSCRIPTION'] as const) {
      expect(staging?.[key], key).toBeTruthy();
      expect(staging?.[key], key).not.toBe(prod?.[key]);
    }
  });
});

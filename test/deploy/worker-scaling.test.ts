import { QUEUE_DEFAULTS } from '@labelbot/queue';
import { describe, expect, it } from 'vitest';
import { findObject, kubectlAbsentReason, renderVariant } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
type Json = any;

/** Time the kubelet must leave beyond the drain for the process to close its clients and exit. */
const EXIT_MARGIN_SECONDS = 10;

describe.skipIf(!!kubectlAbsentReason)('worker scaling and shutdown', () => {
  it.each(['k8s/overlays/staging', 'k8s/overlays/prod', '.'])(
    '%s: scales on the backlog of the subscription it reads, with CPU as fallback',
    (variant) => {
      const objects = renderVariant(variant);
      const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('labelbot-config-'));
      const hpa = findObject(objects, 'HorizontalPodAutoscaler', 'worker');
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'worker' });
      const external = hpa.spec.metrics.find((m: Json) => m.type === 'External').external;
      expect(external.metric.name).toBe('pubsub.googleapis.com|subscription|num_undelivered_messages');
      expect(external.metric.selector.matchLabels['resource.labels.subscription_id']).toBe(
        config?.data?.PUBSUB_SUBSCRIPTION,
      );
      const cpu = hpa.spec.metrics.find((m: Json) => m.type === 'Resource');
      expect(cpu.resource.name).toBe('cpu');
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(findObject(objects, 'Deployment', 'worker').spec.replicas, 'the HPA owns replicas').toBeUndefined();
    },
  );

  it.each(['k8s/overlays/dev', 'k8s/overlays/staging', 'k8s/overlays/prod'])(
    '%s: the worker gets longer than its drain time to stop',
    (variant) => {
      const pod = findObject(renderVariant(variant), 'Deployment', 'worker').spec.template.spec;
      const worker = pod.containers.find((container: Json) => container.name === 'worker');
      const drainMs = Number(
        worker.env.find((env: Json) => env.name === 'WORKER_SHUTDOWN_GRACE_MS')?.value ?? QUEUE_DEFAULTS.graceMs,
      );
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(drainMs / 1000 + EXIT_MARGIN_SECONDS);
    },
  );
});

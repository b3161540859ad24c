import { describe, expect, it } from 'vitest';
import { FRONT_DEFAULTS } from '../../apps/front/src/config/front-defaults.js';
import { findObject, kubectlAbsentReason, renderVariant, VARIANTS } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
type Json = any;

describe.skipIf(!!kubectlAbsentReason)('what is reachable', () => {
  it.each(VARIANTS)('%s: the Ingress exposes only the webhook, /api/predict and / (exactly)', (variant) => {
    const ingress = findObject(renderVariant(variant), 'Ingress', 'front');
    const paths = ingress.spec.rules.flatMap((rule: Json) => rule.http.paths);
    expect(paths.map((p: Json) => [p.path, p.pathType]).sort()).toEqual([
      ['/', 'Exact'],
      ['/api/github/webhooks', 'Exact'],
      ['/api/predict', 'Exact'],
    ]);
    for (const path of paths) expect(path.backend.service).toEqual({ name: 'front', port: { name: 'http' } });
  });

  it.each(VARIANTS)(
    '%s: each app has a NetworkPolicy admitting only its named port, and a PodDisruptionBudget',
    (variant) => {
      const objects = renderVariant(variant);
      for (const app of ['front', 'worker']) {
        const policy = findObject(objects, 'NetworkPolicy', app);
        expect(policy.spec.podSelector.matchLabels).toEqual({ app });
        expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
        expect(policy.spec.ingress.flatMap((rule: Json) => rule.ports)).toEqual([{ port: 'http', protocol: 'TCP' }]);
        const budget = findObject(objects, 'PodDisruptionBudget', app);
        expect(budget.spec.selector.matchLabels).toEqual({ app });
      }
    },
  );
});

describe.skipIf(!!kubectlAbsentReason)('what the front may reach', () => {
  it.each(VARIANTS)('%s: an in-cluster Prometheus on 9090 (PROMETHEUS_URL), and nothing outside on it', (variant) => {
    const egress = findObject(renderVariant(variant), 'NetworkPolicy', 'front').spec.egress as Json[];
    const prometheus = egress.filter((rule) => rule.ports?.some((port: Json) => port.port === 9090));
    expect(prometheus).toEqual([{ to: [{ namespaceSelector: {} }], ports: [{ port: 9090, protocol: 'TCP' }] }]);
  });
});

describe.skipIf(!!kubectlAbsentReason)('what Workload Identity needs', () => {
  it.each(VARIANTS)('%s: front and worker reach the metadata server on both GKE dataplanes', (variant) => {
    const objects = renderVariant(variant);
    for (const app of ['front', 'worker']) {
      const egress = findObject(objects, 'NetworkPolicy', app).spec.egress as Json[];
      const metadata = egress.filter((rule) =>
        rule.to?.some((peer: Json) => peer.ipBlock?.cidr.startsWith('169.254.')),
      );
      expect(metadata, app).toEqual([
        // GKE Dataplane V2 answers on the metadata address itself …
        { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
        // … other GKE clusters through the gke-metadata-server, which network policies must allow by its own address.
        { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
      ]);
    }
  });
});

describe.skipIf(!!kubectlAbsentReason)('GKE ingress', () => {
  it.each(['k8s/overlays/staging', 'k8s/overlays/prod'])(
    '%s: answers for the domain of its managed certificate',
    (variant) => {
      const objects = renderVariant(variant);
      const ingress = findObject(objects, 'Ingress', 'front');
      const certificate = findObject(objects, 'ManagedCertificate', 'front');
      expect(ingress.spec.rules.map((rule: Json) => rule.host)).toEqual(certificate.spec.domains);
      expect(ingress.metadata.annotations?.['networking.gke.io/managed-certificates']).toBe('front');
    },
  );
});

describe.skipIf(!!kubectlAbsentReason)('rolling updates', () => {
  it.each(VARIANTS)(
    '%s: the front keeps serving while it leaves the load balancer, and finishes within the grace',
    (variant) => {
      const front = findObject(renderVariant(variant), 'Deployment', 'front').spec.template.spec as Json;
      const container = front.containers.find((c: Json) => c.name === 'front');
      const drainSeconds = container.lifecycle?.preStop?.sleep?.seconds;
      expect(drainSeconds, 'preStop sleep').toBeGreaterThanOrEqual(5);
      // The kubelet's grace covers preStop and then the front's own close grace.
      expect(front.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds + FRONT_DEFAULTS.closeGraceMs / 1000);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { containers, podSpecs } from './support/pod-templates.js';
import { kubectlAbsentReason, renderVariant, VARIANTS } from './support/render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field
type Json = any;

function containerProblems(container: Json, init: boolean): string[] {
  const problems: string[] = [];
  const security = container.securityContext ?? {};
  if (security.runAsNonRoot !== true) problems.push('runAsNonRoot is not true');
  if (security.runAsUser !== 1000) problems.push(`runAsUser is ${security.runAsUser}, not 1000`);
  if (security.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation is not false');
  if (security.privileged === true) problems.push('privileged');
  if (security.readOnlyRootFilesystem !== true) problems.push('root filesystem is writable');
  if (JSON.stringify(security.capabilities?.drop) !== '["ALL"]') problems.push('capabilities do not drop ALL');
  if (security.capabilities?.add?.length) problems.push('capabilities added');
  if (security.seccompProfile?.type !== 'RuntimeDefault') problems.push('seccomp is not RuntimeDefault');
  for (const kind of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) problems.push(`no ${resource} ${kind}`);
    }
  }
  // Kubernetes refuses probes on init containers; they run to completion instead.
  if (!init) {
    if (!container.readinessProbe) problems.push('no readiness probe');
    if (!container.livenessProbe) problems.push('no liveness probe');
    for (const port of container.ports ?? []) if (!port.name) problems.push(`port ${port.containerPort} has no name`);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
      if (port !== undefined && typeof port !== 'string')
        problems.push(`probe on port ${port} instead of a named port`);
    }
  }
  return problems;
}

describe.skipIf(!!kubectlAbsentReason)('hardened pods', () => {
  it.each(VARIANTS)('%s: every container has probes, resources and the hardened security context', (variant) => {
    const problems = containers(renderVariant(variant)).flatMap(({ where, container, init }) =>
      containerProblems(container, init).map((problem) => `${where}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it.each(VARIANTS)('%s: every pod runs as uid 1000 with its own ServiceAccount and no API token', (variant) => {
    const objects = renderVariant(variant);
    for (const { where, pod } of podSpecs(objects)) {
      expect(pod.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken, where).toBe(false);
      if (where.endsWith('/front') || where.endsWith('/worker')) {
        expect(pod.serviceAccountName, where).toBe(where.split('/')[1]);
      }
    }
  });

  it.each(VARIANTS)(
    '%s: whatever must be written goes to an emptyDir, and the GitHub secret is only referenced',
    (variant) => {
      const objects = renderVariant(variant);
      expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
      for (const { where, container, pod } of containers(objects).filter((c) => !c.init)) {
        const tmp = (container.volumeMounts ?? []).find((mount: Json) => mount.mountPath === '/tmp');
        expect(tmp, `${where} mounts /tmp`).toBeDefined();
        expect(pod.volumes.find((volume: Json) => volume.name === tmp.name).emptyDir, where).toBeDefined();
      }
    },
  );

  it('catches a container that is not hardened', () => {
    const { container } = containers(renderVariant('k8s/overlays/prod'))[0]!;
    const weakened = {
      ...structuredClone(container),
      securityContext: { runAsNonRoot: true },
      livenessProbe: undefined,
    };
    expect(containerProblems(weakened, false)).toEqual(
      expect.arrayContaining(['root filesystem is writable', 'capabilities do not drop ALL', 'no liveness probe']),
    );
  });
});

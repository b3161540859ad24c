import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type KubeObject, repoRoot } from './render-variant.js';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are checked field by field
type Json = any;

/** A container with where it was found, for messages. */
export interface ContainerAt {
  where: string;
  init: boolean;
  container: Json;
  pod: Json;
}

/** The pod spec of every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob). */
export function podSpecs(objects: KubeObject[]): { where: string; pod: Json }[] {
  const specs: { where: string; pod: Json }[] = [];
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata.name}`;
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) {
      specs.push({ where, pod: object.spec.template.spec });
    } else if (object.kind === 'CronJob') {
      specs.push({ where, pod: object.spec.jobTemplate.spec.template.spec });
    }
  }
  return specs;
}

/** Every container and init container of every workload. */
export function containers(objects: KubeObject[]): ContainerAt[] {
  return podSpecs(objects).flatMap(({ where, pod }) => [
    ...(pod.initContainers ?? []).map((container: Json) => ({
      where: `${where} init ${container.name}`,
      init: true,
      container,
      pod,
    })),
    ...pod.containers.map((container: Json) => ({ where: `${where} ${container.name}`, init: false, container, pod })),
  ]);
}

/**
 * The container ports of the app `name` (container `name` of k8s/base/<name>/deployment.yaml, read
 * as written: no kubectl needed), as EXPOSE writes them.
 */
export function baseContainerPorts(name: string): string[] {
  const deployment: Json = parse(readFileSync(join(repoRoot, `k8s/base/${name}/deployment.yaml`), 'utf8'));
  const container = deployment.spec.template.spec.containers.find((c: Json) => c.name === name);
  if (!container) throw new Error(`k8s/base/${name}/deployment.yaml has no container ${name}`);
  return (container.ports ?? []).map((port: Json) => String(port.containerPort));
}

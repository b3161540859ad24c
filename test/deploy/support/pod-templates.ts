import type { KubeObject } from './render-variant.js';

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

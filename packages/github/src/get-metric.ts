import { Counter, type Registry } from '@labelbot/telemetry';

/** One counter per registry and name, so a client and a labeler sharing a registry never register twice. */
export function getCounter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

import { listVersions, type ModelTarget, readLatest, type StoreBackend } from '@labelbot/store';

export interface VersionRow {
  version: string;
  live: boolean;
  createdAt: string | null;
  labels: number | null;
  withThreshold: number | null;
  heldOutMacroF1: number | null;
}

/** Every stored version of a target, oldest first, with what its manifest says. */
export async function describeVersions(backend: StoreBackend, target: ModelTarget): Promise<VersionRow[]> {
  const [versions, latest] = await Promise.all([listVersions(backend, target), readLatest(backend, target)]);
  const prefix = `${target.owner}/${target.repo}/`;
  return Promise.all(
    versions.map(async (version): Promise<VersionRow> => {
      const stored = await backend.read(`${prefix}${version}/manifest.json`);
      let manifest: Record<string, unknown> = {};
      try {
        manifest = stored ? (JSON.parse(stored.bytes.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        // A broken manifest still lists; loading it is refused elsewhere.
      }
      const thresholds = (manifest.thresholds ?? null) as Record<string, number | null> | null;
      const heldOut = (manifest.metrics as { heldOut?: { atThresholds?: { macroF1?: number } } } | undefined)?.heldOut;
      return {
        version,
        live: latest?.version === version,
        createdAt: typeof manifest.createdAt === 'string' ? manifest.createdAt : null,
        labels: Array.isArray(manifest.labels) ? manifest.labels.length : null,
        withThreshold: thresholds ? Object.values(thresholds).filter((t) => t !== null).length : null,
        heldOutMacroF1: heldOut?.atThresholds?.macroF1 ?? null,
      };
    }),
  );
}

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelManifest } from './types.js';

/** The bytes of a bundle's two files. */
export interface ModelBundle {
  onnx: Uint8Array;
  manifest: ModelManifest;
}

/** manifest.json as written: 2-space JSON, trailing newline (stable bytes for a given manifest). */
export function serializeManifest(manifest: ModelManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Writes `model.onnx` and `manifest.json` into `dir`. Each file goes to a temporary name first and
 * is renamed into place, manifest last, so a crash never leaves a manifest beside the wrong model.
 */
export async function writeBundle(dir: string, bundle: ModelBundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, Uint8Array | string][] = [
    ['model.onnx', bundle.onnx],
    ['manifest.json', serializeManifest(bundle.manifest)],
  ];
  for (const [name, data] of files) {
    const target = join(dir, name);
    await writeFile(`${target}.tmp`, data);
    await rename(`${target}.tmp`, target);
  }
}

import { ModelBundleError } from '@labelbot/model';
import type { BundleFiles } from '@labelbot/store';
import { openStore } from '../publish/open-store.js';

/** `gs://…` or `file://…`: a model in a store rather than a local directory. */
export function isStoreUrl(model: string): boolean {
  return /^(gs|file):\/\//.test(model);
}

/**
 * Reads a bundle from a store URL: a version's prefix (`…/owner/repo/VERSION`, holding model.onnx and
 * manifest.json) or a repository's (`…/owner/repo`, whose LATEST names the version).
 */
export async function readStoredBundle(url: string, env: Record<string, string | undefined>): Promise<BundleFiles> {
  const backend = openStore(url.replace(/\/+$/, ''), env);
  const readVersion = async (prefix: string): Promise<BundleFiles | null> => {
    const [onnx, manifest] = await Promise.all([
      backend.read(`${prefix}model.onnx`),
      backend.read(`${prefix}manifest.json`),
    ]);
    return onnx && manifest ? { onnx: onnx.bytes, manifest: manifest.bytes } : null;
  };
  const direct = await readVersion('');
  if (direct) return direct;
  const latest = (await backend.read('LATEST'))?.bytes.toString('utf8').trim();
  if (!latest) throw new ModelBundleError(`${url}: no model.onnx + manifest.json and no LATEST there`);
  const live = await readVersion(`${latest}/`);
  if (!live)
    throw new ModelBundleError(`${url}: LATEST names ${latest}, but its model.onnx or manifest.json is missing`);
  return live;
}

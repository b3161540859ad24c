import { fileURLToPath } from 'node:url';

export type StoreLocation = { kind: 'gs'; bucket: string; prefix: string } | { kind: 'file'; dir: string };

/** `gs://bucket/some/prefix` or `file:///abs/dir` (also `file://./rel` from the working directory). */
export function parseStoreUrl(url: string): StoreLocation {
  const gs = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,221}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (gs) {
    const prefix = (gs[2] ?? '').replace(/\/+$/, '');
    return { kind: 'gs', bucket: gs[1] as string, prefix };
  }
  if (url.startsWith('file://./') || url === 'file://.') {
    return { kind: 'file', dir: url.slice('file://'.length) };
  }
  if (url.startsWith('file:///')) return { kind: 'file', dir: fileURLToPath(url) };
  throw new Error(
    `MODEL_STORE_URL '${url}' is not a store URL: use gs://bucket/prefix (Cloud Storage) or file:///absolute/dir`,
  );
}

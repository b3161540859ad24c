import { createFileBackend } from './create-file-backend.js';
import { createGcsBackend } from './create-gcs-backend.js';
import { parseStoreUrl } from './parse-store-url.js';
import type { StoreBackend } from './store-backend.js';

/** The backend for a `MODEL_STORE_URL`. `apiEndpoint` only applies to gs:// (tests' stand-in). */
export function createStoreBackend(
  url: string,
  options: { apiEndpoint?: string; maxRetries?: number } = {},
): StoreBackend {
  const location = parseStoreUrl(url);
  if (location.kind === 'file') return createFileBackend(location.dir);
  return createGcsBackend({ bucket: location.bucket, prefix: location.prefix, ...options });
}

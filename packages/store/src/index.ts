export { bundlePath, latestPath, type ModelTarget, ORG_MODEL, targetName, targetPrefix } from './bundle-layout.js';
export {
  type BundleFiles,
  type LatestPointer,
  listVersions,
  moveLatest,
  putBundleVersion,
  readBundleVersion,
  readLatest,
  readPrevious,
  setLatest,
} from './bundle-operations.js';
export { createFileBackend } from './create-file-backend.js';
export { createGcsBackend, type GcsBackendOptions } from './create-gcs-backend.js';
export {
  createModelStore,
  type ModelSource,
  type ModelStore,
  type ModelStoreOptions,
  type ResolvedModel,
} from './create-model-store.js';
export { createStoreBackend } from './create-store-backend.js';
export { parseStoreUrl, type StoreLocation } from './parse-store-url.js';
export type { Listing, StoreBackend, StoredObject, WriteOptions } from './store-backend.js';
export { STORE_DEFAULTS } from './store-defaults.js';
export { PreconditionFailedError, StoreUnavailableError } from './store-errors.js';

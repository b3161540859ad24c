/** An object's bytes and its generation (GCS generation; a change counter for file://). */
export interface StoredObject {
  bytes: Buffer;
  generation: string;
}

export interface WriteOptions {
  /** Write only if the object is at this generation; `'0'` = only if it does not exist yet. */
  ifGenerationMatch?: string;
}

export interface Listing {
  /** Full object names directly under the prefix. */
  names: string[];
  /** "Directories" directly under the prefix, each ending in `/`. */
  prefixes: string[];
}

/**
 * Object storage under one base (`gs://bucket/prefix` or `file:///dir`); paths are relative
 * to the base and use `/`. Reads return null for a missing object; an unreachable store
 * throws StoreUnavailableError; a lost precondition throws PreconditionFailedError.
 */
export interface StoreBackend {
  readonly url: string;
  read(path: string): Promise<StoredObject | null>;
  write(path: string, bytes: Uint8Array, options?: WriteOptions): Promise<{ generation: string }>;
  list(prefix: string): Promise<Listing>;
}

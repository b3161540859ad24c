/** The one place for the model store's defaults (the worker's env parsing falls back to these). */
export const STORE_DEFAULTS = {
  /** Bytes of model.onnx kept loaded; a repository model is typically 1–10 MB. */
  maxBytes: 512 * 1024 * 1024,
  /** How often a repository's LATEST is checked again. */
  refreshIntervalMs: 60_000,
  /**
   * An evicted model is released this long after eviction, or once the predictions running on it
   * settle if that is later. A handler calls predict right after it got the model, so a short time
   * is enough; what a store holds beyond its bound is the models evicted in the last quarter second.
   */
  releaseDelayMs: 250,
  /**
   * A refused version (corrupt, incompatible, files missing) is not loaded again for this long; after
   * it, the next LATEST check tries once more, so a version whose files were put right is picked up.
   */
  refusalRetryMs: 10 * 60_000,
} as const;

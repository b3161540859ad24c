/** The one place for the model store's defaults (the worker's env parsing falls back to these). */
export const STORE_DEFAULTS = {
  /** Bytes of model.onnx kept loaded; a repository model is typically 1–10 MB. */
  maxBytes: 512 * 1024 * 1024,
  /** How often a repository's LATEST is checked again. */
  refreshIntervalMs: 60_000,
  /** An evicted model is released after this, so predictions running on it can finish. */
  releaseDelayMs: 30_000,
} as const;

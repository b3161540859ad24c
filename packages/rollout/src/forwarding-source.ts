/** A snapshot of the forwarding file with the version it was read at. */
export interface ForwardingSnapshot {
  text: string;
  /** Opaque: a ConfigMap's resourceVersion, or the file's content for a local file. */
  version: string;
  /** The ConfigMap's resourceVersion, to show the operator; absent for a file. */
  revision?: string;
}

/** Where `forwarded_repo.yaml` lives: a local file or a key of a ConfigMap. */
export interface ForwardingSource {
  /** Human-readable location, e.g. `configmap labelbot/labelbot-forwarding key forwarded_repo.yaml`. */
  readonly description: string;
  read(): Promise<ForwardingSnapshot>;
  /** Writes `text` only if the source is still at `version`; otherwise throws {@link ForwardingConflictError}. */
  write(text: string, version: string): Promise<ForwardingSnapshot>;
}

/** The source changed since it was read: the write was refused, nothing was overwritten. */
export class ForwardingConflictError extends Error {
  override readonly name = 'ForwardingConflictError';

  constructor(description: string, detail: string) {
    super(`${description} changed since it was read (${detail}); nothing was written — read it again and retry`);
  }
}

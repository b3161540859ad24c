/** The store could not be reached or answered with a server error: transient, retry later. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** A conditional write lost: the object's generation is not the one the caller read. */
export class PreconditionFailedError extends Error {
  override name = 'PreconditionFailedError';
}

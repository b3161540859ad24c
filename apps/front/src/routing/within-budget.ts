/** Thrown by {@link withinBudget} when the work is still running at the deadline. */
export class BudgetExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'BudgetExceededError';
  }
}

/**
 * Resolves as `work` does, or rejects with BudgetExceededError after `ms`. The work itself keeps
 * running (a promise cannot be cancelled): the caller decides what to do with its late outcome.
 */
export async function withinBudget<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceededError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

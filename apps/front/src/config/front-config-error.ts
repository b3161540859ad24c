/** A start-up configuration problem; the message says which variable is wrong and how to fix it. */
export class FrontConfigError extends Error {
  override readonly name = 'FrontConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`labelbot front cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

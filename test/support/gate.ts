/** A promise the test opens when it chooses: `held` resolves once `release()` is called. */
export function gate(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

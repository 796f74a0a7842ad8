// Per-scenario state shared by the steps of one feature; reset before every scenario.
export function createWorld<T extends object>(initial: () => T) {
  let current = initial();
  return {
    get value(): T {
      return current;
    },
    reset(): void {
      current = initial();
    },
  };
}

/** Runs `fn` and returns what it threw; fails when it did not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw, but it returned normally");
}

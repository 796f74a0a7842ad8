import { fileURLToPath } from "node:url";

/** Absolute path of a feature file, resolved from the step file that loads it. */
export function featurePath(name: string, from: string): string {
  return fileURLToPath(new URL(`../features/${name}`, from));
}

/** Runs `fn` (sync or async) and returns what it threw; fails when it did not throw. */
export async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw, but it returned normally");
}

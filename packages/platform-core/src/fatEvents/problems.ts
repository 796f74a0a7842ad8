import { CoreError } from "../errors/coreError.js";
import type { CoreErrorCode, CoreProblem } from "../errors/coreError.js";

/** Collects every problem of one definition, so one error lists them all. */
export class Problems {
  private readonly list: CoreProblem[] = [];

  add(code: CoreErrorCode, message: string): void {
    this.list.push({ code, message });
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws a `CoreError` naming `subject` when anything was found. */
  throwIfAny(subject: string): void {
    const [first, ...rest] = this.list;
    if (first !== undefined) throw new CoreError([first, ...rest], subject);
  }
}

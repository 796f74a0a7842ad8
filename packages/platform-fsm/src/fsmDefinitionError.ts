export const INVALID_FSM_DEFINITION = "INVALID_FSM_DEFINITION";

/** Thrown by `defineFSM` with every problem found in the definition, not just the first. */
export class FSMDefinitionError extends Error {
  readonly code = INVALID_FSM_DEFINITION;
  override readonly name = "FSMDefinitionError";
  readonly fsm: string;
  readonly problems: readonly string[];

  constructor(fsm: string, problems: readonly string[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `${fsm}: invalid FSM definition (${count}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.fsm = fsm;
    this.problems = Object.freeze([...problems]);
  }
}

export function isFSMDefinitionError(e: unknown): e is FSMDefinitionError {
  return e instanceof Error && (e as { code?: unknown }).code === INVALID_FSM_DEFINITION;
}

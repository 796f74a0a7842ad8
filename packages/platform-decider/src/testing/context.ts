import type { DecisionContext } from "../decider.js";

/** The context every spec uses unless told otherwise: fixed time and ids, so runs repeat. */
export const defaultSpecContext: DecisionContext = Object.freeze({
  now: Date.UTC(2025, 0, 1),
  commandId: "cmd_spec",
  correlationId: "corr_spec",
});

/** Fields to override, or a factory called once per `when`. */
export type SpecContextOption<TContext> = Partial<TContext> | (() => TContext);

export function resolveContext<TContext>(
  option: SpecContextOption<TContext> | undefined,
  overrides: Partial<TContext> | undefined,
): TContext {
  const base = typeof option === "function" ? option() : { ...defaultSpecContext, ...option };
  return { ...base, ...overrides } as TContext;
}

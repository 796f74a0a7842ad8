// A warehouse as a Dynamic Consistency Boundary: one stream per product, one scope per
// warehouse, and a pure decider that sees the whole scope to reserve several products at once.
import { defineDecider, fold, rejected, success } from "@convex-es/platform-decider";
import type {
  Command,
  Decider,
  DeciderOutput,
  DecisionContext,
  Event,
} from "@convex-es/platform-decider";
import type { CommitScopeResult, EventEnvelope, EventStore } from "@convex-es/platform-store";
import type { Runner } from "./eventStoreApp.js";

export type Line = { sku: string; quantity: number };

export type StockItems = Command<"StockItems", { lines: Line[] }>;
export type ReserveItems = Command<"ReserveItems", { orderId: string; lines: Line[] }>;
export type InventoryCommand = StockItems | ReserveItems;

export type StockAdded = Event<"StockAdded", { sku: string; quantity: number; at: number }>;
export type StockReserved = Event<
  "StockReserved",
  { orderId: string; sku: string; quantity: number; at: number }
>;
export type InventoryEvent = StockAdded | StockReserved;

export type InventoryState = { available: Readonly<Record<string, number>> };

export const inventoryDecider = defineDecider<InventoryState, InventoryCommand, InventoryEvent>({
  initialState: { available: {} },
  decide: (state, command, context): DeciderOutput<InventoryEvent> => {
    switch (command.type) {
      case "StockItems": {
        const [first, ...rest] = command.data.lines.map((line): InventoryEvent => ({
          type: "StockAdded",
          data: { ...line, at: context.now },
        }));
        if (first === undefined) return rejected("NO_LINES", "Nothing to stock");
        return success([first, ...rest]);
      }
      case "ReserveItems": {
        for (const line of command.data.lines) {
          const available = state.available[line.sku] ?? 0;
          if (available < line.quantity) {
            return rejected(
              "INSUFFICIENT_STOCK",
              `Only ${available} of ${line.sku} available, ${line.quantity} requested`,
              { sku: line.sku, available, requested: line.quantity },
            );
          }
        }
        const [first, ...rest] = command.data.lines.map((line): InventoryEvent => ({
          type: "StockReserved",
          data: { orderId: command.data.orderId, ...line, at: context.now },
        }));
        if (first === undefined) return rejected("NO_LINES", "Nothing to reserve");
        return success([first, ...rest]);
      }
      default: {
        const unhandled: never = command;
        return unhandled;
      }
    }
  },
  evolve: (state, event) => {
    const { sku, quantity } = event.data;
    const current = state.available[sku] ?? 0;
    switch (event.type) {
      case "StockAdded":
        return { available: { ...state.available, [sku]: current + quantity } };
      case "StockReserved":
        return { available: { ...state.available, [sku]: current - quantity } };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
});

/** The decider's view of a stored event. */
export function toInventoryEvent(event: EventEnvelope): InventoryEvent {
  return { type: event.eventType, data: event.payload } as InventoryEvent;
}

export type ScopeOperation = {
  store: EventStore;
  scopeKey: string;
  tenantId: string;
  boundedContext: string;
  decider: Decider<InventoryState, InventoryCommand, InventoryEvent>;
  command: InventoryCommand;
  context: DecisionContext;
  /** Read the scope at this version instead of its latest: models a decision made earlier. */
  decideOnVersion?: number;
};

export type ScopeOperationResult = {
  output: DeciderOutput<InventoryEvent>;
  state: InventoryState;
  commit: CommitScopeResult | null;
};

/**
 * A DCB operation: loads the scope's virtual stream, folds it with the decider, decides, and
 * commits the events of a success to the products' streams under the scope's version. A
 * rejection or failure commits nothing.
 */
export async function runScopeOperation(
  run: Runner,
  operation: ScopeOperation,
): Promise<ScopeOperationResult> {
  const { store, scopeKey, tenantId, boundedContext, decider } = operation;
  return await run.mutation(async (ctx) => {
    const events: EventEnvelope[] = [];
    let scopeVersion = 0;
    let after = 0;
    for (;;) {
      const page = await store.readVirtualStream(ctx, { scopeKey, tenantId, after, limit: 500 });
      events.push(...page.events);
      scopeVersion = page.scopeVersion;
      after = page.nextPosition;
      if (page.isDone) break;
    }
    const state = fold(decider, events.map(toInventoryEvent));
    const output = decider.decide(state, operation.command, operation.context);
    if (output.status !== "success") return { output, state, commit: null };
    const commit = await store.commitScope(ctx, {
      scopeKey,
      tenantId,
      expectedVersion: operation.decideOnVersion ?? scopeVersion,
      events: output.events.map((event) => ({
        streamType: "Product",
        streamId: event.data.sku,
        boundedContext,
        eventType: event.type,
        payload: event.data,
        metadata: {
          correlationId: operation.context.correlationId,
          commandId: operation.context.commandId,
        },
      })),
    });
    return { output, state, commit };
  });
}
